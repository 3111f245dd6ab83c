//! `word/numbering.xml`: real Word list numbering, so a list in the file
//! is a list to Word, LibreOffice and pandoc (not text that starts with a
//! bullet), nested up to Word's nine levels.
//!
//! Two abstract definitions, bullets and decimal numbers. Number 1 is the
//! bullet list and number 2 the numbered list that the List Bullet and
//! List Number styles name; every numbered list of the document has a
//! number of its own (from 3), so each one counts from its own start.

use std::fmt::Write as _;

/// Word's deepest list level.
pub const MAX_LEVEL: usize = 8;

/// The indent of a list item's text at `level` (0-based), in twips; the
/// mark hangs in the [`HANG`] before it.
pub fn indent(level: usize) -> u32 {
    HANG * (level.min(MAX_LEVEL) as u32 + 1)
}

const HANG: u32 = 440;

/// Bullets by level, as the PDF draws them.
const BULLETS: [&str; 3] = ["•", "◦", "▪"];

/// The numbers the document's lists use.
#[derive(Default)]
pub struct Numbering {
    /// Each numbered list's (level, start), numbered 3, 4, … in order.
    ordered: Vec<(usize, u32)>,
}

/// The bullet list's number.
pub const BULLET: u32 = 1;

impl Numbering {
    /// A number for a numbered list at `level` counting from `start`.
    pub fn ordered(&mut self, level: usize, start: u32) -> u32 {
        self.ordered.push((level.min(MAX_LEVEL), start));
        self.ordered.len() as u32 + 2
    }

    pub fn xml(&self) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n",
        );
        // 0: bullets by level; 1: decimal numbers, "1." at every level.
        for (id, format) in [(0, "bullet"), (1, "decimal")] {
            let _ = write!(
                out,
                "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
            );
            for level in 0..=MAX_LEVEL {
                let (text, font) = match format {
                    "bullet" => (
                        BULLETS[level % BULLETS.len()].to_owned(),
                        "<w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\" \
                         w:hint=\"default\"/></w:rPr>",
                    ),
                    _ => (format!("%{}.", level + 1), ""),
                };
                let _ = write!(
                    out,
                    "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>\
                     <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
                     <w:pPr><w:ind w:left=\"{}\" w:hanging=\"{HANG}\"/></w:pPr>{font}</w:lvl>",
                    indent(level)
                );
            }
            out.push_str("</w:abstractNum>\n");
        }
        out.push_str(
            "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\n\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\n",
        );
        for (i, (level, start)) in self.ordered.iter().enumerate() {
            let _ = writeln!(
                out,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/>\
                 <w:lvlOverride w:ilvl=\"{level}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
                i + 3
            );
        }
        out.push_str("</w:numbering>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_numbered_list_counts_from_its_own_start() {
        let mut n = Numbering::default();
        assert_eq!(n.ordered(0, 1), 3);
        assert_eq!(n.ordered(12, 4), 4);
        let xml = n.xml();
        assert!(xml.contains(
            "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"8\">\
             <w:startOverride w:val=\"4\"/>"
        ));
        assert_eq!(xml.matches("<w:lvl ").count(), 18);
    }
}
