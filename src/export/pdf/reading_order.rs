//! Paints each page's content in the order its tags read. Content is
//! placed where it goes on the page, which is not always the order it is
//! read in: a footnote is read after the sentence that refers to it but
//! set at the foot of the page, after everything else. Readers that follow
//! the content stream (reflow, older assistive technology), and PDF/UA's
//! reading order (Matterhorn 09-001), want the two to agree.

use super::pagination::{Marked, Page};
use super::tagging::Tree;

/// Reorders each page's marked runs into the tree's reading order and
/// renumbers their marked-content ids to match. An artifact keeps its
/// place before the tagged run that followed it (a callout's background
/// stays under its text, a rule with the note it separates); artifacts
/// after the last tagged run (running head, footer) stay last. Positions
/// on the page do not change; nothing that overlaps is reordered, since
/// only tagged runs move, each with the artifacts drawn just before it.
/// Linear in the runs, but for the sort of a page that needs one.
pub fn apply(pages: &mut [Page], tree: &mut Tree) {
    let order = tree.content_order(pages.len());
    let mut remaps = Vec::with_capacity(pages.len());
    for (page, reading) in pages.iter_mut().zip(&order) {
        remaps.push(reorder(&mut page.marked, reading));
    }
    if remaps.iter().any(|r| !r.is_empty()) {
        tree.renumber(&remaps);
    }
}

/// Sorts one page's runs; the new id of each old marked-content id, or
/// nothing when the page is already in order.
fn reorder(marked: &mut Vec<Marked>, reading: &[u32]) -> Vec<u32> {
    let ids = marked.iter().filter_map(|m| m.tag).count();
    let mut rank = vec![usize::MAX; ids.max(reading.len())];
    for (i, &mcid) in reading.iter().enumerate() {
        if let Some(r) = rank.get_mut(mcid as usize) {
            *r = i;
        }
    }
    // Each run's key: its tagged run's rank; an artifact takes the rank
    // of the next tagged run.
    let mut keys = vec![usize::MAX; marked.len()];
    let mut next = usize::MAX;
    for (i, m) in marked.iter().enumerate().rev() {
        if let Some((_, mcid)) = m.tag {
            next = rank.get(mcid as usize).copied().unwrap_or(usize::MAX);
        }
        keys[i] = next;
    }
    if keys.is_sorted() {
        return Vec::new();
    }
    let mut by_key: Vec<usize> = (0..marked.len()).collect();
    by_key.sort_by_key(|&i| keys[i]);
    let mut old: Vec<Option<Marked>> = std::mem::take(marked).into_iter().map(Some).collect();
    let mut remap = vec![0u32; ids];
    let mut fresh = 0u32;
    for i in by_key {
        let mut m = old[i].take().expect("each run is taken once");
        if let Some((elem, mcid)) = m.tag {
            if let Some(r) = remap.get_mut(mcid as usize) {
                *r = fresh;
            }
            m.tag = Some((elem, fresh));
            fresh += 1;
        }
        marked.push(m);
    }
    remap
}
