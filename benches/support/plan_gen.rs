//! A generated plan of a given size, shared by the PDF benchmark and the
//! peer comparison example: chapters of numbered paragraphs, sub-headings,
//! bullet lists, case study boxes and a table of measures, plus a 120-row
//! action table.

use std::path::Path;

use planwright::model::{
    Action, ActionFilter, Block, CalloutKind, DataQuery, Inline, ListItem, Marks, PlanInfo, Table,
    TableCell, TableRow,
};
use planwright::store::{self, PlanFile};
use planwright::templates::Template;

const WORDS: &[&str] = &[
    "children",
    "young",
    "people",
    "families",
    "services",
    "partners",
    "schools",
    "health",
    "support",
    "improve",
    "outcomes",
    "safeguarding",
    "early",
    "help",
    "education",
    "training",
    "employment",
    "community",
    "local",
    "authority",
    "board",
    "priority",
    "targets",
    "progress",
    "achievement",
    "attendance",
    "wellbeing",
    "emotional",
    "physical",
    "participation",
    "voice",
    "commissioning",
    "integrated",
    "locality",
    "teams",
    "parents",
    "carers",
    "vulnerable",
    "disabled",
    "looked",
    "after",
    "leaving",
    "care",
    "transition",
    "adulthood",
    "housing",
    "youth",
    "offending",
    "prevention",
    "intervention",
    "workforce",
    "development",
    "quality",
    "assurance",
    "performance",
    "review",
    "annual",
    "consultation",
    "evidence",
    "needs",
    "analysis",
    "the",
    "and",
    "with",
    "for",
    "will",
    "we",
    "to",
    "of",
    "in",
    "our",
    "across",
    "every",
    "each",
    "so",
    "that",
    "more",
    "better",
    "through",
    "within",
    "by",
    "are",
    "is",
];

/// The benchmark plan's size: the "170-page / 60,000-word plan".
/// About 50,000 words of text set as 169 pages, which pdftotext reads as
/// 59,934 words (with numbers, table figures, running heads and footers).
pub const BENCH_WORDS: usize = 49_500;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = WORDS[self.next() % WORDS.len()];
            if i == 0 {
                let mut c = w.chars();
                s.extend(c.next().map(|c| c.to_ascii_uppercase()));
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, words: usize) -> String {
        let mut out = Vec::new();
        let mut n = 0;
        while n < words {
            let k = 8 + self.next() % 12;
            out.push(self.sentence(k));
            n += k;
        }
        out.join(" ")
    }
}

fn text(t: String) -> Vec<Inline> {
    vec![Inline::Text {
        text: t,
        marks: Marks::default(),
    }]
}

/// A chapter's table of measures: a header row and six rows of figures.
fn measures_table(rng: &mut Rng, chapter: usize) -> Table {
    let cell = |t: String, header| TableCell {
        header,
        colspan: 1,
        rowspan: 1,
        blocks: vec![Block::Paragraph {
            numbered: false,
            content: text(t),
        }],
    };
    let header = ["Measure", "Baseline", "Target", "Lead"]
        .map(|h| cell(h.to_owned(), true))
        .to_vec();
    let mut rows = vec![TableRow { cells: header }];
    for _ in 0..6 {
        let base = 5 + rng.next() % 40;
        let aim = base.saturating_sub(1 + rng.next() % 4);
        rows.push(TableRow {
            cells: vec![
                cell(rng.sentence(4), false),
                cell(format!("{base}%"), false),
                cell(format!("{aim}%"), false),
                cell(rng.sentence(2), false),
            ],
        });
    }
    Table {
        caption: Some(format!(
            "Table {chapter}: Where we are and where we aim to be"
        )),
        rows,
    }
}

/// Writes a plan of about `target_words` words at `path`.
pub fn generate(path: &Path, target_words: usize) -> PlanFile {
    let mut info = PlanInfo::titled("Generated Children and Young People's Plan", 2024);
    info.authority = "Anytown County Council".into();
    let mut plan = PlanFile::create(path, &Template::Blank.bundle(info)).expect("create the plan");
    let mut rng = Rng(7);
    plan.write(|tx| {
        for i in 1..=120 {
            let mut a = Action::new(&rng.sentence(14));
            a.start = chrono::NaiveDate::from_ymd_opt(2024, 4, 1);
            a.end = chrono::NaiveDate::from_ymd_opt(2025 + (i % 3), 3, 31);
            store::actions::insert(tx, &a)?;
        }
        let mut words = 0;
        let mut chapter_no = 0;
        let first = store::chapters::list(tx)?[0].id;
        while words < target_words {
            chapter_no += 1;
            let ch = if chapter_no == 1 {
                first
            } else {
                let ch = store::chapters::add(
                    tx,
                    &format!("Chapter {chapter_no}: {}", rng.sentence(3)),
                    true,
                    None,
                )?;
                // The API, not the table module, gives a chapter its
                // untitled opening section.
                store::sections::add(tx, ch, None, None)?;
                ch
            };
            let opening = store::sections::list(tx, ch)?[0].id;
            for s in 0..6 {
                // Stop at a section boundary, so the size follows the target
                // closely rather than in whole chapters.
                if s > 0 && words >= target_words {
                    break;
                }
                let section = if s == 0 {
                    opening
                } else {
                    store::sections::add(tx, ch, Some(&rng.sentence(4)), None)?
                };
                for i in 0..6 {
                    if i == 3 {
                        let h = rng.sentence(4);
                        words += 4;
                        store::blocks::insert(
                            tx,
                            section,
                            None,
                            &Block::Heading {
                                level: 3,
                                content: text(h),
                            },
                        )?;
                    }
                    let len = 70 + rng.next() % 40;
                    let p = rng.paragraph(len);
                    words += p.split_whitespace().count();
                    store::blocks::insert(
                        tx,
                        section,
                        None,
                        &Block::Paragraph {
                            numbered: true,
                            content: text(p),
                        },
                    )?;
                }
                let items = (0..5)
                    .map(|_| {
                        let t = rng.sentence(12);
                        words += 12;
                        ListItem {
                            blocks: vec![Block::Paragraph {
                                numbered: false,
                                content: text(t),
                            }],
                        }
                    })
                    .collect();
                store::blocks::insert(tx, section, None, &Block::BulletList { items })?;
                if s == 1 {
                    let table = measures_table(&mut rng, chapter_no);
                    words += table.rows.len() * 7;
                    store::blocks::insert(tx, section, None, &Block::Table(table))?;
                }
                if s % 3 == 2 {
                    let p = rng.paragraph(60);
                    words += 60;
                    store::blocks::insert(
                        tx,
                        section,
                        None,
                        &Block::Callout {
                            callout: CalloutKind::CaseStudy,
                            title: Some("Case study".into()),
                            blocks: vec![Block::Paragraph {
                                numbered: false,
                                content: text(p),
                            }],
                        },
                    )?;
                }
            }
            if chapter_no == 3 {
                store::blocks::insert(
                    tx,
                    opening,
                    None,
                    &Block::Data(DataQuery::Actions(ActionFilter::default())),
                )?;
            }
        }
        Ok(())
    })
    .expect("fill the plan");
    plan
}
