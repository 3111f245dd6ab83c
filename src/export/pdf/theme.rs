//! The house style: sizes, spacing and colours (12 pt sans-serif body,
//! left-aligned, per GOV.UK guidance for published documents).

use crate::model::CalloutKind;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

pub const TEXT: Color = Color(0.1, 0.1, 0.1);
pub const HEADING: Color = Color(0.08, 0.2, 0.38);
pub const MUTED: Color = Color(0.3, 0.3, 0.3);
pub const RULE: Color = Color(0.55, 0.55, 0.55);
pub const TABLE_HEAD_FILL: Color = Color(0.88, 0.91, 0.95);
pub const CALLOUT_FILL: Color = Color(0.94, 0.96, 0.98);
pub const CALLOUT_BORDER: Color = Color(0.36, 0.5, 0.68);
/// Case study: warm sand.
const CASE_STUDY: CalloutLook = CalloutLook {
    fill: Color(0.99, 0.95, 0.88),
    border: Color(0.72, 0.45, 0.1),
    label: Color(0.48, 0.27, 0.0),
};
/// Next steps: green.
const NEXT_STEPS: CalloutLook = CalloutLook {
    fill: Color(0.92, 0.97, 0.93),
    border: Color(0.2, 0.55, 0.32),
    label: Color(0.05, 0.37, 0.17),
};
/// Information: the house blue.
const INFO: CalloutLook = CalloutLook {
    fill: CALLOUT_FILL,
    border: CALLOUT_BORDER,
    label: HEADING,
};
pub const WATERMARK: Color = Color(0.86, 0.86, 0.86);
pub const LINK: Color = Color(0.1, 0.25, 0.6);

/// A kind of callout box: its fill, border, and the colour of the label
/// naming the kind (the label, not the colour, is what tells the kinds apart).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalloutLook {
    pub fill: Color,
    pub border: Color,
    pub label: Color,
}

pub fn callout(kind: &CalloutKind) -> CalloutLook {
    match kind {
        CalloutKind::CaseStudy => CASE_STUDY,
        CalloutKind::NextSteps => NEXT_STEPS,
        CalloutKind::Info => INFO,
    }
}

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
/// The label above a chapter's heading: "Appendix 2".
pub const LABEL: TextStyle = TextStyle {
    size: 13.0,
    leading: 17.0,
    before: 0.0,
    after: 4.0,
};
/// A committee pack's marking at the top of every page.
pub const MARKING: Color = Color(0.64, 0.15, 0.17);
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
/// The kind label at the top of a callout box.
pub const CALLOUT_LABEL: TextStyle = TextStyle {
    size: 9.5,
    leading: 12.0,
    before: 0.0,
    after: 2.0,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2.1 contrast ratio of two sRGB colours.
    fn contrast(a: Color, b: Color) -> f32 {
        fn lum(c: Color) -> f32 {
            let ch = |v: f32| {
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
        }
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn callout_text_meets_wcag_aa_contrast_on_every_fill() {
        for kind in CalloutKind::ALL {
            let look = callout(&kind);
            for (what, c) in [
                ("label", look.label),
                ("text", TEXT),
                ("title", HEADING),
                ("link", LINK),
            ] {
                let r = contrast(c, look.fill);
                assert!(r >= 4.5, "{what} on the {kind:?} fill: {r:.2}:1");
            }
        }
    }

    #[test]
    fn each_kind_of_callout_has_its_own_colours() {
        let looks = CalloutKind::ALL.map(|k| callout(&k));
        for (i, a) in looks.iter().enumerate() {
            for b in &looks[i + 1..] {
                assert!(a.fill != b.fill && a.border != b.border, "{a:?} / {b:?}");
            }
        }
    }
}
