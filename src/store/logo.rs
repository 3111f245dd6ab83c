//! The plan's logo, drawn on the title page of every export: an image kept
//! in `assets` and named by the plan's `logo_asset` column (format 2).
//! Deleting the image clears the column (ON DELETE SET NULL), so the plan
//! never names a logo it does not hold.

use rusqlite::{Connection, OptionalExtension};

use super::assets::{self, Asset};
use super::error::Result;
use crate::model::ValidationError;
use crate::picture;

/// Makes the picture `data` (the bytes of the file `file_name`) the plan's
/// logo, and returns its asset id. Anything an export could not show (not a
/// PNG or JPEG, damaged, too large) is refused by name and nothing changes.
pub fn set(conn: &Connection, file_name: &str, data: &[u8]) -> Result<String> {
    // Decoded small: enough to find damage anywhere in the file, and to hold
    // it to the limits on size, without the memory of a print-sized copy.
    picture::decode(data, CHECK_SIDE, CHECK_SIDE).map_err(|why| {
        ValidationError::new(
            "logo",
            format!("{file_name} cannot be the plan's logo: {why}; choose a PNG or JPEG image"),
        )
    })?;
    let id = assets::import(conn, file_name, data)?;
    link(conn, Some(&id))?;
    Ok(id)
}

/// The side a logo is decoded to when it is checked.
const CHECK_SIDE: u32 = 64;

/// Takes the logo off the plan. Its image stays among the plan's assets (a
/// figure may show it too).
pub fn clear(conn: &Connection) -> Result<()> {
    link(conn, None)
}

/// The plan's logo, if it has one: its image as stored.
pub fn get(conn: &Connection) -> Result<Option<Asset>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM plan JOIN assets ON assets.id = plan.logo_asset WHERE plan.id = 1",
            assets::COLUMNS
        ))?
        .query_row([], assets::from_row)
        .optional()?)
}

/// The asset id of the plan's logo, without reading the image. (A plan
/// made by hand may hold anything there; only text can name an asset.)
pub(super) fn asset(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT logo_asset FROM plan WHERE id = 1 AND typeof(logo_asset) = 'text'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Makes the image `asset` (already in the plan) the logo, or none.
pub(super) fn link(conn: &Connection, asset: Option<&str>) -> Result<()> {
    if let Some(id) = asset {
        if !assets::is_image(conn, id)? {
            return Err(ValidationError::new(
                "logo",
                format!("the plan holds no PNG or JPEG image \"{id}\" to be its logo"),
            )
            .into());
        }
    }
    conn.execute("UPDATE plan SET logo_asset = ?1 WHERE id = 1", [asset])?;
    Ok(())
}
