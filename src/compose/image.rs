//! Pictures for the title page logo, from a file the user names or the
//! plan's own logo: PNG or JPEG, told by their first bytes rather than their
//! names, and decoded here once (by [`crate::picture`]) so a damaged or
//! oversized picture is found before an export starts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Image;
use crate::picture::{self, PictureError, PRINT_MAX_SIDE};

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
    /// Too large to use: "logo.png: it is 40000 × 10 pixels, more than …".
    #[error("{}: {reason}", path.display())]
    Refused { path: PathBuf, reason: PictureError },
}

impl Image {
    /// Reads a PNG or JPEG file, refusing anything the PDF could not show.
    pub fn read(path: &Path) -> Result<Image, ImageError> {
        let data = crate::picture::read_file(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => ImageError::Missing(path.to_path_buf()),
            _ => ImageError::Unreadable {
                path: path.to_path_buf(),
                source,
            },
        })?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let image = Image::from_bytes(&name, &data).map_err(|e| {
            let path = path.to_path_buf();
            match e {
                PictureError::NotAnImage => ImageError::NotAnImage(path),
                PictureError::Damaged { kind, reason } => {
                    ImageError::Damaged { path, kind, reason }
                }
                reason => ImageError::Refused { path, reason },
            }
        })?;
        Ok(Image {
            key: format!("file:{}", path.display()),
            ..image
        })
    }

    /// The picture `data` (a PNG or JPEG called `name`), refusing anything
    /// the PDF could not show. It is decoded here, no larger than a page at
    /// print resolution, and kept: the export shrinks this rather than
    /// decoding the bytes again.
    pub fn from_bytes(name: &str, data: &[u8]) -> Result<Image, PictureError> {
        let kind = picture::sniff(data).ok_or(PictureError::NotAnImage)?;
        let raster = picture::decode(data, PRINT_MAX_SIDE, PRINT_MAX_SIDE)?;
        Ok(Image {
            name: name.to_owned(),
            mime: kind.mime().into(),
            // Not an asset id: a figure showing the same picture is decoded
            // for its own size.
            key: format!("picture:{name}"),
            data: Arc::from(data),
            decoded: Some(Arc::new(raster)),
        })
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
