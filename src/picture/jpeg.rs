//! JPEG: decoded by `jpeg-decoder` at the smallest of its scales (1/8,
//! 1/4, 1/2, 1) that is at least the size wanted, then box-filtered down
//! to it. A truncated JPEG is an error there, not grey filled in.

use jpeg_decoder::{CodingProcess, Decoder, PixelFormat};

use super::shrink::Rows;
use super::{fit, within_limits, Channels, Kind, PictureError, Raster, ENDS_EARLY, MAX_WORK_BYTES};

fn damaged(e: impl std::fmt::Display) -> PictureError {
    PictureError::damaged(Kind::Jpeg, e)
}

fn decoding(e: jpeg_decoder::Error) -> PictureError {
    match e {
        jpeg_decoder::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            damaged(ENDS_EARLY)
        }
        other => damaged(other),
    }
}

pub struct Header {
    pub size: (u32, u32),
    progressive: bool,
    components: u64,
}

fn read_header(d: &mut Decoder<&[u8]>) -> Result<Header, PictureError> {
    d.read_info().map_err(decoding)?;
    let info = d.info().ok_or_else(|| damaged("it has no image header"))?;
    Ok(Header {
        size: (info.width as u32, info.height as u32),
        progressive: info.coding_process == CodingProcess::DctProgressive,
        components: match info.pixel_format {
            PixelFormat::L8 | PixelFormat::L16 => 1,
            PixelFormat::RGB24 => 3,
            PixelFormat::CMYK32 => 4,
        },
    })
}

pub fn header(data: &[u8]) -> Result<Header, PictureError> {
    read_header(&mut Decoder::new(data))
}

pub fn decode(data: &[u8], max: (u32, u32)) -> Result<Raster, PictureError> {
    let mut d = Decoder::new(data);
    let h = read_header(&mut d)?;
    let (sw, sh) = h.size;
    within_limits(sw, sh)?;
    // A progressive JPEG keeps every coefficient (two bytes a sample, at
    // full size whatever the scale) until its last scan.
    if h.progressive && sw as u64 * sh as u64 * h.components * 2 > MAX_WORK_BYTES {
        return Err(PictureError::TooCostly {
            width: sw,
            height: sh,
        });
    }
    let (tw, th) = fit(sw, sh, max.0, max.1);
    // The decoder holds its planes and its output, a byte a sample each, at
    // the scale it picks (up to twice the size asked a side): ask for less
    // until that is within bounds. At 1/8 any picture within the limits is
    // (200 million pixels / 64 × 4 samples × 2 bytes = 25 MB), so this ends.
    let mut ask = (tw, th);
    let (ow, oh) = loop {
        // Both fit in u16: a JPEG's sides are u16 and `ask` is no larger.
        let (ow, oh) = d.scale(ask.0 as u16, ask.1 as u16).map_err(decoding)?;
        let (ow, oh) = (ow as u32, oh as u32);
        if ow as u64 * oh as u64 * h.components * 2 <= MAX_WORK_BYTES || ask == (1, 1) {
            break (ow, oh);
        }
        ask = ((ask.0 / 2).max(1), (ask.1 / 2).max(1));
    };
    d.set_max_decoding_buffer_size(MAX_WORK_BYTES as usize);
    let samples = d.decode().map_err(decoding)?;
    let format = d
        .info()
        .ok_or_else(|| damaged("it has no image header"))?
        .pixel_format;
    let (channels, bytes) = match format {
        PixelFormat::L8 => (Channels::Grey, 1),
        PixelFormat::L16 => (Channels::Grey, 2),
        PixelFormat::RGB24 => (Channels::Rgb, 3),
        PixelFormat::CMYK32 => (Channels::Rgb, 4),
    };
    let row_len = ow as usize * bytes;
    if row_len == 0 || oh == 0 || samples.len() < row_len * oh as usize {
        return Err(damaged(ENDS_EARLY));
    }
    let (tw, th) = fit(ow, oh, ask.0, ask.1);
    let mut rows = Rows::new(ow, oh, tw, th, channels.count());
    let mut row8 = Vec::with_capacity(ow as usize * channels.count());
    for row in samples.chunks_exact(row_len).take(oh as usize) {
        row8.clear();
        match format {
            PixelFormat::L8 | PixelFormat::RGB24 => row8.extend_from_slice(row),
            // Native-endian 16-bit grey (lossless JPEG): keep the high byte.
            PixelFormat::L16 => row8.extend(
                row.chunks_exact(2)
                    .map(|s| (u16::from_ne_bytes([s[0], s[1]]) >> 8) as u8),
            ),
            // The decoder gives ink amounts; paper white less the inks.
            PixelFormat::CMYK32 => {
                for px in row.chunks_exact(4) {
                    let k = 255 - px[3] as u32;
                    row8.extend(px[..3].iter().map(|&c| ((255 - c as u32) * k / 255) as u8));
                }
            }
        }
        rows.push(&row8);
    }
    Ok(Raster::from_rows(
        (sw, sh),
        (tw, th),
        channels,
        rows.finish(),
    ))
}
