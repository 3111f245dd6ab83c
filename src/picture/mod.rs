//! Pictures in a plan (figures' images, the title page logo): PNG or JPEG,
//! told by their first bytes, held to limits on size, and decoded straight
//! to the size print needs. A plan is untrusted input, so a picture is
//! never decoded whole: PNG rows are shrunk as they arrive and JPEGs are
//! decoded at a reduced scale, keeping memory bounded whatever the file
//! claims. Both the compose stage (checking a logo) and the exporters use
//! this one module.

mod jpeg;
mod png;
mod shrink;

/// The most pixels a picture may have on a side.
pub const MAX_SIDE: u32 = 30_000;

/// The most pixels a picture may have in all: decoding reads every one of
/// them, so this bounds the time a picture takes (13,000 × 13,000 is 169
/// million).
pub const MAX_PIXELS: u64 = 200_000_000;

/// The most memory one decoder may hold for its work besides the shrunk
/// raster (a progressive JPEG keeps all its coefficients, two bytes a sample).
pub const MAX_WORK_BYTES: u64 = 192 << 20;

/// Print resolution: a picture is never kept finer than this at the size
/// it is drawn.
pub const PRINT_DPI: f32 = 300.0;

/// The most pixels a decoded picture has on a side, whatever is asked: the
/// long side of an A4 page at 300 dpi, as large as any picture is drawn.
pub const PRINT_MAX_SIDE: u32 = 3508;

/// The two kinds of picture a plan may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Png,
    Jpeg,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Png => "PNG",
            Kind::Jpeg => "JPEG",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
        }
    }
}

/// The kind of picture `data` is, from its signature (not its file name).
/// The largest picture file read (a figure's or a logo's). Print needs far
/// less; this keeps a wrong choice (a video, a disk image) from filling
/// memory before the picture's own limits are checked.
pub const MAX_FILE_BYTES: u64 = 50 << 20;

/// The bytes of the file at `path`, refused with `FileTooLarge` past
/// [`MAX_FILE_BYTES`] without reading more than one byte beyond it.
pub fn read_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut data = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut data)?;
    if data.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::ErrorKind::FileTooLarge.into());
    }
    Ok(data)
}

pub fn sniff(data: &[u8]) -> Option<Kind> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else {
        None
    }
}

/// Why a picture cannot be used; each reads after "it" ("the image map.png
/// cannot be used: …").
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PictureError {
    #[error("it is not a PNG or JPEG image")]
    NotAnImage,
    #[error("it has no pixels ({width} × {height})")]
    Empty { width: u32, height: u32 },
    #[error(
        "it is {width} × {height} pixels, more than the {MAX_SIDE} pixels a side a picture may have"
    )]
    TooLong { width: u32, height: u32 },
    #[error(
        "it is {width} × {height} pixels ({} million), more than the {} million a picture may have",
        (*width as u64 * *height as u64) / 1_000_000,
        MAX_PIXELS / 1_000_000
    )]
    TooManyPixels { width: u32, height: u32 },
    #[error(
        "it is a progressive JPEG of {width} × {height} pixels, which needs more than the {} MB a picture may use to decode; save it as a standard (baseline) JPEG or smaller",
        MAX_WORK_BYTES >> 20
    )]
    TooCostly { width: u32, height: u32 },
    #[error("the {kind} image is damaged ({reason})")]
    Damaged { kind: &'static str, reason: String },
}

/// Why a picture cut short is damaged.
const ENDS_EARLY: &str = "the file ends before the picture does";

impl PictureError {
    fn damaged(kind: Kind, reason: impl std::fmt::Display) -> Self {
        PictureError::Damaged {
            kind: kind.name(),
            reason: reason.to_string(),
        }
    }
}

/// What a picture's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Info {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
}

/// Reads a picture's header (not its pixels) and holds it to the limits.
pub fn probe(data: &[u8]) -> Result<Info, PictureError> {
    let kind = sniff(data).ok_or(PictureError::NotAnImage)?;
    let (width, height) = match kind {
        Kind::Png => png::size(data)?,
        Kind::Jpeg => jpeg::header(data)?.size,
    };
    within_limits(width, height)?;
    Ok(Info {
        kind,
        width,
        height,
    })
}

fn within_limits(width: u32, height: u32) -> Result<(), PictureError> {
    if width == 0 || height == 0 {
        return Err(PictureError::Empty { width, height });
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(PictureError::TooLong { width, height });
    }
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(PictureError::TooManyPixels { width, height });
    }
    Ok(())
}

/// The samples of a decoded picture, 8 bits each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    Grey,
    GreyAlpha,
    Rgb,
    Rgba,
}

impl Channels {
    pub fn count(self) -> usize {
        match self {
            Channels::Grey => 1,
            Channels::GreyAlpha => 2,
            Channels::Rgb => 3,
            Channels::Rgba => 4,
        }
    }

    pub fn has_alpha(self) -> bool {
        matches!(self, Channels::GreyAlpha | Channels::Rgba)
    }

    pub fn colours(self) -> usize {
        self.count() - self.has_alpha() as usize
    }
}

/// A decoded picture, no larger than it was asked to be.
#[derive(Clone, PartialEq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// The picture's own size in pixels, before it was shrunk.
    pub full_width: u32,
    pub full_height: u32,
    pub channels: Channels,
    /// Rows top to bottom, each pixel's samples together.
    pub pixels: Vec<u8>,
}

impl std::fmt::Debug for Raster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Raster {}×{} {:?} (of {}×{})",
            self.width, self.height, self.channels, self.full_width, self.full_height
        )
    }
}

impl Raster {
    /// This raster box-filtered to fit `max_width` × `max_height`, keeping
    /// its shape (a copy when it fits already).
    pub fn fitted(&self, max_width: u32, max_height: u32) -> Raster {
        let (w, h) = fit(self.width, self.height, max_width, max_height);
        let ch = self.channels.count();
        let mut shrink = shrink::Rows::new(self.width, self.height, w, h, ch);
        for row in self.pixels.chunks_exact(self.width as usize * ch) {
            shrink.push(row);
        }
        Raster::from_rows(
            (self.full_width, self.full_height),
            (w, h),
            self.channels,
            shrink.finish(),
        )
    }

    fn from_rows(full: (u32, u32), size: (u32, u32), channels: Channels, pixels: Vec<u8>) -> Self {
        Raster {
            width: size.0,
            height: size.1,
            full_width: full.0,
            full_height: full.1,
            channels,
            pixels,
        }
    }
}

/// Decodes a picture to fit `max_width` × `max_height` pixels (and never
/// more than [`PRINT_MAX_SIDE`] a side), keeping its shape. Memory stays
/// bounded by the output and [`MAX_WORK_BYTES`] whatever the picture's size.
pub fn decode(data: &[u8], max_width: u32, max_height: u32) -> Result<Raster, PictureError> {
    let kind = sniff(data).ok_or(PictureError::NotAnImage)?;
    let max = (
        max_width.clamp(1, PRINT_MAX_SIDE),
        max_height.clamp(1, PRINT_MAX_SIDE),
    );
    // The decoders are third-party code fed untrusted bytes: a panic in
    // one is a damaged picture, not a lost export.
    std::panic::catch_unwind(|| match kind {
        Kind::Png => png::decode(data, max),
        Kind::Jpeg => jpeg::decode(data, max),
    })
    .unwrap_or_else(|_| Err(PictureError::damaged(kind, "the decoder failed on it")))
}

/// Pixels needed to print `points` (1/72 inch) at [`PRINT_DPI`], at least one.
pub fn print_pixels(points: f32) -> u32 {
    ((points / 72.0 * PRINT_DPI).floor() as u32).max(1)
}

/// `width` × `height` scaled down (never up) to fit the box, keeping its
/// shape; each side at least one pixel.
pub fn fit(width: u32, height: u32, max_width: u32, max_height: u32) -> (u32, u32) {
    if width <= max_width && height <= max_height {
        return (width, height);
    }
    let scale = (max_width as f64 / width as f64).min(max_height as f64 / height as f64);
    let side = |n: u32, max: u32| ((n as f64 * scale).round() as u32).clamp(1, max);
    (side(width, max_width), side(height, max_height))
}

#[cfg(test)]
mod tests;
