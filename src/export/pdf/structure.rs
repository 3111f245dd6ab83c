//! What printpdf cannot write, added to its output with lopdf: the
//! structure tree (StructTreeRoot, ParentTree, MarkInfo, Lang), link
//! annotations tagged as Link elements, and viewer preferences.

use std::collections::HashMap;

use lopdf::{dictionary, Dictionary, Document as Lo, Object, ObjectId, StringFormat};

use super::pagination::{Page, Place, Target};
use super::tagging::{Elem, Kid, Tree, ROOT};

/// A PDF text string: PDFDocEncoding for ASCII, UTF-16BE otherwise.
pub fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A destination: the page and a point near the top of what it names.
pub fn dest(page: ObjectId, y_top_down: f32, height: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        "XYZ".into(),
        Object::Null,
        Object::Real(height - y_top_down + 6.0),
        Object::Null,
    ])
}

pub struct Targets<'a> {
    pub anchors: &'a HashMap<String, Place>,
    pub notes: &'a HashMap<u32, Place>,
}

/// An element's attributes: one dictionary per owner (Table, Layout), an
/// array of them when it has more than one; None when it has none.
fn attributes(e: &Elem) -> Option<Object> {
    let mut owners = Vec::new();
    let mut table = Dictionary::new();
    if let Some(scope) = e.scope {
        table.set("Scope", scope);
    }
    if let Some(span) = e.colspan {
        table.set("ColSpan", span as i64);
    }
    if !table.is_empty() {
        table.set("O", "Table");
        owners.push(Object::Dictionary(table));
    }
    if let Some(b) = e.bbox {
        let bbox = b.iter().map(|v| Object::Real(*v)).collect::<Vec<_>>();
        owners.push(Object::Dictionary(
            dictionary! { "O" => "Layout", "BBox" => bbox },
        ));
    }
    match owners.len() {
        0 => None,
        1 => owners.pop(),
        _ => Some(Object::Array(owners)),
    }
}

/// Adds the tag tree and links to `lo`, whose pages are `pages` in order.
pub fn add(
    lo: &mut Lo,
    pages: &[Page],
    tree: &Tree,
    targets: &Targets<'_>,
    lang: &str,
) -> lopdf::Result<()> {
    let page_ids: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    let elem_ids: Vec<ObjectId> = tree.elems.iter().map(|_| lo.new_object_id()).collect();
    let root_id = lo.new_object_id();

    // Parents, and for each page the element behind each MCID.
    let mut parent = vec![None; tree.elems.len()];
    let mut by_mcid: Vec<Vec<(u32, usize)>> = vec![Vec::new(); pages.len()];
    let mut annot_elem: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, e) in tree.elems.iter().enumerate() {
        for k in &e.kids {
            match *k {
                Kid::Elem(c) => parent[c] = Some(i),
                Kid::Content { page, mcid } => by_mcid[page].push((mcid, i)),
                Kid::Annot { page, index } => {
                    annot_elem.insert((page, index), i);
                }
            }
        }
    }

    // Link annotations, numbered for the parent tree after the pages.
    let mut nums = Vec::new();
    for (p, list) in by_mcid.iter_mut().enumerate() {
        list.sort();
        let arr: Vec<Object> = list
            .iter()
            .map(|(_, e)| Object::Reference(elem_ids[*e]))
            .collect();
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(arr));
    }
    let mut next_key = pages.len() as i64;
    let mut annot_ids: HashMap<(usize, usize), ObjectId> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        let mut annots = Vec::new();
        for (index, l) in page.links.iter().enumerate() {
            let (action_key, action, contents) = match &l.target {
                Target::Uri(uri) => (
                    "A",
                    Object::Dictionary(
                        dictionary! { "S" => "URI", "URI" => Object::string_literal(uri.as_str()) },
                    ),
                    format!("Link to {uri}"),
                ),
                Target::Anchor(a) => match targets.anchors.get(a) {
                    Some(&(tp, y)) => (
                        "Dest",
                        dest(page_ids[tp], y, pages[tp].geo.height),
                        "Go to this part of the plan".to_owned(),
                    ),
                    None => continue,
                },
                Target::Footnote(n) => match targets.notes.get(n) {
                    Some(&(tp, y)) => (
                        "Dest",
                        dest(page_ids[tp], y, pages[tp].geo.height),
                        format!("Footnote {n}"),
                    ),
                    None => continue,
                },
            };
            let height = page.geo.height;
            let key = next_key;
            next_key += 1;
            let mut d = dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => vec![l.x.into(), (height - l.y - l.h).into(), (l.x + l.w).into(), (height - l.y).into()],
                "Border" => vec![0.into(), 0.into(), 0.into()],
                // Print: PDF/UA (via PDF/A's annotation rules) wants it set.
                "F" => 4,
                "StructParent" => key,
                "Contents" => text(&contents),
                "P" => Object::Reference(page_ids[p]),
            };
            d.set(action_key, action);
            let id = lo.add_object(d);
            annot_ids.insert((p, index), id);
            annots.push(Object::Reference(id));
            nums.push(Object::Integer(key));
            nums.push(Object::Reference(elem_ids[l.elem]));
        }
        let pd = lo.get_dictionary_mut(page_ids[p])?;
        pd.set("StructParents", p as i64);
        pd.set("Tabs", "S");
        if !annots.is_empty() {
            pd.set("Annots", annots);
        }
    }

    for (i, e) in tree.elems.iter().enumerate() {
        let mut kids = Vec::new();
        let mut first_page = None;
        for k in &e.kids {
            match *k {
                Kid::Elem(c) => kids.push(Object::Reference(elem_ids[c])),
                Kid::Content { page, mcid } => {
                    let pg = *first_page.get_or_insert(page);
                    if pg == page {
                        kids.push(Object::Integer(mcid as i64));
                    } else {
                        kids.push(Object::Dictionary(dictionary! {
                            "Type" => "MCR",
                            "Pg" => Object::Reference(page_ids[page]),
                            "MCID" => mcid as i64,
                        }));
                    }
                }
                Kid::Annot { page, index } => {
                    if let Some(id) = annot_ids.get(&(page, index)) {
                        kids.push(Object::Dictionary(dictionary! {
                            "Type" => "OBJR",
                            "Pg" => Object::Reference(page_ids[page]),
                            "Obj" => Object::Reference(*id),
                        }));
                    }
                }
            }
        }
        let mut d = dictionary! {
            "Type" => "StructElem",
            "S" => e.role,
            "P" => Object::Reference(parent[i].map_or(root_id, |p| elem_ids[p])),
            "K" => kids,
        };
        if let Some(pg) = first_page {
            d.set("Pg", Object::Reference(page_ids[pg]));
        }
        if let Some(alt) = &e.alt {
            d.set("Alt", text(alt));
        }
        // PDF/UA asks every Note for an ID unique in the document.
        if e.role == "Note" {
            d.set("ID", Object::string_literal(format!("note-{i}")));
        }
        if let Some(a) = attributes(e) {
            d.set("A", a);
        }
        lo.set_object(elem_ids[i], d);
    }

    let parent_tree = lo.add_object(dictionary! { "Nums" => nums });
    lo.set_object(
        root_id,
        dictionary! {
            "Type" => "StructTreeRoot",
            "K" => vec![Object::Reference(elem_ids[ROOT])],
            "ParentTree" => Object::Reference(parent_tree),
            "ParentTreeNextKey" => next_key,
        },
    );
    let catalog = lo.catalog_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set("MarkInfo", dictionary! { "Marked" => true });
    catalog.set("Lang", text(lang));
    catalog.set(
        "ViewerPreferences",
        dictionary! { "DisplayDocTitle" => true },
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(o: &Object) -> &[u8] {
        o.as_dict().unwrap().get(b"O").unwrap().as_name().unwrap()
    }

    #[test]
    fn an_element_with_table_and_layout_attributes_gets_both() {
        let mut tree = Tree::default();
        let th = tree.add(ROOT, "TH");
        assert!(attributes(&tree.elems[th]).is_none());
        tree.get_mut(th).scope = Some("Column");
        assert_eq!(owner(&attributes(&tree.elems[th]).unwrap()), b"Table");
        tree.get_mut(th).bbox = Some([68.0, 100.0, 200.0, 140.0]);
        let Some(Object::Array(both)) = attributes(&tree.elems[th]) else {
            panic!("two owners make an array");
        };
        let owners: Vec<&[u8]> = both.iter().map(owner).collect();
        assert_eq!(owners, [b"Table".as_slice(), b"Layout"]);
        let bbox = both[1].as_dict().unwrap().get(b"BBox").unwrap();
        assert_eq!(bbox.as_array().unwrap().len(), 4);
    }
}
