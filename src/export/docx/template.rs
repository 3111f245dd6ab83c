//! A reference Word template: a .docx (or .dotx) whose styles the Word
//! export takes, so an authority's documents keep their house fonts,
//! colours and spacing. The template's `styles.xml` is used as it is;
//! each style of ours it lacks (Numbered Paragraph, Callout Label, …) is
//! added, so every paragraph still has its style. Its theme (theme fonts
//! and colours that its styles name) comes across too; nothing else of it
//! does (no text, pictures, macros or fields).
//!
//! A template is someone else's file: it is read with bounds (the file,
//! the number of entries, each part's unpacked size), parsed by roxmltree
//! (which refuses DTDs, so no entity expansion), and only well-formed
//! parts in WordprocessingML's own namespace are kept.

use std::collections::HashSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::untrusted_xml::XmlError;

/// The largest template file read.
pub const MAX_FILE_BYTES: u64 = 50 << 20;
/// The largest unpacked part (styles, theme) read from it.
const MAX_PART_BYTES: u64 = 16 << 20;
/// The most entries a template's package may have.
const MAX_ENTRIES: usize = 10_000;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A template, checked and ready to lend its styles.
#[derive(Debug, Clone)]
pub struct Template {
    /// The file's name, for people.
    pub name: String,
    styles: String,
    /// Where the styles' root element ends: ours go in before it.
    styles_end: usize,
    style_ids: HashSet<String>,
    theme: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{}: no such file", .0.display())]
    Missing(PathBuf),
    #[error("{}: could not be read ({source})", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not a template we can use: "it is not a Word document (.docx)".
    #[error("{} cannot be a Word template: {why}", path.display())]
    Refused { path: PathBuf, why: String },
}

impl Template {
    /// Reads and checks the template file at `path`.
    pub fn read(path: &Path) -> Result<(Template, Vec<u8>), TemplateError> {
        let refused = |why: String| TemplateError::Refused {
            path: path.to_path_buf(),
            why,
        };
        let unreadable = |source: std::io::Error| match source.kind() {
            std::io::ErrorKind::NotFound => TemplateError::Missing(path.to_path_buf()),
            _ => TemplateError::Unreadable {
                path: path.to_path_buf(),
                source,
            },
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let meta = file.metadata().map_err(unreadable)?;
        if meta.is_dir() {
            return Err(refused("it is a folder".into()));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(refused(format!(
                "it is larger than {} MB",
                MAX_FILE_BYTES >> 20
            )));
        }
        let mut data = Vec::with_capacity(meta.len() as usize);
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(unreadable)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "template.docx".into());
        let template = Template::parse(&name, &data).map_err(refused)?;
        Ok((template, data))
    }

    /// Checks the bytes of a template called `name`; the error says why it
    /// cannot be used, as words that follow "it" ("it has no styles").
    pub fn parse(name: &str, data: &[u8]) -> Result<Template, String> {
        if data.len() as u64 > MAX_FILE_BYTES {
            return Err(format!("it is larger than {} MB", MAX_FILE_BYTES >> 20));
        }
        if data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(
                "it is an older Word document (.doc) or a password-protected one; \
                 save it from Word as a Word Document (.docx) without a password"
                    .into(),
            );
        }
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(data))
            .map_err(|_| "it is not a Word document (.docx)".to_string())?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!("its package has more than {MAX_ENTRIES} parts"));
        }
        let styles = part(&mut zip, "word/styles.xml")?.ok_or_else(|| {
            "it has no styles (word/styles.xml); save it from Word as a Word Document".to_string()
        })?;
        let (style_ids, styles_end) = {
            let xml = parse_xml(&styles, "styles part")?;
            let root = xml.root_element();
            if root.tag_name().namespace() != Some(W) || root.tag_name().name() != "styles" {
                return Err(
                    "its styles are not Word's (is it a Strict Open XML document? \
                     save it as a Word Document)"
                        .into(),
                );
            }
            let ids: HashSet<String> = root
                .children()
                .filter(|n| n.has_tag_name((W, "style")))
                .filter_map(|n| n.attribute((W, "styleId")).map(str::to_owned))
                .collect();
            if ids.is_empty() {
                return Err("it has no styles".into());
            }
            // The root has children, so it ends with an end tag.
            let end = styles[..root.range().end]
                .rfind("</")
                .unwrap_or(root.range().end);
            (ids, end)
        };
        let theme = match part(&mut zip, "word/theme/theme1.xml")? {
            Some(t) => {
                // A theme of another kind, or one that names other parts
                // (pictures its fills use, which are not copied), is left
                // behind, not refused: the styles still come across.
                let xml = parse_xml(&t, "theme")?;
                let alone = !xml
                    .descendants()
                    .any(|n| n.attributes().any(|a| a.namespace() == Some(R)));
                (xml.root_element().has_tag_name((A, "theme")) && alone).then(|| t.clone())
            }
            None => None,
        };
        Ok(Template {
            name: name.to_owned(),
            styles,
            styles_end,
            style_ids,
            theme,
        })
    }

    /// The template's styles with each of `ours` (our styles.xml) that it
    /// lacks added at the end, each declaring its own namespace so it
    /// reads the same whatever prefix the template uses.
    pub fn styles(&self, ours: &str) -> String {
        let ours = roxmltree::Document::parse(ours).expect("our styles are well-formed");
        let mut missing = String::new();
        for style in ours
            .root_element()
            .children()
            .filter(|n| n.has_tag_name((W, "style")))
        {
            let Some(id) = style.attribute((W, "styleId")) else {
                continue;
            };
            if self.style_ids.contains(id) {
                continue;
            }
            let text = &ours.input_text()[style.range()];
            missing.push_str(&text.replacen("<w:style ", &format!("<w:style xmlns:w=\"{W}\" "), 1));
            missing.push('\n');
        }
        let end = self.styles_end;
        let mut out = String::with_capacity(self.styles.len() + missing.len());
        out.push_str(&self.styles[..end]);
        out.push_str(&missing);
        out.push_str(&self.styles[end..]);
        out
    }

    /// The template's theme part, if it has one.
    pub fn theme(&self) -> Option<&str> {
        self.theme.as_deref()
    }
}

/// The text of the part `name`, if the package has it, read no further
/// than [`MAX_PART_BYTES`] (a small entry can unpack to gigabytes).
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("its package is damaged ({e})")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("its package is damaged ({e})"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "its {name} is larger than {} MB",
            MAX_PART_BYTES >> 20
        ));
    }
    // A byte order mark is allowed; anything but UTF-8 is not what Word
    // writes.
    let text = String::from_utf8(bytes).map_err(|_| format!("its {name} is not UTF-8 text"))?;
    Ok(Some(text.trim_start_matches('\u{FEFF}').to_owned()))
}

fn parse_xml<'a>(text: &'a str, what: &str) -> Result<roxmltree::Document<'a>, String> {
    crate::untrusted_xml::parse(text).map_err(|e| match e {
        XmlError::TooDeep => format!("its {what} {e}"),
        XmlError::Damaged(why) => format!("its {what} is damaged ({why})"),
    })
}
