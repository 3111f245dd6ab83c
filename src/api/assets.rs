//! Pictures kept inside the plan for its figures.

use std::io::Read;
use std::path::Path;

use super::Result;
use crate::model::ValidationError;
use crate::store::{assets, PlanFile, StoreError};

/// The largest picture file a figure or logo takes. Print needs far less; this
/// only keeps a wrong choice (a video, a disk image) from filling memory.
pub const MAX_PICTURE_BYTES: u64 = 50 << 20;

/// Reads the PNG or JPEG at `path` into the plan and returns the id its
/// figure refers to it by (the same picture added twice is kept once).
pub fn import(plan: &mut PlanFile, path: &Path) -> Result<String> {
    let (name, data) = read_picture(path, "figure")?;
    Ok(plan.write(|tx| assets::import(tx, &name, &data))?)
}

/// The file name and bytes of the picture file at `path`, for `field` (a
/// figure, the logo); a file too large for any picture is refused unread.
pub(super) fn read_picture(path: &Path, field: &str) -> Result<(String, Vec<u8>)> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut data = Vec::new();
    file.take(MAX_PICTURE_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(io)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if data.len() as u64 > MAX_PICTURE_BYTES {
        return Err(ValidationError::new(
            field,
            format!(
                "{name} is larger than {} MB; save a smaller copy and add that",
                MAX_PICTURE_BYTES >> 20
            ),
        )
        .into());
    }
    Ok((name, data))
}

/// A picture's MIME type and bytes, if the plan holds it.
pub fn get(plan: &PlanFile, id: &str) -> Result<Option<(String, Vec<u8>)>> {
    Ok(plan.read(|conn| assets::get(conn, id))?)
}
