//! PNG: decoded a row at a time by the `png` crate (8 bits a sample,
//! palettes and transparency expanded) and shrunk as the rows arrive.

use std::io::Cursor;

use png::{ColorType, Decoder, Limits, Transformations};

use super::shrink::{Grid, Rows};
use super::{fit, within_limits, Channels, Kind, PictureError, Raster, ENDS_EARLY, MAX_WORK_BYTES};

fn damaged(e: impl std::fmt::Display) -> PictureError {
    PictureError::damaged(Kind::Png, e)
}

fn decoding(e: png::DecodingError) -> PictureError {
    match e {
        png::DecodingError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            damaged(ENDS_EARLY)
        }
        other => damaged(other),
    }
}

fn decoder(data: &[u8]) -> Decoder<Cursor<&[u8]>> {
    // The crate's own limit covers what it allocates for chunks and rows.
    let mut d = Decoder::new_with_limits(
        Cursor::new(data),
        Limits {
            bytes: MAX_WORK_BYTES as usize,
        },
    );
    d.set_transformations(Transformations::normalize_to_color8());
    d
}

/// Width and height from the header.
pub fn size(data: &[u8]) -> Result<(u32, u32), PictureError> {
    let mut d = decoder(data);
    let info = d.read_header_info().map_err(decoding)?;
    Ok((info.width, info.height))
}

pub fn decode(data: &[u8], max: (u32, u32)) -> Result<Raster, PictureError> {
    let mut d = decoder(data);
    let (sw, sh) = {
        let info = d.read_header_info().map_err(decoding)?;
        (info.width, info.height)
    };
    // Refused before any pixel is read.
    within_limits(sw, sh)?;
    let mut reader = d.read_info().map_err(decoding)?;
    let channels = match reader.output_color_type().0 {
        ColorType::Grayscale => Channels::Grey,
        ColorType::GrayscaleAlpha => Channels::GreyAlpha,
        ColorType::Rgb => Channels::Rgb,
        ColorType::Rgba => Channels::Rgba,
        ColorType::Indexed => return Err(damaged("a palette that could not be expanded")),
    };
    let ch = channels.count();
    let want = fit(sw, sh, max.0, max.1);
    let (size, pixels) = if reader.info().interlaced {
        // Adam7 gives the rows of seven passes, each a sparse grid of
        // pixels: sum them into the whole output at once.
        let (tw, th) = grid_size(sw, sh, want, ch);
        let mut grid = Grid::new(sw, sh, tw, th, ch);
        for pass in PASSES {
            let samples = count(sw, pass.x0, pass.dx);
            let lines = count(sh, pass.y0, pass.dy);
            if samples == 0 {
                continue;
            }
            for line in 0..lines {
                let row = reader
                    .next_row()
                    .map_err(decoding)?
                    .ok_or_else(|| damaged(ENDS_EARLY))?;
                let data = row.data();
                if data.len() != samples as usize * ch {
                    return Err(damaged("an interlaced row of the wrong length"));
                }
                grid.push(line * pass.dy + pass.y0, pass.x0, pass.dx, data);
            }
        }
        ((tw, th), grid.finish())
    } else {
        let mut rows = Rows::new(sw, sh, want.0, want.1, ch);
        // One row a turn: the loop is bounded by the header's height.
        for _ in 0..sh {
            let row = reader
                .next_row()
                .map_err(decoding)?
                .ok_or_else(|| damaged(ENDS_EARLY))?;
            rows.push(row.data());
        }
        (want, rows.finish())
    };
    Ok(Raster::from_rows((sw, sh), size, channels, pixels))
}

/// The output size for an interlaced picture: no larger than `want`, its
/// sums within [`MAX_WORK_BYTES`], and no output pixel wider than the
/// grid's u32 sums allow.
fn grid_size(sw: u32, sh: u32, want: (u32, u32), ch: usize) -> (u32, u32) {
    let (mut tw, mut th) = want;
    let cost = Grid::cost(tw, th, ch);
    if cost > MAX_WORK_BYTES {
        let scale = (MAX_WORK_BYTES as f64 / cost as f64).sqrt();
        tw = ((tw as f64 * scale) as u32).max(1);
        th = ((th as f64 * scale) as u32).max(1);
    }
    (
        tw.max(sw.div_ceil(Grid::MAX_SPAN)),
        th.max(sh.div_ceil(Grid::MAX_SPAN)),
    )
}

/// One Adam7 pass: the first column and row it holds, and its steps.
struct Pass {
    x0: u32,
    y0: u32,
    dx: u32,
    dy: u32,
}

/// In the order the passes are stored (PNG specification, 8.2).
const PASSES: [Pass; 7] = [
    Pass {
        x0: 0,
        y0: 0,
        dx: 8,
        dy: 8,
    },
    Pass {
        x0: 4,
        y0: 0,
        dx: 8,
        dy: 8,
    },
    Pass {
        x0: 0,
        y0: 4,
        dx: 4,
        dy: 8,
    },
    Pass {
        x0: 2,
        y0: 0,
        dx: 4,
        dy: 4,
    },
    Pass {
        x0: 0,
        y0: 2,
        dx: 2,
        dy: 4,
    },
    Pass {
        x0: 1,
        y0: 0,
        dx: 2,
        dy: 2,
    },
    Pass {
        x0: 0,
        y0: 1,
        dx: 1,
        dy: 2,
    },
];

/// How many of `0..len` a pass starting at `first` with `step` holds.
fn count(len: u32, first: u32, step: u32) -> u32 {
    len.saturating_sub(first).div_ceil(step)
}
