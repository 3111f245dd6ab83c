//! The `assets` table: the images the plan's figures show, kept inside the
//! plan so that it travels as one file.

use std::hash::{Hash, Hasher};

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::error::Result;
use crate::model::ValidationError;

/// An image of the plan, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Made from its bytes: what a figure (or the logo) names it by.
    pub id: String,
    /// The file name it was added from.
    pub name: String,
    pub mime: String,
    pub data: Vec<u8>,
}

/// The columns [`from_row`] reads, in its order; named by table, so that a
/// query joining `plan` (for the logo) can use them.
pub(super) const COLUMNS: &str = "assets.id, assets.name, assets.mime, assets.data";

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Asset> {
    Ok(Asset {
        id: r.get(0)?,
        name: r.get(1)?,
        mime: r.get(2)?,
        // A plan made by hand may hold NULL: no bytes, so no picture.
        data: r
            .get_ref(3)?
            .as_blob_or_null()
            .map_err(rusqlite::Error::from)?
            .unwrap_or_default()
            .to_vec(),
    })
}

/// The image `id`, if the plan holds it.
pub fn find(conn: &Connection, id: &str) -> Result<Option<Asset>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM assets WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// The MIME type and bytes of an asset, if the plan holds it.
pub fn get(conn: &Connection, id: &str) -> Result<Option<(String, Vec<u8>)>> {
    Ok(find(conn, id)?.map(|a| (a.mime, a.data)))
}

/// Stores an image (PNG or JPEG, the kinds the PDF export embeds) under an id
/// made from its bytes, so the same picture added twice is kept once, and
/// returns the id a figure refers to it by. `name` is the file's name, kept
/// for people and named in the error for anything else.
pub fn import(conn: &Connection, name: &str, data: &[u8]) -> Result<String> {
    let (Some(mime), Some(id)) = (image_kind(data), id_for(data)) else {
        return Err(ValidationError::new(
            "figure",
            format!("{name} is not a PNG or JPEG image; save it as one and add it again"),
        )
        .into());
    };
    conn.execute(
        "INSERT INTO assets (id, name, mime, data) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO NOTHING",
        params![id, name, mime, data],
    )?;
    Ok(id)
}

/// The id [`import`] stores a PNG or JPEG image under, made from its bytes
/// (None for anything else): an import names its figures' pictures by it
/// before the plan they go in exists.
pub fn id_for(data: &[u8]) -> Option<String> {
    let ext = if image_kind(data)? == "image/png" {
        "png"
    } else {
        "jpg"
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut hasher);
    Some(format!("{:016x}.{ext}", hasher.finish()))
}

/// True when the plan holds asset `id` and it is a PNG or JPEG image: one
/// that [`copy_all`] copies and a logo may be.
pub(super) fn is_image(conn: &Connection, id: &str) -> Result<bool> {
    Ok(find(conn, id)?.is_some_and(|a| image_kind(&a.data).is_some()))
}

/// Copies every image of the plan `from` into `to` under the same ids (the
/// figures link to them by id), one row at a time so only one image is in
/// memory. Anything that is not a PNG or JPEG is left out and named.
/// Returns how many were copied and what was left out.
pub(super) fn copy_all(from: &Connection, to: &Connection) -> Result<(usize, Vec<String>)> {
    let mut rows = from.prepare(&format!("SELECT {COLUMNS} FROM assets ORDER BY id"))?;
    let rows = rows.query_map([], from_row)?;
    let mut insert =
        to.prepare("INSERT INTO assets (id, name, mime, data) VALUES (?1, ?2, ?3, ?4)")?;
    let (mut copied, mut left_out) = (0, Vec::new());
    for asset in rows {
        let Asset { id, name, data, .. } = asset?;
        // The type is told again from the bytes, not taken from the source.
        match image_kind(&data) {
            Some(mime) => {
                insert.execute(params![id, name, mime, data])?;
                copied += 1;
            }
            None => left_out.push(format!("image {id} (\"{name}\"): not a PNG or JPEG")),
        }
    }
    Ok((copied, left_out))
}

/// The MIME type of PNG and JPEG images, from their first bytes.
fn image_kind(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::PlanFile;
    use crate::store::StoreError;
    use crate::templates::Template;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn images_are_kept_once_and_other_files_refused() {
        let dir = tempfile::tempdir().unwrap();
        let info = crate::model::PlanInfo::titled("Plan", 2027);
        let mut plan =
            PlanFile::create(dir.path().join("p.plan"), &Template::Blank.bundle(info)).unwrap();
        let a = plan.write(|tx| import(tx, "map.png", PNG)).unwrap();
        let b = plan.write(|tx| import(tx, "copy of map.png", PNG)).unwrap();
        assert_eq!(a, b);
        assert!(a.ends_with(".png"));
        let (mime, data) = plan.read(|c| get(c, &a)).unwrap().unwrap();
        assert_eq!((mime.as_str(), data.as_slice()), ("image/png", PNG));

        let err = plan
            .write(|tx| import(tx, "notes.docx", b"PK\x03\x04"))
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        assert!(
            err.to_string().contains("notes.docx is not a PNG or JPEG"),
            "{err}"
        );
    }
}
