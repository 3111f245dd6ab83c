//! The logical structure (tag tree) the layout builds as it places content.
//! Written into the PDF by [`super::structure`].

/// An element of the structure tree.
#[derive(Debug, Clone)]
pub struct Elem {
    /// Standard structure type: Document, H1, P, L, LI, Lbl, LBody, Table, …
    pub role: &'static str,
    pub kids: Vec<Kid>,
    /// Alternative text (figures).
    pub alt: Option<String>,
    /// Table header scope: Column or Row.
    pub scope: Option<&'static str>,
    /// Table cell column span, when over 1.
    pub colspan: Option<u32>,
    /// Where a figure is drawn: [llx lly urx ury] in PDF user space (points
    /// from the page's bottom-left), as PDF/UA asks of Figure elements.
    pub bbox: Option<[f32; 4]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    Elem(usize),
    /// Marked content `mcid` on page `page` (0-based).
    Content {
        page: usize,
        mcid: u32,
    },
    /// Link annotation `index` of page `page`.
    Annot {
        page: usize,
        index: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Tree {
    pub elems: Vec<Elem>,
}

/// The root element's index.
pub const ROOT: usize = 0;

impl Default for Tree {
    fn default() -> Self {
        Tree {
            elems: vec![Elem::new("Document")],
        }
    }
}

impl Elem {
    fn new(role: &'static str) -> Self {
        Elem {
            role,
            kids: Vec::new(),
            alt: None,
            scope: None,
            colspan: None,
            bbox: None,
        }
    }
}

impl Tree {
    /// Adds an element as the last child of `parent`.
    pub fn add(&mut self, parent: usize, role: &'static str) -> usize {
        let id = self.elems.len();
        self.elems.push(Elem::new(role));
        self.elems[parent].kids.push(Kid::Elem(id));
        id
    }

    pub fn get_mut(&mut self, id: usize) -> &mut Elem {
        &mut self.elems[id]
    }

    /// Each page's marked-content ids in the order the tree reads them,
    /// depth first. Each kid is visited once: every element has one parent.
    pub fn content_order(&self, pages: usize) -> Vec<Vec<u32>> {
        let mut order = vec![Vec::new(); pages];
        let mut stack = vec![(ROOT, 0usize)];
        while let Some((e, i)) = stack.pop() {
            let Some(kid) = self.elems[e].kids.get(i) else {
                continue;
            };
            stack.push((e, i + 1));
            match *kid {
                Kid::Elem(child) => stack.push((child, 0)),
                Kid::Content { page, mcid } => {
                    if let Some(o) = order.get_mut(page) {
                        o.push(mcid);
                    }
                }
                Kid::Annot { .. } => {}
            }
        }
        order
    }

    /// Renumbers marked content: `remap[page][old]` is the new id.
    pub fn renumber(&mut self, remap: &[Vec<u32>]) {
        for e in &mut self.elems {
            for kid in &mut e.kids {
                if let Kid::Content { page, mcid } = kid {
                    if let Some(new) = remap.get(*page).and_then(|r| r.get(*mcid as usize)) {
                        *mcid = *new;
                    }
                }
            }
        }
    }
}
