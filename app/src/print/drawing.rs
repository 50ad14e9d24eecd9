//! Charts as drawings (server only): integer-coordinate shapes with one
//! rendering as SVG for pages and another in PDFs (`print::pages`), so a
//! chart on the page and in print are the same drawing. Charts must read
//! in black and white: figures differ by fill (outline, hatched, solid)
//! and lines by dash and marker, never by colour alone.

/// How a bar is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// White with a black edge: the plan.
    Outline,
    /// Diagonal lines: committed.
    Hatched,
    /// Solid black: actually paid.
    Solid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Rect {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
        fill: Fill,
    },
    Line {
        points: Vec<(i32, i32)>,
        stroke: Stroke,
    },
    /// A square (filled) or a circle (open) data marker.
    Square {
        x: i32,
        y: i32,
    },
    Circle {
        x: i32,
        y: i32,
    },
    Text {
        x: i32,
        y: i32,
        text: String,
        size: i32,
        anchor: Anchor,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub width: i32,
    pub height: i32,
    pub title: String,
    pub shapes: Vec<Shape>,
}

/// The 45° lines that hatch a rectangle, clipped to it.
pub fn hatch(x: i32, y: i32, w: i32, h: i32, step: i32) -> Vec<((i32, i32), (i32, i32))> {
    let mut lines = Vec::new();
    // Lines x' + y' = k, from the top-left corner to the bottom-right.
    let mut k = x + y + step;
    while k < x + w + y + h {
        let start = x.max(k - (y + h));
        let end = (x + w).min(k - y);
        if start < end {
            lines.push(((start, k - start), (end, k - end)));
        }
        k += step;
    }
    lines
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn dash(stroke: Stroke) -> &'static str {
    match stroke {
        Stroke::Solid => "",
        Stroke::Dashed => " stroke-dasharray=\"8 5\"",
        Stroke::Dotted => " stroke-dasharray=\"2 4\"",
    }
}

impl Chart {
    /// The chart as an SVG document of its own (black on white).
    pub fn to_svg(&self) -> String {
        use std::fmt::Write;
        let mut svg = String::with_capacity(256 + self.shapes.len() * 96);
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{t}\" font-family=\"sans-serif\"><title>{t}</title><rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>",
            w = self.width,
            h = self.height,
            t = escape(&self.title)
        );
        for shape in &self.shapes {
            match shape {
                Shape::Rect { x, y, w, h, fill } => {
                    let paint = if *fill == Fill::Solid { "#000" } else { "#fff" };
                    let _ = write!(
                        svg,
                        "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{paint}\" stroke=\"#000\" stroke-width=\"1\"/>"
                    );
                    if *fill == Fill::Hatched {
                        svg.push_str("<path stroke=\"#000\" stroke-width=\"1\" d=\"");
                        for ((x1, y1), (x2, y2)) in hatch(*x, *y, *w, *h, 4) {
                            let _ = write!(svg, "M{x1} {y1}L{x2} {y2}");
                        }
                        svg.push_str("\"/>");
                    }
                }
                Shape::Line { points, stroke } => {
                    let path: Vec<String> =
                        points.iter().map(|(x, y)| format!("{x},{y}")).collect();
                    let _ = write!(
                        svg,
                        "<polyline points=\"{}\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"{}/>",
                        path.join(" "),
                        dash(*stroke)
                    );
                }
                Shape::Square { x, y } => {
                    let _ = write!(
                        svg,
                        "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#000\"/>",
                        x - 3,
                        y - 3
                    );
                }
                Shape::Circle { x, y } => {
                    let _ = write!(
                        svg,
                        "<circle cx=\"{x}\" cy=\"{y}\" r=\"4\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>"
                    );
                }
                Shape::Text {
                    x,
                    y,
                    text,
                    size,
                    anchor,
                } => {
                    let anchor = match anchor {
                        Anchor::Start => "start",
                        Anchor::Middle => "middle",
                        Anchor::End => "end",
                    };
                    let _ = write!(
                        svg,
                        "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"#000\">{}</text>",
                        escape(text)
                    );
                }
            }
        }
        svg.push_str("</svg>");
        svg
    }
}
