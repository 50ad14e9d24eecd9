//! A badge code as a QR matrix, drawn three ways: a PNG (mail), an SVG
//! (pages and the API), and a one-pixel-a-module image in a PDF. ECC level M (15%) survives a scratched badge and
//! keeps a ~120-character alphanumeric code at version 6 (41 modules).

use printpdf::{RawImage, RawImageData, RawImageFormat};
use qrcode::{EcLevel, QrCode};

use crate::error::AppError;

/// Light modules around the symbol, as the standard asks.
pub const QUIET_ZONE: usize = 4;

pub struct Matrix {
    /// Modules per side, without the quiet zone.
    pub width: usize,
    dark: Vec<bool>,
}

impl Matrix {
    pub fn new(text: &str) -> Result<Matrix, AppError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|err| AppError::internal(format!("QR: {err}")))?;
        Ok(Matrix {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// Horizontal runs of dark modules: (row, first column, length).
    fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.width && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }

    /// Modules per side with the quiet zone.
    pub fn span(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// An SVG of the symbol with its quiet zone, one path, scalable.
    pub fn svg(&self) -> String {
        let span = self.span();
        let mut path = String::with_capacity(self.width * self.width);
        for (y, x, len) in self.runs() {
            path.push_str(&format!(
                "M{} {}h{len}v1h-{len}z",
                x + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {span} {span}\" shape-rendering=\"crispEdges\"><rect width=\"{span}\" height=\"{span}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
        )
    }

    /// A greyscale PNG, `scale` pixels a module, with the quiet zone.
    pub fn png(&self, scale: usize) -> Result<Vec<u8>, AppError> {
        let side = self.span() * scale;
        let mut pixels = vec![255u8; side * side];
        for (y, x, len) in self.runs() {
            for row in 0..scale {
                let py = (y + QUIET_ZONE) * scale + row;
                let start = py * side + (x + QUIET_ZONE) * scale;
                pixels[start..start + len * scale].fill(0);
            }
        }
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(AppError::internal)?;
            writer
                .write_image_data(&pixels)
                .map_err(AppError::internal)?;
        }
        Ok(out)
    }

    /// The symbol (without its quiet zone) as a greyscale image, one
    /// pixel a module, for a PDF: a QR drawn as hundreds of rectangles
    /// made a thousand badges 3 s and 6 MB; as an image (not interpolated,
    /// so it stays sharp at any size) it costs a few hundred bytes.
    pub fn pdf_image(&self) -> RawImage {
        RawImage {
            pixels: RawImageData::U8(
                self.dark
                    .iter()
                    .map(|dark| if *dark { 0 } else { 255 })
                    .collect(),
            ),
            width: self.width,
            height: self.width,
            data_format: RawImageFormat::R8,
            tag: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_badge_code_makes_a_small_symbol() {
        let text = format!("CF{}", "A2".repeat(58));
        let matrix = Matrix::new(&text).unwrap();
        // Alphanumeric mode keeps 118 characters at version 6 (41 modules).
        assert!(matrix.width <= 41, "{} modules", matrix.width);
        let svg = matrix.svg();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
        let png = matrix.png(4).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
}
