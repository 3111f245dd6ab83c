//! The plan as a Word document (.docx): the same [`Document`] as the PDF
//! and the web page, so numbering and content agree across all three, in
//! real Word styles (Title, Heading 1–3, List Bullet and List Number on
//! real numbering, Quote, Intense Quote for boxed callouts, Caption,
//! footnote text, Table Grid) that a Word user recognises and restyles.
//!
//! Written as WordprocessingML by hand, into a zip. docx-rs (the Rust
//! writer the issue named) has no repeating table header rows, no picture
//! descriptions (alt text), no title or subject in the document
//! properties and no language on the defaults, all of which an accessible
//! committee appendix needs; patching its output for each would be more
//! code than the parts themselves.

mod body;
mod numbering;
mod template;

pub use template::{Template, TemplateError, MAX_FILE_BYTES as MAX_TEMPLATE_BYTES};

use std::io::Write as _;

use chrono::Utc;
use thiserror::Error;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::compose::{Document, Meta};
use crate::export::pdf::WATERMARK;
use crate::export::xml::escape;
use body::{Rels, NAMESPACES};

/// The styles, with `{LANG}` for the document's language.
const STYLES: &str = include_str!("styles.xml");
/// The default font and size in [`STYLES`], which a document's own replace.
const DEFAULT_FONT: &str =
    "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>";
const DEFAULT_SIZE: &str = "<w:sz w:val=\"23\"/><w:szCs w:val=\"23\"/>";

/// What [`render`] made: the file's bytes and what it left out or changed.
pub struct Exported {
    pub docx: Vec<u8>,
    /// Full sentences for the user: the document's own, then the file's.
    pub warnings: Vec<String>,
}

#[derive(Debug, Error)]
pub enum DocxError {
    #[error("the Word file could not be put together: {0}")]
    Package(#[from] zip::result::ZipError),
}

impl From<std::io::Error> for DocxError {
    fn from(e: std::io::Error) -> Self {
        DocxError::Package(e.into())
    }
}

/// Writes `doc` as a Word document, in the styles of `template` if given
/// (each of ours it lacks added), else in ours.
pub fn render(doc: &Document, template: Option<&Template>) -> Result<Exported, DocxError> {
    let body = body::write(doc);
    let m = &doc.meta;
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(256 * 1024)));
    let xml_part = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6));
    // Pictures are compressed already.
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let part = |zip: &mut ZipWriter<_>, name: &str, text: &str| -> Result<(), DocxError> {
        zip.start_file(name, xml_part)?;
        zip.write_all(text.as_bytes())?;
        Ok(())
    };

    part(
        &mut zip,
        "[Content_Types].xml",
        &content_types(&body.media, template.and_then(Template::theme).is_some()),
    )?;
    part(&mut zip, "_rels/.rels", PACKAGE_RELS)?;
    part(&mut zip, "docProps/core.xml", &core_properties(m))?;
    part(&mut zip, "docProps/app.xml", APP_PROPERTIES)?;

    // The document's own relations first, then the ones its body made.
    let mut rels = Rels::default();
    for (id, kind, target) in [
        ("rIdStyles", REL_STYLES, "styles.xml"),
        ("rIdNumbering", REL_NUMBERING, "numbering.xml"),
        ("rIdSettings", REL_SETTINGS, "settings.xml"),
        ("rIdFootnotes", REL_FOOTNOTES, "footnotes.xml"),
        ("rIdHeader", REL_HEADER, "header1.xml"),
        ("rIdFooter", REL_FOOTER, "footer1.xml"),
    ] {
        rels.list
            .push((id.to_owned(), kind, target.to_owned(), false));
    }
    let theme = template.and_then(Template::theme);
    if theme.is_some() {
        rels.list.push((
            "rIdTheme".into(),
            REL_THEME,
            "theme/theme1.xml".into(),
            false,
        ));
    }
    rels.list.extend(body.document_rels.list);
    part(&mut zip, "word/_rels/document.xml.rels", &rels.xml())?;
    part(&mut zip, "word/document.xml", &body.document)?;
    let mut styles = STYLES.replace("{LANG}", &escape(&m.language));
    if let Some(f) = &m.font {
        // The body font and size of the document's defaults.
        let name = escape(&f.name);
        styles = styles
            .replacen(
                DEFAULT_FONT,
                &format!(
                    "<w:rFonts w:ascii=\"{name}\" w:hAnsi=\"{name}\" w:eastAsia=\"{name}\" w:cs=\"{name}\"/>"
                ),
                1,
            )
            .replacen(
                DEFAULT_SIZE,
                &format!(
                    "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
                    u32::from(f.size) * 2
                ),
                1,
            );
    }
    let styles = match template {
        Some(t) => t.styles(&styles),
        None => styles,
    };
    part(&mut zip, "word/styles.xml", &styles)?;
    if let Some(theme) = theme {
        part(&mut zip, "word/theme/theme1.xml", theme)?;
    }
    part(&mut zip, "word/numbering.xml", &body.numbering)?;
    part(&mut zip, "word/settings.xml", &settings(&m.language))?;
    part(&mut zip, "word/footnotes.xml", &body.footnotes)?;
    if !body.footnote_rels.list.is_empty() {
        part(
            &mut zip,
            "word/_rels/footnotes.xml.rels",
            &body.footnote_rels.xml(),
        )?;
    }
    part(&mut zip, "word/header1.xml", &header(m))?;
    part(&mut zip, "word/footer1.xml", &footer(m))?;
    for media in &body.media {
        zip.start_file(format!("word/media/{}", media.name), stored)?;
        zip.write_all(&media.data)?;
    }
    let docx = zip.finish()?.into_inner();
    Ok(Exported {
        docx,
        warnings: body.warnings,
    })
}

const REL_STYLES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const REL_NUMBERING: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
const REL_SETTINGS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
const REL_FOOTNOTES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes";
const REL_THEME: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
const REL_HEADER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
const REL_FOOTER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>\n";

const APP_PROPERTIES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">",
    "<Application>Planwright ",
    env!("CARGO_PKG_VERSION"),
    "</Application></Properties>\n"
);

fn content_types(media: &[body::Media], theme: bool) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    if media.iter().any(|m| m.name.ends_with(".png")) {
        out.push_str("<Default Extension=\"png\" ContentType=\"image/png\"/>");
    }
    if media.iter().any(|m| m.name.ends_with(".jpeg")) {
        out.push_str("<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>");
    }
    const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", "document.main+xml"),
        ("/word/styles.xml", "styles+xml"),
        ("/word/numbering.xml", "numbering+xml"),
        ("/word/settings.xml", "settings+xml"),
        ("/word/footnotes.xml", "footnotes+xml"),
        ("/word/header1.xml", "header+xml"),
        ("/word/footer1.xml", "footer+xml"),
    ] {
        out.push_str(&format!(
            "<Override PartName=\"{part}\" ContentType=\"{WML}.{kind}\"/>"
        ));
    }
    if theme {
        out.push_str(
            "<Override PartName=\"/word/theme/theme1.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>",
        );
    }
    out.push_str(
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>\n",
    );
    out
}

/// Title, author (the authority), subject, status and language, which
/// Word's File › Info, file managers and screen readers show.
fn core_properties(m: &Meta) -> String {
    let created = if m.date.is_empty() {
        Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        format!("{}T00:00:00Z", m.date)
    };
    let subject = m.vision.as_deref().unwrap_or(&m.period);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>\
         <dc:language>{}</dc:language><cp:contentStatus>{}</cp:contentStatus>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified>\
         </cp:coreProperties>\n",
        escape(&m.title_line()),
        escape(subject),
        escape(&m.authority),
        escape(&m.language),
        escape(&m.status),
    )
}

/// Word asks to update fields on opening, which fills in the contents'
/// page numbers; footnotes use the two separators of footnotes.xml.
fn settings(language: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:updateFields w:val=\"true\"/>\
         <w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"{}\"/></w:settings>\n",
        escape(language)
    )
}

/// The plan's title at the left of every page's top and, on a draft, the
/// draft mark at the right.
fn header(m: &Meta) -> String {
    let marking = match &m.marking {
        Some(text) => format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val=\"A4262C\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(text)
        ),
        None => String::new(),
    };
    let draft = if m.draft {
        format!(
            "<w:r><w:tab/></w:r><w:r><w:rPr><w:b/><w:color w:val=\"A4262C\"/></w:rPr><w:t>{}</w:t></w:r>",
            escape(WATERMARK)
        )
    } else {
        String::new()
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NAMESPACES}>{marking}\
         <w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>{draft}</w:p></w:hdr>\n",
        escape(&m.title_line())
    )
}

/// The authority at the left of every page's foot and the page number (a
/// PAGE field) at the right.
fn footer(m: &Meta) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NAMESPACES}>\
         <w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>\
         <w:r><w:tab/><w:t xml:space=\"preserve\">Page </w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         </w:p></w:ftr>\n",
        escape(&m.authority)
    )
}

#[cfg(test)]
mod tests;
