//! Pulse surveys, signals and `report --trend` on tests/fixtures/pulse: three
//! quarterly pulses (a missing answer, an anonymous response, an uninvited
//! respondent, a rating off the scale, a question added in the last pulse),
//! signalled feedback on two decisions, and their risks. Every figure is
//! worked out by hand in the comments, following docs/report.md.

use serde_json::{Value, json};

use crate::common::*;

const AS_OF: &str = "2026-09-30";

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/pulse/decisions")
}

fn report(args: &[&str]) -> Run {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let run = decide_on(&fixture(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    json_of(&report(&all))
}

fn question<'a>(pulse: &'a Value, q: &str) -> &'a Value {
    find_by(&pulse["questions"], "question", q)
}

#[test]
fn each_pulse_per_question() {
    let r = json(&["--as-of", AS_OF]);
    let p = &r["pulse"];
    assert_eq!(
        p["questions"],
        json!(["clarity", "trust", "satisfaction", "fairness"])
    );
    let pulses = p["pulses"].as_array().unwrap();
    assert_eq!(pulses.len(), 3);

    // January: invited ana, raj, lee and agents (dana, kofi) = 5. Responses
    // from ana, lee, one anonymous and mei (not invited): rate {ana, lee} 2/5.
    let jan = &pulses[0];
    assert_eq!(jan["id"], "2026-01-31-january-pulse");
    assert_eq!(
        (
            &jan["invited"],
            &jan["responses"],
            &jan["anonymous"],
            &jan["uninvited"]
        ),
        (&json!(5), &json!(4), &json!(1), &json!(1))
    );
    assert_eq!(
        jan["response_rate"],
        json!({"value": 0.4, "num": 2, "n": 5})
    );
    // clarity 4, 2, 3, 5: mean 3.5 of 4; answered by invited ana and lee.
    let c = question(jan, "clarity");
    assert_eq!(c["mean"], json!({"value": 3.5, "n": 4}));
    assert_eq!(c["distribution"], json!([0, 1, 1, 1, 1]));
    assert_eq!(c["response_rate"], json!({"value": 0.4, "num": 2, "n": 5}));
    assert_eq!((&c["change"], &c["dropped"]), (&Value::Null, &json!(false)));
    // satisfaction: lee left it empty, mei did not give it: 3 and 4 → 3.5 of 2.
    let s = question(jan, "satisfaction");
    assert_eq!(s["mean"], json!({"value": 3.5, "n": 2}));
    assert_eq!(s["response_rate"]["num"], 1);
    // fairness was not asked yet: no mean.
    assert_eq!(
        question(jan, "fairness")["mean"],
        json!({"value": null, "n": 0})
    );

    // April: raj's trust 9 is off the scale and left out (DL060 reports it).
    let apr = &pulses[1];
    assert_eq!(
        apr["response_rate"],
        json!({"value": 0.8, "num": 4, "n": 5})
    );
    let t = question(apr, "trust");
    close(&t["mean"]["value"], 8.0 / 3.0);
    assert_eq!(t["mean"]["n"], 3);
    assert_eq!(t["distribution"], json!([0, 1, 2, 0, 0]));
    assert_eq!(t["response_rate"]["num"], 3, "raj's 9 is not an answer");
    // 8/3 − 4 = −1.33: a fall of more than 0.5 is a drop.
    close(&t["change"], 8.0 / 3.0 - 4.0);
    assert_eq!(t["previous"], "2026-01-31-january-pulse");
    assert_eq!(t["dropped"], true);
    close(&question(apr, "satisfaction")["change"], 8.0 / 3.0 - 3.5);
    assert_eq!(question(apr, "satisfaction")["dropped"], true);
    // clarity 3.5 → 3.5: no change.
    close(&question(apr, "clarity")["change"], 0.0);

    // July: clarity 3.5 → 3.0 falls by exactly the threshold: not a drop.
    let jul = &pulses[2];
    let c = question(jul, "clarity");
    close(&c["change"], -0.5);
    assert_eq!(c["dropped"], false);
    close(&question(jul, "trust")["change"], 3.5 - 8.0 / 3.0);
    // fairness, first asked now: 4, 2 and an anonymous 3 → 3.0 of 3, no change.
    let f = question(jul, "fairness");
    assert_eq!(f["mean"], json!({"value": 3.0, "n": 3}));
    assert_eq!(f["response_rate"], json!({"value": 0.4, "num": 2, "n": 5}));
    assert_eq!((&f["change"], &f["previous"]), (&Value::Null, &Value::Null));

    // Pooled over the window: clarity 34/10, trust 31/9, satisfaction 22/7, fairness 3.
    let means = p["means"].as_array().unwrap();
    close(&means[0]["mean"]["value"], 3.4);
    assert_eq!(
        (&means[0]["mean"]["n"], &means[0]["pulses"]),
        (&json!(10), &json!(3))
    );
    close(&means[1]["mean"]["value"], 31.0 / 9.0);
    close(&means[2]["mean"]["value"], 22.0 / 7.0);
    assert_eq!(means[3]["pulses"], 1);
    // Comments are data for the digest.
    assert_eq!(
        jan["comments"],
        json!([{"by": null, "text": "Too many meetings"}])
    );
}

#[test]
fn signals_and_risks() {
    let r = json(&["--as-of", AS_OF]);
    let s = &r["signals"];
    // Feedback about decisions in scope: 2 on 0001, 4 on 0002.
    assert_eq!((&s["feedback"], &s["signalled"]), (&json!(6), &json!(5)));
    let counts: Vec<(String, u64, bool)> = s["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["count"]["n"], 6);
            (
                c["signal"].as_str().unwrap().to_string(),
                c["count"]["count"].as_u64().unwrap(),
                c["unknown"].as_bool().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64, bool)> = [
        ("trust", 1),
        ("fairness", 2),
        ("user-friction", 2),
        ("clarity", 0),
        ("risk", 0),
        ("cost", 1),
    ]
    .iter()
    .map(|(w, n)| (w.to_string(), *n, false))
    .collect();
    assert_eq!(counts, want);
    // Concerns with signals: lee (open), dana (resolved 2026-04-20), kofi and mei (open).
    assert_eq!(s["open"], json!({"count": 3, "n": 4}));
    let d = s["decisions"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(
        d[1]["concerns"][0]["signals"],
        json!(["user-friction", "fairness"])
    );
    assert_eq!(d[1]["concerns"][0]["resolved"], true);
    // Risks: 0001 has two (one unmitigated), 0002 one with a TBD mitigation.
    assert_eq!(
        r["risks"],
        json!({"recorded": {"count": 3, "n": 3}, "without_mitigation": {"count": 2, "n": 3}})
    );
    // Resolved after the as-of date is still open then.
    let before = json(&["--as-of", "2026-04-15"]);
    // On 2026-04-15 all four concerns were open: dana's was resolved on the 20th.
    assert_eq!(before["signals"]["open"], json!({"count": 4, "n": 4}));
}

#[test]
fn the_table_shows_pulse_and_signals_but_not_comments() {
    let out = report(&["--as-of", AS_OF]).stdout;
    assert!(widest_line(&out) <= 100);
    for line in [
        "│ 2026-01-31 ┆ January pulse ┆ 5       ┆ 4         ┆ 1         ┆ 40% (2 of 5), 1 uninvited │",
        "│ 2026-04-30 ┆ trust        ┆ 2.67 ┆ 0·1·2·0·0 ┆ 3  ┆ 60% (3/5) ┆ -1.33 (drop) │",
        "│ 2026-07-31 ┆ clarity      ┆ 3    ┆ 0·0·2·0·0 ┆ 2  ┆ 40% (2/5) ┆ -0.5         │",
        "│ 2026-07-31 ┆ fairness     ┆ 3    ┆ 0·1·1·1·0 ┆ 3  ┆ 40% (2/5) ┆ n/a          │",
        "│ all        ┆ trust        ┆ 3.44 ┆ -         ┆ 9  ┆ 3 pulses  ┆ -            │",
        "│ Open signalled concerns ┆ 3     ┆ 4 signalled concerns │",
        "│ 0002 ┆ Send retention offers by SMS ┆ 2    ┆ cost, user-friction ┆ kofi, mei │",
        "│ 0002 ┆ Send retention offers by SMS ┆ user-friction, fairness ┆ dana ┆ objection ┆ resolved │",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(
        !out.contains("Too many meetings"),
        "comments go to the digest"
    );
    let md = report(&["--as-of", AS_OF, "--format", "markdown"]).stdout;
    assert!(
        md.contains("### Pulse surveys\n\n| Pulse | Title |"),
        "{md}"
    );
    assert!(
        md.contains("| 2026-04-30 | trust | 2.67 | 0·1·2·0·0 | 3 | 60% (3/5) | -1.33 (drop) |")
    );
    let csv = report(&["--as-of", AS_OF, "--format", "csv", "--by", "pulse"]).stdout;
    assert!(csv.starts_with("pulse,date,question,mean,n,answered,invited,change,dropped,rated_1,rated_2,rated_3,rated_4,rated_5\n"));
    assert!(
        csv.contains(
            "2026-04-30-april-pulse,2026-04-30,trust,2.6667,3,3,5,-1.3333,true,0,1,2,0,0\n"
        ),
        "{csv}"
    );
    assert!(csv.contains("\n,,fairness,3,3,,,,,,,,,\n"), "{csv}");
    let csv = report(&["--as-of", AS_OF, "--format", "csv", "--by", "signals"]).stdout;
    assert_eq!(
        csv,
        "decision,status,by,stance,signals,date,resolved\n\
         0001,accepted,lee,concern,fairness,2026-01-15,false\n\
         0002,proposed,dana,objection,user-friction fairness,2026-04-10,true\n\
         0002,proposed,kofi,concern,user-friction,2026-04-11,false\n\
         0002,proposed,mei,concern,cost,2026-04-12,false\n"
    );
}

#[test]
fn a_log_without_pulses_or_signals_has_no_such_sections() {
    let log = repo().join("tests/fixtures/report/decisions");
    let args = ["report", "--as-of", "2026-03-31"];
    let table = decide_on(&log, &args).stdout;
    assert!(
        !table.contains("Pulse") && !table.contains("Signals"),
        "{table}"
    );
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let r = json_of(&decide_on(&log, &with_json));
    assert!(r.get("pulse").is_none() && r.get("signals").is_none());
}

/// A trend is not drawn as a page: refused as a usage error before the
/// log is read, so also where there is no log, and nothing is written.
#[test]
fn trend_refuses_html_before_reading() {
    let message = "error: --trend prints as table, json, markdown or csv, not html\n";
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("trend.html");
    let page_arg = page.to_str().unwrap();
    let args = [
        "report", "--trend", "month", "--format", "html", "--output", page_arg,
    ];
    let run = decide_on(&fixture(), &args);
    assert_eq!(
        (run.code, run.stderr.as_str(), run.stdout.as_str()),
        (2, message, "")
    );
    assert!(!page.exists());
    let run = decide_on(&out.path().join("no-log-here"), &args);
    assert_eq!((run.code, run.stderr.as_str()), (2, message));
}

/// The trend's period, found by label.
fn period<'a>(t: &'a Value, label: &str) -> &'a Value {
    find_by(&t["periods"], "label", label)
}

#[test]
fn trend_by_quarter_by_hand() {
    let t = json(&["--as-of", AS_OF, "--trend", "quarter"]);
    assert_eq!(t["period"], "quarter");
    let labels: Vec<&str> = t["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2026-Q1", "2026-Q2", "2026-Q3"]);
    // Q1 (from the first record, 2026-01-10): 0001 and the January pulse.
    let q1 = period(&t, "2026-Q1");
    assert_eq!(
        (&q1["start"], &q1["end"]),
        (&json!("2026-01-10"), &json!("2026-03-31"))
    );
    assert_eq!(q1["participation"], json!({"value": 1.0, "num": 2, "n": 2}));
    assert_eq!(q1["on_time"], json!({"value": null, "num": 0, "n": 0}));
    assert_eq!(q1["completeness"], json!({"value": 1.0, "n": 1}));
    // ana's action was due 2026-03-15 and done only on 2026-05-01.
    assert_eq!(q1["overdue_actions"], json!({"count": 1, "n": 1}));
    assert_eq!(q1["pulse_means"][1]["mean"], json!({"value": 4.0, "n": 4}));
    assert_eq!(q1["signals"][0]["count"], json!({"count": 1, "n": 2}));
    assert_eq!(
        q1["risks"],
        json!({"recorded": {"count": 2, "n": 1}, "without_mitigation": {"count": 1, "n": 2}})
    );
    // Q2: 0002 (proposed 2026-04-05, due +5 days): dana on 04-10, kofi late on 04-11.
    let q2 = period(&t, "2026-Q2");
    assert_eq!(q2["on_time"], json!({"value": 0.5, "num": 1, "n": 2}));
    // owner, rationale of 8 applicable checks.
    assert_eq!(q2["completeness"], json!({"value": 0.25, "n": 1}));
    assert_eq!(q2["overdue_actions"], json!({"count": 0, "n": 0}));
    close(&q2["pulse_means"][1]["mean"]["value"], 8.0 / 3.0);
    // Q3: only a draft and the July pulse: engagement figures have no data.
    let q3 = period(&t, "2026-Q3");
    assert_eq!(q3["participation"]["value"], Value::Null);
    assert_eq!(q3["completeness"], json!({"value": null, "n": 0}));
    assert_eq!(q3["pulse_means"][3]["mean"], json!({"value": 3.0, "n": 3}));
    assert_eq!(q3["signals"][0]["count"], json!({"count": 0, "n": 0}));
    assert_eq!(
        q3["risks"]["without_mitigation"],
        json!({"count": 0, "n": 0})
    );

    let table = report(&["--as-of", AS_OF, "--trend", "quarter"]).stdout;
    assert!(widest_line(&table) <= 100);
    assert!(table.starts_with("Trend by quarter, as of 2026-09-30\n"));
    assert!(
        table.contains("│ 2026-Q2 ┆ 100% (2/2)    ┆ 50% (1/2) ┆ 25% (n 1)    ┆ n/a "),
        "{table}"
    );
    assert!(
        table.contains("│ 2026-Q3 ┆ clarity 3 (n 2), trust 3.5 (n 2),"),
        "{table}"
    );
}

#[test]
fn a_month_with_no_data_is_na_and_every_format_has_the_n() {
    let t = json(&["--as-of", "2026-03-31", "--trend", "month"]);
    let feb = period(&t, "2026-02");
    assert_eq!(
        feb["participation"],
        json!({"value": null, "num": 0, "n": 0})
    );
    assert_eq!(
        feb["pulse_means"][0]["mean"],
        json!({"value": null, "n": 0})
    );
    let table = report(&["--as-of", "2026-03-31", "--trend", "month"]).stdout;
    let feb: Vec<&str> = table
        .lines()
        .find(|l| l.starts_with("│ 2026-02 ┆"))
        .unwrap()
        .trim_matches('│')
        .split('┆')
        .map(str::trim)
        .collect();
    // Overdue actions are the state at the period's end, never windowed
    // (SPEC §6): January's open action is still open on 2026-02-28.
    assert_eq!(
        feb,
        ["2026-02", "n/a", "n/a", "n/a", "0 of 1 open", "n/a", "n/a"],
        "{table}"
    );
    let csv = report(&[
        "--as-of",
        "2026-03-31",
        "--trend",
        "month",
        "--format",
        "csv",
    ])
    .stdout;
    assert!(csv.starts_with("period,start,end,figure,value,count,n\n2026-01,2026-01-10,2026-01-31,participation_pooled,1,2,2\n"), "{csv}");
    assert!(csv.contains("2026-02,2026-02-01,2026-02-28,pulse_clarity_mean,,,0\n"));
    // ana's action (due 2026-03-15) belongs to 0001, which is dated in
    // January; open actions are the state at each period's end, so it is
    // open and not yet due in January and February, and overdue in March.
    assert!(csv.contains("2026-01,2026-01-10,2026-01-31,actions_overdue,0,0,1\n"));
    assert!(csv.contains("2026-02,2026-02-01,2026-02-28,actions_overdue,0,0,1\n"));
    assert!(csv.contains("2026-03,2026-03-01,2026-03-31,actions_overdue,1,1,1\n"));
    let md = report(&[
        "--as-of",
        "2026-03-31",
        "--trend",
        "month",
        "--format",
        "markdown",
    ])
    .stdout;
    assert!(
        md.starts_with("## Trend by month, as of 2026-03-31\n"),
        "{md}"
    );
    assert!(
        md.contains("| 2026-02 | n/a | n/a | n/a | 0 of 1 open | n/a | n/a |"),
        "{md}"
    );
    // --since and --until narrow the periods.
    let t = json(&[
        "--as-of",
        AS_OF,
        "--trend",
        "quarter",
        "--since",
        "2026-05-01",
        "--until",
        "2026-08-15",
    ]);
    let spans: Vec<(&str, &str)> = t["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["start"].as_str().unwrap(), p["end"].as_str().unwrap()))
        .collect();
    assert_eq!(
        spans,
        [("2026-05-01", "2026-06-30"), ("2026-07-01", "2026-08-15")]
    );
}

/// The figures of a plain `report --format json` that `--trend` repeats.
fn headline(r: &Value) -> Value {
    json!({
        "participation": r["participation"]["pooled"],
        "on_time": r["timeliness"]["on_time"],
        "completeness": r["completeness"]["mean"],
        "overdue_actions": r["actions"]["overdue"],
        "risks": r["risks"],
    })
}

/// Each trend period equals `report --since START --until END --as-of END`.
fn trend_equals_reports(log: &std::path::Path, as_of: &str, period_word: &str) -> usize {
    let base = ["report", "--format", "json"];
    let mut args = base.to_vec();
    args.extend(["--as-of", as_of, "--trend", period_word]);
    let trend = json_of(&decide_on(log, &args));
    let periods = trend["periods"].as_array().unwrap();
    for p in periods {
        let (start, end) = (p["start"].as_str().unwrap(), p["end"].as_str().unwrap());
        let mut args = base.to_vec();
        args.extend(["--since", start, "--until", end, "--as-of", end]);
        let run = decide_on(log, &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let r = json_of(&run);
        let label = &p["label"];
        let mut from_trend = headline(&json!({
            "participation": {"pooled": p["participation"]},
            "timeliness": {"on_time": p["on_time"]},
            "completeness": {"mean": p["completeness"]},
            "actions": {"overdue": p["overdue_actions"]},
            "risks": p["risks"],
        }));
        let mut from_report = headline(&r);
        // Sections left out of the plain report's JSON have no data; the
        // trend states them with n = 0.
        let means = r["pulse"]["means"].clone();
        from_report["pulse"] = if means.is_null() {
            json!([])
        } else {
            means.clone()
        };
        from_trend["pulse"] = json!(
            p["pulse_means"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| !means.is_null() || m["mean"]["n"] != 0)
                .collect::<Vec<_>>()
        );
        let counts = r["signals"]["counts"].clone();
        from_report["signals"] = if counts.is_null() { json!([]) } else { counts };
        from_trend["signals"] = json!(
            p["signals"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| !r["signals"].is_null() || s["count"]["count"] != 0)
                .collect::<Vec<_>>()
        );
        assert_eq!(from_trend, from_report, "period {label}");
    }
    periods.len()
}

#[test]
fn each_trend_period_equals_the_report_over_it_on_the_example_log() {
    let example = example_log();
    assert_eq!(trend_equals_reports(&example, "2026-11-25", "quarter"), 7);
    assert_eq!(trend_equals_reports(&fixture(), AS_OF, "month"), 9);
}

/// A pulse written by hand: CRLF, a comment, a flow list of responses.
const PULSE_CRLF: &str = "---\r\nkind: pulse # Q1\r\ndate: 2026-03-31\r\ninvited: [ana, raj]\r\nresponses: [{by: ana, trust: 4}]\r\n---\r\n# Q1 pulse\r\n\r\nBody stays.\r\n";

const PULSE_BLOCK: &str = "---\nkind: pulse\ndate: 2026-03-31\ninvited: [ana, raj]\n# answers below\nresponses:\n  - by: ana\n    trust: 4\n---\n# Q1 pulse\n";

fn pulse_log(text: &str) -> tempfile::TempDir {
    small_log(&[
        ("reviews/2026-03-31-q1-pulse.md", text),
        ("0001-x.md", "---\nstatus: draft\nfeedback: []\n---\n# X\n"),
    ])
}

fn pulse_file(dir: &std::path::Path) -> String {
    log_file(dir, "reviews/2026-03-31-q1-pulse.md")
}

#[test]
fn pulse_add_appends_a_response_and_changes_nothing_else() {
    let dir = pulse_log(PULSE_BLOCK);
    let run = decide(
        dir.path(),
        &[
            "pulse",
            "add",
            "2026-03-31-q1-pulse",
            "--by",
            "raj",
            "--trust",
            "2",
            "--clarity",
            "3",
            "--comment",
            "Who decides: unclear",
            "--date",
            "2026-04-02",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "2026-03-31-q1-pulse: a response from raj (clarity 3, trust 2) added\n"
    );
    assert_eq!(
        pulse_file(dir.path()),
        PULSE_BLOCK.replace(
            "    trust: 4\n",
            "    trust: 4\n  - by: raj\n    date: 2026-04-02\n    clarity: 3\n    trust: 2\n    comment: \"Who decides: unclear\"\n"
        )
    );
    // Anonymous, by file name, with a charter question given through --rate.
    write(
        dir.path(),
        "decisions/charter.md",
        "---\npulse-questions: [clarity, trust, satisfaction, fairness]\n---\n",
    );
    let run = decide(
        dir.path(),
        &[
            "pulse",
            "add",
            "2026-03-31-q1-pulse.md",
            "--rate",
            "fairness=5",
            "--date",
            "2026-04-03",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "2026-03-31-q1-pulse: an anonymous response (fairness 5) added\n"
    );
    assert!(
        pulse_file(dir.path())
            .ends_with("  - date: 2026-04-03\n    fairness: 5\n---\n# Q1 pulse\n")
    );
    let check = decide(
        dir.path(),
        &["check", "--format", "concise", "--as-of", "2026-04-30"],
    );
    assert!(!check.stdout.contains("DL06"), "{}", check.stdout);
}

#[test]
fn pulse_add_keeps_crlf_comments_and_the_flow_style() {
    let dir = pulse_log(PULSE_CRLF);
    let run = decide(
        dir.path(),
        &[
            "pulse",
            "add",
            "2026-03-31-q1-pulse",
            "--satisfaction",
            "5",
            "--date",
            "2026-04-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        pulse_file(dir.path()),
        PULSE_CRLF.replace(
            "{by: ana, trust: 4}]",
            "{by: ana, trust: 4}, {date: 2026-04-01, satisfaction: 5}]"
        )
    );
}

#[test]
fn pulse_add_refusals_change_nothing() {
    let dir = pulse_log(PULSE_BLOCK);
    for (args, message) in [
        (
            vec!["--trust", "6"],
            "error: `trust` is rated 6; ratings run from 1 to 5\n",
        ),
        (
            vec!["--by", "ana"],
            "error: give at least one rating, e.g. --trust 4 (questions: clarity, trust, satisfaction)\n",
        ),
        (
            vec!["--rate", "fairness=3"],
            "error: `fairness` is not a pulse question; the questions are clarity, trust, satisfaction (the charter's `pulse-questions`)\n",
        ),
        (
            vec!["--trust", "3", "--rate", "trust=4"],
            "error: `trust` is rated twice\n",
        ),
        (
            vec!["--rate", "trust"],
            "error: --rate takes QUESTION=N, e.g. --rate fairness=4, not `trust`\n",
        ),
    ] {
        let mut all = vec!["pulse", "add", "2026-03-31-q1-pulse"];
        all.extend(args);
        let run = decide(dir.path(), &all);
        assert_eq!((run.code, run.stderr.as_str()), (2, message));
    }
    let run = decide(dir.path(), &["pulse", "add", "nope", "--trust", "3"]);
    assert_eq!(run.code, 2);
    write(
        dir.path(),
        "decisions/reviews/2026-03-01-retro.md",
        "---\nkind: retro\ndate: 2026-03-01\n---\n",
    );
    let run = decide(
        dir.path(),
        &["pulse", "add", "2026-03-01-retro", "--trust", "3"],
    );
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: 2026-03-01-retro is not a pulse (its kind is retro); scaffold one with `decide review new TITLE --kind pulse`\n"
        )
    );
    assert_eq!(pulse_file(dir.path()), PULSE_BLOCK);
}

#[test]
fn feedback_records_signals_and_refuses_unknown_ones() {
    let dir = pulse_log(PULSE_BLOCK);
    let run = decide(
        dir.path(),
        &[
            "feedback",
            "1",
            "--by",
            "dana",
            "--stance",
            "concern",
            "--signal",
            "Fairness",
            "--signal",
            "user-friction",
            "--signal",
            "fairness",
            "--date",
            "2026-04-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&dir.path().join("decisions/0001-x.md")),
        "---\nstatus: draft\nfeedback:\n  - by: dana\n    date: 2026-04-01\n    stance: concern\n    signals: fairness, user-friction\n---\n# X\n"
    );
    let run = decide(
        dir.path(),
        &[
            "feedback", "1", "--by", "dana", "--stance", "concern", "--signal", "cost",
        ],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `cost` is not a signal; the signals are trust, fairness, user-friction, clarity, risk (add more under the charter's `signals`)\n"
    );
    // The charter extends the set.
    write(
        dir.path(),
        "decisions/charter.md",
        "---\nsignals: [cost]\n---\n",
    );
    let run = decide(
        dir.path(),
        &[
            "feedback",
            "1",
            "--by",
            "dana",
            "--stance",
            "concern",
            "--signal",
            "cost",
            "--date",
            "2026-04-02",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = json_of(&decide(
        dir.path(),
        &["report", "--as-of", "2026-04-30", "--format", "json"],
    ));
    assert_eq!(r["signals"]["signalled"], 2);
    let check = decide(
        dir.path(),
        &["check", "--format", "concise", "--as-of", "2026-04-30"],
    );
    assert!(!check.stdout.contains("DL064"), "{}", check.stdout);
}

#[test]
fn review_new_scaffolds_a_pulse() {
    let dir = pulse_log(PULSE_BLOCK);
    let run = decide(
        dir.path(),
        &[
            "review",
            "new",
            "Q2 pulse",
            "--kind",
            "pulse",
            "--date",
            "2026-06-30",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&dir.path().join("decisions/reviews/2026-06-30-q2-pulse.md"));
    assert!(
        text.starts_with("---\nkind: pulse\ntitle: Q2 pulse\ndate: 2026-06-30\nfacilitator:\ninvited: []\ndecisions: []\nresponses: []\n---\n# Q2 pulse\n"),
        "{text}"
    );
    assert!(
        text.contains("`decide pulse add 2026-06-30-q2-pulse --by P"),
        "{text}"
    );
    let check = decide(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--as-of",
            "2026-07-01",
            "decisions/reviews/2026-06-30-q2-pulse.md",
        ],
    );
    let codes: Vec<&str> = check
        .stdout
        .lines()
        .filter_map(|l| l.split(' ').nth(1))
        .collect();
    assert_eq!(codes, ["DL063", "DL062"], "{}", check.stdout);
    // The scaffold's empty list takes the first response as a block list.
    let run = decide(
        dir.path(),
        &[
            "pulse",
            "add",
            "2026-06-30-q2-pulse",
            "--by",
            "dana",
            "--trust",
            "2",
            "--date",
            "2026-07-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = read(&dir.path().join("decisions/reviews/2026-06-30-q2-pulse.md"));
    assert_eq!(
        after,
        text.replace(
            "responses: []\n",
            "responses:\n  - by: dana\n    date: 2026-07-01\n    trust: 2\n"
        )
    );
}

#[test]
fn digest_tells_the_latest_pulse_and_the_open_fairness_and_friction_concerns() {
    let log = fixture();
    let run = decide_on(
        &log,
        &[
            "digest",
            "--since",
            "2026-04-01",
            "--as-of",
            "2026-05-15",
            "--format",
            "text",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    // April against January: trust 4 → 8/3, satisfaction 3.5 → 8/3, clarity 3.5 both times.
    assert!(
        out.ends_with(
            "\nStakeholder pulse\n-----------------\n\
             * Pulse of 2026-04-30: Clarity held at 3.5, trust fell from 4 to 2.7 (a drop)\n  \
             and satisfaction fell from 3.5 to 2.7 (a drop) since the 2026-01-31 pulse; 4\n  \
             of 5 invited answered, after 0002 Send retention offers by SMS.\n\
             * dana: “The SMS plan leaves agents out”\n\
             \nOpen fairness and user-friction concerns\n\
             ----------------------------------------\n\
             * 0001 Use LightGBM: fairness concern by lee on 2026-01-15: “Older customers\n  \
             may be ranked lower”.\n\
             * 0002 Send retention offers by SMS: user-friction concern by kofi on\n  \
             2026-04-11.\n"
        ),
        "{out}"
    );
    // Dana's objection was resolved on 2026-04-20; before that it is listed.
    let run = decide_on(
        &log,
        &["digest", "--since", "2026-04-01", "--as-of", "2026-04-15"],
    );
    assert!(
        run.stdout.contains("- **0002 Send retention offers by SMS**: user-friction and fairness objection by dana on 2026-04-10.\n"),
        "{}",
        run.stdout
    );
    // The July pulse asked fairness for the first time.
    let run = decide_on(&log, &["digest", "--since", "2026-07-01", "--as-of", AS_OF]);
    assert!(
        run.stdout.contains(
            "and fairness was 3 (first asked) since the 2026-04-30 pulse; 2 of 5 invited answered"
        ),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("Anonymous"),
        "the July anonymous answer has no comment"
    );
}

/// Ten decisions, each named by one pulse with one trust rating (1 to 10 on
/// a ten-point scale), and a retro recording an incident count for each.
fn outcome_log(decisions: u32) -> tempfile::TempDir {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/charter.md",
        "---\npulse-scale: 10\n---\n",
    );
    let mut outcomes = String::new();
    for i in 1..=decisions {
        write(
            dir.path(),
            &format!("decisions/{i:04}-d.md"),
            &format!(
                "---\nstatus: accepted\ndate: 2026-01-{i:02}\nconsulted: [lee]\n---\n# D{i}\n"
            ),
        );
        write(
            dir.path(),
            &format!("decisions/reviews/2026-02-{i:02}-pulse.md"),
            &format!(
                "---\nkind: pulse\ndate: 2026-02-{i:02}\ninvited: [lee]\ndecisions: [{i}]\nresponses:\n  - trust: {i}\n---\n"
            ),
        );
        // Incidents fall as trust rises, except that decisions 1 and 2 swap.
        let incidents = match i {
            1 => 9,
            2 => 10,
            _ => 11 - i,
        };
        outcomes.push_str(&format!(
            "  - decision: {i}\n    metric: incident-count\n    value: {incidents}\n"
        ));
    }
    write(
        dir.path(),
        "decisions/reviews/2026-06-01-retro.md",
        &format!("---\nkind: retro\ndate: 2026-06-01\noutcomes:\n{outcomes}---\n"),
    );
    dir
}

#[test]
fn pulse_means_against_outcomes_follow_the_participation_rule() {
    let dir = outcome_log(10);
    let run = decide(
        dir.path(),
        &["report", "--as-of", "2026-07-01", "--format", "json"],
    );
    let r = json_of(&run);
    let trust = find_by(&r["pulse"]["outcomes"], "question", "trust");
    // Trust ranks 1..10; incident ranks 9, 10, 8, 7, …, 1. Reversed order
    // would give Σd² = Σ(2i − 11)² = 330; the swap makes d₁ = d₂ = −8, so
    // Σd² = 330 − 81 − 49 + 64 + 64 = 328 and ρ = 1 − 6·328/990 = −0.98788.
    assert_eq!(trust["n"], 10);
    close(&trust["rho"], -1.0 + 12.0 / 990.0);
    let table = decide(dir.path(), &["report", "--as-of", "2026-07-01"]).stdout;
    assert!(
        table.contains("│ trust    ┆ incident-count ┆ 10        ┆ ρ = -0.99 │"),
        "{table}"
    );
    // With nine decisions the figure is withheld, as for participation.
    let dir = outcome_log(9);
    let r = json_of(&decide(
        dir.path(),
        &["report", "--as-of", "2026-07-01", "--format", "json"],
    ));
    let trust = &r["pulse"]["outcomes"][0];
    assert_eq!(
        (
            &trust["question"],
            &trust["n"],
            &trust["rho"],
            &trust["withheld"]
        ),
        (&json!("trust"), &json!(9), &Value::Null, &json!("too-few"))
    );
}

#[test]
fn malformed_pulses_are_findings_not_failures() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/people.yaml",
        "people:\n  ana: { roles: [product] }\n",
    );
    write(
        dir.path(),
        "decisions/reviews/2026-03-01-a.md",
        "---\nkind: pulse\ndate: 2026-03-01\ninvited: [ana]\nresponses: oops\n---\n",
    );
    write(
        dir.path(),
        "decisions/reviews/2026-03-02-b.md",
        "---\nkind: pulse\ndate: 2026-03-02\ninvited: [ana]\nresponses:\n  - by: zed\n    trust: [1, 2]\n    clarity: 99999999999999999999999\n    satisfaction: -3\n  - 7\n  - by: ana\n    trust: 4\n    trust: 5\n    comment: \"\\e[31mred\"\n---\n",
    );
    let run = decide(
        dir.path(),
        &["check", "--format", "concise", "--as-of", "2026-03-31"],
    );
    let found: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            let (at, rest) = l.split_once(": ").unwrap();
            let file = at.split('/').next_back().unwrap();
            format!("{file} {}", rest.split(' ').next().unwrap())
        })
        .collect();
    assert_eq!(
        found,
        [
            "2026-03-01-a.md:5:1 DL062",
            "2026-03-01-a.md:5:12 DL005",
            "2026-03-02-b.md:6:9 DL010",
            "2026-03-02-b.md:7:12 DL060",
            "2026-03-02-b.md:8:14 DL060",
            "2026-03-02-b.md:9:19 DL060",
            "2026-03-02-b.md:10:5 DL005",
            "2026-03-02-b.md:13:5 DL003",
        ],
        "{}",
        run.stdout
    );
    let report = decide(dir.path(), &["report", "--as-of", "2026-03-31"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    // ana's first trust answer counts; the escape sequence never reaches the terminal.
    assert!(
        report
            .stdout
            .contains("│ 2026-03-02 ┆ trust        ┆ 4    ┆ 0·0·0·1·0 ┆ 1 ┆ 100% (1/1) ┆ n/a    │"),
        "{}",
        report.stdout
    );
    let digest = decide(
        dir.path(),
        &[
            "digest",
            "--since",
            "2026-03-01",
            "--as-of",
            "2026-03-31",
            "--format",
            "text",
        ],
    );
    assert!(!digest.stdout.contains('\u{1b}'), "{}", digest.stdout);
}

#[test]
fn show_lists_the_signals_of_each_feedback_entry() {
    let run = decide_on(&fixture(), &["show", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "  1. 2026-04-10  dana       objection    [resolved 2026-04-20] [signals: user-friction, fairness]\n  2. 2026-04-11  kofi       concern      [signals: user-friction]\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn edges_a_skipped_question_a_late_response_and_feedback_on_the_as_of_day() {
    let dir = tempdir();
    let pulse = |date: &str, responses: &str| {
        format!("---\nkind: pulse\ndate: {date}\ninvited: [ana, raj]\nresponses:\n{responses}---\n")
    };
    write(
        dir.path(),
        "decisions/reviews/2026-01-31-a.md",
        &pulse(
            "2026-01-31",
            "  - by: ana\n    trust: 4\n    satisfaction: 4\n",
        ),
    );
    // satisfaction skipped here: the next pulse compares with January.
    write(
        dir.path(),
        "decisions/reviews/2026-04-30-b.md",
        &pulse("2026-04-30", "  - by: ana\n    trust: 3\n"),
    );
    // raj answered after the as-of date: not counted yet.
    write(
        dir.path(),
        "decisions/reviews/2026-07-31-c.md",
        &pulse(
            "2026-07-31",
            "  - by: ana\n    trust: 3\n    satisfaction: 3\n  - by: raj\n    date: 2026-08-20\n    trust: 1\n",
        ),
    );
    let r = json_of(&decide(
        dir.path(),
        &["report", "--as-of", "2026-08-15", "--format", "json"],
    ));
    let jul = &r["pulse"]["pulses"][2];
    assert_eq!(jul["responses"], 1);
    let s = question(jul, "satisfaction");
    assert_eq!(
        (&s["previous"], &s["previous_mean"]),
        (&json!("2026-01-31-a"), &json!(4.0))
    );
    close(&s["change"], -1.0);
    let t = question(jul, "trust");
    assert_eq!(t["previous"], "2026-04-30-b");
    close(&t["change"], 0.0);
    // After 2026-08-20 raj's answer counts: trust (3 + 1) / 2 = 2, a drop of 1.
    let r = json_of(&decide(
        dir.path(),
        &["report", "--as-of", "2026-08-31", "--format", "json"],
    ));
    let t = question(&r["pulse"]["pulses"][2], "trust");
    assert_eq!(
        (&t["mean"]["value"], &t["dropped"]),
        (&json!(2.0), &json!(true))
    );

    // Feedback dated on the as-of day counts; the day after does not.
    let log = fixture();
    let at = |as_of: &str| -> Value {
        let run = decide_on(&log, &["report", "--as-of", as_of, "--format", "json"]);
        json_of(&run)["signals"].clone()
    };
    // On 2026-04-10: lee and raj on 0001, dana on 0002.
    let s = at("2026-04-10");
    assert_eq!((&s["feedback"], &s["signalled"]), (&json!(3), &json!(3)));
    assert_eq!(s["open"], json!({"count": 2, "n": 2}));
    // Before any signal: no signals section at all.
    assert!(at("2026-01-14").is_null());
}
