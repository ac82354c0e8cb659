//! `decide report --trend` as tables (terminal and Markdown), CSV and JSON.
//! Every cell shows its figure with the n behind it; a period without data
//! shows `n/a`.

use std::fmt::Write;

use super::{Section, clean, number, percent};
use crate::metrics::trend::{Period, Trend};
use crate::metrics::{Count, Mean, Ratio};
use crate::output::csv_row;

fn ratio(r: &Ratio) -> String {
    match r.value {
        Some(v) => format!("{} ({}/{})", percent(v), r.num, r.n),
        None => "n/a".into(),
    }
}

fn count(c: &Count, of: &str) -> String {
    if c.n == 0 {
        "n/a".into()
    } else {
        format!("{} of {} {of}", c.count, c.n)
    }
}

fn mean(m: &Mean, show: impl Fn(f64) -> String) -> String {
    match m.value {
        Some(v) => format!("{} (n {})", show(v), m.n),
        None => "n/a".into(),
    }
}

fn word(t: &Trend) -> &'static str {
    match t.period {
        Period::Month => "month",
        Period::Quarter => "quarter",
    }
}

fn engagement(t: &Trend) -> Section {
    Section {
        title: format!("Trend by {}: engagement and risk", word(t)),
        headers: vec![
            "Period",
            "Participation",
            "On time",
            "Completeness",
            "Overdue actions",
            "Risks",
            "No mitigation",
        ],
        rows: t
            .periods
            .iter()
            .map(|p| {
                let f = &p.figures;
                vec![
                    p.label.clone(),
                    ratio(&f.participation),
                    ratio(&f.on_time),
                    mean(&f.completeness, percent),
                    count(&f.overdue_actions, "open"),
                    if f.risks.recorded.n == 0 {
                        "n/a".into()
                    } else {
                        format!(
                            "{} in {}",
                            f.risks.recorded.count,
                            super::plural(f.risks.recorded.n, "decision", "decisions")
                        )
                    },
                    count(&f.risks.without_mitigation, "risks"),
                ]
            })
            .collect(),
        empty: "No dated decision or review in the window.".into(),
    }
}

fn pulse_and_signals(t: &Trend) -> Section {
    let rows = t
        .periods
        .iter()
        .map(|p| {
            let f = &p.figures;
            let means: Vec<String> = f
                .pulse_means
                .iter()
                .map(|m| format!("{} {}", clean(&m.question), mean(&m.mean, |v| number(v, 2))))
                .collect();
            let n = f.signals.first().map_or(0, |s| s.count.n);
            let given: Vec<String> = f
                .signals
                .iter()
                .filter(|s| s.count.count > 0)
                .map(|s| format!("{} {}", clean(&s.signal), s.count.count))
                .collect();
            vec![
                p.label.clone(),
                means.join(", "),
                match (n, given.is_empty()) {
                    (0, _) => "n/a".into(),
                    (_, true) => format!("none (of {n} entries)"),
                    (_, false) => format!("{} (of {n} entries)", given.join(", ")),
                },
            ]
        })
        .collect();
    Section {
        title: format!("Trend by {}: pulse means and signals", word(t)),
        headers: vec!["Period", "Pulse means", "Signals"],
        rows,
        empty: "No dated decision or review in the window.".into(),
    }
}

pub fn sections(t: &Trend) -> Vec<Section> {
    vec![engagement(t), pulse_and_signals(t)]
}

fn title(t: &Trend) -> String {
    let mut s = format!("Trend by {}, as of {}", word(t), t.as_of);
    if let Some(m) = &t.model {
        let _ = write!(s, ", model {}", clean(m));
    }
    s
}

pub fn table(t: &Trend, width: Option<u16>) -> String {
    let width = width.unwrap_or(crate::output::DEFAULT_WIDTH).max(40);
    let mut out = format!(
        "{}\nEach period is the report over its dates, as of its last day.\n",
        title(t)
    );
    for s in sections(t) {
        super::table::section(&mut out, s, width);
    }
    out
}

pub fn markdown(t: &Trend) -> String {
    let mut out = format!(
        "## {}\n\nEach period is the report over its dates, as of its last day.\n\n",
        super::markdown::escape(&title(t))
    );
    for s in sections(t) {
        let _ = writeln!(out, "### {}\n", super::markdown::escape(&s.title));
        super::markdown::table(&mut out, &s);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// One line per period and figure: raw numbers, an empty cell for n/a.
pub fn csv(t: &Trend) -> String {
    let opt = |v: Option<f64>| v.map(|v| number(v, 4)).unwrap_or_default();
    let mut out = csv_row(["period", "start", "end", "figure", "value", "count", "n"]);
    for p in &t.periods {
        let mut line = |figure: &str, value: Option<f64>, count: Option<usize>, n: usize| {
            out.push_str(&csv_row([
                p.label.clone(),
                p.start.to_string(),
                p.end.to_string(),
                figure.to_string(),
                opt(value),
                count.map(|c| c.to_string()).unwrap_or_default(),
                n.to_string(),
            ]));
        };
        let f = &p.figures;
        let counted = |c: &Count| ((c.n > 0).then_some(c.count as f64), Some(c.count), c.n);
        line(
            "participation_pooled",
            f.participation.value,
            Some(f.participation.num),
            f.participation.n,
        );
        line(
            "feedback_on_time",
            f.on_time.value,
            Some(f.on_time.num),
            f.on_time.n,
        );
        line(
            "completeness_mean",
            f.completeness.value,
            None,
            f.completeness.n,
        );
        let (v, c, n) = counted(&f.overdue_actions);
        line("actions_overdue", v, c, n);
        for m in &f.pulse_means {
            line(
                &format!("pulse_{}_mean", m.question),
                m.mean.value,
                None,
                m.mean.n,
            );
        }
        for s in &f.signals {
            let (v, c, n) = counted(&s.count);
            line(&format!("signal_{}", s.signal), v, c, n);
        }
        let (v, c, n) = counted(&f.risks.recorded);
        line("risks_recorded", v, c, n);
        let (v, c, n) = counted(&f.risks.without_mitigation);
        line("risks_without_mitigation", v, c, n);
    }
    out
}
