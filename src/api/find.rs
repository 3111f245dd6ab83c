//! Find and replace across the whole plan: every section's text, callout
//! titles, quotations' attributions and figures' alt text and captions.
//! A match lies within one run of text (text whose marks change midway,
//! "**Every** child", is two runs), so replacing keeps each run's marks.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::Result;
use crate::model::{Block, Id, ValidationError};
use crate::store::{blocks, chapters, outline, sections, PlanFile};

/// The longest text that can be searched for. Matching costs at most the
/// length of the text times this, per block.
pub const MAX_QUERY_CHARS: usize = 200;

/// The most matches [`find`] lists; it still counts them all.
pub const MAX_LISTED: usize = 500;

/// What to look for.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindQuery {
    pub text: String,
    /// "Council" does not find "council".
    #[serde(default)]
    pub match_case: bool,
    /// "care" does not find "career" or "childcare".
    #[serde(default)]
    pub whole_words: bool,
}

/// One place the text was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Found {
    pub section: Id,
    /// Where, as a reader finds it: "3 Being Healthy › Our priorities".
    pub place: String,
    /// 0-based position of the top-level block in its section.
    pub block: usize,
    /// The text around the match, the match itself, and after it.
    pub before: String,
    pub matched: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindResult {
    /// In reading order; at most [`MAX_LISTED`].
    pub found: Vec<Found>,
    /// Every match, listed or not.
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Replaced {
    pub count: usize,
    /// The sections that changed.
    pub sections: Vec<Id>,
}

/// Every place `query` is found, in reading order.
pub fn find(plan: &PlanFile, query: &FindQuery) -> Result<FindResult> {
    let matcher = Matcher::new(query)?;
    Ok(plan.read(|conn| {
        let mut result = FindResult {
            found: Vec::new(),
            total: 0,
        };
        for chapter in outline::outline(conn)? {
            let name = match chapter.number {
                Some(n) => format!("{n} {}", chapter.chapter.title),
                None => chapter.chapter.title.clone(),
            };
            for section in chapter.sections.iter().map(|s| &s.section) {
                let place = match &section.title {
                    Some(t) => format!("{name} › {t}"),
                    None => name.clone(),
                };
                for (i, stored) in blocks::list_section_salvaged(conn, section.id)?
                    .into_iter()
                    .enumerate()
                {
                    let mut block = stored.block;
                    block.each_text_mut(&mut |text| {
                        for range in matcher.ranges(text) {
                            result.total += 1;
                            if result.found.len() < MAX_LISTED {
                                result.found.push(found(section.id, &place, i, text, range));
                            }
                        }
                    });
                }
            }
        }
        Ok(result)
    })?)
}

/// Replaces every match of `query` with `with`, in one transaction (all or
/// nothing), and says how many and in which sections. A section holding a
/// block that cannot be read is left alone rather than rewritten.
pub fn replace_all(plan: &mut PlanFile, query: &FindQuery, with: &str) -> Result<Replaced> {
    let matcher = Matcher::new(query)?;
    // Bounds what one block can grow to before the store's own limit on a
    // block's text refuses it: matches × this.
    if with.chars().count() > MAX_QUERY_CHARS {
        return Err(ValidationError::new(
            "replace",
            format!("replace with at most {MAX_QUERY_CHARS} characters at a time"),
        )
        .into());
    }
    Ok(plan.edit(|tx| {
        let mut done = Replaced {
            count: 0,
            sections: Vec::new(),
        };
        for chapter in chapters::list(tx)? {
            for section in sections::list(tx, chapter.id)? {
                let Ok(stored) = blocks::list_section(tx, section.id) else {
                    continue;
                };
                let mut content: Vec<Block> = stored.into_iter().map(|b| b.block).collect();
                let mut count = 0;
                for block in &mut content {
                    block.each_text_mut(&mut |text| {
                        let ranges = matcher.ranges(text);
                        if ranges.is_empty() {
                            return;
                        }
                        count += ranges.len();
                        let mut out = String::with_capacity(text.len());
                        let mut from = 0;
                        for r in ranges {
                            out.push_str(&text[from..r.start]);
                            out.push_str(with);
                            from = r.end;
                        }
                        out.push_str(&text[from..]);
                        *text = out;
                    });
                }
                if count > 0 {
                    blocks::replace_section_blocks(tx, section.id, &content)?;
                    done.count += count;
                    done.sections.push(section.id);
                }
            }
        }
        Ok(done)
    })?)
}

/// Up to this many characters of context either side of a match.
const CONTEXT_CHARS: usize = 40;

fn found(section: Id, place: &str, block: usize, text: &str, r: Range<usize>) -> Found {
    let before: String = {
        let mut b: Vec<char> = text[..r.start].chars().rev().take(CONTEXT_CHARS).collect();
        b.reverse();
        b.into_iter().collect()
    };
    Found {
        section,
        place: place.to_owned(),
        block,
        before,
        matched: text[r.clone()].to_owned(),
        after: text[r.end..].chars().take(CONTEXT_CHARS).collect(),
    }
}

/// The query, ready to match.
struct Matcher {
    needle: Vec<char>,
    match_case: bool,
    whole_words: bool,
}

impl Matcher {
    fn new(q: &FindQuery) -> Result<Matcher, ValidationError> {
        let needle: Vec<char> = q.text.chars().collect();
        if needle.is_empty() {
            return Err(ValidationError::new("find", "type the text to find"));
        }
        if needle.len() > MAX_QUERY_CHARS {
            return Err(ValidationError::new(
                "find",
                format!("look for at most {MAX_QUERY_CHARS} characters at a time"),
            ));
        }
        Ok(Matcher {
            needle,
            match_case: q.match_case,
            whole_words: q.whole_words,
        })
    }

    fn same(&self, a: char, b: char) -> bool {
        a == b || (!self.match_case && a.to_lowercase().eq(b.to_lowercase()))
    }

    /// The byte ranges of `text` that match, none overlapping, in order.
    fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let n = self.needle.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i + n <= chars.len() {
            let hit = (0..n).all(|k| self.same(chars[i + k].1, self.needle[k]))
                && (!self.whole_words
                    || (i == 0 || !chars[i - 1].1.is_alphanumeric())
                        && chars.get(i + n).is_none_or(|c| !c.1.is_alphanumeric()));
            if hit {
                let end = chars.get(i + n).map_or(text.len(), |c| c.0);
                out.push(chars[i].0..end);
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges<'t>(text: &'t str, q: &str, match_case: bool, whole_words: bool) -> Vec<&'t str> {
        let m = Matcher::new(&FindQuery {
            text: q.into(),
            match_case,
            whole_words,
        })
        .unwrap();
        m.ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn case_and_whole_words_narrow_the_matches() {
        let t = "Care for the careers of children in care; CARE.";
        assert_eq!(ranges(t, "care", false, false).len(), 4);
        assert_eq!(ranges(t, "care", true, false), ["care", "care"]);
        assert_eq!(ranges(t, "care", false, true), ["Care", "care", "CARE"]);
        assert_eq!(ranges(t, "care", true, true), ["care"]);
    }

    #[test]
    fn matches_do_not_overlap_and_respect_characters_beyond_ascii() {
        assert_eq!(ranges("aaaa", "aa", true, false), ["aa", "aa"]);
        assert_eq!(
            ranges("Ŵales, ŵales", "ŵales", false, false),
            ["Ŵales", "ŵales"]
        );
        assert_eq!(ranges("young people’s", "people", false, true), ["people"]);
    }

    #[test]
    fn an_empty_or_overlong_query_is_refused() {
        let q = |text: String| {
            Matcher::new(&FindQuery {
                text,
                ..FindQuery::default()
            })
        };
        assert!(q(String::new()).is_err());
        assert!(q("x".repeat(MAX_QUERY_CHARS + 1)).is_err());
    }
}
