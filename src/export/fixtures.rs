//! What the exports' unit tests build documents from.

use crate::compose::{DocBlock, Meta, Span};

/// A plan's properties with text that needs escaping in its vision.
pub fn meta() -> Meta {
    Meta {
        title: "Children and Young People's Plan".into(),
        authority: "Anytown Council".into(),
        period: "2024–2027".into(),
        vision: Some("Every child <safe> & \"heard\"".into()),
        status: "Consultation draft".into(),
        date: "2026-11-23".into(),
        date_text: "23 November 2026".into(),
        draft: false,
        logo: None,
        language: "en-GB".into(),
        marking: None,
        page_numbers: crate::compose::PageNumbering::Continuous,
        font: None,
        keywords: None,
    }
}

/// An unnumbered paragraph of plain text.
pub fn para(t: &str) -> DocBlock {
    DocBlock::Paragraph {
        label: None,
        content: vec![Span::plain(t)],
    }
}
