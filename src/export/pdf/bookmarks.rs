//! The PDF outline (bookmarks): chapters, with their sections beneath (a
//! committee pack: appendices, their chapters, and their sections).

use std::collections::HashMap;

use lopdf::{dictionary, Document as Lo, Object, ObjectId};

use super::pagination::{Page, Place};
use super::structure::{dest, text};
use crate::compose::ContentsEntry;

/// The deepest level of the outline.
const MAX_DEPTH: u8 = 3;

struct Item {
    title: String,
    place: Place,
    kids: Vec<Item>,
}

pub fn add(
    lo: &mut Lo,
    entries: &[ContentsEntry],
    anchors: &HashMap<String, Place>,
    laid: &[Page],
) -> lopdf::Result<()> {
    let mut items: Vec<Item> = Vec::new();
    for e in entries {
        let Some(&place) = anchors.get(&e.anchor) else {
            continue;
        };
        let title = match &e.label {
            Some(l) => format!("{l} {}", e.title),
            None => e.title.clone(),
        };
        let item = Item {
            title,
            place,
            kids: Vec::new(),
        };
        // Under the last item of the level above, as deep as the entry's
        // level (a pack's appendix, its chapters, their sections).
        let mut siblings = &mut items;
        for _ in 1..e.level.clamp(1, MAX_DEPTH) {
            if siblings.is_empty() {
                break;
            }
            siblings = &mut siblings.last_mut().expect("not empty").kids;
        }
        siblings.push(item);
    }
    if items.is_empty() {
        return Ok(());
    }
    let pages: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    let root = lo.new_object_id();
    let (first, last, count) = level(lo, &items, root, &pages, laid);
    lo.set_object(
        root,
        dictionary! { "Type" => "Outlines", "First" => first, "Last" => last, "Count" => count },
    );
    let catalog = lo.catalog_mut()?;
    catalog.set("Outlines", Object::Reference(root));
    catalog.set("PageMode", "UseOutlines");
    Ok(())
}

/// Writes one level of items under `parent`; returns first, last and count.
fn level(
    lo: &mut Lo,
    items: &[Item],
    parent: ObjectId,
    pages: &[ObjectId],
    laid: &[Page],
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = items.iter().map(|_| lo.new_object_id()).collect();
    let count = items.len() as i64;
    for (i, item) in items.iter().enumerate() {
        let mut d = dictionary! {
            "Title" => text(&item.title),
            "Parent" => parent,
            "Dest" => dest(pages[item.place.0], item.place.1, laid[item.place.0].geo.height),
        };
        if i > 0 {
            d.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            d.set("Next", ids[i + 1]);
        }
        if !item.kids.is_empty() {
            let (f, l, _) = level(lo, &item.kids, ids[i], pages, laid);
            d.set("First", f);
            d.set("Last", l);
            // Chapters start closed: a negative count.
            d.set("Count", -(item.kids.len() as i64));
        }
        lo.set_object(ids[i], d);
    }
    (ids[0], *ids.last().expect("items are not empty"), count)
}
