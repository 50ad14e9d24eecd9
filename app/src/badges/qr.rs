//! A badge code as a QR matrix, drawn three ways: a PNG (mail), an SVG
//! (pages and the API), and vector rectangles in a PDF (sharp at any
//! printer resolution). ECC level M (15%) survives a scratched badge and
//! keeps a ~120-character alphanumeric code at version 6 (41 modules).

use printpdf::{LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt, WindingOrder};
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

    /// The dark modules as one filled path in a PDF: the symbol's quiet
    /// zone's bottom-left corner at (`x`, `y`) points, `size` points a side
    /// including the quiet zone.
    pub fn pdf(&self, x: f32, y: f32, size: f32) -> Op {
        let module = size / self.span() as f32;
        let top = y + size - QUIET_ZONE as f32 * module;
        let left = x + QUIET_ZONE as f32 * module;
        let point = |px: f32, py: f32| LinePoint {
            p: Point {
                x: Pt(px),
                y: Pt(py),
            },
            bezier: false,
        };
        let rings = self
            .runs()
            .into_iter()
            .map(|(row, column, len)| {
                let x0 = left + column as f32 * module;
                let x1 = x0 + len as f32 * module;
                let y1 = top - row as f32 * module;
                let y0 = y1 - module;
                PolygonRing {
                    points: vec![point(x0, y0), point(x1, y0), point(x1, y1), point(x0, y1)],
                }
            })
            .collect();
        Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
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
