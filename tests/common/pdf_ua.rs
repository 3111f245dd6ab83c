//! PDF/UA-1 as far as a machine can tell: the failure conditions of the
//! Matterhorn Protocol 1.1 marked "machine", checked on an exported file
//! read back with lopdf. Every export that claims PDF/UA (the plan now;
//! appendices and committee packs later) is held to [`assert_conforms`].
//! docs/pdf-ua.md lists the checkpoints and where each is checked.

use std::collections::{HashMap, HashSet};

use lopdf::{content::Content, Dictionary, Document, Object, ObjectId};

/// Panics listing every failure found in `pdf` (the file's bytes).
pub fn assert_conforms(pdf: &[u8]) {
    let found = failures(pdf);
    assert!(
        found.is_empty(),
        "{} PDF/UA failure(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Each failure as "checkpoint: what and where".
pub fn failures(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("lopdf reads the file");
    let mut c = Check {
        doc: &doc,
        out: Vec::new(),
    };
    c.catalog();
    let tree = c.tree();
    c.pages(&tree);
    c.out
}

struct Check<'a> {
    doc: &'a Document,
    out: Vec<String>,
}

/// What the structure tree says, gathered in one walk from the root.
#[derive(Default)]
struct Tree {
    /// Every marked-content reference in tree (reading) order:
    /// (page, MCID, element).
    content: Vec<(ObjectId, i64, ObjectId)>,
    /// Annotation → the element holding it by OBJR.
    annots: HashMap<ObjectId, ObjectId>,
    /// Element → its structure type.
    roles: HashMap<ObjectId, Vec<u8>>,
    /// The parent tree: key → value.
    parents: HashMap<i64, Object>,
}

/// PDF 1.7's standard structure types (ISO 32000-1, 14.8.4).
const STANDARD: &[&str] = &[
    "Document",
    "Part",
    "Art",
    "Sect",
    "Div",
    "BlockQuote",
    "Caption",
    "TOC",
    "TOCI",
    "Index",
    "NonStruct",
    "Private",
    "P",
    "H",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "L",
    "LI",
    "Lbl",
    "LBody",
    "Table",
    "TR",
    "TH",
    "TD",
    "THead",
    "TBody",
    "TFoot",
    "Span",
    "Quote",
    "Note",
    "Reference",
    "BibEntry",
    "Code",
    "Link",
    "Annot",
    "Ruby",
    "RB",
    "RT",
    "RP",
    "Warichu",
    "WT",
    "WP",
    "Figure",
    "Formula",
    "Form",
];

/// Operators that paint: each must be inside an artifact or tagged content.
const PAINTING: &[&str] = &[
    "Tj", "TJ", "'", "\"", "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "BI",
];

impl<'a> Check<'a> {
    fn fail(&mut self, checkpoint: &str, what: String) {
        self.out.push(format!("{checkpoint}: {what}"));
    }

    // Tied to the document, not to `self`, so failures can be noted while
    // its objects are borrowed.
    fn deref<'o>(&self, o: &'o Object) -> &'o Object
    where
        'a: 'o,
    {
        match o {
            Object::Reference(id) => self.doc.get_object(*id).unwrap_or(o),
            _ => o,
        }
    }

    fn dict<'o>(&self, o: &'o Object) -> Option<&'o Dictionary>
    where
        'a: 'o,
    {
        self.deref(o).as_dict().ok()
    }

    /// The page's resources of one kind (`Font`, `XObject`), by name.
    fn resources<'o>(&self, page: &'o Dictionary, kind: &[u8]) -> Option<&'o Dictionary>
    where
        'a: 'o,
    {
        let resources = self.dict(page.get(b"Resources").ok()?)?;
        self.dict(resources.get(kind).ok()?)
    }

    fn catalog(&mut self) {
        let doc = self.doc;
        let cat = doc.catalog().expect("the file has a catalog");
        match cat
            .get(b"Metadata")
            .ok()
            .and_then(|m| self.deref(m).as_stream().ok())
        {
            None => self.fail("06-001", "no XMP metadata stream".into()),
            Some(s) => {
                let bytes = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                let xmp = String::from_utf8_lossy(&bytes);
                let part = xmp.contains("<pdfuaid:part>1</pdfuaid:part>")
                    || xmp.contains("pdfuaid:part=\"1\"");
                if !part || !xmp.contains("http://www.aiim.org/pdfua/ns/id/") {
                    self.fail("06-002", "the XMP does not claim pdfuaid:part 1".into());
                }
                if !xmp.contains("<dc:title>") {
                    self.fail("06-003", "the XMP has no dc:title".into());
                }
            }
        }
        let display = cat
            .get(b"ViewerPreferences")
            .ok()
            .and_then(|v| self.dict(v))
            .and_then(|v| v.get(b"DisplayDocTitle").ok())
            .map(|d| self.deref(d).as_bool().ok());
        match display {
            None => self.fail("07-001", "no ViewerPreferences DisplayDocTitle".into()),
            Some(Some(true)) => {}
            Some(_) => self.fail("07-002", "DisplayDocTitle is not true".into()),
        }
        let lang = cat
            .get(b"Lang")
            .ok()
            .and_then(|l| self.deref(l).as_str().ok());
        if lang.is_none_or(|l| l.is_empty()) {
            self.fail("11-001", "the catalog has no /Lang".into());
        }
        // Embedded files (a committee pack's attached PDFs): each file
        // specification names the file with F and UF.
        let embedded = cat
            .get(b"Names")
            .ok()
            .and_then(|n| self.dict(n))
            .and_then(|n| n.get(b"EmbeddedFiles").ok())
            .and_then(|e| self.dict(e))
            .and_then(|e| e.get(b"Names").ok())
            .and_then(|n| self.deref(n).as_array().ok());
        for spec in embedded.into_iter().flatten().skip(1).step_by(2) {
            match self.dict(spec) {
                Some(d) if d.has(b"F") && d.has(b"UF") => {}
                _ => self.fail(
                    "21-001",
                    "an embedded file's specification lacks F or UF".into(),
                ),
            }
        }
        let mark = cat.get(b"MarkInfo").ok().and_then(|m| self.dict(m));
        let flag = |key: &[u8]| {
            mark.and_then(|m| m.get(key).ok())
                .and_then(|v| self.deref(v).as_bool().ok())
        };
        let (marked, suspects) = (flag(b"Marked"), flag(b"Suspects"));
        if marked != Some(true) {
            self.fail(
                "01 (ISO 14289-1 7.1)",
                "MarkInfo /Marked is not true".into(),
            );
        }
        if suspects == Some(true) {
            self.fail("01-007", "MarkInfo /Suspects is true".into());
        }
    }

    fn tree(&mut self) -> Tree {
        let doc = self.doc;
        let mut tree = Tree::default();
        let cat = doc.catalog().expect("the file has a catalog");
        let Some(root) = cat.get(b"StructTreeRoot").ok().and_then(|r| self.dict(r)) else {
            self.fail("01-005", "no StructTreeRoot: nothing is tagged".into());
            return tree;
        };
        match root.get(b"ParentTree").ok().and_then(|p| self.dict(p)) {
            Some(pt) => self.number_tree(pt, &mut tree.parents),
            None => self.fail("01-005", "the StructTreeRoot has no ParentTree".into()),
        }
        let role_map = root.get(b"RoleMap").ok().and_then(|r| self.dict(r));
        let mut headings: Vec<(u8, ObjectId)> = Vec::new();
        let mut note_ids = HashSet::new();
        // Depth-first, in order: kids are expanded as met.
        let mut work: Vec<(Object, Option<ObjectId>, Option<ObjectId>)> = Vec::new();
        if let Ok(k) = root.get(b"K") {
            work.extend(self.kids(k).into_iter().rev().map(|o| (o, None, None)));
        }
        while let Some((kid, page, parent)) = work.pop() {
            match &kid {
                Object::Integer(mcid) => match (page, parent) {
                    (Some(p), Some(e)) => tree.content.push((p, *mcid, e)),
                    _ => self.fail("01-005", format!("MCID {mcid} with no page")),
                },
                Object::Reference(id) => {
                    let Ok(d) = doc.get_dictionary(*id) else {
                        continue;
                    };
                    let kind = d.get(b"Type").and_then(Object::as_name).unwrap_or(b"");
                    if kind == b"MCR" || kind == b"OBJR" {
                        work.push((Object::Dictionary(d.clone()), page, parent));
                        continue;
                    }
                    let role = d
                        .get(b"S")
                        .and_then(Object::as_name)
                        .unwrap_or(b"")
                        .to_vec();
                    let name = String::from_utf8_lossy(&role).into_owned();
                    let mapped = role_map.is_some_and(|m| m.has(&role));
                    if !STANDARD.contains(&name.as_str()) && !mapped {
                        self.fail("02-001", format!("{name} is neither standard nor mapped"));
                    }
                    if let Some(level) = name.strip_prefix('H').and_then(|n| n.parse::<u8>().ok()) {
                        headings.push((level, *id));
                    }
                    match name.as_str() {
                        "TH" if !self.has_scope(d) => {
                            self.fail("15-003", format!("TH {id:?} has no /Scope"))
                        }
                        "Figure" => {
                            let alt = d.get(b"Alt").ok().and_then(|a| self.deref(a).as_str().ok());
                            if alt.is_none_or(|a| a.is_empty()) {
                                self.fail("13-004", format!("Figure {id:?} has no /Alt"));
                            }
                        }
                        "Note" => match d.get(b"ID").ok().and_then(|i| self.deref(i).as_str().ok())
                        {
                            None => self.fail("19-003", format!("Note {id:?} has no /ID")),
                            Some(i) if !note_ids.insert(i.to_vec()) => {
                                self.fail("19-004", format!("Note ID {i:?} is not unique"))
                            }
                            Some(_) => {}
                        },
                        _ => {}
                    }
                    tree.roles.insert(*id, role);
                    let pg = d
                        .get(b"Pg")
                        .ok()
                        .and_then(|p| p.as_reference().ok())
                        .or(page);
                    if let Ok(k) = d.get(b"K") {
                        work.extend(self.kids(k).into_iter().rev().map(|o| (o, pg, Some(*id))));
                    }
                }
                Object::Dictionary(d) => {
                    let kind = d.get(b"Type").and_then(Object::as_name).unwrap_or(b"");
                    let pg = d
                        .get(b"Pg")
                        .ok()
                        .and_then(|p| p.as_reference().ok())
                        .or(page);
                    if kind == b"OBJR" {
                        if let (Ok(obj), Some(e)) =
                            (d.get(b"Obj").and_then(Object::as_reference), parent)
                        {
                            tree.annots.insert(obj, e);
                        }
                    } else if let (Ok(mcid), Some(p), Some(e)) =
                        (d.get(b"MCID").and_then(Object::as_i64), pg, parent)
                    {
                        tree.content.push((p, mcid, e));
                    }
                }
                _ => {}
            }
        }
        let mut last = 0;
        for (level, id) in headings {
            if last == 0 && level != 1 {
                self.fail("14-002", format!("the first heading is H{level} ({id:?})"));
            } else if level > last + 1 && last != 0 {
                self.fail("14-003", format!("H{level} ({id:?}) follows H{last}"));
            }
            last = level;
        }
        tree
    }

    /// A /K value as a list: one kid or an array of them.
    fn kids(&self, k: &Object) -> Vec<Object> {
        match self.deref(k) {
            Object::Array(a) => a.clone(),
            other => vec![other.clone()],
        }
    }

    /// Whether a TH's attributes (one dictionary or an array) give /Scope.
    fn has_scope(&self, d: &Dictionary) -> bool {
        let Ok(a) = d.get(b"A") else { return false };
        let owners = match self.deref(a) {
            Object::Array(list) => list.iter().collect::<Vec<_>>(),
            other => vec![other],
        };
        owners
            .into_iter()
            .filter_map(|o| self.dict(o))
            .any(|o| o.has(b"Scope"))
    }

    fn number_tree(&self, node: &Dictionary, into: &mut HashMap<i64, Object>) {
        if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
            for pair in nums.chunks(2) {
                if let [Object::Integer(k), v] = pair {
                    into.insert(*k, v.clone());
                }
            }
        }
        if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
            for k in kids {
                if let Some(d) = self.dict(k) {
                    self.number_tree(d, into);
                }
            }
        }
    }

    fn pages(&mut self, tree: &Tree) {
        let doc = self.doc;
        let mut fonts_seen = HashSet::new();
        // Pages that paint each form XObject holding MCIDs.
        let mut tagged_forms: HashMap<ObjectId, u32> = HashMap::new();
        for (n, page_id) in doc.get_pages() {
            let page = doc.get_dictionary(page_id).expect("a page is a dictionary");
            let painted = self.marked_content(n, page, page_id);
            // The tree's MCIDs for this page, in reading order.
            let read: Vec<(i64, ObjectId)> = tree
                .content
                .iter()
                .filter(|(p, _, _)| *p == page_id)
                .map(|(_, m, e)| (*m, *e))
                .collect();
            let known: HashSet<i64> = read.iter().map(|(m, _)| *m).collect();
            for m in &painted {
                if !known.contains(m) {
                    self.fail(
                        "01-005",
                        format!("page {n}: MCID {m} is in no structure element"),
                    );
                }
            }
            let order: Vec<i64> = read.iter().map(|(m, _)| *m).collect();
            let out_of_place = painted.iter().zip(&order).filter(|(a, b)| a != b).count();
            if out_of_place > 0 || painted.len() != order.len() {
                self.fail(
                    "09-001",
                    format!(
                        "page {n}: {out_of_place} of {} marked-content sequences painted out of tag order",
                        painted.len()
                    ),
                );
            }
            let key = page.get(b"StructParents").and_then(Object::as_i64).ok();
            let entry = key
                .and_then(|k| tree.parents.get(&k))
                .map(|e| self.deref(e));
            match entry.and_then(|e| e.as_array().ok()) {
                Some(arr) => {
                    for (m, e) in &read {
                        let at = arr.get(*m as usize).and_then(|o| o.as_reference().ok());
                        if at != Some(*e) {
                            self.fail(
                                "01-005",
                                format!("page {n}: the parent tree does not lead MCID {m} to its element"),
                            );
                        }
                    }
                }
                None if !painted.is_empty() => {
                    self.fail("01-005", format!("page {n}: no parent tree entry"))
                }
                None => {}
            }
            self.annotations(n, page, tree);
            self.fonts(n, page, &mut fonts_seen);
            for form in self.tagged_forms(page) {
                *tagged_forms.entry(form).or_default() += 1;
            }
        }
        for (form, pages) in tagged_forms {
            if pages > 1 {
                self.fail(
                    "30-002",
                    format!("form {form:?} holds MCIDs and is painted on {pages} pages"),
                );
            }
        }
    }

    /// The page's form XObjects whose content holds marked-content ids.
    fn tagged_forms(&self, page: &Dictionary) -> Vec<ObjectId> {
        let Some(xobjects) = self.resources(page, b"XObject") else {
            return Vec::new();
        };
        xobjects
            .iter()
            .filter_map(|(_, x)| x.as_reference().ok())
            .filter(|id| {
                let Ok(Object::Stream(form)) = self.doc.get_object(*id) else {
                    return false;
                };
                let is_form = names(&form.dict, b"Subtype", b"Form");
                let content = form
                    .decompressed_content()
                    .unwrap_or_else(|_| form.content.clone());
                is_form && content.windows(4).any(|w| w == b"MCID")
            })
            .collect()
    }

    /// The page's MCIDs in paint order; nesting and untagged painting are
    /// reported on the way.
    fn marked_content(&mut self, n: u32, page: &Dictionary, page_id: ObjectId) -> Vec<i64> {
        let bytes = self.doc.get_page_content(page_id);
        let content = Content::decode(&bytes).expect("page content parses");
        let two_byte = self.two_byte_fonts(page);
        // The open sequences: true for an artifact.
        let mut open: Vec<bool> = Vec::new();
        let mut mcids = Vec::new();
        let mut untagged = 0;
        let mut font_two_byte = false;
        let mut notdef = 0;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font_two_byte = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .is_some_and(|f| two_byte.contains(f));
                }
                "Tj" | "TJ" | "'" | "\"" if font_two_byte => {
                    notdef += op.operands.iter().map(notdef_codes).sum::<usize>();
                }
                _ => {}
            }
            match op.operator.as_str() {
                "BMC" | "BDC" => {
                    let artifact = op.operands.first().and_then(|o| o.as_name().ok())
                        == Some(b"Artifact".as_slice());
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").and_then(Object::as_i64).ok());
                    let in_artifact = open.iter().any(|a| *a);
                    let in_tagged = open.iter().any(|a| !*a);
                    if artifact && in_tagged {
                        self.fail(
                            "01-003",
                            format!("page {n}: an artifact inside tagged content"),
                        );
                    }
                    if !artifact && in_artifact {
                        self.fail(
                            "01-004",
                            format!("page {n}: tagged content inside an artifact"),
                        );
                    }
                    if !artifact {
                        match mcid {
                            Some(m) => mcids.push(m),
                            None => self.fail("01-005", format!("page {n}: a tag without an MCID")),
                        }
                    }
                    open.push(artifact);
                }
                "EMC" => {
                    open.pop();
                }
                op if PAINTING.contains(&op) && open.is_empty() => untagged += 1,
                _ => {}
            }
        }
        if untagged > 0 {
            self.fail(
                "01-005",
                format!("page {n}: {untagged} painting operators neither artifact nor tagged"),
            );
        }
        if notdef > 0 {
            self.fail(
                "31-030",
                format!("page {n}: {notdef} characters shown with the .notdef glyph"),
            );
        }
        mcids
    }

    /// The page's fonts whose codes are two bytes, glyph ids (Type0 with
    /// Identity-H, as the export writes them), by resource name.
    fn two_byte_fonts(&self, page: &Dictionary) -> HashSet<Vec<u8>> {
        let Some(fonts) = self.resources(page, b"Font") else {
            return HashSet::new();
        };
        fonts
            .iter()
            .filter(|(_, f)| {
                self.dict(f).is_some_and(|f| {
                    names(f, b"Subtype", b"Type0") && names(f, b"Encoding", b"Identity-H")
                })
            })
            .map(|(name, _)| name.clone())
            .collect()
    }

    fn annotations(&mut self, n: u32, page: &Dictionary, tree: &Tree) {
        let Some(annots) = page
            .get(b"Annots")
            .ok()
            .and_then(|a| self.deref(a).as_array().ok())
        else {
            return;
        };
        if !annots.is_empty() {
            match page.get(b"Tabs").and_then(Object::as_name) {
                Ok(b"S") => {}
                Ok(_) => self.fail("28-009", format!("page {n}: /Tabs is not /S")),
                Err(_) => self.fail("28-008", format!("page {n}: annotations but no /Tabs")),
            }
        }
        for a in annots {
            let Ok(id) = a.as_reference() else {
                self.fail(
                    "28",
                    format!("page {n}: an annotation is not an indirect object"),
                );
                continue;
            };
            let Some(d) = self.dict(a) else { continue };
            if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link".as_slice()) {
                continue;
            }
            let flags = d.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            if flags & 4 == 0 {
                self.fail(
                    "PDF/A 6.3.2",
                    format!("page {n}: link {id:?} lacks the Print flag"),
                );
            }
            let contents = d
                .get(b"Contents")
                .ok()
                .and_then(|c| self.deref(c).as_str().ok());
            if contents.is_none_or(|c| c.is_empty()) {
                self.fail("28-012", format!("page {n}: link {id:?} has no /Contents"));
            }
            let holder = tree.annots.get(&id);
            let is_link = |e: &ObjectId| tree.roles.get(e).is_some_and(|r| r == b"Link");
            if !holder.is_some_and(is_link) {
                self.fail(
                    "28-011",
                    format!("page {n}: link {id:?} is not in a Link element"),
                );
            }
            let parent = d
                .get(b"StructParent")
                .and_then(Object::as_i64)
                .ok()
                .and_then(|k| tree.parents.get(&k))
                .and_then(|o| o.as_reference().ok());
            if parent.is_none() || parent.as_ref() != holder {
                self.fail(
                    "28-011",
                    format!(
                        "page {n}: link {id:?}'s StructParent does not lead to its Link element"
                    ),
                );
            }
        }
    }

    fn fonts(&mut self, n: u32, page: &Dictionary, seen: &mut HashSet<ObjectId>) {
        let fonts = self.resources(page, b"Font").cloned().unwrap_or_default();
        for (name, f) in fonts.iter() {
            if let Ok(id) = f.as_reference() {
                if !seen.insert(id) {
                    continue;
                }
            }
            let name = String::from_utf8_lossy(name);
            let Some(font) = self.dict(f) else { continue };
            if !font.has(b"ToUnicode") {
                self.fail(
                    "31-027",
                    format!("page {n}: font {name} has no ToUnicode map"),
                );
            }
            let described = match font.get(b"DescendantFonts").ok().map(|d| self.deref(d)) {
                Some(Object::Array(d)) => d.first().and_then(|d| self.dict(d)),
                _ => Some(font),
            };
            let embedded = described
                .and_then(|d| d.get(b"FontDescriptor").ok())
                .and_then(|d| self.dict(d))
                .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
            if !embedded {
                self.fail("31-009", format!("page {n}: font {name} is not embedded"));
            }
        }
    }
}

/// Two-byte codes of 0 (the .notdef glyph with Identity-H) in a text
/// operand: a string, or a TJ array of strings and adjustments.
fn notdef_codes(o: &Object) -> usize {
    match o {
        Object::String(bytes, _) => bytes.chunks(2).filter(|c| *c == [0, 0]).count(),
        Object::Array(items) => items.iter().map(notdef_codes).sum(),
        _ => 0,
    }
}

/// Whether `dict`'s `key` is the name `value`.
fn names(dict: &Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key).ok().and_then(|o| o.as_name().ok()) == Some(value)
}
