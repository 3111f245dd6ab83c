//! Pictures as image XObjects: 8-bit grey or RGB samples, deflated, with
//! any alpha channel as a soft mask.

use lopdf::{dictionary, Document as Lo, Object, ObjectId, Stream};
use printpdf::{RawImage, RawImageData, RawImageFormat};

use super::deflate;

/// Adds `raw` to `lo` and returns its XObject.
pub fn add(lo: &mut Lo, raw: &RawImage) -> ObjectId {
    use RawImageFormat::*;
    let bytes = eight_bit(&raw.pixels);
    let (channels, order): (usize, &[usize]) = match raw.data_format {
        R8 | R16 => (1, &[0]),
        RG8 | RG16 => (2, &[0]),
        RGB8 | RGB16 | RGBF32 => (3, &[0, 1, 2]),
        RGBA8 | RGBA16 | RGBAF32 => (4, &[0, 1, 2]),
        BGR8 => (3, &[2, 1, 0]),
        BGRA8 => (4, &[2, 1, 0]),
    };
    let alpha = raw.data_format.has_alpha();
    let pixels = raw.width * raw.height;
    let mut colour = Vec::with_capacity(pixels * order.len());
    let mut mask = Vec::with_capacity(if alpha { pixels } else { 0 });
    for px in bytes.chunks_exact(channels).take(pixels) {
        colour.extend(order.iter().map(|&i| px[i]));
        if alpha {
            mask.push(px[channels - 1]);
        }
    }
    let space = if order.len() == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let mut dict = image_dict(raw, space);
    if alpha && mask.iter().any(|&a| a != 255) {
        let smask = lo.add_object(Stream::new(image_dict(raw, "DeviceGray"), deflate(&mask)));
        dict.set("SMask", smask);
    }
    lo.add_object(Stream::new(dict, deflate(&colour)))
}

fn image_dict(raw: &RawImage, space: &str) -> lopdf::Dictionary {
    dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => raw.width as i64,
        "Height" => raw.height as i64,
        "ColorSpace" => Object::Name(space.as_bytes().to_vec()),
        "BitsPerComponent" => 8,
        "Filter" => "FlateDecode",
    }
}

/// The samples as bytes, whatever depth they were decoded at.
fn eight_bit(data: &RawImageData) -> std::borrow::Cow<'_, [u8]> {
    match data {
        RawImageData::U8(v) => v.as_slice().into(),
        RawImageData::U16(v) => v.iter().map(|s| (s >> 8) as u8).collect::<Vec<_>>().into(),
        RawImageData::F32(v) => v
            .iter()
            .map(|s| (s.clamp(0.0, 1.0) * 255.0).round() as u8)
            .collect::<Vec<_>>()
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(format: RawImageFormat, pixels: Vec<u8>) -> RawImage {
        RawImage {
            pixels: RawImageData::U8(pixels),
            width: 2,
            height: 1,
            data_format: format,
            tag: Vec::new(),
        }
    }

    fn samples(lo: &Lo, id: ObjectId) -> (lopdf::Dictionary, Vec<u8>) {
        let s = lo.get_object(id).unwrap().as_stream().unwrap();
        (s.dict.clone(), s.decompressed_content().unwrap())
    }

    #[test]
    fn see_through_pixels_get_a_soft_mask_and_colours_keep_their_order() {
        let mut lo = Lo::with_version("1.7");
        let id = add(
            &mut lo,
            &raw(RawImageFormat::RGBA8, vec![10, 20, 30, 255, 40, 50, 60, 0]),
        );
        let (dict, colour) = samples(&lo, id);
        assert_eq!(colour, [10, 20, 30, 40, 50, 60]);
        assert_eq!(
            dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
            b"DeviceRGB"
        );
        let mask = dict.get(b"SMask").unwrap().as_reference().unwrap();
        assert_eq!(samples(&lo, mask).1, [255, 0]);

        let id = add(
            &mut lo,
            &raw(RawImageFormat::BGRA8, vec![3, 2, 1, 255, 6, 5, 4, 255]),
        );
        let (dict, colour) = samples(&lo, id);
        assert_eq!(colour, [1, 2, 3, 4, 5, 6]);
        assert!(!dict.has(b"SMask"), "an opaque picture needs no mask");

        let id = add(&mut lo, &raw(RawImageFormat::R8, vec![0, 200]));
        let (dict, grey) = samples(&lo, id);
        assert_eq!(grey, [0, 200]);
        assert_eq!(
            dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
            b"DeviceGray"
        );
    }
}
