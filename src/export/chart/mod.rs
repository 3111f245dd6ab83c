//! An indicator's trend chart, laid out once as lines, marks and labels in
//! points (y down), which each export draws its own way: vectors in the
//! PDF, SVG in the web page, a picture in the Word document. So the three
//! show the same chart.
//!
//! Targets are a dashed line with open marks, actuals a solid line with
//! filled marks, the baseline a diamond; a legend names them and says which
//! way is better. Everything is bounded by the chart's years (at most
//! [`crate::compose::CHART_YEARS`]) and a handful of ticks.

mod png;

use std::fmt::Write as _;

pub use png::png;

use crate::compose::{year_label, Chart};
use crate::export::xml::escape;

/// The chart's size in points.
pub const WIDTH: f32 = 360.0;
pub const HEIGHT: f32 = 180.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

pub const ACTUAL: Rgb = Rgb(0x14, 0x33, 0x61);
pub const TARGET: Rgb = Rgb(0xA8, 0x43, 0x00);
pub const BASELINE: Rgb = Rgb(0x4D, 0x4D, 0x4D);
const GRID: Rgb = Rgb(0xD0, 0xD0, 0xD0);
const INK: Rgb = Rgb(0x33, 0x33, 0x33);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// An actual: a filled square.
    Filled,
    /// A target: an open square.
    Open,
    /// The baseline: a filled diamond.
    Diamond,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
    /// A mark `size` points across, centred on (x, y).
    Mark {
        x: f32,
        y: f32,
        size: f32,
        mark: Mark,
        color: Rgb,
    },
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        anchor: Anchor,
        color: Rgb,
    },
}

/// The size of the labels, in points.
pub const LABEL_SIZE: f32 = 7.5;

/// The plot area: left, top, right, bottom.
const PLOT: (f32, f32, f32, f32) = (52.0, 30.0, WIDTH - 12.0, HEIGHT - 22.0);

/// The chart of `c` as items to draw, in drawing order.
pub fn layout(c: &Chart) -> Vec<Item> {
    let points: Vec<(i32, f64)> = c
        .baseline
        .iter()
        .chain(&c.targets)
        .chain(&c.actuals)
        .copied()
        .collect();
    let mut items = Vec::new();
    legend(c, &mut items);
    let (Some(first), Some(last)) = (
        points.iter().map(|p| p.0).min(),
        points.iter().map(|p| p.0).max(),
    ) else {
        return items;
    };
    let (left, top, right, bottom) = PLOT;
    let years = (last - first + 1).clamp(1, crate::compose::CHART_YEARS) as f32;
    let first = last + 1 - years as i32;
    let x = |year: i32| left + ((year - first) as f32 + 0.5) * (right - left) / years;

    let (lo, hi, step) = scale(points.iter().map(|p| p.1));
    let y = |v: f64| bottom - ((v - lo) / (hi - lo)) as f32 * (bottom - top);
    let unit = c.unit.as_deref();
    let decimals = (-step.log10().floor()).clamp(0.0, 3.0) as usize;
    let mut tick = (lo / step).ceil() * step;
    // At most a dozen ticks, by construction of `scale`.
    while tick <= hi + step * 1e-6 {
        let ty = y(tick);
        items.push(Item::Line {
            points: vec![(left, ty), (right, ty)],
            width: 0.5,
            color: GRID,
            dashed: false,
        });
        let mut text = format!("{tick:.decimals$}");
        if text == "-0" {
            text = "0".into();
        }
        if unit == Some("%") {
            text.push('%');
        }
        items.push(Item::Text {
            x: left - 4.0,
            y: ty + LABEL_SIZE * 0.35,
            text,
            size: LABEL_SIZE,
            anchor: Anchor::End,
            color: INK,
        });
        tick += step;
    }
    items.push(Item::Line {
        points: vec![(left, bottom), (right, bottom)],
        width: 0.75,
        color: INK,
        dashed: false,
    });
    // A label a year, or every second, third… year, so they never touch.
    let every = (years / 7.0).ceil().max(1.0) as i32;
    for year in (first..=last).filter(|yr| (yr - first) % every == 0) {
        items.push(Item::Text {
            x: x(year),
            y: bottom + 11.0,
            text: year_label(year),
            size: LABEL_SIZE,
            anchor: Anchor::Middle,
            color: INK,
        });
    }
    let shown = |vs: &[(i32, f64)]| -> Vec<(f32, f32)> {
        vs.iter()
            .filter(|(yr, _)| *yr >= first)
            .map(|(yr, v)| (x(*yr), y(*v)))
            .collect()
    };
    for (series, color, dashed, mark, width) in [
        (&c.targets, TARGET, true, Mark::Open, 1.25),
        (&c.actuals, ACTUAL, false, Mark::Filled, 1.75),
    ] {
        let pts = shown(series);
        if pts.len() > 1 {
            items.push(Item::Line {
                points: pts.clone(),
                width,
                color,
                dashed,
            });
        }
        items.extend(pts.into_iter().map(|(x, y)| Item::Mark {
            x,
            y,
            size: 5.0,
            mark,
            color,
        }));
    }
    if let Some((yr, v)) = c.baseline.filter(|(yr, _)| *yr >= first) {
        items.push(Item::Mark {
            x: x(yr),
            y: y(v),
            size: 7.0,
            mark: Mark::Diamond,
            color: BASELINE,
        });
    }
    items
}

/// The key along the top: a sample of each series the chart has, and
/// which way is better.
fn legend(c: &Chart, items: &mut Vec<Item>) {
    let y = 12.0;
    let mut x = PLOT.0;
    let keys = [
        (
            !c.actuals.is_empty(),
            "Actual",
            ACTUAL,
            Some(false),
            Mark::Filled,
        ),
        (
            !c.targets.is_empty(),
            "Target",
            TARGET,
            Some(true),
            Mark::Open,
        ),
        (
            c.baseline.is_some(),
            "Baseline",
            BASELINE,
            None,
            Mark::Diamond,
        ),
    ];
    for (_, label, color, line, mark) in keys.into_iter().filter(|k| k.0) {
        if let Some(dashed) = line {
            items.push(Item::Line {
                points: vec![(x, y - 2.5), (x + 16.0, y - 2.5)],
                width: 1.5,
                color,
                dashed,
            });
        }
        items.push(Item::Mark {
            x: x + 8.0,
            y: y - 2.5,
            size: if mark == Mark::Diamond { 7.0 } else { 5.0 },
            mark,
            color,
        });
        items.push(Item::Text {
            x: x + 20.0,
            y,
            text: label.into(),
            size: LABEL_SIZE,
            anchor: Anchor::Start,
            color: INK,
        });
        x += 20.0 + label.len() as f32 * LABEL_SIZE * 0.55 + 14.0;
    }
    items.push(Item::Text {
        x: PLOT.2,
        y,
        text: if c.higher_is_better {
            "Higher is better ↑".into()
        } else {
            "Lower is better ↓".into()
        },
        size: LABEL_SIZE,
        anchor: Anchor::End,
        color: INK,
    });
}

/// The value axis for `values`: its low and high ends and the step between
/// ticks (1, 2 or 5 times a power of ten, four to ten ticks).
fn scale(values: impl Iterator<Item = f64>) -> (f64, f64, f64) {
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0, 0.25);
    }
    let non_negative = lo >= 0.0;
    let pad = if hi - lo < 1e-9 {
        (hi.abs() * 0.1).max(1.0)
    } else {
        (hi - lo) * 0.15
    };
    lo -= pad;
    hi += pad;
    if non_negative && lo < 0.0 {
        lo = 0.0;
    }
    let raw = (hi - lo) / 4.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    lo = (lo / step).floor() * step;
    hi = (hi / step).ceil() * step;
    (lo, hi, step)
}

/// The chart as an SVG element for a web page: an image whose name is its
/// title and whose description states every figure.
pub fn svg(c: &Chart, id: &str) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" \
         height=\"{HEIGHT}\" font-family=\"'Liberation Sans', Arial, sans-serif\" aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(&c.title),
        escape(&c.alt)
    );
    for item in layout(c) {
        match item {
            Item::Line {
                points,
                width,
                color,
                dashed,
            } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect();
                let _ = write!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"{}/>",
                    pts.join(" "),
                    color.hex(),
                    if dashed { " stroke-dasharray=\"4 3\"" } else { "" }
                );
            }
            Item::Mark {
                x,
                y,
                size,
                mark,
                color,
            } => {
                let h = size / 2.0;
                let c = color.hex();
                let _ = match mark {
                    Mark::Filled => write!(
                        out,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{size}\" height=\"{size}\" fill=\"{c}\"/>",
                        x - h,
                        y - h
                    ),
                    Mark::Open => write!(
                        out,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{size}\" height=\"{size}\" fill=\"#fff\" stroke=\"{c}\" stroke-width=\"1.25\"/>",
                        x - h,
                        y - h
                    ),
                    Mark::Diamond => write!(
                        out,
                        "<polygon points=\"{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}\" fill=\"{c}\"/>",
                        y - h,
                        x + h,
                        y + h,
                        x - h
                    ),
                };
            }
            Item::Text {
                x,
                y,
                text,
                size,
                anchor,
                color,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let _ = write!(
                    out,
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"{}\" aria-hidden=\"true\">{}</text>",
                    color.hex(),
                    escape(&text)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart {
        Chart {
            title: "NI 50 Emotional health".into(),
            unit: Some("%".into()),
            higher_is_better: true,
            baseline: Some((2007, 45.0)),
            targets: vec![(2008, 47.0), (2009, 49.0), (2010, 52.0)],
            actuals: vec![(2008, 46.0), (2009, 50.5)],
            alt: "Trend of NI 50 Emotional health: baseline 45% in 2007/08.".into(),
        }
    }

    #[test]
    fn every_figure_is_drawn_inside_the_plot_in_its_place() {
        let items = layout(&chart());
        let marks: Vec<(f32, f32, Mark)> = items
            .iter()
            .filter_map(|i| match i {
                Item::Mark { x, y, mark, .. } if *y > PLOT.1 - 1.0 => Some((*x, *y, *mark)),
                _ => None,
            })
            .collect();
        // 3 targets, 2 actuals, the baseline.
        assert_eq!(marks.len(), 6, "{marks:?}");
        for (x, y, _) in &marks {
            assert!((PLOT.0..=PLOT.2).contains(x) && (PLOT.1..=PLOT.3).contains(y));
        }
        // Higher values are higher up; later years further right.
        let at = |m: Mark, n: usize| marks.iter().filter(|k| k.2 == m).nth(n).unwrap();
        assert!(at(Mark::Filled, 1).1 < at(Mark::Filled, 0).1);
        assert!(at(Mark::Open, 2).0 > at(Mark::Open, 0).0);
        assert!(
            at(Mark::Diamond, 0).0 < at(Mark::Open, 0).0,
            "the baseline year is first"
        );
        let texts: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for want in [
            "2007/08",
            "2010/11",
            "Actual",
            "Target",
            "Baseline",
            "Higher is better ↑",
        ] {
            assert!(texts.contains(&want), "{want} in {texts:?}");
        }
        assert!(texts.iter().any(|t| t.ends_with('%')), "{texts:?}");
    }

    #[test]
    fn the_scale_has_round_ticks_and_copes_with_one_value() {
        assert_eq!(scale([45.0, 52.0].into_iter()), (40.0, 55.0, 5.0));
        assert_eq!(scale([46.0, 52.0].into_iter()), (44.0, 54.0, 2.0));
        let (lo, hi, step) = scale([7.0].into_iter());
        assert!(lo < 7.0 && hi > 7.0 && step > 0.0);
        let (lo, _, _) = scale([0.5, 1.0].into_iter());
        assert!(
            lo >= 0.0,
            "figures that are never negative start at 0 at least"
        );
        assert_eq!(scale(std::iter::empty()), (0.0, 1.0, 0.25));
    }

    #[test]
    fn the_svg_is_a_named_image_described_by_its_figures_and_escaped() {
        let mut c = chart();
        c.title = "<script>".into();
        let svg = svg(&c, "chart-1");
        assert!(svg
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"chart-1-title chart-1-desc\""));
        assert!(svg.contains("<title id=\"chart-1-title\">&lt;script&gt;</title>"));
        assert!(svg.contains("baseline 45% in 2007/08"));
        assert!(svg.contains("stroke-dasharray"));
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn many_years_are_labelled_sparsely_and_all_marks_drawn() {
        let mut c = chart();
        c.targets = (1990..2030).map(|y| (y, f64::from(y - 1990))).collect();
        c.actuals.clear();
        c.baseline = None;
        let items = layout(&c);
        let years = items
            .iter()
            .filter(|i| matches!(i, Item::Text { text, .. } if text.contains('/')))
            .count();
        assert!(years <= 8, "{years} year labels");
        let marks = items
            .iter()
            .filter(|i| matches!(i, Item::Mark { y, .. } if *y > PLOT.1 - 1.0))
            .count();
        assert_eq!(marks, crate::compose::CHART_YEARS as usize);
    }
}
