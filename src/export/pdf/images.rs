//! Pictures as image XObjects: 8-bit grey or RGB samples, deflated, with
//! any alpha channel as a soft mask. Each picture is decoded once per
//! export, at no more than print resolution for the largest size it is
//! drawn, and kept only deflated until the document is written.

use std::collections::HashMap;

use lopdf::{dictionary, Document as Lo, Object, ObjectId, Stream};

use super::deflate_pixels;
use crate::compose::Image;
use crate::picture::{self, PictureError, Raster};

/// A picture's samples ready for the PDF, deflated.
pub struct Encoded {
    width: u32,
    height: u32,
    grey: bool,
    colour: Vec<u8>,
    /// The alpha channel, when any pixel is not opaque.
    mask: Option<Vec<u8>>,
}

/// Splits `raster` into colour and alpha and deflates them.
pub fn encode(raster: &Raster) -> Encoded {
    let ch = raster.channels.count();
    let colours = raster.channels.colours();
    let pixels = raster.width as usize * raster.height as usize;
    let mut colour = Vec::with_capacity(pixels * colours);
    let mut mask = Vec::with_capacity(if raster.channels.has_alpha() {
        pixels
    } else {
        0
    });
    for px in raster.pixels.chunks_exact(ch).take(pixels) {
        colour.extend_from_slice(&px[..colours]);
        if raster.channels.has_alpha() {
            mask.push(px[ch - 1]);
        }
    }
    Encoded {
        width: raster.width,
        height: raster.height,
        grey: colours == 1,
        colour: deflate_pixels(&colour),
        mask: mask
            .iter()
            .any(|&a| a != 255)
            .then(|| deflate_pixels(&mask)),
    }
}

/// Adds `picture` to `lo` and returns its XObject.
pub fn add(lo: &mut Lo, mut picture: Encoded) -> ObjectId {
    let space = if picture.grey {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let mut dict = image_dict(&picture, space);
    if let Some(mask) = picture.mask.take() {
        let smask = lo.add_object(Stream::new(image_dict(&picture, "DeviceGray"), mask));
        dict.set("SMask", smask);
    }
    lo.add_object(Stream::new(dict, picture.colour))
}

fn image_dict(picture: &Encoded, space: &str) -> lopdf::Dictionary {
    dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => picture.width as i64,
        "Height" => picture.height as i64,
        "ColorSpace" => Object::Name(space.as_bytes().to_vec()),
        "BitsPerComponent" => 8,
        "Filter" => "FlateDecode",
    }
}

/// A picture as placed: its index among the export's pictures and its own
/// size in pixels (for its natural size on the page).
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub index: usize,
    pub width: u32,
    pub height: u32,
}

/// The export's pictures, each decoded once however many figures show it.
#[derive(Default)]
pub struct Pictures {
    by_key: HashMap<String, Result<Placed, PictureError>>,
    pub encoded: Vec<Encoded>,
}

impl Pictures {
    /// The picture of `image`, decoded the first time it is asked for, at
    /// print resolution for `largest(width, height)`: the largest size in
    /// points it can be drawn at, from its size in pixels. Asked again, the
    /// first answer (a picture or why there is none) is given.
    pub fn get(
        &mut self,
        image: &Image,
        largest: impl Fn(u32, u32) -> (f32, f32),
    ) -> Result<Placed, PictureError> {
        if let Some(known) = self.by_key.get(&image.key) {
            return known.clone();
        }
        let made = self.decode(image, largest);
        self.by_key.insert(image.key.clone(), made.clone());
        made
    }

    fn decode(
        &mut self,
        image: &Image,
        largest: impl Fn(u32, u32) -> (f32, f32),
    ) -> Result<Placed, PictureError> {
        let want = |w: u32, h: u32| {
            let (pw, ph) = largest(w.max(1), h.max(1));
            (picture::print_pixels(pw), picture::print_pixels(ph))
        };
        let raster = match &image.decoded {
            Some(r) => {
                let (w, h) = want(r.full_width, r.full_height);
                r.fitted(w, h)
            }
            None => {
                let info = picture::probe(&image.data)?;
                let (w, h) = want(info.width, info.height);
                picture::decode(&image.data, w, h)?
            }
        };
        let index = self.encoded.len();
        self.encoded.push(encode(&raster));
        Ok(Placed {
            index,
            width: raster.full_width,
            height: raster.full_height,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::Channels;

    fn raster(channels: Channels, pixels: Vec<u8>) -> Raster {
        Raster {
            width: 2,
            height: 1,
            full_width: 2,
            full_height: 1,
            channels,
            pixels,
        }
    }

    fn samples(lo: &Lo, id: ObjectId) -> (lopdf::Dictionary, Vec<u8>) {
        let s = lo.get_object(id).unwrap().as_stream().unwrap();
        (s.dict.clone(), s.decompressed_content().unwrap())
    }

    fn add_raster(lo: &mut Lo, r: Raster) -> ObjectId {
        add(lo, encode(&r))
    }

    #[test]
    fn see_through_pixels_get_a_soft_mask_and_colours_keep_their_order() {
        let mut lo = Lo::with_version("1.7");
        let id = add_raster(
            &mut lo,
            raster(Channels::Rgba, vec![10, 20, 30, 255, 40, 50, 60, 0]),
        );
        let (dict, colour) = samples(&lo, id);
        assert_eq!(colour, [10, 20, 30, 40, 50, 60]);
        assert_eq!(
            dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
            b"DeviceRGB"
        );
        let mask = dict.get(b"SMask").unwrap().as_reference().unwrap();
        assert_eq!(samples(&lo, mask).1, [255, 0]);

        let id = add_raster(
            &mut lo,
            raster(Channels::Rgba, vec![1, 2, 3, 255, 4, 5, 6, 255]),
        );
        let (dict, colour) = samples(&lo, id);
        assert_eq!(colour, [1, 2, 3, 4, 5, 6]);
        assert!(!dict.has(b"SMask"), "an opaque picture needs no mask");

        let id = add_raster(&mut lo, raster(Channels::Grey, vec![0, 200]));
        let (dict, grey) = samples(&lo, id);
        assert_eq!(grey, [0, 200]);
        assert_eq!(
            dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
            b"DeviceGray"
        );

        let id = add_raster(&mut lo, raster(Channels::GreyAlpha, vec![7, 128, 9, 255]));
        let (dict, grey) = samples(&lo, id);
        assert_eq!(grey, [7, 9]);
        let mask = dict.get(b"SMask").unwrap().as_reference().unwrap();
        assert_eq!(samples(&lo, mask).1, [128, 255]);
    }
}
