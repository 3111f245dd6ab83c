use super::*;

/// A PNG of `w` × `h` pixels of `color`'s kind, each pixel from `px(x, y)`;
/// written by hand, as the `png` crate does not write interlaced files.
fn png_of(
    w: u32,
    h: u32,
    color: ::png::ColorType,
    interlaced: bool,
    px: impl Fn(u32, u32) -> Vec<u8>,
) -> Vec<u8> {
    use std::io::Write as _;
    let passes: &[(u32, u32, u32, u32)] = if interlaced {
        &[
            (0, 0, 8, 8),
            (4, 0, 8, 8),
            (0, 4, 4, 8),
            (2, 0, 4, 4),
            (0, 2, 2, 4),
            (1, 0, 2, 2),
            (0, 1, 1, 2),
        ]
    } else {
        &[(0, 0, 1, 1)]
    };
    let mut raw = Vec::new();
    for &(x0, y0, dx, dy) in passes {
        if x0 >= w {
            continue;
        }
        for y in (y0..h).step_by(dy as usize) {
            raw.push(0);
            for x in (x0..w).step_by(dx as usize) {
                raw.extend(px(x, y));
            }
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&raw).unwrap();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, color as u8, 0, 0, interlaced as u8]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    if color == ::png::ColorType::Indexed {
        chunk(&mut out, b"PLTE", &[10, 20, 30, 40, 50, 60]);
    }
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

fn jpeg_of(w: u32, h: u32, px: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
    let mut data = Vec::new();
    for y in 0..h {
        for x in 0..w {
            data.extend(px(x, y));
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode(&data, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

#[test]
fn pictures_are_told_by_their_bytes() {
    assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some(Kind::Png));
    assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Kind::Jpeg));
    assert_eq!(sniff(b"GIF89a"), None);
    assert_eq!(decode(b"GIF89a", 10, 10), Err(PictureError::NotAnImage));
}

#[test]
fn a_picture_is_shrunk_to_the_box_keeping_its_shape_colours_and_alpha() {
    // Left half red and opaque, right half blue and see-through.
    let data = png_of(400, 100, ::png::ColorType::Rgba, false, |x, _| {
        if x < 200 {
            vec![255, 0, 0, 255]
        } else {
            vec![0, 0, 255, 0]
        }
    });
    assert_eq!(
        probe(&data).unwrap(),
        Info {
            kind: Kind::Png,
            width: 400,
            height: 100
        }
    );
    let r = decode(&data, 40, 40).unwrap();
    assert_eq!((r.width, r.height), (40, 10));
    assert_eq!((r.full_width, r.full_height), (400, 100));
    assert_eq!(r.channels, Channels::Rgba);
    assert_eq!(&r.pixels[..4], [255, 0, 0, 255]);
    assert_eq!(&r.pixels[39 * 4..40 * 4], [0, 0, 255, 0]);
    assert_eq!(r.pixels.len(), 40 * 10 * 4);
    // Small enough already: kept as it is.
    let same = decode(&data, 1000, 1000).unwrap();
    assert_eq!((same.width, same.height), (400, 100));
    // Shrinking again from a raster gives what decoding at that size gives.
    assert_eq!(same.fitted(40, 40), r);
}

#[test]
fn grey_palette_and_interlaced_pictures_decode_alike() {
    let grey = png_of(30, 20, ::png::ColorType::Grayscale, false, |x, y| {
        vec![(x * 8 + y) as u8]
    });
    let r = decode(&grey, 15, 15).unwrap();
    assert_eq!((r.width, r.height, r.channels), (15, 10, Channels::Grey));
    // Each output pixel is the mean of a 2 × 2 box: (0 + 8 + 1 + 9) / 4, rounded.
    assert_eq!(r.pixels[0], 5);

    let rgb = |x: u32, y: u32| vec![(x * 7) as u8, (y * 5) as u8, ((x + y) * 3) as u8];
    let plain = png_of(37, 29, ::png::ColorType::Rgb, false, rgb);
    let adam7 = png_of(37, 29, ::png::ColorType::Rgb, true, rgb);
    for (w, h) in [(37, 29), (10, 10), (1, 1)] {
        let a = decode(&plain, w, h).unwrap();
        let b = decode(&adam7, w, h).unwrap();
        assert_eq!(a, b, "interlaced and plain at {w} × {h}");
    }

    let indexed = png_of(2, 1, ::png::ColorType::Indexed, false, |x, _| {
        vec![1 - x as u8]
    });
    let r = decode(&indexed, 10, 10).unwrap();
    assert_eq!(r.channels, Channels::Rgb);
    assert_eq!(r.pixels, [40, 50, 60, 10, 20, 30]);
}

#[test]
fn oversized_pictures_are_refused_from_their_header() {
    // Only the header is real: the limits are checked before any pixel.
    let header = |w: u32, h: u32| {
        let mut data = png_of(1, 1, ::png::ColorType::Grayscale, false, |_, _| vec![0]);
        data[16..20].copy_from_slice(&w.to_be_bytes());
        data[20..24].copy_from_slice(&h.to_be_bytes());
        // Mend the header's CRC so only the size is wrong.
        let crc = crc32(&data[12..29]);
        data[29..33].copy_from_slice(&crc.to_be_bytes());
        data
    };
    let wide = header(40_000, 10);
    let e = probe(&wide).unwrap_err();
    assert_eq!(
        e,
        PictureError::TooLong {
            width: 40_000,
            height: 10
        }
    );
    assert_eq!(
        e.to_string(),
        "it is 40000 × 10 pixels, more than the 30000 pixels a side a picture may have"
    );
    assert_eq!(decode(&wide, 100, 100).unwrap_err(), e);
    assert!(probe(&header(0, 10)).is_err(), "no pixels");
    let e = decode(&header(20_000, 20_000), 100, 100).unwrap_err();
    assert_eq!(
        e.to_string(),
        "it is 20000 × 20000 pixels (400 million), more than the 200 million a picture may have"
    );
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for b in data {
        c ^= *b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

#[test]
fn truncated_pictures_are_damaged_not_filled_in() {
    let png = png_of(64, 64, ::png::ColorType::Rgb, false, |x, y| {
        vec![(x * 4) as u8, (y * 4) as u8, 0]
    });
    let e = decode(&png[..png.len() / 2], 64, 64).unwrap_err();
    assert!(
        matches!(e, PictureError::Damaged { kind: "PNG", .. }),
        "{e}"
    );
    let jpeg = jpeg_of(64, 64, |x, y| [(x * 4) as u8, (y * 4) as u8, 0]);
    assert!(decode(&jpeg, 64, 64).is_ok());
    let e = decode(&jpeg[..jpeg.len() / 2], 64, 64).unwrap_err();
    assert!(
        e.to_string().starts_with("the JPEG image is damaged ("),
        "{e}"
    );
}

#[test]
fn jpegs_are_decoded_at_a_reduced_scale_then_shrunk_to_the_box() {
    // Top half white, bottom half black.
    let jpeg = jpeg_of(800, 400, |_, y| if y < 200 { [255; 3] } else { [0; 3] });
    assert_eq!(
        probe(&jpeg).unwrap(),
        Info {
            kind: Kind::Jpeg,
            width: 800,
            height: 400
        }
    );
    let r = decode(&jpeg, 75, 75).unwrap();
    assert_eq!((r.width, r.height), (75, 38));
    assert_eq!((r.full_width, r.full_height), (800, 400));
    assert_eq!(r.channels, Channels::Rgb);
    let at = |x: usize, y: usize| r.pixels[(y * 75 + x) * 3];
    assert!(
        at(10, 2) > 245 && at(60, 35) < 10,
        "{} {}",
        at(10, 2),
        at(60, 35)
    );
}

#[test]
fn a_huge_progressive_jpeg_is_refused_before_it_is_decoded() {
    let mut jpeg = jpeg_of(16, 16, |_, _| [128; 3]);
    // Turn its baseline frame header into a progressive one of 13000²:
    // the refusal must come from the header alone.
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame");
    jpeg[sof + 1] = 0xC2;
    jpeg[sof + 5..sof + 7].copy_from_slice(&13_000u16.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&13_000u16.to_be_bytes());
    let e = decode(&jpeg, 1000, 1000).unwrap_err();
    assert_eq!(
        e,
        PictureError::TooCostly {
            width: 13_000,
            height: 13_000
        }
    );
    assert!(e.to_string().contains("progressive JPEG"), "{e}");
}

#[test]
fn print_size_is_300_dpi() {
    assert_eq!(print_pixels(72.0), 300);
    assert_eq!(print_pixels(459.28), 1913);
    assert_eq!(print_pixels(0.01), 1);
    assert_eq!(fit(13_000, 13_000, 1913, 1500), (1500, 1500));
    assert_eq!(fit(100, 50, 1913, 1500), (100, 50));
    assert_eq!(fit(30_000, 1, 1913, 1500), (1913, 1));
}
