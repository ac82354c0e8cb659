//! The charts: each laid out by [`crate::report::svg`] as shapes, with a
//! data table beside it holding every number it draws.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use super::view::{Chart, Table};
use crate::metrics::{AnswerState, Report, Scope};
use crate::record::ReviewKind;
use crate::report::svg;
use crate::report::{clean, percent};

pub(super) fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

pub(super) fn pct_ticks() -> Vec<(f64, String)> {
    [0.0, 25.0, 50.0, 75.0, 100.0]
        .iter()
        .map(|v| (*v, format!("{v:.0}%")))
        .collect()
}

/// Pooled participation of the decisions dated in each month.
pub(super) fn participation_chart(report: &Report) -> Chart {
    let mut by: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for row in &report.decisions {
        let (Some(date), Some(p)) = (row.date, &row.participation) else {
            continue;
        };
        let e = by.entry(month(date)).or_default();
        e.0 += 1;
        e.1 += p.rate.num;
        e.2 += p.rate.n;
    }
    let bars: Vec<svg::Bar> = by
        .iter()
        .map(|(m, (_, yes, n))| {
            let rate = (*n > 0).then(|| *yes as f64 / *n as f64);
            svg::Bar {
                label: m.clone(),
                value: rate.unwrap_or(0.0) * 100.0,
                caption: rate.map_or_else(|| "n/a".into(), percent),
                tip: format!(
                    "{m}: {}",
                    rate.map_or_else(
                        || "n/a".into(),
                        |r| format!("{} ({yes} of {n})", percent(r))
                    )
                ),
            }
        })
        .collect();
    let table = Table {
        headers: vec![
            "Month".into(),
            "Decisions".into(),
            "Answered".into(),
            "Expected".into(),
            "Rate".into(),
        ],
        rows: by
            .iter()
            .map(|(m, (d, yes, n))| {
                vec![
                    m.clone(),
                    d.to_string(),
                    yes.to_string(),
                    n.to_string(),
                    if *n > 0 {
                        percent(*yes as f64 / *n as f64)
                    } else {
                        "n/a".into()
                    },
                ]
            })
            .collect(),
        empty: "No dated decision past draft is in scope.".into(),
    };
    Chart {
        id: "chart-participation",
        title: "Participation over time".into(),
        caption: format!(
            "Pooled participation of the decisions dated in each month (answered ÷ expected), over {} months.",
            by.len()
        ),
        drawing: (!bars.is_empty()).then(|| {
            svg::bars(
                &bars,
                100.0,
                &pct_ticks(),
                "month of the decision's date",
                "participation",
                None,
            )
        }),
        missing: "No dated decision past draft is in scope.".into(),
        table,
    }
}

/// How many answers took how long, with the charter's response norm marked.
pub(super) fn latency_chart(report: &Report) -> Chart {
    let t = &report.timeliness;
    let mut latencies: Vec<(i64, bool)> = t
        .requests
        .iter()
        .flat_map(|r| &r.answers)
        .filter_map(|a| a.latency.map(|l| (l, a.state == AnswerState::OnTime)))
        .collect();
    latencies.sort();
    let norm = report.inputs.response_days;
    let longest = latencies.last().map_or(0, |l| l.0);
    // The axis reaches the norm unless the norm is far beyond every answer;
    // then the marker sits at the right edge with an arrow.
    let norm_on_axis = norm.filter(|n| *n <= longest.max(7).saturating_mul(3));
    let max = longest.max(norm_on_axis.unwrap_or(0));
    // Ten bins at most, each a whole number of days wide.
    let width = (max.saturating_add(10) / 10).max(1);
    let bins = usize::try_from(max / width).unwrap_or(0) + 1;
    let mut counts = vec![(0usize, 0usize); bins];
    for (l, on_time) in &latencies {
        let b = (*l / width) as usize;
        if let Some(c) = counts.get_mut(b) {
            c.0 += 1;
            c.1 += usize::from(*on_time);
        }
    }
    let label = |i: usize| {
        let lo = (i as i64).saturating_mul(width);
        let hi = lo.saturating_add(width - 1);
        if width == 1 {
            lo.to_string()
        } else {
            format!("{lo}–{hi}")
        }
    };
    let top = counts.iter().map(|c| c.0).max().unwrap_or(0).max(1);
    let step = top.div_ceil(4).max(1);
    // Four steps, the last at or above the tallest bar, leave room above it.
    let ticks: Vec<(f64, String)> = (0..=4)
        .map(|i| i * step)
        .map(|v| (v as f64, v.to_string()))
        .collect();
    let scale = (4 * step) as f64;
    let bars: Vec<svg::Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| svg::Bar {
            label: label(i),
            value: c.0 as f64,
            caption: c.0.to_string(),
            tip: format!("{} days: {} answers", label(i), c.0),
        })
        .collect();
    let marker = norm.map(|days| {
        if norm_on_axis.is_none() {
            return (1.0, format!("norm: {days} days →"));
        }
        // The norm falls after the bin that holds day `days`.
        let at = ((days / width) as f64 + 1.0) / bins as f64;
        (at.min(1.0), format!("norm: {days} days"))
    });
    Chart {
        id: "chart-latency",
        title: "Feedback latency".into(),
        caption: format!(
            "Days from a request to the first answer, over {} answers; {}.",
            latencies.len(),
            match norm {
                Some(days) => format!("the line marks the charter's response norm of {days} days"),
                None => "the charter sets no response-days, so no norm is marked".into(),
            }
        ),
        drawing: (!latencies.is_empty()).then(|| {
            svg::bars(
                &bars,
                scale,
                &ticks,
                "days to the first answer",
                "answers",
                marker,
            )
        }),
        missing: "No answer to a request for feedback is in scope.".into(),
        table: Table {
            headers: vec!["Days".into(), "Answers".into(), "Of which on time".into()],
            rows: counts
                .iter()
                .enumerate()
                .map(|(i, c)| vec![label(i), c.0.to_string(), c.1.to_string()])
                .collect(),
            empty: "No answers.".into(),
        },
    }
}

/// Charts with a row per decision draw at most this many (the last ones);
/// their tables list every decision.
pub(super) const CHART_ROWS: usize = 60;

pub(super) fn latest_note(rows: usize) -> String {
    if rows > CHART_ROWS {
        format!(" (the chart draws the last {CHART_ROWS}; the table lists all)")
    } else {
        String::new()
    }
}

/// Checks passed over checks applicable, per decision past draft.
pub(super) fn completeness_chart(report: &Report) -> Chart {
    let scored: Vec<_> = report
        .decisions
        .iter()
        .filter_map(|r| r.completeness.as_ref().map(|c| (r, c)))
        .collect();
    let rows: Vec<svg::Row> = scored
        .iter()
        .map(|(r, c)| {
            let id = clean(r.id.as_deref().unwrap_or("?"));
            svg::Row {
                tip: format!("{id}: {} of {} checks", c.passed, c.applicable),
                label: id,
                share: c.ratio(),
                caption: format!("{}/{}", c.passed, c.applicable),
                class: if c.is_complete() { "bar" } else { "bar-warn" },
            }
        })
        .collect();
    Chart {
        id: "chart-completeness",
        title: "Rationale completeness by decision".into(),
        caption: format!(
            "Checks passed of the checks that apply, for {} decisions past draft{}; an incomplete decision is drawn orange with a dashed outline, and its missing checks are listed in the table.",
            scored.len(),
            latest_note(rows.len())
        ),
        drawing: (!rows.is_empty()).then(|| {
            svg::rows(
                &rows[rows.len().saturating_sub(CHART_ROWS)..],
                "checks passed",
            )
        }),
        missing: "No decision past draft is in scope.".into(),
        table: Table {
            headers: vec![
                "ID".into(),
                "Passed".into(),
                "Applicable".into(),
                "Missing".into(),
            ],
            rows: scored
                .iter()
                .map(|(r, c)| {
                    vec![
                        clean(r.id.as_deref().unwrap_or("?")),
                        c.passed.to_string(),
                        c.applicable.to_string(),
                        if c.missing.is_empty() {
                            "—".into()
                        } else {
                            c.missing.join(", ")
                        },
                    ]
                })
                .collect(),
            empty: "No decisions.".into(),
        },
    }
}

/// Which roles were heard on which decision, required roles marked.
pub(super) fn roles_chart(report: &Report) -> Chart {
    let required: BTreeSet<&str> = report
        .inputs
        .required_roles
        .iter()
        .map(String::as_str)
        .collect();
    let mut roles: BTreeSet<String> = report
        .people
        .iter()
        .flat_map(|p| p.roles.iter().cloned())
        .collect();
    roles.extend(required.iter().map(|r| r.to_string()));
    // Required roles first, then the others, each alphabetically.
    let columns: Vec<(String, bool)> = roles
        .iter()
        .filter(|r| required.contains(r.as_str()))
        .chain(roles.iter().filter(|r| !required.contains(r.as_str())))
        .map(|r| (clean(r), required.contains(r.as_str())))
        .collect();
    let rows: Vec<(String, Vec<svg::Cell>)> = report
        .decisions
        .iter()
        .filter_map(|r| {
            let heard = r.diversity.as_ref()?.roles.as_ref()?;
            let cells = roles
                .iter()
                .filter(|x| required.contains(x.as_str()))
                .chain(roles.iter().filter(|x| !required.contains(x.as_str())))
                .map(|role| {
                    if heard.contains(&role.as_str()) {
                        svg::Cell::Heard
                    } else if required.contains(role.as_str()) {
                        svg::Cell::MissingRequired
                    } else {
                        svg::Cell::Missing
                    }
                })
                .collect();
            Some((clean(r.id.as_deref().unwrap_or("?")), cells))
        })
        .collect();
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let cells: Vec<Vec<svg::Cell>> = rows.iter().map(|r| r.1.clone()).collect();
    let mut headers = vec!["ID".to_string()];
    headers.extend(
        columns
            .iter()
            .map(|(c, req)| if *req { format!("{c} *") } else { c.clone() }),
    );
    Chart {
        id: "chart-roles",
        title: "Role coverage".into(),
        caption: format!(
            "Roles heard on {} decisions past draft{}: ● heard, ✕ a required role not heard, – another role not heard; required roles are marked *.",
            rows.len(),
            latest_note(rows.len())
        ),
        drawing: (!rows.is_empty() && !columns.is_empty()).then(|| {
            let from = rows.len().saturating_sub(CHART_ROWS);
            svg::grid(&labels[from..], &columns, &cells[from..])
        }),
        missing: if report.inputs.people_yaml {
            "No decision past draft is in scope.".into()
        } else {
            "Roles need people.yaml.".into()
        },
        table: Table {
            headers,
            rows: rows
                .iter()
                .map(|(id, cells)| {
                    let mut row = vec![id.clone()];
                    row.extend(cells.iter().map(|c| {
                        match c {
                            svg::Cell::Heard => "●",
                            svg::Cell::MissingRequired => "✕",
                            svg::Cell::Missing => "–",
                        }
                        .to_string()
                    }));
                    row
                })
                .collect(),
            empty: "No roles to show.".into(),
        },
    }
}

/// Check-ins on a timeline, with the stretches longer than the charter's
/// `check-in-days` marked.
pub(super) fn cadence_chart(report: &Report, scope: &Scope) -> Chart {
    let c = &report.cadence;
    let mut dates: Vec<NaiveDate> = scope
        .reviews
        .iter()
        .filter(|r| r.kind == Some(ReviewKind::CheckIn))
        .filter_map(|r| scope.dates.review(r).map(|d| d.date))
        .collect();
    dates.sort();
    let from = c.from.or(dates.first().copied());
    let limit = c.check_in_days;
    let mut rows = Vec::new();
    let mut marks = Vec::new();
    let mut stretches = Vec::new();
    let drawing = from.filter(|f| *f < c.to).map(|from| {
        let span = (c.to - from).num_days().max(1) as f64;
        let at = |d: NaiveDate| (d - from).num_days() as f64 / span;
        let mut previous = from;
        let mut edges: Vec<(NaiveDate, bool)> = dates.iter().map(|d| (*d, true)).collect();
        edges.push((c.to, false));
        for (date, is_check_in) in edges {
            let days = (date - previous).num_days();
            let too_long = limit.is_some_and(|l| days > l);
            if days > 0 {
                stretches.push(svg::Stretch {
                    from: at(previous),
                    to: at(date),
                    label: format!("{days} days"),
                    too_long,
                });
            }
            if is_check_in {
                marks.push(svg::Mark {
                    at: at(date),
                    tip: format!("check-in {date}"),
                });
            }
            rows.push(vec![
                if is_check_in {
                    date.to_string()
                } else {
                    format!("{date} (end of the period)")
                },
                days.to_string(),
                if too_long {
                    format!("⚠ over {} days", limit.unwrap_or(0))
                } else {
                    "—".into()
                },
            ]);
            previous = date;
        }
        svg::timeline(&marks, &stretches, &from.to_string(), &c.to.to_string())
    });
    Chart {
        id: "chart-cadence",
        title: "Check-in cadence".into(),
        caption: format!(
            "{} check-ins from {} to {}; {}.",
            dates.len(),
            from.map_or_else(|| "?".into(), |f| f.to_string()),
            c.to,
            match limit {
                Some(l) => format!("stretches over the charter's {l} days are marked ⚠"),
                None => "the charter sets no check-in-days, so no gap is flagged".into(),
            }
        ),
        drawing,
        missing: "Nothing in scope is dated, so there is no period to draw.".into(),
        table: Table {
            headers: vec![
                "Check-in".into(),
                "Days since the previous".into(),
                "Gap".into(),
            ],
            rows,
            empty: "No check-ins.".into(),
        },
    }
}

/// Participation against each outcome metric recorded for at least
/// [`crate::metrics::outcomes::MIN_DECISIONS`] decisions.
pub(super) fn outcomes_chart(report: &Report) -> Chart {
    let computed: Vec<_> = report
        .outcomes
        .correlations
        .iter()
        .filter(|c| c.rho.is_some())
        .collect();
    let mut rows = Vec::new();
    let mut drawing = None;
    let mut caption = String::new();
    // One chart: the computed metric with the most decisions.
    if let Some(corr) = computed.iter().max_by_key(|c| c.n) {
        let points: Vec<_> = report
            .outcomes
            .points
            .iter()
            .filter(|p| p.metric == corr.metric)
            .filter_map(|p| p.participation.map(|x| (p, x)))
            .collect();
        let lo = points
            .iter()
            .map(|p| p.0.value)
            .fold(f64::INFINITY, f64::min);
        let hi = points
            .iter()
            .map(|p| p.0.value)
            .fold(f64::NEG_INFINITY, f64::max);
        let span = if hi > lo { hi - lo } else { 1.0 };
        let metric = clean(&corr.metric);
        drawing = Some(svg::scatter(
            &points
                .iter()
                .map(|(p, x)| svg::Point {
                    x: *x,
                    y: (p.value - lo) / span,
                    tip: format!(
                        "{}: participation {}, {metric} {}",
                        clean(&p.decision),
                        percent(*x),
                        crate::report::number(p.value, 4)
                    ),
                })
                .collect::<Vec<_>>(),
            "participation rate",
            &metric,
            ["0%".into(), "100%".into()],
            [crate::report::number(lo, 4), crate::report::number(hi, 4)],
        ));
        caption = format!(
            "Correlation, not cause: Spearman {} between each decision's participation rate and its latest {metric}, n = {}.",
            crate::report::correlation(corr),
            corr.n
        );
        rows = points
            .iter()
            .map(|(p, x)| {
                vec![
                    clean(&p.decision),
                    percent(*x),
                    crate::report::number(p.value, 4),
                    p.date.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
    }
    let most = report
        .outcomes
        .correlations
        .iter()
        .map(|c| c.n)
        .max()
        .unwrap_or(0);
    Chart {
        id: "chart-outcomes",
        title: "Outcomes against participation (correlation, not cause)".into(),
        caption,
        drawing,
        missing: if report.outcomes.correlations.is_empty() {
            "No outcomes are recorded in retrospectives.".into()
        } else {
            format!(
                "Not drawn: a correlation needs outcomes for {} decisions; the most any metric has is {most}.",
                crate::metrics::outcomes::MIN_DECISIONS
            )
        },
        table: Table {
            headers: vec![
                "Decision".into(),
                "Participation".into(),
                "Value".into(),
                "Observed".into(),
            ],
            rows,
            empty: "No correlation is computed.".into(),
        },
    }
}
