//! The pulse and signals sections of the report, shared by the table and
//! Markdown formats. They are added only when the log has pulses or
//! signals, so a log without them reports exactly as before. Comments
//! left in pulse responses belong to the digest, never to these tables.

use super::{Section, clean, number, percent, plural, ratio};
use crate::metrics::pulse::{PulseCorrelation, PulseRow, QuestionFigures};
use crate::metrics::{Mean, Report, Withheld, outcomes};

fn mean(m: &Mean) -> String {
    m.value.map_or_else(|| "n/a".into(), |v| number(v, 2))
}

/// `+0.3`, `-0.8 (drop)` or `n/a`.
pub fn change(q: &QuestionFigures) -> String {
    match q.change {
        Some(c) => {
            let sign = if c > 0.0 { "+" } else { "" };
            let text = format!("{sign}{}", number(c, 2));
            let text = if text == "-0" { "0".into() } else { text };
            if q.dropped {
                format!("{text} (drop)")
            } else {
                text
            }
        }
        None => "n/a".into(),
    }
}

fn label(p: &PulseRow) -> String {
    p.date.map_or_else(|| clean(&p.id), |d| d.to_string())
}

fn surveys(r: &Report) -> Section {
    Section {
        title: "Pulse surveys".into(),
        headers: vec![
            "Pulse",
            "Title",
            "Invited",
            "Responses",
            "Anonymous",
            "Response rate",
        ],
        rows: r
            .pulse
            .pulses
            .iter()
            .map(|p| {
                let mut rate = ratio(&p.response_rate);
                if p.uninvited > 0 {
                    rate.push_str(&format!(", {} uninvited", p.uninvited));
                }
                vec![
                    label(p),
                    clean(p.title.as_deref().unwrap_or(&p.id)),
                    p.invited.to_string(),
                    p.responses.to_string(),
                    p.anonymous.to_string(),
                    rate,
                ]
            })
            .collect(),
        empty: "No pulse surveys in scope.".into(),
    }
}

fn questions(r: &Report) -> Section {
    let p = &r.pulse;
    let mut rows = Vec::new();
    for pulse in &p.pulses {
        for q in &pulse.questions {
            rows.push(vec![
                label(pulse),
                clean(&q.question),
                mean(&q.mean),
                q.distribution
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join("·"),
                q.mean.n.to_string(),
                match q.response_rate.value {
                    Some(v) => format!(
                        "{} ({}/{})",
                        percent(v),
                        q.response_rate.num,
                        q.response_rate.n
                    ),
                    None => "n/a".into(),
                },
                change(q),
            ]);
        }
    }
    for m in &p.means {
        rows.push(vec![
            "all".into(),
            clean(&m.question),
            mean(&m.mean),
            "-".into(),
            m.mean.n.to_string(),
            plural(m.pulses, "pulse", "pulses"),
            "-".into(),
        ]);
    }
    Section {
        title: format!(
            "Pulse by question (ratings 1 to {}; a drop is a fall of more than {})",
            p.scale,
            number(p.drop_threshold, 2)
        ),
        headers: vec![
            "Pulse", "Question", "Mean", "Ratings", "n", "Answered", "Change",
        ],
        rows,
        empty: "No pulse surveys in scope.".into(),
    }
}

fn correlation(c: &PulseCorrelation) -> String {
    match (c.rho, c.withheld) {
        (Some(rho), _) => format!("ρ = {}", number(rho, 2)),
        (None, Some(Withheld::NoVariation)) => "not computed: no variation".into(),
        (None, _) => format!(
            "not computed: {} of the {} decisions needed",
            c.n,
            outcomes::MIN_DECISIONS
        ),
    }
}

fn pulse_outcomes(r: &Report) -> Section {
    let mut rows = Vec::new();
    let questions = &r.pulse.questions;
    for q in questions {
        let of_q: Vec<&PulseCorrelation> = r
            .pulse
            .outcomes
            .iter()
            .filter(|c| &c.question == q)
            .collect();
        for c in of_q.iter().filter(|c| c.rho.is_some()) {
            rows.push(vec![
                clean(&c.question),
                clean(&c.metric),
                c.n.to_string(),
                correlation(c),
            ]);
        }
        // Withheld figures are one line per question, as in the summary.
        let withheld: Vec<&&PulseCorrelation> = of_q.iter().filter(|c| c.rho.is_none()).collect();
        match withheld.as_slice() {
            [] => {}
            [one] => rows.push(vec![
                clean(&one.question),
                clean(&one.metric),
                one.n.to_string(),
                correlation(one),
            ]),
            many => rows.push(vec![
                clean(q),
                plural(many.len(), "metric", "metrics"),
                format!("at most {}", many.iter().map(|c| c.n).max().unwrap_or(0)),
                format!("not computed: needs {} decisions", outcomes::MIN_DECISIONS),
            ]),
        }
    }
    Section {
        title: "Pulse vs outcomes (correlation, not cause)".into(),
        headers: vec!["Question", "Metric", "Decisions", "Spearman"],
        rows,
        empty: "No decision with an outcome is named by a pulse.".into(),
    }
}

fn signal_counts(r: &Report) -> Section {
    let s = &r.signals;
    let mut rows: Vec<Vec<String>> = s
        .counts
        .iter()
        .map(|c| {
            vec![
                if c.unknown {
                    format!("{} (not in the set)", clean(&c.signal))
                } else {
                    clean(&c.signal)
                },
                c.count.count.to_string(),
                plural(c.count.n, "feedback entry", "feedback entries"),
            ]
        })
        .collect();
    rows.push(vec![
        "Open signalled concerns".into(),
        s.open.count.to_string(),
        plural(s.open.n, "signalled concern", "signalled concerns"),
    ]);
    Section {
        title: "Signals".into(),
        headers: vec!["Signal", "Count", "n"],
        rows,
        empty: String::new(),
    }
}

fn open_by_decision(r: &Report) -> Section {
    let rows = r
        .signals
        .decisions
        .iter()
        .filter(|d| d.open().next().is_some())
        .map(|d| {
            let mut signals: Vec<&str> = d
                .open()
                .flat_map(|c| c.signals.iter().map(String::as_str))
                .collect();
            signals.sort_unstable();
            signals.dedup();
            let mut by: Vec<String> = d.open().filter_map(|c| c.by.clone()).collect();
            by.dedup();
            vec![
                d.id.clone().map_or_else(|| "?".into(), |i| clean(&i)),
                clean(d.title.as_deref().unwrap_or("(untitled)")),
                d.open().count().to_string(),
                clean(&signals.join(", ")),
                clean(&by.join(", ")),
            ]
        })
        .collect();
    Section {
        title: "Open signalled concerns by decision".into(),
        headers: vec!["ID", "Title", "Open", "Signals", "Raised by"],
        rows,
        empty: "No signalled concern is open.".into(),
    }
}

fn watched(r: &Report) -> Section {
    let mut rows = Vec::new();
    for d in &r.signals.decisions {
        for c in d.watched() {
            let signals: Vec<&str> = c
                .signals
                .iter()
                .map(String::as_str)
                .filter(|s| crate::metrics::signals::WATCHED.contains(s))
                .collect();
            rows.push(vec![
                d.id.clone().map_or_else(|| "?".into(), |i| clean(&i)),
                clean(d.title.as_deref().unwrap_or("(untitled)")),
                signals.join(", "),
                c.by.as_deref()
                    .map_or_else(|| "(no one named)".into(), clean),
                c.stance.to_string(),
                if c.resolved { "resolved" } else { "open" }.into(),
            ]);
        }
    }
    Section {
        title: "Fairness and user-friction concerns".into(),
        headers: vec!["ID", "Title", "Signal", "By", "Stance", "State"],
        rows,
        empty: "No decision drew a fairness or user-friction concern.".into(),
    }
}

/// The sections added after the SPEC §6 ones, when there is data for them.
pub fn sections(r: &Report) -> Vec<Section> {
    let mut out = Vec::new();
    if !r.pulse.is_empty() {
        out.push(surveys(r));
        out.push(questions(r));
        if !r.pulse.outcomes.is_empty() {
            out.push(pulse_outcomes(r));
        }
    }
    if !r.signals.is_empty() {
        out.push(signal_counts(r));
        out.push(open_by_decision(r));
        out.push(watched(r));
    }
    out
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| number(v, 4)).unwrap_or_default()
}

/// `--format csv --by pulse`: one line per pulse and question, raw numbers,
/// an empty cell for n/a; the pooled means are the lines whose pulse is empty.
pub fn csv(r: &Report) -> String {
    use crate::output::csv_row;
    let scale = usize::try_from(r.pulse.scale).unwrap_or(0);
    let mut header: Vec<String> = [
        "pulse", "date", "question", "mean", "n", "answered", "invited", "change", "dropped",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend((1..=scale).map(|i| format!("rated_{i}")));
    let mut out = csv_row(&header);
    for p in &r.pulse.pulses {
        for q in &p.questions {
            let mut row = vec![
                p.id.clone(),
                p.date.map(|d| d.to_string()).unwrap_or_default(),
                q.question.clone(),
                opt(q.mean.value),
                q.mean.n.to_string(),
                q.response_rate.num.to_string(),
                q.response_rate.n.to_string(),
                opt(q.change),
                q.dropped.to_string(),
            ];
            row.extend(q.distribution.iter().map(usize::to_string));
            out.push_str(&csv_row(&row));
        }
    }
    for m in &r.pulse.means {
        let mut row = vec![
            String::new(),
            String::new(),
            m.question.clone(),
            opt(m.mean.value),
            m.mean.n.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        row.extend((0..scale).map(|_| String::new()));
        out.push_str(&csv_row(&row));
    }
    out
}

/// `--format csv --by signals`: one line per signalled concern, objection or veto.
pub fn signals_csv(r: &Report) -> String {
    use crate::output::csv_row;
    let mut out = csv_row([
        "decision", "status", "by", "stance", "signals", "date", "resolved",
    ]);
    for d in &r.signals.decisions {
        for c in &d.concerns {
            out.push_str(&csv_row([
                d.id.clone().unwrap_or_default(),
                d.status.to_string(),
                c.by.clone().unwrap_or_default(),
                c.stance.to_string(),
                c.signals.join(" "),
                c.date.map(|x| x.to_string()).unwrap_or_default(),
                c.resolved.to_string(),
            ]));
        }
    }
    out
}
