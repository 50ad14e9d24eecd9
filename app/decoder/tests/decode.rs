//! The decoder reads what the badges print (`app/src/credentials/qr.rs`:
//! `CF` and 120 base32 characters, ECC level M) from frames like
//! a camera's: turned, scaled by an odd factor, noisy, on a grey table; and
//! it answers nothing, without panicking, to anything else.

use qr_decoder::{MAX_SIDE, decode_luma, decode_rgba};
use qrcode::{Color, EcLevel, QrCode};

/// A greyscale picture, one byte a pixel.
#[derive(Clone)]
struct Picture {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Picture {
    fn filled(width: usize, height: usize, grey: u8) -> Picture {
        Picture {
            width,
            height,
            pixels: vec![grey; width * height],
        }
    }

    fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// A quarter turn clockwise.
    fn rotated(&self) -> Picture {
        let mut out = Picture::filled(self.height, self.width, 0);
        for y in 0..self.height {
            for x in 0..self.width {
                out.pixels[x * out.width + (self.height - 1 - y)] = self.at(x, y);
            }
        }
        out
    }

    /// Nearest-neighbour scaling by `factor`: modules come out 6 or 7
    /// pixels wide at 4 × 1.7, as a camera at an odd distance gives.
    fn scaled(&self, factor: f64) -> Picture {
        let width = (self.width as f64 * factor).round() as usize;
        let height = (self.height as f64 * factor).round() as usize;
        let mut out = Picture::filled(width, height, 0);
        for y in 0..height {
            for x in 0..width {
                let sx = ((x as f64 / factor) as usize).min(self.width - 1);
                let sy = ((y as f64 / factor) as usize).min(self.height - 1);
                out.pixels[y * width + x] = self.at(sx, sy);
            }
        }
        out
    }

    /// This picture on a larger grey background at (left, top), black and
    /// white pulled towards the middle (a dim print under a dim light) and
    /// uniform noise of ± `noise` levels over all of it.
    fn on_table(
        &self,
        width: usize,
        height: usize,
        left: usize,
        top: usize,
        noise: i32,
    ) -> Picture {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut out = Picture::filled(width, height, 140);
        for y in 0..self.height {
            for x in 0..self.width {
                let grey = u32::from(self.at(x, y));
                // 0 → 45, 255 → 210.
                out.pixels[(top + y) * width + left + x] = (45 + grey * 165 / 255) as u8;
            }
        }
        for px in &mut out.pixels {
            let shift = rng.below(2 * noise as u32 + 1) as i32 - noise;
            *px = (i32::from(*px) + shift).clamp(0, 255) as u8;
        }
        out
    }

    /// As a canvas gives it: RGBA, opaque, slightly warm (tungsten light).
    fn rgba(&self) -> Vec<u8> {
        self.pixels
            .iter()
            .flat_map(|&g| {
                let g = u16::from(g);
                [
                    (g + 10).min(255) as u8,
                    g as u8,
                    g.saturating_sub(12) as u8,
                    255,
                ]
            })
            .collect()
    }
}

/// xorshift64*: noise and garbage that are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u32) -> u32 {
        (self.next() >> 32) as u32 % n
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| (self.next() >> 56) as u8).collect()
    }
}

/// A badge code's shape: `CF` and the base32 of a 75-byte record.
fn badge_text() -> String {
    const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let body: String = (0..120)
        .map(|_| char::from(BASE32[rng.below(32) as usize]))
        .collect();
    format!("CF{body}")
}

/// The symbol as the badges print it: ECC level M, 4 modules of quiet zone
/// all round, `scale` pixels a module, black on white.
fn render(text: &str, scale: usize) -> Picture {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 8) * scale;
    let mut out = Picture::filled(side, side, 255);
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / scale).wrapping_sub(4), (y / scale).wrapping_sub(4));
            if mx < modules && my < modules && colors[my * modules + mx] == Color::Dark {
                out.pixels[y * side + x] = 0;
            }
        }
    }
    out
}

fn decode(picture: &Picture) -> Option<String> {
    decode_rgba(&picture.rgba(), picture.width as u32, picture.height as u32)
}

/// Modules per side of the badge's symbol, without the quiet zone.
fn badge_modules() -> usize {
    QrCode::with_error_correction_level(badge_text().as_bytes(), EcLevel::M)
        .unwrap()
        .width()
}

#[test]
fn the_badge_code_is_a_small_symbol() {
    assert_eq!(badge_text().len(), 122);
    // Alphanumeric mode: 122 characters are exactly what version 5-M holds
    // (37 modules); the badges allow up to version 6 (41).
    assert!(badge_modules() <= 41, "{} modules", badge_modules());
}

#[test]
fn reads_a_clean_badge() {
    let text = badge_text();
    let picture = render(&text, 4);
    assert_eq!(picture.width, (badge_modules() + 8) * 4);
    assert_eq!(decode(&picture).as_deref(), Some(text.as_str()));
    // The greyscale entry point reads the same picture.
    assert_eq!(
        decode_luma(&picture.pixels, picture.width, picture.height).as_deref(),
        Some(text.as_str())
    );
}

#[test]
fn reads_a_badge_turned_a_quarter() {
    let text = badge_text();
    let picture = render(&text, 4).rotated();
    assert_eq!(decode(&picture).as_deref(), Some(text.as_str()));
}

#[test]
fn reads_a_badge_scaled_by_an_odd_factor() {
    let text = badge_text();
    let picture = render(&text, 4).scaled(1.7);
    let side = ((badge_modules() + 8) * 4) as f64 * 1.7;
    assert_eq!(picture.width, side.round() as usize);
    assert_eq!(decode(&picture).as_deref(), Some(text.as_str()));
}

#[test]
fn reads_a_dim_noisy_badge_on_a_grey_table() {
    let text = badge_text();
    let badge = render(&text, 4).scaled(1.7).rotated();
    let picture = badge.on_table(640, 480, 170, 70, 20);
    assert_eq!(decode(&picture).as_deref(), Some(text.as_str()));
}

#[test]
fn random_frames_read_as_nothing() {
    let mut rng = Rng(42);
    for (width, height) in [(1, 1), (3, 7), (64, 64), (320, 240), (97, 301)] {
        let data = rng.bytes(width * height * 4);
        assert_eq!(decode_rgba(&data, width as u32, height as u32), None);
        let luma = rng.bytes(width * height);
        assert_eq!(decode_luma(&luma, width, height), None);
    }
    // Flat frames: a lens cap, an overexposed one.
    for grey in [0, 255] {
        let picture = Picture::filled(320, 240, grey);
        assert_eq!(decode(&picture), None);
    }
}

#[test]
fn a_damaged_badge_reads_right_or_not_at_all() {
    // Scratches, stickers, a thumb: random blocks painted over the symbol.
    // Reed-Solomon mends some; the rest must read as nothing (never as
    // another text), and none may panic.
    let text = badge_text();
    let clean = render(&text, 4).scaled(1.7);
    let mut rng = Rng(7);
    let mut read = 0;
    for _ in 0..150 {
        let mut picture = clean.clone();
        for _ in 0..1 + rng.below(6) {
            let (w, h) = (1 + rng.below(40) as usize, 1 + rng.below(40) as usize);
            let x = rng.below((picture.width - w) as u32) as usize;
            let y = rng.below((picture.height - h) as u32) as usize;
            let grey = rng.below(256) as u8;
            for row in y..y + h {
                picture.pixels[row * picture.width + x..][..w].fill(grey);
            }
        }
        if let Some(got) = decode(&picture) {
            assert_eq!(got, text);
            read += 1;
        }
    }
    // Most small damage is mended.
    assert!(read > 50, "read {read} of 150");
}

#[test]
fn a_frame_that_does_not_match_its_size_reads_as_nothing() {
    let text = badge_text();
    let picture = render(&text, 4);
    let rgba = picture.rgba();
    let (w, h) = (picture.width as u32, picture.height as u32);
    // One byte short, one byte over, a row short, width and height swapped
    // on a non-square frame, greyscale passed as RGBA.
    assert_eq!(decode_rgba(&rgba[1..], w, h), None);
    let mut longer = rgba.clone();
    longer.push(0);
    assert_eq!(decode_rgba(&longer, w, h), None);
    assert_eq!(decode_rgba(&rgba, w, h - 1), None);
    assert_eq!(decode_rgba(&rgba, w * 2, h), None);
    assert_eq!(decode_rgba(&picture.pixels, w, h), None);
    assert_eq!(decode_luma(&rgba, picture.width, picture.height), None);
    // Empty frames.
    assert_eq!(decode_rgba(&[], 0, 0), None);
    assert_eq!(decode_rgba(&[], 0, 10), None);
    assert_eq!(decode_rgba(&[], 10, 0), None);
    assert_eq!(decode_luma(&[], 0, 0), None);
    // Sizes whose product overflows a 32-bit usize (wasm32), and frames
    // over the limit even when the data matches.
    assert_eq!(decode_rgba(&rgba, u32::MAX, u32::MAX), None);
    assert_eq!(decode_rgba(&rgba, 65_536, 65_536), None);
    let wide = vec![255; (MAX_SIDE + 1) * 4];
    assert_eq!(decode_rgba(&wide, MAX_SIDE as u32 + 1, 1), None);
    assert_eq!(decode_luma(&wide, MAX_SIDE + 1, 4), None);
}

#[test]
fn thin_frames_at_the_limit_read_as_nothing() {
    // 4096 × 1 and 1 × 4096 are accepted sizes: rqrr must not trip on them.
    let data = vec![255; MAX_SIDE * 4];
    assert_eq!(decode_rgba(&data, MAX_SIDE as u32, 1), None);
    assert_eq!(decode_rgba(&data, 1, MAX_SIDE as u32), None);
}

/// With `QR_DECODER_FIXTURE=/some/path`, writes the noisy badge frame there
/// as raw RGBA (and its size and text beside it, in `path.json`), for
/// checking the WebAssembly build from a JS engine:
/// `QR_DECODER_FIXTURE=/tmp/badge.rgba cargo test -p qr-decoder fixture`.
#[test]
fn fixture_for_the_wasm_build() {
    let Ok(path) = std::env::var("QR_DECODER_FIXTURE") else {
        return;
    };
    let text = badge_text();
    let picture = render(&text, 4)
        .scaled(1.7)
        .rotated()
        .on_table(640, 480, 170, 70, 20);
    std::fs::write(&path, picture.rgba()).unwrap();
    std::fs::write(
        format!("{path}.json"),
        format!(
            r#"{{"width":{},"height":{},"text":"{text}"}}"#,
            picture.width, picture.height
        ),
    )
    .unwrap();
}
