//! Pictures the user names by file (the title page logo): PNG or JPEG,
//! told by their first bytes rather than their names.

use std::path::{Path, PathBuf};

use super::Image;

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("{}: no such file", .0.display())]
    Missing(PathBuf),
    #[error("{}: could not be read ({source})", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a PNG or JPEG image", .0.display())]
    NotAnImage(PathBuf),
    #[error("{}: the {kind} image is damaged ({reason})", path.display())]
    Damaged {
        path: PathBuf,
        kind: &'static str,
        reason: String,
    },
}

impl Image {
    /// Reads a PNG or JPEG file, refusing anything the PDF could not show.
    pub fn read(path: &Path) -> Result<Image, ImageError> {
        let data = std::fs::read(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => ImageError::Missing(path.to_path_buf()),
            _ => ImageError::Unreadable {
                path: path.to_path_buf(),
                source,
            },
        })?;
        let (kind, mime) =
            sniff(&data).ok_or_else(|| ImageError::NotAnImage(path.to_path_buf()))?;
        // Decoded once here so a damaged file is refused by name, not
        // silently left off the page.
        printpdf::RawImage::decode_from_bytes(&data, &mut Vec::new()).map_err(|reason| {
            ImageError::Damaged {
                path: path.to_path_buf(),
                kind,
                reason,
            }
        })?;
        Ok(Image {
            mime: mime.into(),
            data,
        })
    }
}

/// The kind and MIME type of PNG and JPEG data, from its signature.
fn sniff(data: &[u8]) -> Option<(&'static str, &'static str)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("PNG", "image/png"))
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("JPEG", "image/jpeg"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_told_by_their_bytes_not_their_names() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("logo.png");
        std::fs::write(&fake, "GIF89a and then some").unwrap();
        let e = Image::read(&fake).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: not a PNG or JPEG image", fake.display())
        );
        let cut = dir.path().join("cut.png");
        std::fs::write(&cut, b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR").unwrap();
        let e = Image::read(&cut).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("{}: the PNG image is damaged (", cut.display())),
            "{e}"
        );
        let none = dir.path().join("none.jpg");
        let e = Image::read(&none).unwrap_err();
        assert_eq!(e.to_string(), format!("{}: no such file", none.display()));
    }
}
