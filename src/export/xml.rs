//! Text and attribute values made safe for XML (WordprocessingML, SVG):
//! escaped, and without the characters XML 1.0 cannot hold at all (a
//! control character in a plan from someone else would make Word refuse
//! the whole file).

/// `s` escaped for element text or a double-quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Appends `s`, escaped, to `out`.
pub fn push_escaped(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// XML 1.0's `Char` production, less U+FDD0–U+FDEF and the last two code
/// points of every plane (which it allows but Word's reader does not like).
fn allowed(c: char) -> bool {
    let u = c as u32;
    match u {
        0x9 | 0xA | 0xD => true,
        0..=0x1F | 0x7F..=0x9F => false,
        0xFDD0..=0xFDEF => false,
        _ => u & 0xFFFE != 0xFFFE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_characters_xml_cannot_hold_are_dropped() {
        assert_eq!(
            escape("<w:t>\"Tom\" & 'Jerry'</w:t>"),
            "&lt;w:t&gt;&quot;Tom&quot; &amp; 'Jerry'&lt;/w:t&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\u{85}d\u{FFFF}e\u{FDD0}f"), "abcdef");
        assert_eq!(escape("tab\tline\nœ £ 😀"), "tab\tline\nœ £ 😀");
    }
}
