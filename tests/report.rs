//! `decide report` on a log small enough to compute by hand
//! (tests/fixtures/report: 8 decisions, 4 reviews, 10 people, as of
//! 2026-03-31). Every figure is asserted against the value worked out in
//! the comments, which follow the definitions in docs/report.md.

use serde_json::{Value, json};

use crate::common::*;

const AS_OF: &str = "2026-03-31";

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/report/decisions")
}

fn report(args: &[&str]) -> Run {
    report_at(AS_OF, args)
}

fn report_at(as_of: &str, args: &[&str]) -> Run {
    let mut all = vec!["report", "--as-of", as_of];
    all.extend_from_slice(args);
    decide_on(&fixture(), &all)
}

fn json_report() -> Value {
    let run = report(&["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json_of(&run)
}

fn decision<'a>(r: &'a Value, id: &str) -> &'a Value {
    find_by(&r["decisions"], "id", id)
}

fn person<'a>(r: &'a Value, key: &str) -> &'a Value {
    find_by(&r["people"], "person", key)
}

#[test]
fn scope_and_counts() {
    let r = json_report();
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["as_of"], AS_OF);
    // Everything the figures need is there; the one note is the async
    // review of 04-02, dated after T (see `a_review_after_the_as_of_date_counts_for_nothing`).
    assert_eq!(
        r["notes"],
        json!(["1 record dated after the as-of date is left out."])
    );
    assert_eq!(r["counts"]["after_as_of"], 1);
    assert_eq!(
        r["history"],
        Value::Null,
        "every record has a date: git is not asked"
    );
    assert_eq!(r["counts"]["decisions"], 8);
    // 0008 states no status: counted apart as `unknown`.
    assert_eq!(
        r["counts"]["by_status"],
        json!({"accepted": 3, "draft": 1, "proposed": 2, "rejected": 1, "unknown": 1})
    );
    assert_eq!(r["counts"]["reviews"], 4);
    assert_eq!(r["inputs"]["registry_roles"], 7);
}

#[test]
fn participation_per_decision() {
    let r = json_report();
    // 0001: E = consulted [product → mei, priya; lee] ∪ decision-makers [raj].
    // mei (feedback), lee (as alias `lpark`) and raj (attended the 01-14
    // check-in) answered by `decided` 2026-01-20; priya's objection is dated
    // 01-25, after the decision, so it does not count. zoe attended without
    // being asked; ana attended too but owns the decision.
    let p = &decision(&r, "0001")["participation"];
    assert_eq!(p["expected"], json!(["lee", "mei", "priya", "raj"]));
    assert_eq!(p["responded"], json!(["lee", "mei", "raj"]));
    assert_eq!(p["unsolicited"], json!(["zoe"]));
    assert_eq!(p["after_cutoff"], json!(["priya"]));
    assert_eq!(p["rate"], json!({"value": 0.75, "num": 3, "n": 4}));
    assert_eq!(p["cutoff"], "2026-01-20");
    // 0002: E = [ben] ∪ agents → lee, kim. ben attended the 02-10 check-in
    // and kim objected on 02-05; lee never answered. sam and the product
    // group (mei, priya) attended unasked.
    let p = &decision(&r, "0002")["participation"];
    assert_eq!(p["expected"], json!(["ben", "kim", "lee"]));
    assert_eq!(p["responded"], json!(["ben", "kim"]));
    assert_eq!(p["unsolicited"], json!(["mei", "priya", "sam"]));
    // 0003: raj, mei, tom; mei and tom gave feedback.
    assert_eq!(
        decision(&r, "0003")["participation"]["rate"],
        json!({"value": 2.0 / 3.0, "num": 2, "n": 3})
    );
    // 0004: still proposed, so the cutoff is the as-of date. sam and lee
    // answered the async request (feedback `on: 4` in the review); kim and
    // raj have until 04-03.
    let p = &decision(&r, "0004")["participation"];
    assert_eq!(p["expected"], json!(["kim", "lee", "raj", "sam"]));
    assert_eq!(p["responded"], json!(["lee", "sam"]));
    assert_eq!(p["cutoff"], AS_OF);
    // 0005: tom and zoe of raj, tom, zoe.
    assert_eq!(decision(&r, "0005")["participation"]["rate"]["num"], 2);
    // 0006 is a draft: nobody has been asked yet.
    assert_eq!(decision(&r, "0006")["participation"], Value::Null);
    assert_eq!(decision(&r, "0006")["completeness"], Value::Null);
    // 0007 names nobody to consult or decide: its rate is n/a, not 0%.
    assert_eq!(
        decision(&r, "0007")["participation"]["rate"],
        json!({"value": null, "num": 0, "n": 0})
    );
    // 0008 (no status) asked ben, who never answered: 0 of 1 is a real 0%.
    assert_eq!(
        decision(&r, "0008")["participation"]["rate"],
        json!({"value": 0.0, "num": 0, "n": 1})
    );
}

#[test]
fn participation_pooled_and_per_person() {
    let r = json_report();
    // Σ responded / Σ expected over the 7 non-draft decisions:
    // (3 + 2 + 2 + 2 + 2 + 0 + 0) / (4 + 3 + 3 + 4 + 3 + 0 + 1) = 11 / 18.
    let p = &r["participation"];
    assert_eq!(p["pooled"]["num"], 11);
    assert_eq!(p["pooled"]["n"], 18);
    close(&p["pooled"]["value"], 11.0 / 18.0);
    assert_eq!(p["decisions"], 7);
    assert_eq!(p["nobody_expected"], 1);
    // zoe on 0001; sam, mei, priya on 0002.
    assert_eq!(p["unsolicited"], json!({"count": 4, "n": 7}));

    // Asked / answered, per person, over the same decisions.
    let expect = [
        ("ana", 0, 0, 0, 1),
        ("ben", 2, 1, 0, 0),
        ("kim", 2, 1, 0, 0),
        ("lee", 3, 2, 0, 2),
        ("mei", 2, 2, 1, 0),
        ("priya", 1, 0, 1, 0),
        ("raj", 4, 1, 0, 0),
        ("sam", 1, 1, 1, 0),
        ("tom", 2, 2, 0, 0),
        ("zoe", 1, 1, 1, 1),
    ];
    assert_eq!(r["people"].as_array().unwrap().len(), expect.len());
    for (key, asked, answered, unsolicited, facilitated) in expect {
        let p = person(&r, key);
        assert_eq!(p["rate"]["n"], asked, "{key}");
        assert_eq!(p["rate"]["num"], answered, "{key}");
        assert_eq!(p["unsolicited"], unsolicited, "{key}");
        assert_eq!(p["facilitated"], facilitated, "{key}");
    }
    // Nobody asked ana anything: n/a, not 0%.
    assert_eq!(person(&r, "ana")["rate"]["value"], Value::Null);
    assert_eq!(person(&r, "sam")["roles"], json!(["risk", "legal"]));
}

#[test]
fn diversity_of_perspectives() {
    let r = json_report();
    let ln7 = 7f64.ln();
    // 0001 heard lee (end-user), mei (product), raj (ml-engineering) and
    // zoe (analytics): 4 roles, 1/4 each. Required: data-science, end-user,
    // product → 2 of 3. Entropy ln 4 / ln 7.
    let d = &decision(&r, "0001")["diversity"];
    assert_eq!(
        d["roles"],
        json!(["analytics", "end-user", "ml-engineering", "product"])
    );
    assert_eq!(d["coverage"], json!({"value": 2.0 / 3.0, "num": 2, "n": 3}));
    assert_eq!(d["missing_roles"], json!(["data-science"]));
    close(&d["entropy"], 4f64.ln() / ln7);
    // 0002 heard ben (data-science), kim (end-user), sam (risk and legal:
    // ½ each), mei and priya (product): weights 1, 1, ½, ½, 2 of 5.
    let d = &decision(&r, "0002")["diversity"];
    assert_eq!(
        d["roles"],
        json!(["data-science", "end-user", "legal", "product", "risk"])
    );
    assert_eq!(d["coverage"]["num"], 3);
    let h2 = -[0.2f64, 0.2, 0.1, 0.1, 0.4]
        .iter()
        .map(|p| p * p.ln())
        .sum::<f64>();
    close(&d["entropy"], h2 / ln7);
    // 0004 heard sam (½ risk, ½ legal) and lee (end-user): ¼, ¼, ½.
    let h4 = -[0.25f64, 0.25, 0.5].iter().map(|p| p * p.ln()).sum::<f64>();
    close(&decision(&r, "0004")["diversity"]["entropy"], h4 / ln7);
    // 0007 heard nobody: 0 roles, 0 of 3 required, entropy n/a.
    let d = &decision(&r, "0007")["diversity"];
    assert_eq!(d["roles"], json!([]));
    assert_eq!(d["coverage"]["value"], 0.0);
    assert_eq!(d["entropy"], Value::Null);

    // Means: roles (4 + 5 + 2 + 3 + 2 + 0 + 0) / 7; coverage
    // (2/3 + 1 + 1/3 + 1/3 + 0 + 0 + 0) / 7 = 1/3; entropy over the five
    // decisions that heard someone.
    let s = &r["diversity"];
    close(&s["distinct_roles"]["value"], 16.0 / 7.0);
    assert_eq!(s["distinct_roles"]["n"], 7);
    close(&s["coverage"]["value"], 1.0 / 3.0);
    assert_eq!(s["coverage"]["n"], 7);
    let ln2 = 2f64.ln();
    let entropy_mean = (4f64.ln() + h2 + ln2 + h4 + ln2) / ln7 / 5.0;
    close(&s["entropy"]["value"], entropy_mean);
    assert_eq!(s["entropy"]["n"], 5);
}

#[test]
fn timeliness() {
    let r = json_report();
    let t = &r["timeliness"];
    // Two requests. The async review of 0004 (sent 03-24, respond-by 04-03):
    // sam 03-26 and lee 03-28 on time (2 and 4 days); kim and raj not yet
    // due, left out. 0004 is proposed but its async review stands for it.
    // Proposed 0005 (dated 03-02, due 03-02 + 5 days = 03-07): tom 03-04 on
    // time (2), zoe 03-12 late (10), raj never: missing and overdue = late.
    let requests = t["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["source"], "review 2026-03-24-async-sentiment");
    assert_eq!(requests[0]["due"], "2026-04-03");
    assert_eq!(requests[1]["source"], "decision 0005");
    assert_eq!(requests[1]["due"], "2026-03-07");
    let states: Vec<(&str, &str)> = requests
        .iter()
        .flat_map(|q| q["answers"].as_array().unwrap())
        .map(|a| (a["person"].as_str().unwrap(), a["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("kim", "not-yet-due"),
            ("lee", "on-time"),
            ("raj", "not-yet-due"),
            ("sam", "on-time"),
            ("raj", "missing-overdue"),
            ("tom", "on-time"),
            ("zoe", "late"),
        ]
    );
    // On time: 3 of 5 (kim and raj of the async request are excluded).
    assert_eq!(t["on_time"], json!({"value": 0.6, "num": 3, "n": 5}));
    assert_eq!(t["late"], 1);
    assert_eq!(t["missing_overdue"], 1);
    assert_eq!(t["not_yet_due"], 2);
    // Latencies 2, 4, 2, 10 → sorted 2, 2, 4, 10: median (2 + 4) / 2 = 3;
    // p90 by nearest rank ⌈0.9 · 4⌉ = 4th value = 10. raj has no latency.
    assert_eq!(t["latency"], json!({"median": 3.0, "p90": 10.0, "n": 4}));
}

fn s_with_errors(r: &serde_json::Value) -> u64 {
    r["completeness"]["with_check_errors"].as_u64().unwrap()
}

#[test]
fn rationale_completeness() {
    let r = json_report();
    let c = |id: &str| decision(&r, id)["completeness"].clone();
    assert_eq!(
        c("0001"),
        json!({"passed": 9, "applicable": 9, "missing": []})
    );
    // No alternatives: "alternative" fails and "alternative reasons" does
    // not apply; no revisit-by, but the charter's revisit-days counts.
    assert_eq!(
        c("0002"),
        json!({"passed": 6, "applicable": 8, "missing": ["alternative", "constraint"]})
    );
    // A rationale of `TBD` is a placeholder.
    assert_eq!(
        c("0003"),
        json!({"passed": 8, "applicable": 9, "missing": ["rationale"]})
    );
    assert_eq!(
        c("0004"),
        json!({"passed": 5, "applicable": 9,
               "missing": ["alternative reasons", "constraint", "expected outcome", "artifact"]})
    );
    assert_eq!(c("0005")["passed"], 9);
    assert_eq!(
        c("0007"),
        json!({"passed": 3, "applicable": 8,
               "missing": ["decision-maker", "alternative", "constraint", "expected outcome", "artifact"]})
    );
    assert_eq!(c("0008")["passed"], 2);
    assert_eq!(c("0008")["applicable"], 8);
    // Mean (1 + 6/8 + 8/9 + 5/9 + 1 + 3/8 + 2/8) / 7. 0001 and 0005 pass
    // every check, but `check` finds an error on 0001 (Priya's unresolved
    // objection, DL043), so only 1 of 7 is fully complete, and 0001 says why.
    // `check` also finds an error on 0002 (an open action without a due
    // date, DL041) and 0003 (the `TBD` rationale, DL009): 3 decisions.
    assert_eq!(decision(&r, "0001")["check_errors"], 1);
    assert_eq!(decision(&r, "0002")["check_errors"], 1);
    assert_eq!(decision(&r, "0003")["check_errors"], 1);
    assert_eq!(decision(&r, "0005")["check_errors"], 0);
    assert_eq!(s_with_errors(&r), 3);
    let s = &r["completeness"];
    close(
        &s["mean"]["value"],
        (1.0 + 0.75 + 8.0 / 9.0 + 5.0 / 9.0 + 1.0 + 0.375 + 0.25) / 7.0,
    );
    assert_eq!(s["mean"]["n"], 7);
    assert_eq!(
        s["fully_complete"],
        json!({"value": 1.0 / 7.0, "num": 1, "n": 7})
    );
    let failing: Vec<(String, u64)> = s["failing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["check"].as_str().unwrap().to_string(),
                f["decisions"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("owner", 0),
        ("decision-maker", 2),
        ("alternative", 3),
        ("alternative reasons", 1),
        ("rationale", 2),
        ("constraint", 4),
        ("expected outcome", 3),
        ("artifact", 3),
        ("revisit date", 0),
    ];
    assert_eq!(failing, expected.map(|(c, n)| (c.to_string(), n)).to_vec());
}

#[test]
fn action_items() {
    let r = json_report();
    let a = &r["actions"];
    // Seven items: 0001 ana done 02-10 (due 02-01: 9 days late); 0002 kim
    // due 03-01 open (30 days overdue) and ben open with no due date; 0003
    // raj due 03-15, marked done on 04-05, which is after the as-of date, so
    // on 03-31 it was open and 16 days overdue; 0005 tom due 04-10 open;
    // 0007 priya dropped; the 02-10 check-in's sam done before due.
    assert_eq!(a["open"], json!({"count": 4, "n": 7}));
    assert_eq!(a["overdue"], json!({"count": 2, "n": 4}));
    assert_eq!(a["done_late"], json!({"count": 1, "n": 2}));
    assert_eq!(a["no_due"], json!({"count": 1, "n": 4}));
    assert_eq!(a["dropped"], 1);
    let overdue: Vec<(&str, i64)> = a["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| !i["overdue_days"].is_null())
        .map(|i| {
            (
                i["owner"].as_str().unwrap(),
                i["overdue_days"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(overdue, [("kim", 30), ("raj", 16)]);
    let late = a["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| !i["done_late_days"].is_null())
        .unwrap();
    assert_eq!(
        (late["owner"].as_str(), late["done_late_days"].as_i64()),
        (Some("ana"), Some(9))
    );
    assert_eq!(
        a["by_owner"],
        json!([
            {"owner": "ana", "open": 0, "overdue": 0, "done": 1, "done_late": 1, "no_due": 0},
            {"owner": "ben", "open": 1, "overdue": 0, "done": 0, "done_late": 0, "no_due": 1},
            {"owner": "kim", "open": 1, "overdue": 1, "done": 0, "done_late": 0, "no_due": 0},
            {"owner": "priya", "open": 0, "overdue": 0, "done": 0, "done_late": 0, "no_due": 0},
            {"owner": "raj", "open": 1, "overdue": 1, "done": 0, "done_late": 0, "no_due": 0},
            {"owner": "sam", "open": 0, "overdue": 0, "done": 1, "done_late": 0, "no_due": 0},
            {"owner": "tom", "open": 1, "overdue": 0, "done": 0, "done_late": 0, "no_due": 0},
        ])
    );
    assert_eq!(person(&r, "kim")["overdue_actions"], 1);
    assert_eq!(person(&r, "tom")["open_actions"], 1);
}

#[test]
fn revisits_lead_time_cadence_outcomes() {
    let r = json_report();
    // Accepted: 0001 (revisit-by 04-15, in 15 days), 0002 (implicit:
    // decided 02-11 + 180 days = 08-10, not within 30 days), 0003 (03-20,
    // 11 days overdue). Horizon: before 03-31 + 30 days.
    let v = &r["revisits"];
    assert_eq!(v["n"], 3);
    assert_eq!(v["horizon"], "2026-04-29");
    assert_eq!(v["without_date"], 0);
    let due: Vec<(&str, i64, bool)> = v["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap(),
                x["in_days"].as_i64().unwrap(),
                x["implicit"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(due, [("0003", -11, false), ("0001", 15, false)]);

    // Lead times: 0001 15, 0002 10, 0003 18, 0007 36 → median 16.5, p90 36.
    assert_eq!(
        r["lead_time"]["days"],
        json!({"median": 16.5, "p90": 36.0, "n": 4})
    );
    assert_eq!(decision(&r, "0007")["lead_time_days"], 36);

    // Two check-ins over 2026-01-05 (the earliest record) to 03-31, 86 days:
    // 2 / (86 / 30.4375) per month; the charter asks for 30.4375 / 14.
    let c = &r["cadence"];
    assert_eq!(c["check_ins"], 2);
    assert_eq!(c["from"], "2026-01-05");
    close(&c["per_month"], 2.0 / (86.0 / 30.4375));
    close(&c["expected_per_month"], 30.4375 / 14.0);
    assert_eq!(
        c["longest_gap"],
        json!({"days": 49, "from": "2026-02-10", "to": AS_OF})
    );
    // Facilitators lee, lpark (= lee), zoe, ana: 3 distinct over 4 reviews.
    assert_eq!(c["rotation"], json!({"value": 0.75, "num": 3, "n": 4}));
    assert_eq!(
        c["facilitators"],
        json!([{"person": "lee", "reviews": 2}, {"person": "ana", "reviews": 1}, {"person": "zoe", "reviews": 1}])
    );

    // The retro records incident-count for two decisions (0001's latest is
    // 0): below ten, so no correlation is printed.
    let o = &r["outcomes"];
    assert_eq!(
        o["points"][0],
        json!({"decision": "0001", "metric": "incident-count", "value": 0.0, "date": "2026-03-30", "participation": 0.75})
    );
    // 0002's saves per week: 41 dated 02-09 in the 02-10 check-in, and 35
    // with no date of its own in the 03-30 retro. The dated value wins, though
    // the undated one's review is later (docs/report.md, Engagement vs outcomes).
    assert_eq!(
        o["points"][2],
        json!({"decision": "0002", "metric": "saves per week", "value": 41.0, "date": "2026-02-09", "participation": 2.0 / 3.0})
    );
    assert_eq!(o["points"].as_array().unwrap().len(), 3);
    assert_eq!(
        o["correlations"],
        json!([
            {"metric": "incident-count", "n": 2, "rho": null, "withheld": "too-few"},
            {"metric": "saves per week", "n": 1, "rho": null, "withheld": "too-few"}
        ])
    );
}

#[test]
fn a_review_after_the_as_of_date_counts_for_nothing() {
    // The async review of 2026-04-02 lists 0005, records raj's support and
    // kim's concern on it dated 03-29 (before T = 03-31), raj and kim as
    // attending, and an incident-count of 9 for 0001 dated 03-31. On 03-31
    // it had not happened: none of it counts.
    let r = json_report();
    // Participation of 0005 (E = raj, tom, zoe): still tom and zoe only;
    // raj's support is not a response, and kim is not unsolicited.
    let p = &decision(&r, "0005")["participation"];
    assert_eq!(p["expected"], json!(["raj", "tom", "zoe"]));
    assert_eq!(p["responded"], json!(["tom", "zoe"]));
    assert_eq!(p["unsolicited"], json!([]));
    assert_eq!(p["after_cutoff"], json!([]));
    assert_eq!(p["rate"], json!({"value": 2.0 / 3.0, "num": 2, "n": 3}));
    assert_eq!(person(&r, "kim")["unsolicited"], 0);
    // Pooled unsolicited responses over the counted decisions: zoe on 0001,
    // mei, priya and sam on 0002, nobody else: 4, as without the review.
    assert_eq!(r["participation"]["unsolicited"]["count"], 4);
    // Timeliness: 0005 is proposed and only this future async review lists
    // it, so it is still its own request, due 03-02 + 5 days.
    let requests = r["timeliness"]["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1]["source"], "decision 0005");
    assert_eq!(requests[1]["due"], "2026-03-07");
    // Outcomes: 0001's latest incident-count is the retro's 0, not the 9.
    assert_eq!(r["outcomes"]["points"][0]["value"], 0.0);
    // The review is not counted, and its facilitator does not rotate.
    assert_eq!(r["counts"]["reviews"], 4);
    assert_eq!(r["cadence"]["rotation"]["n"], 4);
}

#[test]
fn table_prints_the_sections_in_order_within_100_columns() {
    let run = report(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.starts_with("Engagement report, as of 2026-03-31\n8 decisions (3 accepted, 1 draft, 2 proposed, 1 rejected, 1 with no status) and 4 reviews\n"),
        "{out}"
    );
    let order = [
        "\nSummary\n",
        "\nPer person\n",
        "\nPer decision\n",
        "\nOverdue actions\n",
        "\nRevisits due by 2026-04-29\n",
        "\nEngagement vs outcomes (correlation, not cause)\n",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|h| {
            out.find(h)
                .unwrap_or_else(|| panic!("{h:?} missing:\n{out}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(widest_line(out) <= 100, "{}", widest_line(out));
    for line in [
        "│ Participation (pooled)            ┆ 61% (11 of 18)",
        "│ Feedback on time                  ┆ 60% (3 of 5)",
        "│ Feedback latency, median / p90    ┆ 3 / 10 days",
        "│ Lead time, median / p90           ┆ 16.5 / 36 days",
        "│ Facilitator rotation              ┆ 0.75 (3 of 4)",
        "┆ accepted ┆ 3/4 75%  ┆ 4     ┆ 2/3      ┆ 9/9 (1 check ┆ 15d  │",
        "│ 0007 ┆ Buy third-party ┆ rejected ┆ n/a ┆ 0 ┆ 0/3 ┆ 3/8 ┆ 36d │",
        "│ kim   ┆ 2026-03-01 ┆ 30        ┆ Size the Lisbon queue ┆ decision 0002, action 1 │",
        "│ 0003 ┆ Retrain monthly        ┆ 2026-03-20 ┆ -11     ┆ revisit-by │",
    ] {
        // Column widths follow the longest figure name; compare words only.
        let squeeze = |s: &str| {
            s.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert!(
            squeeze(out).contains(&squeeze(line)),
            "missing {line:?} in\n{out}"
        );
    }
    // A wide terminal does not widen the report past 100 columns.
    let dir = tempdir();
    let log = fixture();
    let wide = crate::common::run(cmd(dir.path()).env("COLUMNS", "250").args([
        "--dir",
        log.to_str().unwrap(),
        "report",
        "--as-of",
        AS_OF,
    ]));
    assert!(widest_line(&wide.stdout) <= 100);
}

#[test]
fn markdown_pastes_into_a_pull_request() {
    let run = report(&["--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert!(
        md.starts_with("## Engagement report\n\nAs of 2026-03-31. 8 decisions"),
        "{md}"
    );
    for line in [
        "### Summary\n\n| Figure | Value | n | Meaning |\n|---|---|---|---|\n| Participation (pooled) | 61% (11 of 18) | 18 expected on 7 decisions | share of the people asked (consulted, deciding) who took part before the decision, by a view or by attending; higher is better |",
        "### Per decision\n\n| ID | Title | Status | Answered | Roles | Required | Complete | Lead |",
        "| 0004 | Add sentiment features from call transcripts | proposed | 2/4 50% | 3 | 1/3 | 5/9 | - |",
        "### Overdue actions\n\n| Owner | Due | Days late | Action | Where |",
        "| raj | 2026-03-15 | 16 | Move the cron job | decision 0003, action 1 |",
        "### Engagement vs outcomes (correlation, not cause)",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    assert!(
        md.ends_with("### Affected groups not heard\n\nNo decision names the groups it affects (the affected: key).\n"),
        "ends with the last register: {md}"
    );
}

#[test]
fn csv_one_table_per_choice() {
    let run = report(&["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "figure,value,count,n");
    for line in [
        "decisions,8,8,8",
        "participation_pooled,0.6111,11,18",
        "roles_heard_mean,2.2857,,7",
        "role_entropy_mean,0.543,,5",
        "feedback_on_time,0.6,3,5",
        "feedback_latency_median_days,3,,4",
        "feedback_latency_p90_days,10,,4",
        "completeness_mean,0.6885,,7",
        "actions_overdue,2,2,4",
        "revisits_due,2,2,3",
        "lead_time_median_days,16.5,,4",
        "facilitator_rotation,0.75,3,4",
        "spearman:incident-count,,,2",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{}", run.stdout);
    }

    // Sam gave a view on 0004 on 03-26, on time for the async request's
    // respond-by of 04-03.
    let people = report(&["--format", "csv", "--by", "person"]).stdout;
    assert!(people.starts_with("person,name,roles,expected,responded,rate,unsolicited,facilitated,open_actions,overdue_actions,gave_view,attended_only,on_time,late,after_decision\n"));
    assert!(
        people.contains("\nsam,Sam Roy,risk;legal,1,1,1,1,0,0,0,1,0,1,0,0\n"),
        "{people}"
    );
    assert!(
        people.contains("\nana,Ana Ruiz,data-science,0,0,,0,1,0,0,0,0,0,0,0\n"),
        "{people}"
    );

    let decisions = report(&["--format", "csv", "--by", "decision"]).stdout;
    assert!(decisions.contains("\n0002,Call the top decile every week,accepted,churn,2026-02-01,record,2026-02-11,3,2,0.6667,3,5,3,3,0.7558,6,8,alternative;constraint,10,"), "{decisions}");
    assert!(
        decisions.contains(
            "\n0006,Separate churn models per market,draft,,2026-03-25,record,,,,,,,,,,,,,,"
        ),
        "{decisions}"
    );

    let actions = report(&["--format", "csv", "--by", "actions"]).stdout;
    assert_eq!(actions.lines().count(), 8, "{actions}");
    assert!(
        actions.contains(
            "\ndecision 0003,0003,1,raj,open,2026-03-15,2026-04-05,16,,Move the cron job,"
        ),
        "{actions}"
    );

    let revisits = report(&["--format", "csv", "--by", "revisits"]).stdout;
    assert!(
        revisits.starts_with(
            "id,title,revisit_by,implicit,in_days,path\n0003,Retrain monthly,2026-03-20,false,-11,"
        ),
        "{revisits}"
    );

    let outcomes = report(&["--format", "csv", "--by", "outcomes"]).stdout;
    assert!(outcomes.starts_with("decision,metric,value,date,participation\n0001,incident-count,0,2026-03-30,0.75\n0002,incident-count,2,2026-03-30,0.6667\n"), "{outcomes}");
}

#[test]
fn window_and_model_narrow_the_report() {
    let r = json_of(&report(&[
        "--since",
        "2026-02-01",
        "--until",
        "2026-03-15",
        "--format",
        "json",
    ]));
    // 0002 (02-01), 0003 (02-20), 0005 (03-02), 0008 (03-01).
    let ids: Vec<&str> = r["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["0002", "0003", "0005", "0008"]);
    // One review in the window: the 02-10 check-in.
    assert_eq!(r["counts"]["reviews"], 1);

    let r = json_of(&report(&["--model", "OFFERS", "--format", "json"]));
    assert_eq!(r["counts"]["decisions"], 1);
    assert_eq!(r["decisions"][0]["id"], "0005");
    // No review is about 0005.
    assert_eq!(r["counts"]["reviews"], 0);
    assert_eq!(r["cadence"]["rotation"]["value"], Value::Null);
}

#[test]
fn as_of_leaves_out_what_had_not_happened() {
    let r = json_of(&report_at("2026-02-12", &["--format", "json"]));
    // Records dated after 02-12 had not been written yet: left out, and said so.
    assert_eq!(r["as_of"], "2026-02-12");
    assert_eq!(r["counts"]["decisions"], 3, "0001, 0002 and 0007");
    // 0003-0006 and 0008 (5 decisions), the 03-24 and 03-30 reviews and the
    // 04-02 review: 8 records.
    assert_eq!(r["counts"]["after_as_of"], 8);
    assert!(
        r["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("8 records dated after the as-of date are left out"),
        "{}",
        r["notes"]
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    let run = report(&["--since", "2026-03-01", "--until", "2026-02-01"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --since 2026-03-01 is after --until 2026-02-01\n"
    );
    let run = report(&["--until", "March"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--until `March` is not a YYYY-MM-DD date"),
        "{}",
        run.stderr
    );
    let run = report(&["--format", "pdf"]);
    assert_eq!(run.code, 2);
}

#[test]
fn output_file_gets_the_report() {
    let dir = tempdir();
    let log = fixture();
    let run = decide(
        dir.path(),
        &[
            "--dir",
            log.to_str().unwrap(),
            "report",
            "--as-of",
            AS_OF,
            "--format",
            "markdown",
            "-o",
            "engagement.md",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("wrote "), "{}", run.stderr);
    let written = read(&dir.path().join("engagement.md"));
    assert!(written.starts_with("## Engagement report\n"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
}

#[test]
fn works_without_people_yaml_or_charter_and_says_what_needs_them() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2026-01-05\ndecided: 2026-01-15\nowners: [ana]\ndecision-makers: [raj]\nconsulted: [product]\nfeedback:\n  - by: raj\n    date: 2026-01-06\n    stance: support\n---\n# A\n\n## Rationale\n\nBecause.\n",
    );
    write(
        dir.path(),
        "decisions/0002-b.md",
        "---\nstatus: proposed\ndate: 2026-02-01\nowners: [lee]\nconsulted: [raj]\n---\n# B\n",
    );
    let run = decide(dir.path(), &["report", "--as-of", "2026-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Column widths follow the longest figure name; compare words only.
    let squeeze = |s: &str| {
        s.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let out = &squeeze(&run.stdout);
    for line in [
        // Without a registry `product` is one name, not a group: 1 of 2 on 0001, 0 of 1 on 0002.
        "│ Participation (pooled)          ┆ 33% (1 of 3)",
        "│ Roles heard per decision (mean) ┆ n/a (needs people.yaml)",
        "│ Required roles heard (mean)     ┆ n/a (needs people.yaml)",
        "│ Role balance, entropy (mean)    ┆ n/a (needs people.yaml)",
        // No charter: the proposed decision has no deadline.
        "│ Feedback on time                ┆ n/a",
        "│ Participation vs outcomes       ┆ n/a (no outcomes recorded)",
        "note: No people.yaml: names are taken as written (groups and aliases are not expanded), and the diversity figures (roles heard, required-role coverage, role entropy) need it.",
        "note: No charter.md: required-role coverage, deadlines for proposed decisions (response-days), implicit revisit dates (revisit-days) and the check-in target (check-in-days) need it.",
        "note: 1 proposed decision has no deadline without charter response-days and is left out of timeliness.",
    ] {
        let line = squeeze(line);
        assert!(out.contains(&line), "missing {line:?} in\n{out}");
    }
    assert!(
        out.contains("│ Check-ins per month ┆ 0 "),
        "no charter target: {out}"
    );
    assert!(!out.contains("charter:"), "{out}");
}

#[test]
fn record_text_cannot_break_the_output() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2026-01-05\ntitle: \"Use | pipes <b>x</b> \\e[31mred\"\nowners: [ana]\n---\n# A\n",
    );
    let md = decide(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "markdown"],
    )
    .stdout;
    assert!(
        md.contains("| 0001 | Use \\| pipes &lt;b&gt;x&lt;/b&gt; \\\\u001b\\[31mred | accepted |"),
        "{md}"
    );
    let table = decide(dir.path(), &["report", "--as-of", "2026-03-01"]).stdout;
    assert!(
        !table.contains('\u{1b}'),
        "no escape sequence reaches the terminal"
    );
    let json = json_of(&decide(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "json"],
    ));
    assert_eq!(
        json["decisions"][0]["title"], "Use | pipes <b>x</b> \u{1b}[31mred",
        "JSON keeps the text as written"
    );
}

#[test]
fn records_with_broken_front_matter_are_left_out_and_said_to_be() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2026-01-05\nowners: [ana]\n---\n# A\n",
    );
    write(
        dir.path(),
        "decisions/0002-broken.md",
        "---\nstatus: [accepted\nowners: ana\n---\n# Broken\n",
    );
    write(
        dir.path(),
        "decisions/0003-adr-tools.md",
        "# 3. Old style\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    );
    let run = decide(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = json_of(&run);
    assert_eq!(r["counts"]["decisions"], 1);
    assert_eq!(r["counts"]["unreadable"], 2);
    assert!(
        r["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "2 records have no readable front matter and are left out (`decide check` says why)."),
        "{}",
        r["notes"]
    );
}

#[test]
fn quiet_leaves_out_the_notes() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2026-01-05\nowners: [ana]\n---\n# A\n",
    );
    let loud = decide(dir.path(), &["report", "--as-of", "2026-03-01"]).stdout;
    assert!(loud.contains("note: No people.yaml"), "{loud}");
    let quiet = decide(dir.path(), &["-q", "report", "--as-of", "2026-03-01"]).stdout;
    assert!(!quiet.contains("note:"), "{quiet}");
    assert!(quiet.contains("\nSummary\n"));
}

#[test]
fn extreme_dates_and_day_counts_do_not_crash() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/charter.md",
        "---\nresponse-days: 999999999999\nrevisit-days: 999999999999\ncheck-in-days: 999999999999\n---\n# C\n",
    );
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 0001-01-01\ndecided: 9999-12-31\nowners: [ana]\nconsulted: [lee]\n---\n# A\n",
    );
    write(
        dir.path(),
        "decisions/0002-b.md",
        "---\nstatus: proposed\ndate: 9999-12-30\nowners: [ana]\nconsulted: [lee]\n---\n# B\n",
    );
    for args in [
        vec!["report", "--as-of", "9999-12-31"],
        vec!["report", "--as-of", "0001-01-01", "--format", "json"],
        vec!["digest", "--since", "0001-01-01", "--as-of", "9999-12-31"],
    ] {
        let run = decide(dir.path(), &args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
}
