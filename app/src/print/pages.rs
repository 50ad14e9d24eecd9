//! Pages of an A4 report (server only): lines and table rows written
//! down the page, a new page when one is full, and charts drawn from the
//! same shapes as their SVG. Used by the budget's and the agreements'
//! reports.

use printpdf::{
    Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, Point, Polygon, PolygonRing, Pt,
    WindingOrder,
};

use super::Typesetter;
use super::drawing::{Anchor, Chart, Fill, Shape, Stroke, hatch};
use super::text::rgb;
use crate::error::AppError;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 42.0;

/// Writes lines down pages, starting a new page when one is full. A
/// right-to-left report (Arabic) sets its lines flush right as
/// right-to-left paragraphs and mirrors its tables: the label column on
/// the right, the figures to its left.
pub struct Pages {
    pub t: Typesetter,
    pub y: f32,
    pub rtl: bool,
}

impl Pages {
    pub fn need(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
            self.y = PAGE_H - MARGIN;
        }
    }

    pub fn text(&mut self, text: &str, size: f32, x: f32) -> Result<(), AppError> {
        let shaped = self.t.shaper.shape(text, size);
        self.t.place(&shaped, x, self.y, rgb(0, 0, 0))
    }

    /// Text whose right edge is at `x`.
    pub fn right(&mut self, text: &str, size: f32, x: f32) -> Result<(), AppError> {
        let shaped = self.t.shaper.shape(text, size);
        let width = self.t.shaper.width(text, size);
        self.t.place(&shaped, x - width, self.y, rgb(0, 0, 0))
    }

    /// One line at the margin where the report's lines start: the left,
    /// or the right in a right-to-left report.
    pub fn at_start(&mut self, text: &str, size: f32) -> Result<(), AppError> {
        if self.rtl {
            let shaped = self.t.shaper.shape_in(text, size, true);
            let x = PAGE_W - MARGIN - shaped.width;
            self.t.place(&shaped, x, self.y, rgb(0, 0, 0))
        } else {
            self.text(text, size, MARGIN)
        }
    }

    /// A paragraph, wrapped, from the margin where lines start.
    pub fn line(&mut self, text: &str, size: f32) -> Result<(), AppError> {
        self.need(size * 1.5);
        for part in self.t.shaper.wrap(text, size, PAGE_W - 2.0 * MARGIN) {
            self.need(size * 1.5);
            self.at_start(&part, size)?;
            self.y -= size * 1.45;
        }
        Ok(())
    }

    /// A table row: the first cell left, shrunk to end before
    /// `columns[0]`, the others right-aligned at the following edges. In a
    /// right-to-left report the row is mirrored: the first cell flush
    /// right, the others starting at the mirrored edges.
    pub fn row(&mut self, cells: &[String], columns: &[f32], size: f32) -> Result<(), AppError> {
        self.need(size * 1.6);
        if let Some(first) = cells.first() {
            let fitted = self
                .t
                .shaper
                .fit(first, size, size * 0.7, columns[0] - MARGIN, 1);
            if let Some(line) = fitted.lines.first() {
                let x = if self.rtl {
                    PAGE_W - MARGIN - line.width
                } else {
                    MARGIN
                };
                self.t.place(line, x, self.y, rgb(0, 0, 0))?;
            }
        }
        for (cell, x) in cells.iter().skip(1).zip(columns.iter().skip(1)) {
            if self.rtl {
                self.text(cell, size, PAGE_W - *x)?;
            } else {
                self.right(cell, size, *x)?;
            }
        }
        self.y -= size * 1.6;
        Ok(())
    }
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn polyline(points: Vec<LinePoint>) -> Op {
    Op::DrawLine {
        line: Line {
            points,
            is_closed: false,
        },
    }
}

fn polygon(points: Vec<LinePoint>, mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing { points }],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    }
}

/// Draws `chart` with its top-left corner at (`left`, `top`) points, its
/// pixels scaled by `scale`.
pub fn draw(
    t: &mut Typesetter,
    chart: &Chart,
    left: f32,
    top: f32,
    scale: f32,
) -> Result<(), AppError> {
    let x = |px: i32| left + px as f32 * scale;
    let y = |px: i32| top - px as f32 * scale;
    let black = rgb(0, 0, 0);
    t.push(Op::SetOutlineColor { col: black.clone() });
    t.push(Op::SetOutlineThickness { pt: Pt(0.6) });
    for shape in &chart.shapes {
        match shape {
            Shape::Rect {
                x: rx,
                y: ry,
                w,
                h,
                fill,
            } => {
                let corners = vec![
                    point(x(*rx), y(*ry)),
                    point(x(rx + w), y(*ry)),
                    point(x(rx + w), y(ry + h)),
                    point(x(*rx), y(ry + h)),
                ];
                let paint = if *fill == Fill::Solid {
                    black.clone()
                } else {
                    rgb(255, 255, 255)
                };
                t.push(Op::SetFillColor { col: paint });
                t.push(polygon(corners, PaintMode::FillStroke));
                if *fill == Fill::Hatched {
                    for ((x1, y1), (x2, y2)) in hatch(*rx, *ry, *w, *h, 4) {
                        t.push(polyline(vec![point(x(x1), y(y1)), point(x(x2), y(y2))]));
                    }
                }
            }
            Shape::Line { points, stroke } => {
                let pattern: &[f32] = match stroke {
                    Stroke::Solid => &[],
                    Stroke::Dashed => &[6.0, 4.0],
                    Stroke::Dotted => &[1.5, 3.0],
                };
                t.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::new(0.0, pattern),
                });
                t.push(Op::SetOutlineThickness { pt: Pt(1.2) });
                t.push(polyline(
                    points
                        .iter()
                        .map(|(px, py)| point(x(*px), y(*py)))
                        .collect(),
                ));
                t.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                t.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::solid(),
                });
            }
            Shape::Square { x: sx, y: sy } => {
                t.push(Op::SetFillColor { col: black.clone() });
                t.push(polygon(
                    vec![
                        point(x(sx - 3), y(sy - 3)),
                        point(x(sx + 4), y(sy - 3)),
                        point(x(sx + 4), y(sy + 4)),
                        point(x(sx - 3), y(sy + 4)),
                    ],
                    PaintMode::Fill,
                ));
            }
            Shape::Circle { x: cx, y: cy } => {
                // An open diamond: the PDF's stand-in for the SVG's open
                // circle, as distinct from the filled square in print.
                t.push(Op::SetFillColor {
                    col: rgb(255, 255, 255),
                });
                t.push(polygon(
                    vec![
                        point(x(*cx), y(cy - 4)),
                        point(x(cx + 4), y(*cy)),
                        point(x(*cx), y(cy + 4)),
                        point(x(cx - 4), y(*cy)),
                    ],
                    PaintMode::FillStroke,
                ));
            }
            Shape::Text {
                x: tx,
                y: ty,
                text,
                size,
                anchor,
            } => {
                let size = *size as f32 * scale;
                let shaped = t.shaper.shape(text, size);
                let width = t.shaper.width(text, size);
                let left = match anchor {
                    Anchor::Start => x(*tx),
                    Anchor::Middle => x(*tx) - width / 2.0,
                    Anchor::End => x(*tx) - width,
                };
                t.place(&shaped, left, y(*ty), black.clone())?;
            }
        }
    }
    Ok(())
}
