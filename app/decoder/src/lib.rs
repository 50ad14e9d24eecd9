//! Reads the QR of a badge from a camera frame, in the browser.
//!
//! The check-in page uses the browser's own `BarcodeDetector` where there
//! is one; Safari on iPad and most desktop browsers have none, and sending
//! frames of a delegate's badge to a third-party service to be read is not
//! an option. So we serve a decoder of our own: rqrr (a Rust port of quirc)
//! compiled to WebAssembly by `scripts/build-decoder`: about 130 kB (half
//! of it rqrr's Galois-field tables) that the page loads only when it
//! needs them.

use rqrr::PreparedImage;
use wasm_bindgen::prelude::*;

/// The largest frame side we read. A camera frame is far smaller; a larger
/// one is a mistake, and refusing it keeps the memory of a bad call bounded
/// (the wasm heap holds the RGBA copy, the luma and rqrr's own copy).
pub const MAX_SIDE: usize = 4096;

/// The text of the first QR code in an RGBA frame (a canvas'
/// `getImageData().data`, four bytes a pixel, rows top to bottom), or
/// `undefined` when none reads. Alpha is ignored: camera frames are opaque.
/// A frame whose size does not match its data, empty, or larger than
/// 4096 × 4096 gives `undefined` too: the page calls this on every frame,
/// and a panic (a trap in wasm, built with panic = "abort") would throw
/// there and leave the module's heap in doubt.
#[wasm_bindgen]
pub fn decode_rgba(data: &[u8], width: u32, height: u32) -> Option<String> {
    let width = usize::try_from(width).ok()?;
    let height = usize::try_from(height).ok()?;
    if !fits(width, height) || data.len() != width * height * 4 {
        return None;
    }
    // ITU-R BT.601 weights (0.299, 0.587, 0.114) in 256ths, integers
    // only: the float formula's grey to within a level or two, and cheap.
    let luma: Vec<u8> = data
        .chunks_exact(4)
        .map(|px| {
            let sum = 77 * u32::from(px[0]) + 150 * u32::from(px[1]) + 29 * u32::from(px[2]);
            // 77 + 150 + 29 = 256: the sum of a white pixel is 255 × 256.
            (sum >> 8) as u8
        })
        .collect();
    decode_luma(&luma, width, height)
}

/// The text of the first QR code in a greyscale image (one byte a pixel,
/// 0 black, 255 white, rows top to bottom), or `None`: no code, a code that
/// does not decode, or an image whose size does not match its data (the
/// same limits as [`decode_rgba`]). Every grid rqrr finds is tried, so a
/// stray pattern in the frame does not hide the badge beside it.
pub fn decode_luma(luma: &[u8], width: usize, height: usize) -> Option<String> {
    if !fits(width, height) || luma.len() != width * height {
        return None;
    }
    // rqrr thresholds the image itself (a running average along each row),
    // which copes with the uneven light of a hall better than a fixed cut.
    let mut image =
        PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_meta, text)| text))
}

/// Both sides in 1..=MAX_SIDE, so that width × height × 4 cannot overflow
/// even on wasm32.
fn fits(width: usize, height: usize) -> bool {
    (1..=MAX_SIDE).contains(&width) && (1..=MAX_SIDE).contains(&height)
}
