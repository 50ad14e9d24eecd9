//! Badges as PDF pages (server only), set by the shared text code so every
//! script prints right. A badge: the edition's name; the name large in its
//! own script with the Latin name (and honorific) beneath; position;
//! member city and country; the signed QR; and a band in the category's
//! colour with the category's word on it (readable without colour).

use printpdf::{
    Line, LinePoint, Mm, Op, PaintMode, Point, Polygon, PolygonRing, Pt, WindingOrder,
    XObjectTransform,
};

use super::domain::{LayoutSpec, band_colour};
use super::types::BadgeLayout;
use crate::credentials::qr::{Matrix, QUIET_ZONE};
use crate::error::AppError;
use crate::print::text::{Shaper, rgb};
use crate::print::{Shaped, Typesetter};
use crate::registration::types::Category;

/// What one badge shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeFace {
    pub name_native: String,
    pub name_latin: String,
    pub honorific: String,
    pub position: String,
    pub member: String,
    pub country: String,
    pub category: Category,
    /// The category's word as printed on the band.
    pub category_word: String,
    pub edition_title: String,
    /// The signed code the QR carries.
    pub code: String,
}

fn mm(value: f32) -> f32 {
    Pt::from(Mm(value)).0
}

/// Sizes and boxes of a badge's parts, in points, from its size.
struct Frame {
    width: f32,
    height: f32,
    margin: f32,
    band: f32,
    qr: f32,
    landscape: bool,
    /// Multiplies every type size: 1 on A6 (portrait) or 4 × 3 in.
    scale: f32,
}

impl Frame {
    fn of(spec: &LayoutSpec) -> Frame {
        let (width, height) = (mm(spec.badge.0), mm(spec.badge.1));
        if spec.landscape() {
            let scale = spec.badge.1 / 76.2;
            Frame {
                width,
                height,
                margin: mm(5.0) * scale,
                band: mm(12.0) * scale,
                qr: mm(36.0) * scale,
                landscape: true,
                scale,
            }
        } else {
            let scale = spec.badge.1 / 148.0;
            Frame {
                width,
                height,
                margin: mm(7.0) * scale,
                band: mm(18.0) * scale,
                qr: mm(42.0) * scale,
                landscape: false,
                scale,
            }
        }
    }

    /// The text column: left edge, width, top and bottom.
    fn text_box(&self) -> (f32, f32, f32, f32) {
        let top = self.height - self.margin;
        if self.landscape {
            let width = self.width - self.qr - 3.0 * self.margin;
            (self.margin, width, top, self.band + self.margin)
        } else {
            let bottom = self.band + self.qr + self.margin;
            (self.margin, self.width - 2.0 * self.margin, top, bottom)
        }
    }

    /// The QR's bottom-left corner.
    fn qr_at(&self) -> (f32, f32) {
        if self.landscape {
            let free = self.height - self.band;
            (
                self.width - self.margin - self.qr,
                self.band + (free - self.qr) / 2.0,
            )
        } else {
            ((self.width - self.qr) / 2.0, self.band + self.margin / 2.0)
        }
    }
}

/// One text block: its text, the largest and smallest size, most lines,
/// colour (grey level) and the space after it.
struct Block<'a> {
    text: &'a str,
    max: f32,
    min: f32,
    lines: usize,
    grey: u8,
    after: f32,
}

/// Each block's lines, the space after it and its grey; and the height
/// of them all.
type Laid = (Vec<(Vec<Shaped>, f32, u8)>, f32);

/// Lays the blocks out in the column; when they do not fit its height,
/// every size shrinks and they are laid out again (nothing is cut off).
fn lay_out(shaper: &Shaper, blocks: &[Block], width: f32, height: f32) -> Laid {
    let mut factor = 1.0f32;
    loop {
        let mut total = 0.0;
        let mut set = Vec::new();
        for block in blocks.iter().filter(|b| !b.text.trim().is_empty()) {
            let fitted = shaper.fit(
                block.text,
                block.max * factor,
                (block.min * factor).min(block.max * factor),
                width,
                block.lines,
            );
            total += fitted.lines.len() as f32 * fitted.size * 1.25 + block.after * factor;
            set.push((fitted.lines, block.after * factor, block.grey));
        }
        if total <= height || factor < 0.3 {
            return (set, total);
        }
        factor *= 0.85;
    }
}

/// A corner of a path, in points.
fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing {
                points: vec![
                    point(x, y),
                    point(x + w, y),
                    point(x + w, y + h),
                    point(x, y + h),
                ],
            }],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        },
    }
}

fn tick(x0: f32, y0: f32, x1: f32, y1: f32) -> Op {
    Op::DrawLine {
        line: Line {
            points: vec![point(x0, y0), point(x1, y1)],
            is_closed: false,
        },
    }
}

/// Draws one badge with its bottom-left corner at (`x`, `y`) points.
fn draw(
    t: &mut Typesetter,
    face: &BadgeFace,
    frame: &Frame,
    x: f32,
    y: f32,
) -> Result<(), AppError> {
    let s = frame.scale;
    let (left, width, top, bottom) = frame.text_box();
    let latin = [face.honorific.as_str(), face.name_latin.as_str()]
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    // A name written only in Latin script is the large name itself.
    let own_script =
        !face.name_native.trim().is_empty() && face.name_native.trim() != face.name_latin.trim();
    let (large, beneath) = if own_script {
        (face.name_native.as_str(), latin.as_str())
    } else {
        (latin.as_str(), "")
    };
    let place = [face.member.as_str(), face.country.as_str()]
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let big = if frame.landscape { 26.0 } else { 40.0 };
    let blocks = [
        Block {
            text: &face.edition_title,
            max: 8.0 * s,
            min: 5.0 * s,
            lines: 2,
            grey: 90,
            after: 6.0 * s,
        },
        Block {
            text: large,
            max: big * s,
            min: 12.0 * s,
            lines: 3,
            grey: 0,
            after: 3.0 * s,
        },
        Block {
            text: beneath,
            max: 15.0 * s,
            min: 8.0 * s,
            lines: 2,
            grey: 20,
            after: 5.0 * s,
        },
        Block {
            text: &face.position,
            max: 10.0 * s,
            min: 6.0 * s,
            lines: 2,
            grey: 40,
            after: 2.0 * s,
        },
        Block {
            text: &place,
            max: 11.0 * s,
            min: 6.0 * s,
            lines: 2,
            grey: 0,
            after: 0.0,
        },
    ];
    let (laid, total) = lay_out(&t.shaper, &blocks, width, top - bottom);
    // The text sits a little above the middle of its space.
    let mut cursor = y + top - ((top - bottom - total) / 3.0).max(0.0);
    for (lines, after, grey) in laid {
        for line in lines {
            cursor -= line.size * 1.05;
            let at = x + left + (width - line.width) / 2.0;
            t.place(&line, at, cursor, rgb(grey, grey, grey))?;
            cursor -= line.size * 0.2;
        }
        cursor -= after;
    }

    // The QR, then the band with the category's word in white.
    let (qx, qy) = frame.qr_at();
    let matrix = Matrix::new(&face.code)?;
    // The quiet zone is the badge's white around the symbol.
    let module = frame.qr / matrix.span() as f32;
    let quiet = QUIET_ZONE as f32 * module;
    let image = t.add_image(&matrix.pdf_image());
    t.push(Op::UseXobject {
        id: image,
        transform: XObjectTransform {
            translate_x: Some(Pt(x + qx + quiet)),
            translate_y: Some(Pt(y + qy + quiet)),
            // One pixel a point, scaled to a module.
            dpi: Some(72.0),
            scale_x: Some(module),
            scale_y: Some(module),
            ..Default::default()
        },
    });
    let (r, g, b) = band_colour(face.category);
    t.push(Op::SetFillColor { col: rgb(r, g, b) });
    t.push(rect(x, y, frame.width, frame.band));
    let word = t.shaper.fit(
        &face.category_word.to_uppercase(),
        frame.band * 0.5,
        6.0,
        frame.width - 2.0 * frame.margin,
        1,
    );
    if let Some(line) = word.lines.first() {
        let baseline = y + (frame.band - line.size * 0.7) / 2.0;
        t.place(
            line,
            x + (frame.width - line.width) / 2.0,
            baseline,
            rgb(255, 255, 255),
        )?;
    }
    Ok(())
}

/// Corner marks along each badge's edges, to cut the sheet by.
fn cut_marks(t: &mut Typesetter, frame: &Frame, x: f32, y: f32) {
    let len = mm(4.0);
    let (w, h) = (frame.width, frame.height);
    t.push(Op::SetOutlineColor {
        col: rgb(150, 150, 150),
    });
    t.push(Op::SetOutlineThickness { pt: Pt(0.3) });
    for (cx, cy, dx, dy) in [
        (0.0, 0.0, 1.0, 1.0),
        (w, 0.0, -1.0, 1.0),
        (0.0, h, 1.0, -1.0),
        (w, h, -1.0, -1.0),
    ] {
        t.push(tick(x + cx, y + cy, x + cx + dx * len, y + cy));
        t.push(tick(x + cx, y + cy, x + cx, y + cy + dy * len));
    }
}

/// The badges as one PDF in `layout`; `progress` hears how many are done.
pub fn render(
    title: &str,
    faces: &[BadgeFace],
    layout: BadgeLayout,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<u8>, AppError> {
    let spec = layout.spec();
    let frame = Frame::of(&spec);
    let cells = spec.cells();
    let mut t = Typesetter::new(title)?;
    for (sheet, chunk) in faces.chunks(spec.per_sheet()).enumerate() {
        for (i, face) in chunk.iter().enumerate() {
            let (cx, cy) = cells[i];
            let (x, y) = (mm(cx), mm(cy));
            draw(&mut t, face, &frame, x, y)?;
            if spec.cut_marks {
                cut_marks(&mut t, &frame, x, y);
            }
            progress(sheet * spec.per_sheet() + i + 1);
        }
        t.end_page(Mm(spec.sheet.0), Mm(spec.sheet.1));
        if spec.double_sided {
            for (i, face) in chunk.iter().enumerate() {
                let (cx, cy) = cells[spec.back_cell(i)];
                draw(&mut t, face, &frame, mm(cx), mm(cy))?;
            }
            t.end_page(Mm(spec.sheet.0), Mm(spec.sheet.1));
        }
    }
    if faces.is_empty() {
        t.end_page(Mm(spec.sheet.0), Mm(spec.sheet.1));
    }
    Ok(t.finish())
}
