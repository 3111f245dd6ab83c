//! Pictures kept inside the plan for its figures.

use std::path::Path;

use super::Result;
use crate::model::ValidationError;
use crate::picture;
use crate::store::{assets, PlanFile, StoreError};

/// Reads the PNG or JPEG at `path` into the plan and returns the id its
/// figure refers to it by (the same picture added twice is kept once).
pub fn import(plan: &mut PlanFile, path: &Path) -> Result<String> {
    let (name, data) = read_picture(path, "figure")?;
    Ok(plan.edit(|tx| assets::import(tx, &name, &data))?)
}

/// The file name and bytes of the picture file at `path`, for `field` (a
/// figure, the logo); a file too large for any picture is refused unread.
pub(super) fn read_picture(path: &Path, field: &str) -> Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let data = picture::read_file(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::FileTooLarge => StoreError::from(ValidationError::new(
            field,
            format!(
                "{name} is larger than {} MB; save a smaller copy and add that",
                picture::MAX_FILE_BYTES >> 20
            ),
        )),
        _ => StoreError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    Ok((name, data))
}

/// A picture's MIME type and bytes, if the plan holds it.
pub fn get(plan: &PlanFile, id: &str) -> Result<Option<(String, Vec<u8>)>> {
    Ok(plan.read(|conn| assets::get(conn, id))?)
}
