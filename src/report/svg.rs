//! The charts of the HTML report, drawn by the tool as plain shapes.
//!
//! A [`Drawing`] is a list of rectangles, lines, circles and texts with
//! coordinates already laid out; one template partial
//! (`templates/html/drawing.svg`) writes them out, escaping every text,
//! so record text can never become markup and the same report always gives
//! the same bytes. The chart builders here only place shapes: the figures
//! come from the report, and each chart has a data table beside it.

/// Width of every chart's coordinate system; the page scales it to fit.
pub const WIDTH: f64 = 560.0;

/// A coordinate, with one decimal, so the output is byte-stable.
pub fn n(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rect {
    pub x: String,
    pub y: String,
    pub w: String,
    pub h: String,
    pub class: &'static str,
    /// Shown on hover, and read by screen readers.
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
    pub class: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circle {
    pub cx: String,
    pub cy: String,
    pub r: String,
    pub class: &'static str,
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub x: String,
    pub y: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    pub class: &'static str,
    pub text: String,
    /// Rotation in degrees about (x, y), for long axis labels.
    pub rotate: Option<i32>,
}

/// One chart's shapes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawing {
    pub height: String,
    pub rects: Vec<Rect>,
    pub lines: Vec<Line>,
    pub circles: Vec<Circle>,
    pub texts: Vec<Text>,
}

impl Drawing {
    pub fn width(&self) -> String {
        n(WIDTH)
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &'static str, tip: String) {
        self.rects.push(Rect {
            x: n(x),
            y: n(y),
            w: n(w.max(0.0)),
            h: n(h.max(0.0)),
            class,
            tip,
        });
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &'static str) {
        self.lines.push(Line {
            x1: n(x1),
            y1: n(y1),
            x2: n(x2),
            y2: n(y2),
            class,
        });
    }

    fn text(&mut self, x: f64, y: f64, anchor: &'static str, class: &'static str, text: String) {
        self.texts.push(Text {
            x: n(x),
            y: n(y),
            anchor,
            class,
            text,
            rotate: None,
        });
    }
}

/// A bar of a vertical bar chart.
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Printed above the bar.
    pub caption: String,
    pub tip: String,
}

/// Room for axis labels around the plot.
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 56.0;

/// Vertical bars from 0 to `max`, with `ticks` on the y axis and an
/// optional vertical marker at bar position `marker` (a fraction of the
/// bar index range, with its label).
pub fn bars(
    bars: &[Bar],
    max: f64,
    ticks: &[(f64, String)],
    x_label: &str,
    y_label: &str,
    marker: Option<(f64, String)>,
) -> Drawing {
    let height = 260.0;
    let mut d = Drawing {
        height: n(height),
        ..Drawing::default()
    };
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = height - TOP - BOTTOM;
    let base = TOP + plot_h;
    let y = |v: f64| base - if max > 0.0 { v / max * plot_h } else { 0.0 };
    for (v, label) in ticks {
        d.line(LEFT, y(*v), WIDTH - RIGHT, y(*v), "grid");
        d.text(LEFT - 6.0, y(*v) + 4.0, "end", "tick", label.clone());
    }
    d.line(LEFT, base, WIDTH - RIGHT, base, "axis");
    d.line(LEFT, TOP, LEFT, base, "axis");
    let count = bars.len().max(1) as f64;
    let slot = plot_w / count;
    let width = (slot * 0.7).min(48.0);
    // Label every bar when they fit, else every k-th.
    let every = ((bars.len() as f64 * 44.0 / plot_w).ceil() as usize).max(1);
    for (i, b) in bars.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        let top = y(b.value.min(max));
        d.rect(
            cx - width / 2.0,
            top,
            width,
            base - top,
            "bar",
            b.tip.clone(),
        );
        if bars.len() <= 24 {
            d.text(cx, top - 4.0, "middle", "value", b.caption.clone());
        }
        if i % every == 0 {
            d.text(cx, base + 16.0, "middle", "tick", b.label.clone());
        }
    }
    if let Some((at, label)) = marker {
        let x = LEFT + plot_w * at;
        d.line(x, TOP - 8.0, x, base, "marker");
        // Right of the line, unless that would leave the chart.
        if at > 0.6 {
            d.text(x - 4.0, TOP - 10.0, "end", "marker-label", label);
        } else {
            d.text(x + 4.0, TOP - 10.0, "start", "marker-label", label);
        }
    }
    d.text(
        LEFT + plot_w / 2.0,
        height - 8.0,
        "middle",
        "axis-label",
        x_label.into(),
    );
    d.texts.push(Text {
        x: n(14.0),
        y: n(TOP + plot_h / 2.0),
        anchor: "middle",
        class: "axis-label",
        text: y_label.into(),
        rotate: Some(-90),
    });
    d
}

/// A row of a horizontal bar chart: a label and a share from 0 to 1.
pub struct Row {
    pub label: String,
    pub share: f64,
    pub caption: String,
    /// `bar`, or `bar-warn` for a row that falls short.
    pub class: &'static str,
    pub tip: String,
}

/// Horizontal bars, one per row, from 0% to 100%.
pub fn rows(rows: &[Row], x_label: &str) -> Drawing {
    let row_h = 18.0;
    let left = 64.0;
    let right = 56.0;
    let top = 24.0;
    let height = top + row_h * rows.len() as f64 + 40.0;
    let mut d = Drawing {
        height: n(height),
        ..Drawing::default()
    };
    let plot_w = WIDTH - left - right;
    let base = top + row_h * rows.len() as f64;
    for pct in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let x = left + plot_w * pct;
        d.line(x, top - 4.0, x, base, "grid");
        d.text(
            x,
            top - 8.0,
            "middle",
            "tick",
            format!("{:.0}%", pct * 100.0),
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        d.rect(
            left,
            y + 3.0,
            plot_w * r.share.clamp(0.0, 1.0),
            row_h - 6.0,
            r.class,
            r.tip.clone(),
        );
        d.text(left - 6.0, y + row_h - 5.0, "end", "tick", r.label.clone());
        d.text(
            left + plot_w * r.share.clamp(0.0, 1.0) + 4.0,
            y + row_h - 5.0,
            "start",
            "value",
            r.caption.clone(),
        );
    }
    d.line(left, top - 4.0, left, base, "axis");
    d.text(
        left + plot_w / 2.0,
        height - 10.0,
        "middle",
        "axis-label",
        x_label.into(),
    );
    d
}

/// One cell of a grid: heard, missing and required, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Heard,
    MissingRequired,
    Missing,
}

/// A grid of rows × columns; required columns are marked with `*`.
pub fn grid(rows: &[String], columns: &[(String, bool)], cells: &[Vec<Cell>]) -> Drawing {
    let left = 64.0;
    let top = 96.0;
    let cell_h = 16.0;
    let cell_w = ((WIDTH - left - 8.0) / columns.len().max(1) as f64).min(56.0);
    let height = top + cell_h * rows.len() as f64 + 12.0;
    let mut d = Drawing {
        height: n(height),
        ..Drawing::default()
    };
    for (j, (name, required)) in columns.iter().enumerate() {
        let x = left + cell_w * (j as f64 + 0.5);
        d.texts.push(Text {
            x: n(x + 4.0),
            y: n(top - 6.0),
            anchor: "start",
            class: if *required { "tick required" } else { "tick" },
            text: if *required {
                format!("{name} *")
            } else {
                name.clone()
            },
            rotate: Some(-60),
        });
    }
    for (i, label) in rows.iter().enumerate() {
        let y = top + cell_h * i as f64;
        d.text(left - 6.0, y + cell_h - 4.0, "end", "tick", label.clone());
        for (j, cell) in cells[i].iter().enumerate() {
            let x = left + cell_w * j as f64;
            let (column, _) = &columns[j];
            let (class, word, mark) = match cell {
                Cell::Heard => ("cell-heard", "heard", "●"),
                Cell::MissingRequired => ("cell-missing", "required, not heard", "✕"),
                Cell::Missing => ("cell-none", "not heard", ""),
            };
            d.rect(
                x + 1.0,
                y + 1.0,
                cell_w - 2.0,
                cell_h - 2.0,
                class,
                format!("{label}: {column} {word}"),
            );
            if !mark.is_empty() {
                d.text(
                    x + cell_w / 2.0,
                    y + cell_h - 4.0,
                    "middle",
                    class,
                    mark.into(),
                );
            }
        }
    }
    d
}

/// A point on a timeline, as a fraction of its span, with its label.
pub struct Mark {
    pub at: f64,
    pub tip: String,
}

/// A stretch on a timeline (from, to as fractions), flagged when too long.
pub struct Stretch {
    pub from: f64,
    pub to: f64,
    pub label: String,
    pub too_long: bool,
}

/// A horizontal timeline with marks and the stretches between them.
pub fn timeline(marks: &[Mark], stretches: &[Stretch], start: &str, end: &str) -> Drawing {
    let left = 16.0;
    let right = 16.0;
    let axis = 84.0;
    let height = 130.0;
    let mut d = Drawing {
        height: n(height),
        ..Drawing::default()
    };
    let w = WIDTH - left - right;
    let x = |f: f64| left + w * f.clamp(0.0, 1.0);
    // Labels of neighbouring gaps alternate between two rows so they do not overlap.
    for (i, s) in stretches.iter().filter(|s| s.too_long).enumerate() {
        d.rect(
            x(s.from),
            axis - 22.0,
            x(s.to) - x(s.from),
            20.0,
            "gap",
            s.label.clone(),
        );
        let row = if i % 2 == 0 { 28.0 } else { 44.0 };
        d.line(
            (x(s.from) + x(s.to)) / 2.0,
            axis - 22.0,
            (x(s.from) + x(s.to)) / 2.0,
            axis - row + 2.0,
            "grid",
        );
        d.text(
            (x(s.from) + x(s.to)) / 2.0,
            axis - row,
            "middle",
            "gap-label",
            format!("⚠ {}", s.label),
        );
    }
    d.line(left, axis, WIDTH - right, axis, "axis");
    for m in marks {
        d.circles.push(Circle {
            cx: n(x(m.at)),
            cy: n(axis),
            r: n(5.0),
            class: "dot",
            tip: m.tip.clone(),
        });
    }
    d.text(left, axis + 24.0, "start", "tick", start.into());
    d.text(WIDTH - right, axis + 24.0, "end", "tick", end.into());
    d
}

/// A point of a scatter plot, both coordinates as fractions of the axes.
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub tip: String,
}

/// A scatter plot with labelled axes and their ranges.
pub fn scatter(
    points: &[Point],
    x_label: &str,
    y_label: &str,
    x_ends: [String; 2],
    y_ends: [String; 2],
) -> Drawing {
    let height = 280.0;
    let mut d = Drawing {
        height: n(height),
        ..Drawing::default()
    };
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = height - TOP - BOTTOM;
    let base = TOP + plot_h;
    d.line(LEFT, base, WIDTH - RIGHT, base, "axis");
    d.line(LEFT, TOP, LEFT, base, "axis");
    let [x0, x1] = x_ends;
    let [y0, y1] = y_ends;
    d.text(LEFT, base + 16.0, "middle", "tick", x0);
    d.text(WIDTH - RIGHT, base + 16.0, "end", "tick", x1);
    d.text(LEFT - 6.0, base, "end", "tick", y0);
    d.text(LEFT - 6.0, TOP + 8.0, "end", "tick", y1);
    for p in points {
        d.circles.push(Circle {
            cx: n(LEFT + plot_w * p.x.clamp(0.0, 1.0)),
            cy: n(base - plot_h * p.y.clamp(0.0, 1.0)),
            r: n(4.5),
            class: "dot",
            tip: p.tip.clone(),
        });
    }
    d.text(
        LEFT + plot_w / 2.0,
        height - 8.0,
        "middle",
        "axis-label",
        x_label.into(),
    );
    d.texts.push(Text {
        x: n(14.0),
        y: n(TOP + plot_h / 2.0),
        anchor: "middle",
        class: "axis-label",
        text: y_label.into(),
        rotate: Some(-90),
    });
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_have_one_decimal_at_most() {
        assert_eq!(n(3.0), "3");
        assert_eq!(n(2.25), "2.2");
        assert_eq!(n(1.0 / 3.0), "0.3");
    }

    #[test]
    fn a_bar_reaches_its_share_of_the_plot() {
        let d = bars(
            &[Bar {
                label: "2026-01".into(),
                value: 50.0,
                caption: "50%".into(),
                tip: "t".into(),
            }],
            100.0,
            &[(0.0, "0%".into()), (100.0, "100%".into())],
            "month",
            "rate",
            None,
        );
        // Plot height 260 - 24 - 56 = 180: half of it is 90, up from 204.
        assert_eq!(
            (d.rects[0].y.as_str(), d.rects[0].h.as_str()),
            ("114", "90")
        );
    }
}
