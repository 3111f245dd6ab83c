//! Line breaking: runs of styled text → lines no wider than a measure.
//! Ragged right; break opportunities from unicode-linebreak (UAX #14);
//! hyphenation only for a word too long for the line on its own.

use std::sync::Arc;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::fonts::Style;
use super::shaping::{Shaped, Shaper};

/// Styled text to set.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub style: Style,
    pub size: f32,
    /// Baseline shift upwards, in points (footnote marks).
    pub rise: f32,
    pub link: Option<Arc<str>>,
    /// Footnote number this run is the mark of.
    pub note: Option<u32>,
}

impl Run {
    pub fn new(text: impl Into<String>, style: Style, size: f32) -> Self {
        Run {
            text: text.into(),
            style,
            size,
            rise: 0.0,
            link: None,
            note: None,
        }
    }
}

/// A shaped piece placed on a line.
#[derive(Debug, Clone)]
pub struct Frag {
    /// Offset from the line's start, in points.
    pub x: f32,
    pub shaped: Arc<Shaped>,
    pub size: f32,
    pub rise: f32,
    pub link: Option<Arc<str>>,
    pub note: Option<u32>,
}

impl Frag {
    pub fn width(&self) -> f32 {
        self.shaped.width_at(self.size)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Line {
    pub frags: Vec<Frag>,
    /// Width of the set text (no trailing space), points.
    pub width: f32,
}

impl Line {
    /// Footnote numbers marked on this line.
    pub fn notes(&self) -> impl Iterator<Item = u32> + '_ {
        self.frags.iter().filter_map(|f| f.note)
    }
}

/// A piece of one break-to-break segment in one run.
struct Piece {
    run: usize,
    /// The text with one trailing space if it had any: the space glyph is
    /// drawn so that text taken from the tags has its word spaces.
    shaped: Arc<Shaped>,
    /// Width without the trailing spaces, points.
    width: f32,
    /// Width of the trailing spaces after it, points.
    space: f32,
    /// Length of the text without its trailing space, bytes.
    body: usize,
}

impl Piece {
    fn width(&self, _runs: &[Run]) -> f32 {
        self.width
    }
}

struct Segment {
    pieces: Vec<Piece>,
    mandatory: bool,
}

fn hyphenator() -> &'static Standard {
    static DICT: OnceLock<Standard> = OnceLock::new();
    DICT.get_or_init(|| {
        Standard::from_embedded(Language::EnglishUS).expect("the embedded en-US patterns load")
    })
}

/// Splits runs into break-to-break segments, shaped. Linear in the text:
/// each segment looks only at the runs it overlaps.
fn segments(shaper: &mut Shaper, runs: &[Run]) -> Vec<Segment> {
    let mut text = String::new();
    let mut bounds = Vec::with_capacity(runs.len());
    for r in runs {
        let start = text.len();
        text.push_str(&r.text);
        bounds.push((start, text.len()));
    }
    let mut out = Vec::new();
    let mut prev = 0;
    // The first run not wholly before the segment.
    let mut first = 0;
    for (at, kind) in linebreaks(&text) {
        while first < bounds.len() && bounds[first].1 <= prev {
            first += 1;
        }
        let mut pieces = Vec::new();
        for (i, &(s, e)) in bounds.iter().enumerate().skip(first) {
            if s >= at {
                break;
            }
            let (from, to) = (s.max(prev), e.min(at));
            if from >= to {
                continue;
            }
            let raw = &text[from..to];
            let body = raw.trim_end_matches([' ', '\n', '\r', '\t', '\u{2028}']);
            let spaces = raw[body.len()..]
                .chars()
                .filter(|c| *c == ' ' || *c == '\t')
                .count();
            let run = &runs[i];
            let space = if spaces > 0 {
                spaces as f32 * shaper.width(run.style, " ") * run.size
            } else {
                0.0
            };
            if body.is_empty() {
                // Only spaces: they widen the gap after the previous piece.
                if let Some(p) = pieces.last_mut() {
                    let p: &mut Piece = p;
                    p.space += space;
                } else if let Some(last) = out
                    .last_mut()
                    .and_then(|s: &mut Segment| s.pieces.last_mut())
                {
                    last.space += space;
                }
                continue;
            }
            let width = shaper.width(run.style, body) * run.size;
            let shaped = if spaces > 0 {
                shaper.shape(run.style, &format!("{body} "))
            } else {
                shaper.shape(run.style, body)
            };
            pieces.push(Piece {
                run: i,
                shaped,
                width,
                space,
                body: body.len(),
            });
        }
        let mandatory = kind == BreakOpportunity::Mandatory && at < text.len();
        if !pieces.is_empty() || mandatory {
            out.push(Segment { pieces, mandatory });
        }
        prev = at;
    }
    out
}

/// The narrowest and widest a cell of these runs can usefully be: the
/// widest word, and everything on one line.
pub fn measure(shaper: &mut Shaper, runs: &[Run]) -> (f32, f32) {
    let (mut min, mut max, mut line) = (0f32, 0f32, 0f32);
    for seg in segments(shaper, runs) {
        let w: f32 = seg.pieces.iter().map(|p| p.width(runs)).sum();
        let gap: f32 = seg.pieces.last().map_or(0.0, |p| p.space);
        min = min.max(w);
        line += w;
        max = max.max(line);
        line += gap;
        if seg.mandatory {
            line = 0.0;
        }
    }
    (min, max)
}

/// Breaks runs into lines at most `width` points wide.
pub fn break_lines(shaper: &mut Shaper, runs: &[Run], width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    // Where the next piece goes: the line's width plus the pending gap.
    let mut pen = 0.0f32;
    for seg in segments(shaper, runs) {
        let w: f32 = seg.pieces.iter().map(|p| p.width(runs)).sum();
        if !line.frags.is_empty() && pen + w > width + 0.01 {
            lines.push(std::mem::take(&mut line));
            pen = 0.0;
        }
        if w > width + 0.01 {
            // Too long for a line of its own: hyphenate it across lines.
            for piece in seg.pieces {
                pen = place_long(shaper, runs, piece, width, pen, &mut line, &mut lines);
            }
        } else {
            for p in seg.pieces {
                let run = &runs[p.run];
                let pw = p.width(runs);
                line.frags.push(Frag {
                    x: pen,
                    shaped: p.shaped,
                    size: run.size,
                    rise: run.rise,
                    link: run.link.clone(),
                    note: run.note,
                });
                line.width = pen + pw;
                pen += pw + p.space;
            }
        }
        if seg.mandatory {
            lines.push(std::mem::take(&mut line));
            pen = 0.0;
        }
    }
    if !line.frags.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Places a piece wider than the measure, breaking it at hyphenation
/// points (or, failing those, between clusters). Returns the new pen.
///
/// The piece was shaped once, whole; each line takes the clusters that
/// fit from where the last one ended, measured by their advances and cut
/// from that shape, so the work is linear in the piece's length. Each pass
/// of the loop sets at least one cluster or ends a line that holds
/// something: at most twice as many passes as clusters.
fn place_long(
    shaper: &mut Shaper,
    runs: &[Run],
    piece: Piece,
    width: f32,
    mut pen: f32,
    line: &mut Line,
    lines: &mut Vec<Line>,
) -> f32 {
    let run = &runs[piece.run];
    let size = run.size as f64;
    let word = &piece.shaped;
    // The word's own glyphs, without its trailing space.
    let n = (0..word.glyphs.len())
        .position(|i| word.cluster(i) >= piece.body)
        .unwrap_or(word.glyphs.len());
    let breaks = hyphenator().hyphenate(&word.text[..piece.body]).breaks;
    let hyphen = shaper.shape(run.style, "-");
    let hyphen_w = hyphen.width as f64;
    // The cluster that starts at glyph `i` ends before the returned glyph.
    let cluster_end = |i: usize| {
        let c = word.cluster(i);
        (i + 1..n).find(|&j| word.cluster(j) != c).unwrap_or(n)
    };
    let mut at = 0;
    loop {
        let room = (width - pen) as f64;
        // Clusters from `at` while they fit: the last boundary that fits,
        // and the last hyphenation point that fits with its hyphen.
        let (mut w, mut i) = (0f64, at);
        let (mut cut, mut hyphenated) = (None, None);
        let mut b = breaks.partition_point(|&b| b <= word.cluster(at));
        let whole = loop {
            let j = cluster_end(i);
            let cw: f64 = (i..j).map(|k| word.advance(k) as f64).sum();
            if (w + cw) * size > room + 0.01 {
                break false;
            }
            w += cw;
            i = j;
            if i == n {
                break true;
            }
            if w * size <= room {
                cut = Some(i);
            }
            let offset = word.cluster(i);
            while breaks.get(b).is_some_and(|&x| x < offset) {
                b += 1;
            }
            if breaks.get(b) == Some(&offset) && (w + hyphen_w) * size <= room {
                hyphenated = Some(i);
            }
        };
        if whole {
            let tail = word.slice(at, n, None);
            let tw = tail.width_at(run.size);
            push(line, pen, Arc::new(tail), run);
            line.width = pen + tw;
            return pen + tw + piece.space;
        }
        let head = match (hyphenated, cut) {
            (Some(h), _) => word.slice(at, h, Some(&hyphen)),
            (None, Some(c)) => word.slice(at, c, None),
            (None, None) if !line.frags.is_empty() => {
                // Nothing fits after what the line holds: start a new one.
                lines.push(std::mem::take(line));
                pen = 0.0;
                continue;
            }
            (None, None) => {
                // Not one cluster fits an empty line: set one regardless.
                let j = cluster_end(at);
                if j == n {
                    let tail = word.slice(at, n, None);
                    let tw = tail.width_at(run.size);
                    push(line, pen, Arc::new(tail), run);
                    line.width = pen + tw;
                    return pen + tw + piece.space;
                }
                word.slice(at, j, None)
            }
        };
        at = hyphenated.or(cut).unwrap_or_else(|| cluster_end(at));
        let hw = head.width_at(run.size);
        push(line, pen, Arc::new(head), run);
        line.width = pen + hw;
        lines.push(std::mem::take(line));
        pen = 0.0;
    }
}

fn push(line: &mut Line, x: f32, shaped: Arc<Shaped>, run: &Run) {
    line.frags.push(Frag {
        x,
        shaped,
        size: run.size,
        rise: run.rise,
        link: run.link.clone(),
        note: run.note,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                l.frags
                    .iter()
                    .map(|f| f.shaped.text.to_string())
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn breaks_between_words_and_keeps_within_the_measure() {
        let mut s = Shaper::default();
        let runs = [Run::new(
            "Every child matters and every young person too",
            Style::Regular,
            12.0,
        )];
        let lines = break_lines(&mut s, &runs, 120.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 120.01));
        assert_eq!(
            text(&lines).join(" "),
            "Every child matters and every young person too"
        );
    }

    #[test]
    fn hyphenates_only_a_word_too_long_for_its_line() {
        let mut s = Shaper::default();
        let runs = [Run::new("a incomprehensibilities b", Style::Regular, 12.0)];
        let lines = break_lines(&mut s, &runs, 60.0);
        let t = text(&lines);
        assert!(t.iter().any(|l| l.ends_with('-')), "{t:?}");
        assert!(lines.iter().all(|l| l.width <= 60.01), "{t:?}");
        let wide = break_lines(&mut s, &runs, 400.0);
        assert_eq!(text(&wide), ["a incomprehensibilities b"]);
    }

    /// Breaks `word` (with no hyphen of its own) at `width` and checks the
    /// lines: within the measure, and together the word again.
    fn long_word(word: &str, width: f32) -> (Vec<Line>, u64) {
        let mut s = Shaper::default();
        let runs = [Run::new(format!("a {word} b"), Style::Regular, 10.0)];
        let lines = break_lines(&mut s, &runs, width);
        assert!(lines.iter().all(|l| l.width <= width + 0.01));
        let t = text(&lines);
        let joined: String = t.iter().map(|l| l.trim_end_matches('-')).collect();
        assert_eq!(joined.replace(' ', ""), format!("a{word}b"));
        (lines, s.shaped_bytes())
    }

    #[test]
    fn a_word_of_many_lines_is_shaped_once_not_once_a_line() {
        // Small enough that the old quadratic breaker finished: it shaped
        // the whole rest of the word for every line, and every candidate
        // head for every hyphenation point beyond the line.
        for word in ["x".repeat(5_000), "incomprehensibilities".repeat(30)] {
            let (lines, shaped) = long_word(&word, 100.0);
            assert!(lines.len() > word.len() / 40, "{} lines", lines.len());
            // The word is shaped with and without its trailing space, and
            // each line's piece is cut from that: about twice its length.
            assert!(
                shaped <= 3 * word.len() as u64,
                "{shaped} bytes shaped for a word of {}",
                word.len()
            );
        }
    }

    #[test]
    fn measure_gives_widest_word_and_one_line() {
        let mut s = Shaper::default();
        let runs = [Run::new("short longestword", Style::Regular, 10.0)];
        let (min, max) = measure(&mut s, &runs);
        assert!(min < max);
        assert!((min - s.width(Style::Regular, "longestword") * 10.0).abs() < 0.01);
    }
}
