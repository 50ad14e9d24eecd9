//! The budget summary as an A4 PDF for the auditors (server only): the
//! rounding rule and the rates used, the totals and what-if totals, the
//! tables by category and by payer, then the two charts drawn from the
//! same shapes as the page's SVG. Text is set by the shared print code,
//! so a custom category or a sponsor named in Chinese prints right.

use chrono::NaiveDate;
use printpdf::{
    Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, Point, Polygon, PolygonRing, Pt,
    WindingOrder,
};

use super::chart::{Anchor, Chart, Fill, Shape, Stroke, hatch};
use super::money::format_minor;
use super::types::BudgetSummary;
use super::words;
use crate::error::AppError;
use crate::i18n::*;
use crate::print::Typesetter;
use crate::print::text::rgb;

/// Auditors read English, as consulates do (see the visa letter).
pub const LANGUAGE: Locale = Locale::en;

pub struct Report<'a> {
    pub edition_title: String,
    pub generated_on: NaiveDate,
    pub summary: &'a BudgetSummary,
    pub charts: [&'a Chart; 2],
}

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 42.0;

/// Writes lines down pages, starting a new page when one is full.
struct Pages {
    t: Typesetter,
    y: f32,
}

impl Pages {
    fn need(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
            self.y = PAGE_H - MARGIN;
        }
    }

    fn text(&mut self, text: &str, size: f32, x: f32) -> Result<(), AppError> {
        let shaped = self.t.shaper.shape(text, size);
        self.t.place(&shaped, x, self.y, rgb(0, 0, 0))
    }

    /// Text whose right edge is at `x`.
    fn right(&mut self, text: &str, size: f32, x: f32) -> Result<(), AppError> {
        let shaped = self.t.shaper.shape(text, size);
        let width = self.t.shaper.width(text, size);
        self.t.place(&shaped, x - width, self.y, rgb(0, 0, 0))
    }

    fn line(&mut self, text: &str, size: f32) -> Result<(), AppError> {
        self.need(size * 1.5);
        for part in self.t.shaper.wrap(text, size, PAGE_W - 2.0 * MARGIN) {
            self.need(size * 1.5);
            self.text(&part, size, MARGIN)?;
            self.y -= size * 1.45;
        }
        Ok(())
    }

    /// A table row: the first cell left, shrunk to end before
    /// `columns[0]`, the others right-aligned at the following edges.
    fn row(&mut self, cells: &[String], columns: &[f32], size: f32) -> Result<(), AppError> {
        self.need(size * 1.6);
        if let Some(first) = cells.first() {
            let fitted = self
                .t
                .shaper
                .fit(first, size, size * 0.7, columns[0] - MARGIN, 1);
            if let Some(line) = fitted.lines.first() {
                self.t.place(line, MARGIN, self.y, rgb(0, 0, 0))?;
            }
        }
        for (cell, x) in cells.iter().skip(1).zip(columns.iter().skip(1)) {
            self.right(cell, size, *x)?;
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
fn draw(
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

pub fn render(report: &Report) -> Result<Vec<u8>, AppError> {
    let locale = LANGUAGE;
    let s = report.summary;
    let (currency, exponent) = (s.currency.as_str(), s.exponent);
    let money = |minor: i64| format_minor(minor, exponent);
    let mut p = Pages {
        t: Typesetter::new(&td_string!(
            locale,
            budget_pdf_title,
            edition = &report.edition_title
        ))?,
        y: PAGE_H - MARGIN - 10.0,
    };
    p.line(
        &td_string!(locale, budget_pdf_title, edition = &report.edition_title),
        16.0,
    )?;
    p.line(
        &td_string!(
            locale,
            budget_pdf_generated,
            day = report.generated_on.to_string(),
            currency
        ),
        9.5,
    )?;
    p.y -= 4.0;
    p.line(
        &format!("{}: {}", td_string!(locale, budget_rounding), s.rounding),
        8.5,
    )?;
    p.line(
        &td_string!(
            locale,
            budget_plan_rate_day,
            day = s.plan_rate_day.to_string()
        ),
        8.5,
    )?;
    let rates = if s.rates_used.is_empty() {
        td_string!(locale, budget_no_rates_used).to_string()
    } else {
        s.rates_used
            .iter()
            .map(|r| {
                format!(
                    "1 {} = {} {currency} ({})",
                    r.currency, r.rate, r.valid_from
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    p.line(
        &format!("{}: {rates}", td_string!(locale, budget_rates_used)),
        8.5,
    )?;
    if let Some(threshold) = s.approval_threshold_minor {
        p.line(
            &td_string!(
                locale,
                budget_threshold_line,
                amount = format!("{currency} {}", money(threshold))
            ),
            8.5,
        )?;
    }
    p.y -= 8.0;

    // Totals and what-if.
    let t = &s.totals;
    for (label, value) in [
        (td_string!(locale, budget_plan).to_string(), t.budget_minor),
        (
            td_string!(locale, budget_planned_items).to_string(),
            t.planned_minor,
        ),
        (
            td_string!(locale, budget_committed).to_string(),
            t.committed_minor,
        ),
        (
            td_string!(locale, budget_awaiting).to_string(),
            t.awaiting_minor,
        ),
        (
            td_string!(locale, budget_actual).to_string(),
            t.actual_minor,
        ),
        (
            td_string!(locale, budget_forecast).to_string(),
            t.forecast_minor,
        ),
        (
            td_string!(locale, budget_if_all_spent).to_string(),
            s.what_if.all_planned_spent_minor,
        ),
        (
            td_string!(locale, budget_if_contingency_used).to_string(),
            s.what_if.contingency_used_minor,
        ),
        (
            td_string!(locale, budget_income_pledged).to_string(),
            s.what_if.income_minor,
        ),
        (
            td_string!(locale, budget_balance).to_string(),
            s.what_if.balance_minor,
        ),
    ] {
        p.row(
            &[label, format!("{currency} {}", money(value))],
            &[MARGIN + 300.0, MARGIN + 400.0],
            10.0,
        )?;
    }
    p.line(
        &words::variance(locale, &s.variance, currency, exponent),
        10.0,
    )?;
    p.y -= 8.0;

    // By category.
    // Where the name may reach, then each figure's right edge.
    let columns = [182.0, 240.0, 300.0, 360.0, 420.0, 475.0, PAGE_W - MARGIN];
    p.line(td_string!(locale, budget_by_category), 12.0)?;
    p.row(
        &[
            td_string!(locale, budget_category_label).to_string(),
            td_string!(locale, budget_plan).to_string(),
            td_string!(locale, budget_planned_short).to_string(),
            td_string!(locale, budget_committed).to_string(),
            td_string!(locale, budget_awaiting_short).to_string(),
            td_string!(locale, budget_actual).to_string(),
            td_string!(locale, budget_variance_signed).to_string(),
        ],
        &columns,
        8.5,
    )?;
    for line in &s.categories {
        let f = &line.figures;
        p.row(
            &[
                words::category(locale, line.kind, &line.name),
                money(f.budget_minor),
                money(f.planned_minor),
                money(f.committed_minor),
                money(f.awaiting_minor),
                money(f.actual_minor),
                money(line.variance.minor),
            ],
            &columns,
            8.5,
        )?;
    }
    p.y -= 8.0;
    p.line(td_string!(locale, budget_by_payer), 12.0)?;
    p.row(
        &[
            td_string!(locale, budget_payer).to_string(),
            td_string!(locale, budget_planned_short).to_string(),
            td_string!(locale, budget_committed).to_string(),
            td_string!(locale, budget_awaiting_short).to_string(),
            td_string!(locale, budget_actual).to_string(),
            td_string!(locale, budget_pledged).to_string(),
            td_string!(locale, budget_owed).to_string(),
        ],
        &columns,
        8.5,
    )?;
    for line in &s.payers {
        let f = &line.figures;
        p.row(
            &[
                line.name.clone(),
                money(f.planned_minor),
                money(f.committed_minor),
                money(f.awaiting_minor),
                money(f.actual_minor),
                money(line.pledged_minor),
                money(line.owed_minor),
            ],
            &columns,
            8.5,
        )?;
    }

    // The charts, on a page of their own, scaled to the page's width.
    p.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
    p.y = PAGE_H - MARGIN;
    for chart in report.charts {
        let scale = (PAGE_W - 2.0 * MARGIN) / chart.width as f32;
        let height = chart.height as f32 * scale;
        p.need(height + 30.0);
        p.text(&chart.title, 12.0, MARGIN)?;
        p.y -= 10.0;
        draw(&mut p.t, chart, MARGIN, p.y, scale)?;
        p.y -= height + 24.0;
    }
    p.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
    Ok(p.t.finish())
}
