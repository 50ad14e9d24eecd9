//! The budget's two charts as drawings (server only): planned, committed
//! and actual by category, and spending over time. One drawing, two
//! renderings: SVG for the page and the same shapes in the PDF. They must
//! read when printed in black and white, so the three figures differ by
//! fill (outline, hatched, solid) and the lines by dash and marker, never
//! by colour alone, and every bar carries its figure as text.
//!
//! Coordinates are whole pixels worked out with integer arithmetic: an
//! amount never passes through a float, even on its way to a bar.

use super::types::{BudgetSummary, MonthLine};
pub use crate::print::drawing::{Anchor, Chart, Fill, Shape, Stroke, hatch};

/// The words a chart prints, in the reader's language, and the language
/// its amounts are written in.
pub struct ChartWords {
    pub locale: crate::i18n::Locale,
    pub by_category: String,
    pub over_time: String,
    pub plan: String,
    pub committed: String,
    /// The category chart's hatched bar: committed, approved or not.
    pub committed_or_awaiting: String,
    pub actual: String,
    pub budget_total: String,
    pub nothing_yet: String,
}

/// A length of `value` where `largest` spans `span` pixels.
fn scale(value: i64, largest: i64, span: i32) -> i32 {
    if largest <= 0 || value <= 0 {
        return 0;
    }
    (i128::from(value) * i128::from(span) / i128::from(largest)) as i32
}

fn legend(shapes: &mut Vec<Shape>, x: i32, y: i32, words: &ChartWords) {
    let mut at = x;
    for (fill, text) in [
        (Fill::Outline, &words.plan),
        (Fill::Hatched, &words.committed_or_awaiting),
        (Fill::Solid, &words.actual),
    ] {
        shapes.push(Shape::Rect {
            x: at,
            y: y - 9,
            w: 14,
            h: 10,
            fill,
        });
        shapes.push(Shape::Text {
            x: at + 19,
            y,
            text: text.clone(),
            size: 11,
            anchor: Anchor::Start,
        });
        at += 34 + 7 * text.chars().count() as i32;
    }
}

/// Planned, committed and actual side by side for each category, with
/// `label(kind, name)` naming each.
pub fn by_category(
    summary: &BudgetSummary,
    label: impl Fn(&super::types::CategoryLine) -> String,
    words: &ChartWords,
) -> Chart {
    const WIDTH: i32 = 760;
    const LABELS: i32 = 190;
    const BAR: i32 = 9;
    const ROW: i32 = 3 * BAR + 14;
    const TOP: i32 = 40;
    let span = WIDTH - LABELS - 130;
    let exponent = summary.exponent;
    let largest = summary
        .categories
        .iter()
        .flat_map(|c| {
            [
                c.figures.budget_minor,
                c.figures
                    .committed_minor
                    .saturating_add(c.figures.awaiting_minor),
                c.figures.actual_minor,
            ]
        })
        .max()
        .unwrap_or(0);
    let mut shapes = Vec::new();
    legend(&mut shapes, LABELS, 20, words);
    for (i, line) in summary.categories.iter().enumerate() {
        let top = TOP + i as i32 * ROW;
        shapes.push(Shape::Text {
            x: LABELS - 10,
            y: top + 2 * BAR,
            text: label(line),
            size: 12,
            anchor: Anchor::End,
        });
        let committed = line
            .figures
            .committed_minor
            .saturating_add(line.figures.awaiting_minor);
        for (row, (fill, value)) in [
            (Fill::Outline, line.figures.budget_minor),
            (Fill::Hatched, committed),
            (Fill::Solid, line.figures.actual_minor),
        ]
        .into_iter()
        .enumerate()
        {
            let y = top + row as i32 * BAR;
            let w = scale(value, largest, span);
            if w > 0 {
                shapes.push(Shape::Rect {
                    x: LABELS,
                    y,
                    w,
                    h: BAR - 1,
                    fill,
                });
            }
            shapes.push(Shape::Text {
                x: LABELS + w + 5,
                y: y + BAR - 1,
                text: crate::ui::numbers::decimal(words.locale, value, exponent),
                size: 9,
                anchor: Anchor::Start,
            });
        }
    }
    shapes.push(Shape::Line {
        points: vec![
            (LABELS, TOP - 4),
            (LABELS, TOP + ROW * summary.categories.len() as i32),
        ],
        stroke: Stroke::Solid,
    });
    if summary.categories.is_empty() {
        shapes.push(Shape::Text {
            x: LABELS,
            y: TOP + 16,
            text: words.nothing_yet.clone(),
            size: 12,
            anchor: Anchor::Start,
        });
    }
    Chart {
        width: WIDTH,
        height: TOP + ROW * summary.categories.len().max(1) as i32 + 10,
        title: words.by_category.clone(),
        shapes,
    }
}

/// Cumulative actual (solid, squares) and committed (dashed, circles)
/// spending per month against the budget's total (dotted).
pub fn over_time(summary: &BudgetSummary, words: &ChartWords) -> Chart {
    const WIDTH: i32 = 760;
    const HEIGHT: i32 = 280;
    const LEFT: i32 = 110;
    const RIGHT: i32 = 30;
    const TOP: i32 = 40;
    const BOTTOM: i32 = 50;
    let months: &[MonthLine] = &summary.months;
    let exponent = summary.exponent;
    let budget = summary.totals.budget_minor;
    let largest = months
        .iter()
        .map(|m| m.cumulative_actual_minor.max(m.cumulative_committed_minor))
        .chain([budget])
        .max()
        .unwrap_or(0)
        .max(1);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let plot_w = WIDTH - LEFT - RIGHT;
    let y_of = |value: i64| TOP + plot_h - scale(value, largest, plot_h);
    let step = if months.len() > 1 {
        plot_w / (months.len() as i32 - 1)
    } else {
        0
    };
    let x_of = |i: usize| {
        LEFT + if months.len() > 1 {
            i as i32 * step
        } else {
            plot_w / 2
        }
    };

    let mut shapes = vec![
        // Axes.
        Shape::Line {
            points: vec![
                (LEFT, TOP),
                (LEFT, TOP + plot_h),
                (LEFT + plot_w, TOP + plot_h),
            ],
            stroke: Stroke::Solid,
        },
    ];
    for tick in [0, largest / 2, largest] {
        let y = y_of(tick);
        shapes.push(Shape::Text {
            x: LEFT - 6,
            y: y + 4,
            text: crate::ui::numbers::decimal(words.locale, tick, exponent),
            size: 9,
            anchor: Anchor::End,
        });
    }
    if budget > 0 {
        let y = y_of(budget);
        shapes.push(Shape::Line {
            points: vec![(LEFT, y), (LEFT + plot_w, y)],
            stroke: Stroke::Dotted,
        });
        shapes.push(Shape::Text {
            x: LEFT + plot_w,
            y: y - 5,
            text: format!(
                "{} {}",
                words.budget_total,
                crate::ui::numbers::decimal(words.locale, budget, exponent)
            ),
            size: 10,
            anchor: Anchor::End,
        });
    }
    // A label every few months so they never overlap.
    let every = months.len().div_ceil(12).max(1);
    for (i, month) in months.iter().enumerate() {
        if i % every == 0 || i + 1 == months.len() {
            shapes.push(Shape::Text {
                x: x_of(i),
                y: TOP + plot_h + 16,
                text: month.month.clone(),
                size: 9,
                anchor: Anchor::Middle,
            });
        }
    }
    let committed: Vec<(i32, i32)> = months
        .iter()
        .enumerate()
        .map(|(i, m)| (x_of(i), y_of(m.cumulative_committed_minor)))
        .collect();
    let actual: Vec<(i32, i32)> = months
        .iter()
        .enumerate()
        .map(|(i, m)| (x_of(i), y_of(m.cumulative_actual_minor)))
        .collect();
    if committed.len() > 1 {
        shapes.push(Shape::Line {
            points: committed.clone(),
            stroke: Stroke::Dashed,
        });
        shapes.push(Shape::Line {
            points: actual.clone(),
            stroke: Stroke::Solid,
        });
    }
    shapes.extend(committed.iter().map(|&(x, y)| Shape::Circle { x, y }));
    shapes.extend(actual.iter().map(|&(x, y)| Shape::Square { x, y }));
    if let Some(last) = months.last() {
        let x = x_of(months.len() - 1);
        for (value, dy) in [
            (last.cumulative_actual_minor, 14),
            (last.cumulative_committed_minor, -8),
        ] {
            shapes.push(Shape::Text {
                x,
                y: y_of(value) + dy,
                text: crate::ui::numbers::decimal(words.locale, value, exponent),
                size: 9,
                anchor: Anchor::End,
            });
        }
    } else {
        shapes.push(Shape::Text {
            x: LEFT + 10,
            y: TOP + plot_h / 2,
            text: words.nothing_yet.clone(),
            size: 12,
            anchor: Anchor::Start,
        });
    }
    // Legend: the two lines with their markers.
    let y = 20;
    shapes.push(Shape::Line {
        points: vec![(LEFT, y - 4), (LEFT + 26, y - 4)],
        stroke: Stroke::Solid,
    });
    shapes.push(Shape::Square {
        x: LEFT + 13,
        y: y - 4,
    });
    shapes.push(Shape::Text {
        x: LEFT + 32,
        y,
        text: words.actual.clone(),
        size: 11,
        anchor: Anchor::Start,
    });
    let x = LEFT + 60 + 7 * words.actual.chars().count() as i32;
    shapes.push(Shape::Line {
        points: vec![(x, y - 4), (x + 26, y - 4)],
        stroke: Stroke::Dashed,
    });
    shapes.push(Shape::Circle {
        x: x + 13,
        y: y - 4,
    });
    shapes.push(Shape::Text {
        x: x + 32,
        y,
        text: words.committed.clone(),
        size: 11,
        anchor: Anchor::Start,
    });
    Chart {
        width: WIDTH,
        height: HEIGHT,
        title: words.over_time.clone(),
        shapes,
    }
}

#[cfg(test)]
// Amounts read as whole units and cents: 500_000_00 is 500,000.00.
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use super::*;

    #[test]
    fn hatching_stays_inside_its_rectangle() {
        let lines = hatch(10, 20, 50, 8, 4);
        assert!(!lines.is_empty());
        for ((x1, y1), (x2, y2)) in lines {
            for (x, y) in [(x1, y1), (x2, y2)] {
                assert!((10..=60).contains(&x) && (20..=28).contains(&y), "{x},{y}");
            }
            // 45°: as far across as down.
            assert_eq!((x2 - x1).abs(), (y2 - y1).abs());
        }
    }

    #[test]
    fn bars_scale_with_integers() {
        assert_eq!(scale(50, 100, 400), 200);
        assert_eq!(scale(0, 100, 400), 0);
        assert_eq!(scale(i64::MAX / 2, i64::MAX / 2, 400), 400);
        assert_eq!(scale(5, 0, 400), 0);
    }

    #[test]
    fn text_is_escaped() {
        let chart = Chart {
            width: 10,
            height: 10,
            title: "a<b".into(),
            shapes: vec![Shape::Text {
                x: 0,
                y: 0,
                text: "\"&<script>".into(),
                size: 9,
                anchor: Anchor::Start,
            }],
        };
        let svg = chart.to_svg();
        assert!(svg.contains("a&lt;b"));
        assert!(svg.contains("&quot;&amp;&lt;script&gt;"));
        assert!(!svg.contains("<script>"));
    }
}
