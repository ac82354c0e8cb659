//! The report as CSV, one table per `--by` choice, with raw numbers
//! (ratios as fractions, durations in days) and an empty cell for `n/a`.

use crate::cli::ReportBy;
use crate::metrics::{Mean, Ratio, Report};
use crate::output::csv_row;

fn opt(v: Option<f64>) -> String {
    v.map(|v| super::number(v, 4)).unwrap_or_default()
}

pub fn render(r: &Report, by: ReportBy) -> String {
    match by {
        ReportBy::Summary => summary(r),
        ReportBy::Person => people(r),
        ReportBy::Decision => decisions(r),
        ReportBy::Actions => actions(r),
        ReportBy::Revisits => revisits(r),
        ReportBy::Outcomes => outcomes(r),
        ReportBy::Pulse => super::pulse::csv(r),
        ReportBy::Signals => super::pulse::signals_csv(r),
        ReportBy::Raised => super::registers::raised_csv(r),
        ReportBy::Approvals => super::registers::approvals_csv(r),
        ReportBy::Unheard => super::registers::unheard_csv(r),
    }
}

/// The summary table: one line per figure.
struct Summary(String);

impl Summary {
    fn row(&mut self, figure: &str, value: Option<f64>, count: Option<usize>, n: usize) {
        self.0.push_str(&csv_row([
            figure.to_string(),
            opt(value),
            count.map(|c| c.to_string()).unwrap_or_default(),
            n.to_string(),
        ]));
    }

    fn ratio(&mut self, figure: &str, x: &Ratio) {
        self.row(figure, x.value, Some(x.num), x.n);
    }

    fn mean(&mut self, figure: &str, m: &Mean) {
        self.row(figure, m.value, None, m.n);
    }

    fn count(&mut self, figure: &str, count: usize, n: usize) {
        self.row(figure, Some(count as f64), Some(count), n);
    }
}

fn summary(r: &Report) -> String {
    let mut s = Summary(csv_row(["figure", "value", "count", "n"]));
    s.count("decisions", r.counts.decisions, r.counts.decisions);
    s.ratio("participation_pooled", &r.participation.pooled);
    let u = r.participation.unsolicited;
    s.count("unsolicited_responses", u.count, u.n);
    let d = &r.diversity;
    s.mean("roles_heard_mean", &d.distinct_roles);
    s.mean("required_roles_heard_mean", &d.coverage);
    s.mean("role_entropy_mean", &d.entropy);
    let t = &r.timeliness;
    s.ratio("feedback_on_time", &t.on_time);
    s.row(
        "feedback_latency_median_days",
        t.latency.median,
        None,
        t.latency.n,
    );
    s.row(
        "feedback_latency_p90_days",
        t.latency.p90,
        None,
        t.latency.n,
    );
    s.mean("completeness_mean", &r.completeness.mean);
    s.ratio("fully_complete", &r.completeness.fully_complete);
    let a = &r.actions;
    s.count("actions_open", a.open.count, a.open.n);
    s.count("actions_overdue", a.overdue.count, a.overdue.n);
    s.count("actions_done_late", a.done_late.count, a.done_late.n);
    s.count("actions_without_due", a.no_due.count, a.no_due.n);
    let v = &r.revisits;
    s.count("revisits_due", v.due.len(), v.n);
    s.count(
        "revisits_due_implicit",
        v.due.iter().filter(|x| x.implicit).count(),
        v.n,
    );
    let l = &r.lead_time.days;
    s.row("lead_time_median_days", l.median, None, l.n);
    s.row("lead_time_p90_days", l.p90, None, l.n);
    let c = &r.cadence;
    s.row(
        "check_ins_per_month",
        c.per_month,
        Some(c.check_ins),
        c.check_ins,
    );
    s.row(
        "check_ins_expected_per_month",
        c.expected_per_month,
        None,
        c.check_ins,
    );
    s.row(
        "longest_check_in_gap_days",
        c.longest_gap.as_ref().map(|g| g.days as f64),
        None,
        c.check_ins,
    );
    s.ratio("facilitator_rotation", &c.rotation);
    for corr in &r.outcomes.correlations {
        s.row(&format!("spearman:{}", corr.metric), corr.rho, None, corr.n);
    }
    s.0
}

fn people(r: &Report) -> String {
    let mut out = csv_row([
        "person",
        "name",
        "roles",
        "expected",
        "responded",
        "rate",
        "unsolicited",
        "facilitated",
        "open_actions",
        "overdue_actions",
        "gave_view",
        "attended_only",
        "on_time",
        "late",
        "after_decision",
    ]);
    for p in &r.people {
        out.push_str(&csv_row([
            p.person.clone(),
            p.name.clone().unwrap_or_default(),
            p.roles.join(";"),
            p.rate.n.to_string(),
            p.rate.num.to_string(),
            opt(p.rate.value),
            p.unsolicited.to_string(),
            p.facilitated.to_string(),
            p.open_actions.to_string(),
            p.overdue_actions.to_string(),
            p.gave_view.to_string(),
            p.attended_only.to_string(),
            p.on_time.to_string(),
            p.late.to_string(),
            p.after_decision.to_string(),
        ]));
    }
    out
}

fn decisions(r: &Report) -> String {
    let mut out = csv_row([
        "id",
        "title",
        "status",
        "model",
        "date",
        "date_source",
        "decided",
        "expected",
        "responded",
        "rate",
        "unsolicited",
        "roles_heard",
        "required_roles_heard",
        "required_roles",
        "entropy",
        "checks_passed",
        "checks_applicable",
        "missing_checks",
        "lead_time_days",
        "path",
    ]);
    for d in &r.decisions {
        let p = d.participation.as_ref();
        let div = d.diversity.as_ref();
        let c = d.completeness.as_ref();
        let count = |f: &dyn Fn() -> Option<usize>| f().map(|n| n.to_string()).unwrap_or_default();
        out.push_str(&csv_row([
            d.id.clone().unwrap_or_default(),
            d.title.unwrap_or_default().to_string(),
            d.status.to_string(),
            d.model.unwrap_or_default().to_string(),
            crate::output::opt_ymd(d.date),
            match (d.date, d.date_inferred) {
                (None, _) => String::new(),
                (Some(_), true) => "git".into(),
                (Some(_), false) => "record".into(),
            },
            crate::output::opt_ymd(d.decided),
            count(&|| p.map(|p| p.expected.len())),
            count(&|| p.map(|p| p.responded.len())),
            opt(p.and_then(|p| p.rate.value)),
            count(&|| p.map(|p| p.unsolicited.len())),
            count(&|| div.and_then(|x| x.roles.as_ref().map(Vec::len))),
            count(&|| div.and_then(|x| x.coverage.map(|c| c.num))),
            count(&|| div.and_then(|x| x.coverage.map(|c| c.n))),
            opt(div.and_then(|x| x.entropy)),
            count(&|| c.map(|c| c.passed)),
            count(&|| c.map(|c| c.applicable)),
            c.map(|c| c.missing.join(";")).unwrap_or_default(),
            d.lead_time_days.map(|n| n.to_string()).unwrap_or_default(),
            d.path.to_string(),
        ]));
    }
    out
}

fn actions(r: &Report) -> String {
    let mut out = csv_row([
        "source",
        "record",
        "number",
        "owner",
        "state",
        "due",
        "done",
        "overdue_days",
        "done_late_days",
        "note",
        "path",
        "line",
    ]);
    for a in &r.actions.items {
        out.push_str(&csv_row([
            a.source.clone(),
            a.record.to_string(),
            a.number.to_string(),
            a.owner.unwrap_or_default().to_string(),
            match a.state {
                crate::metrics::ActionState::Open => "open",
                crate::metrics::ActionState::Done => "done",
                crate::metrics::ActionState::Dropped => "dropped",
            }
            .to_string(),
            crate::output::opt_ymd(a.due),
            crate::output::opt_ymd(a.done),
            a.overdue_days.map(|n| n.to_string()).unwrap_or_default(),
            a.done_late_days.map(|n| n.to_string()).unwrap_or_default(),
            a.note.unwrap_or_default().to_string(),
            a.path.to_string(),
            a.line.to_string(),
        ]));
    }
    out
}

fn revisits(r: &Report) -> String {
    let mut out = csv_row(["id", "title", "revisit_by", "implicit", "in_days", "path"]);
    for v in &r.revisits.due {
        out.push_str(&csv_row([
            v.id.clone().unwrap_or_default(),
            v.title.clone().unwrap_or_default(),
            v.date.to_string(),
            v.implicit.to_string(),
            v.in_days.to_string(),
            v.path.clone(),
        ]));
    }
    out
}

fn outcomes(r: &Report) -> String {
    let mut out = csv_row(["decision", "metric", "value", "date", "participation"]);
    for p in &r.outcomes.points {
        out.push_str(&csv_row([
            p.decision.clone(),
            p.metric.clone(),
            super::number(p.value, 6),
            crate::output::opt_ymd(p.date),
            opt(p.participation),
        ]));
    }
    out
}
