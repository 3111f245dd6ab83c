//! The house style: sizes, spacing and colours (12 pt sans-serif body,
//! left-aligned, per GOV.UK guidance for published documents).

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

pub const TEXT: Color = Color(0.1, 0.1, 0.1);
pub const HEADING: Color = Color(0.08, 0.2, 0.38);
pub const MUTED: Color = Color(0.3, 0.3, 0.3);
pub const RULE: Color = Color(0.55, 0.55, 0.55);
pub const TABLE_HEAD_FILL: Color = Color(0.88, 0.91, 0.95);
pub const CALLOUT_FILL: Color = Color(0.94, 0.96, 0.98);
pub const CALLOUT_BORDER: Color = Color(0.36, 0.5, 0.68);
pub const WATERMARK: Color = Color(0.86, 0.86, 0.86);
pub const LINK: Color = Color(0.1, 0.25, 0.6);

#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub size: f32,
    pub leading: f32,
    pub before: f32,
    pub after: f32,
}

pub const BODY: TextStyle = TextStyle {
    size: 12.0,
    leading: 16.0,
    before: 0.0,
    after: 8.0,
};
pub const H1: TextStyle = TextStyle {
    size: 22.0,
    leading: 27.0,
    before: 0.0,
    after: 14.0,
};
pub const H2: TextStyle = TextStyle {
    size: 16.0,
    leading: 20.0,
    before: 10.0,
    after: 6.0,
};
pub const H3: TextStyle = TextStyle {
    size: 13.0,
    leading: 17.0,
    before: 6.0,
    after: 4.0,
};
pub const TABLE: TextStyle = TextStyle {
    size: 11.0,
    leading: 14.0,
    before: 0.0,
    after: 0.0,
};
pub const FOOTNOTE: TextStyle = TextStyle {
    size: 9.0,
    leading: 11.5,
    before: 0.0,
    after: 0.0,
};
pub const RUNNING: TextStyle = TextStyle {
    size: 9.0,
    leading: 11.0,
    before: 0.0,
    after: 0.0,
};

/// Footnote marks are set at this fraction of the text size, raised.
pub const SUP_SCALE: f32 = 0.65;
/// Hanging indent of list items and numbered paragraphs.
pub const HANG: f32 = 22.0;
pub const NUMBER_HANG: f32 = 40.0;
pub const CELL_PAD: f32 = 4.0;
pub const BOX_PAD: f32 = 10.0;
