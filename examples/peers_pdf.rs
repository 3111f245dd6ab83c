//! Writes the same content for the PDF peer comparison (benches/peers_pdf.sh):
//! the sample plan and the generated 170-page / 60,000-word benchmark plan,
//! each as a .plan file, as simple HTML (for LibreOffice) and as Typst
//! markup (for typst).
//!
//! Usage: cargo run --release --example peers_pdf -- OUT_DIR

use std::fmt::Write as _;
use std::path::PathBuf;

use planwright::compose::{self, Chart, ComposeOptions, DocBlock, Document, Span};
use planwright::store::PlanFile;
use planwright::templates;

#[path = "../benches/support/plan_gen.rs"]
mod plan_gen;

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).expect("usage: peers_pdf OUT_DIR"));
    std::fs::create_dir_all(&out).expect("create the output folder");
    for name in ["sample", "big"] {
        let path = out.join(format!("{name}.plan"));
        let _ = std::fs::remove_file(&path);
        let plan = match name {
            "sample" => PlanFile::create(&path, &templates::sample()).expect("create the sample"),
            _ => plan_gen::generate(&path, plan_gen::BENCH_WORDS),
        };
        let doc = compose::compose(&plan, &ComposeOptions::default()).expect("compose");
        std::fs::write(out.join(format!("{name}.html")), html(&doc)).expect("write html");
        std::fs::write(out.join(format!("{name}.typ")), typst(&doc)).expect("write typ");
        println!("{}", path.display());
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html_spans(spans: &[Span]) -> String {
    let mut o = String::new();
    for s in spans {
        match s {
            Span::Text {
                text, bold, italic, ..
            } => {
                let mut t = esc(text);
                if *bold {
                    t = format!("<b>{t}</b>");
                }
                if *italic {
                    t = format!("<i>{t}</i>");
                }
                o.push_str(&t);
            }
            Span::FootnoteRef { number } => {
                let _ = write!(o, "<sup>{number}</sup>");
            }
            Span::LineBreak => o.push_str("<br>"),
        }
    }
    o
}

fn html_blocks(blocks: &[DocBlock], o: &mut String) {
    for b in blocks {
        match b {
            DocBlock::Heading { level, content, .. } => {
                let _ = writeln!(o, "<h{l}>{}</h{l}>", html_spans(content), l = level);
            }
            DocBlock::Paragraph { label, content } => {
                let l = label.as_ref().map(|l| format!("{l} ")).unwrap_or_default();
                let _ = writeln!(o, "<p>{l}{}</p>", html_spans(content));
            }
            DocBlock::List { ordered, items, .. } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let _ = writeln!(o, "<{tag}>");
                for i in items {
                    o.push_str("<li>");
                    html_blocks(i, o);
                    o.push_str("</li>\n");
                }
                let _ = writeln!(o, "</{tag}>");
            }
            DocBlock::Quote { blocks, .. } => {
                o.push_str("<blockquote>");
                html_blocks(blocks, o);
                o.push_str("</blockquote>\n");
            }
            DocBlock::Callout {
                callout,
                title,
                blocks,
            } => {
                o.push_str(
                    "<div style=\"border:1px solid #5a80ad;background:#f0f4fa;padding:8pt\">",
                );
                // The kind label, as Planwright's PDF sets it.
                let _ = write!(
                    o,
                    "<p><small><b>{}</b></small></p>",
                    callout.label().to_uppercase()
                );
                if let Some(t) = title {
                    let _ = write!(o, "<p><b>{}</b></p>", esc(t));
                }
                html_blocks(blocks, o);
                o.push_str("</div>\n");
            }
            DocBlock::Table(t) => {
                o.push_str("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse;width:100%\">\n");
                for (r, row) in t.rows.iter().enumerate() {
                    o.push_str(if r < t.header_rows {
                        "<thead><tr>"
                    } else {
                        "<tr>"
                    });
                    for c in row {
                        let tag = if c.header { "th" } else { "td" };
                        let _ = write!(o, "<{tag}>");
                        html_blocks(&c.blocks, o);
                        let _ = write!(o, "</{tag}>");
                    }
                    o.push_str(if r < t.header_rows {
                        "</tr></thead>\n"
                    } else {
                        "</tr>\n"
                    });
                }
                o.push_str("</table>\n");
            }
            DocBlock::Figure { alt, .. } | DocBlock::Chart(Chart { alt, .. }) => {
                let _ = writeln!(o, "<p>[{}]</p>", esc(alt));
            }
            DocBlock::PageBreak => o.push_str("<p style=\"page-break-after:always\"></p>\n"),
        }
    }
}

fn html(doc: &Document) -> String {
    let mut o = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font-family:'Liberation Sans';font-size:12pt}}</style></head><body>\n<h1>{}</h1>\n",
        esc(&doc.meta.title),
        esc(&doc.meta.title)
    );
    for c in &doc.chapters {
        let _ = writeln!(
            o,
            "<h1 style=\"page-break-before:always\">{}</h1>",
            esc(&c.heading_text())
        );
        html_blocks(&c.blocks, &mut o);
    }
    o.push_str("</body></html>\n");
    o
}

fn typ_esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        if "\\#*_`$<>@[]~\"'=-+/".contains(ch) {
            o.push('\\');
        }
        o.push(ch);
    }
    o
}

fn typ_spans(spans: &[Span]) -> String {
    let mut o = String::new();
    for s in spans {
        match s {
            Span::Text {
                text, bold, italic, ..
            } => {
                let mut t = typ_esc(text);
                if *bold {
                    t = format!("#strong[{t}]");
                }
                if *italic {
                    t = format!("#emph[{t}]");
                }
                o.push_str(&t);
            }
            Span::FootnoteRef { number } => {
                let _ = write!(o, "#super[{number}]");
            }
            Span::LineBreak => o.push_str(" \\ "),
        }
    }
    o
}

fn typ_blocks(blocks: &[DocBlock], o: &mut String) {
    for b in blocks {
        match b {
            DocBlock::Heading { level, content, .. } => {
                let _ = writeln!(
                    o,
                    "\n{} {}\n",
                    "=".repeat(*level as usize),
                    typ_spans(content)
                );
            }
            DocBlock::Paragraph { label, content } => {
                let l = label
                    .as_ref()
                    .map(|l| format!("{} ", typ_esc(l)))
                    .unwrap_or_default();
                let _ = writeln!(o, "{l}{}\n", typ_spans(content));
            }
            DocBlock::List { items, .. } => {
                for i in items {
                    let mut inner = String::new();
                    typ_blocks(i, &mut inner);
                    let _ = writeln!(o, "- {}", inner.trim().replace('\n', " "));
                }
                o.push('\n');
            }
            DocBlock::Quote { blocks, .. } => {
                let mut inner = String::new();
                typ_blocks(blocks, &mut inner);
                let _ = writeln!(o, "#quote(block: true)[{}]\n", inner.trim());
            }
            DocBlock::Callout {
                callout,
                title,
                blocks,
            } => {
                let mut inner = String::new();
                let _ = writeln!(
                    inner,
                    "#text(size: 9.5pt)[*{}*]\n",
                    callout.label().to_uppercase()
                );
                if let Some(t) = title {
                    let _ = writeln!(inner, "#strong[{}]\n", typ_esc(t));
                }
                typ_blocks(blocks, &mut inner);
                let _ = writeln!(o, "#block(fill: rgb(\"#f0f4fa\"), stroke: rgb(\"#5a80ad\"), inset: 10pt, width: 100%, breakable: true)[{}]\n", inner.trim());
            }
            DocBlock::Table(t) => {
                let cols = t.rows.iter().map(|r| r.len()).max().unwrap_or(1);
                let _ = writeln!(o, "#table(columns: {cols},");
                if t.header_rows > 0 {
                    o.push_str("  table.header(");
                    for c in &t.rows[0] {
                        let mut inner = String::new();
                        typ_blocks(&c.blocks, &mut inner);
                        let _ = write!(o, "[#strong[{}]], ", inner.trim());
                    }
                    o.push_str("),\n");
                }
                for row in &t.rows[t.header_rows.min(t.rows.len())..] {
                    o.push_str("  ");
                    for c in row {
                        let mut inner = String::new();
                        typ_blocks(&c.blocks, &mut inner);
                        let _ = write!(o, "[{}], ", inner.trim());
                    }
                    o.push('\n');
                }
                o.push_str(")\n\n");
            }
            DocBlock::Figure { alt, .. } | DocBlock::Chart(Chart { alt, .. }) => {
                let _ = writeln!(o, "[{}]\n", typ_esc(alt));
            }
            DocBlock::PageBreak => o.push_str("#pagebreak(weak: true)\n"),
        }
    }
}

fn typst(doc: &Document) -> String {
    let mut o = format!(
        "#set document(title: \"{}\")\n#set page(paper: \"a4\", margin: 2.4cm, footer: context [#h(1fr) Page #counter(page).display() #h(1fr)])\n\
         #set text(font: \"Liberation Sans\", size: 12pt, lang: \"en\", region: \"gb\")\n\
         #set par(justify: false)\n\n#text(size: 30pt, weight: \"bold\")[{}]\n\n#pagebreak()\n#outline()\n",
        doc.meta.title.replace('"', "\\\""),
        typ_esc(&doc.meta.title)
    );
    for c in &doc.chapters {
        let _ = writeln!(
            o,
            "#pagebreak(weak: true)\n= {}\n",
            typ_esc(&c.heading_text())
        );
        typ_blocks(&c.blocks, &mut o);
    }
    o
}
