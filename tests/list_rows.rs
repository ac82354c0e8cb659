//! `decide list` keeps a small row per decision instead of the records
//! (issue 14): what it prints, pinned whole on a log made to reach every
//! field a row holds, the order of decisions sharing an id, each way a file
//! can be read only in part, and each filter in each format.

use crate::common::*;

/// Decisions sharing id 5 (two by front matter, one by file name), a date
/// that is not one, broken and unterminated front matter, a file with no
/// front matter, a decision and a review that are not UTF-8, and a group.
fn log() -> tempfile::TempDir {
    let dir = tempdir();
    let root = dir.path();
    write(
        root,
        "decisions/0002-zeta.md",
        "---\nid: 5\nstatus: accepted\ndate: 2026-01-10\ndecided: 2026-01-12\nmodel: churn\nowners: [ana]\n\
decision-makers: [priya, raj]\ntags: [pricing, modelling]\n---\n# Zeta, filed under five\n",
    );
    write(
        root,
        "decisions/0005-alpha.md",
        "---\nstatus: proposed\ndate: 2026-02-01\nmodel: Churn\nowners: raj\n---\n# Alpha\n",
    );
    write(
        root,
        "decisions/0010-beta.md",
        "---\nid: 5\nstatus: draft\ndate: 2026-03-01\nmodel: fraud\nowners: [lee, ml-team]\ntags: [Pricing]\n---\n# Beta, also five\n",
    );
    write(
        root,
        "decisions/0001-gamma.md",
        "---\nstatus: deferred\ndate: 01/02/2026\nowners: [mei]\n---\n# Gamma, with a date that is not one\n",
    );
    write(
        root,
        "decisions/0003-broken.md",
        "---\nstatus: [accepted\nowners: ana\n---\n# Broken front matter\n",
    );
    write(
        root,
        "decisions/0004-unterminated.md",
        "---\nstatus: accepted\nowners: [ana]\n# Never closed\n",
    );
    write(
        root,
        "decisions/0007-plain.md",
        "# No front matter at all\n\nJust text.\n",
    );
    write(
        root,
        "decisions/people.yaml",
        "people:\n  ana: { name: Ana }\n  raj: { name: Raj }\n  mei: { name: Mei }\n  lee: { name: Lee }\n  priya: { name: Priya }\n\
groups:\n  ml-team: [ana, raj, mei]\n",
    );
    std::fs::create_dir_all(root.join("decisions/reviews")).unwrap();
    std::fs::write(
        root.join("decisions/0006-latin1.md"),
        b"---\nstatus: accepted\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    std::fs::write(
        root.join("decisions/reviews/2026-01-05-retro.md"),
        b"---\nkind: retro\ndate: 2026-01-05\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    dir
}

/// Two broken front matters and two files that are not UTF-8.
const BROKEN: &str = "note: 4 files could not be read in full; run `decide check` for details\n";

fn paths(run: &Run) -> Vec<String> {
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| row["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_table_orders_equal_ids_by_path_and_counts_each_partly_read_file() {
    let dir = log();
    let run = decide(dir.path(), &["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
┌──────┬──────────┬────────────┬────────────────────────────┬──────────────┬────────────┬───────┐
│ ID   ┆ Status   ┆ Date       ┆ Title                      ┆ Owners       ┆ Decided by ┆ Model │
╞══════╪══════════╪════════════╪════════════════════════════╪══════════════╪════════════╪═══════╡
│ 0001 ┆ deferred ┆ 01/02/2026 ┆ Gamma, with a date that is ┆ mei          ┆            ┆       │
│      ┆          ┆            ┆ not one                    ┆              ┆            ┆       │
│ 0003 ┆ unknown  ┆            ┆ Broken front matter        ┆              ┆            ┆       │
│ 0004 ┆ unknown  ┆            ┆ (untitled)                 ┆              ┆            ┆       │
│ 0005 ┆ accepted ┆ 2026-01-10 ┆ Zeta, filed under five     ┆ ana          ┆ priya, raj ┆ churn │
│ 0005 ┆ proposed ┆ 2026-02-01 ┆ Alpha                      ┆ raj          ┆            ┆ Churn │
│ 0005 ┆ draft    ┆ 2026-03-01 ┆ Beta, also five            ┆ lee, ml-team ┆            ┆ fraud │
│ 0007 ┆ unknown  ┆            ┆ No front matter at all     ┆              ┆            ┆       │
└──────┴──────────┴────────────┴────────────────────────────┴──────────────┴────────────┴───────┘
7 of 7 decisions
"
    );
    assert_eq!(run.stderr, BROKEN);
    let quiet = decide(dir.path(), &["list", "-q"]);
    assert_eq!(
        quiet.stdout,
        run.stdout.strip_suffix("7 of 7 decisions\n").unwrap()
    );
    assert_eq!(quiet.stderr, "");
}

#[test]
fn json_and_csv_hold_every_field_of_every_row() {
    let dir = log();
    let run = decide(dir.path(), &["list", "--format", "csv"]);
    assert_eq!(
        run.stdout,
        "\
id,status,date,title,owners,decision-makers,model,tags,path
0001,deferred,01/02/2026,\"Gamma, with a date that is not one\",mei,,,,decisions/0001-gamma.md
0003,unknown,,Broken front matter,,,,,decisions/0003-broken.md
0004,unknown,,,,,,,decisions/0004-unterminated.md
0005,accepted,2026-01-10,\"Zeta, filed under five\",ana,priya;raj,churn,pricing;modelling,decisions/0002-zeta.md
0005,proposed,2026-02-01,Alpha,raj,,Churn,,decisions/0005-alpha.md
0005,draft,2026-03-01,\"Beta, also five\",lee;ml-team,,fraud,Pricing,decisions/0010-beta.md
0007,unknown,,No front matter at all,,,,,decisions/0007-plain.md
"
    );
    assert_eq!(run.stderr, BROKEN);
    let run = decide(dir.path(), &["list", "--format", "json"]);
    assert_eq!(run.stderr, BROKEN);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        rows[3],
        serde_json::json!({
            "id": 5,
            "title": "Zeta, filed under five",
            "status": "accepted",
            "date": "2026-01-10",
            "decided": "2026-01-12",
            "model": "churn",
            "owners": ["ana"],
            "decision_makers": ["priya", "raj"],
            "tags": ["pricing", "modelling"],
            "path": "decisions/0002-zeta.md",
        })
    );
    assert_eq!(
        rows[2],
        serde_json::json!({
            "id": 4,
            "title": null,
            "status": "unknown",
            "date": null,
            "decided": null,
            "model": null,
            "owners": [],
            "decision_makers": [],
            "tags": [],
            "path": "decisions/0004-unterminated.md",
        })
    );
    // Pretty-printed, keys in this order, ending in a newline.
    assert!(
        run.stdout.starts_with(
            "[\n  {\n    \"id\": 1,\n    \"title\": \"Gamma, with a date that is not one\",\n    \"status\": \"deferred\",\n    \"date\": \"01/02/2026\",\n    \"decided\": null,\n    \"model\": null,\n    \"owners\": [\n      \"mei\"\n    ],\n    \"decision_makers\": [],\n    \"tags\": [],\n    \"path\": \"decisions/0001-gamma.md\"\n  },\n"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("}\n]\n"));
    assert_eq!(
        paths(&run),
        [
            "decisions/0001-gamma.md",
            "decisions/0003-broken.md",
            "decisions/0004-unterminated.md",
            "decisions/0002-zeta.md",
            "decisions/0005-alpha.md",
            "decisions/0010-beta.md",
            "decisions/0007-plain.md",
        ]
    );
}

#[test]
fn filters_pick_the_same_rows_in_every_format() {
    let dir = log();
    let json = |args: &[&str]| {
        let mut all = vec!["list", "--format", "json"];
        all.extend(args);
        let run = decide(dir.path(), &all);
        assert_eq!(run.code, 0, "{}", run.stderr);
        paths(&run)
    };
    // ml-team is ana, raj and mei; a decision owned by the group itself
    // matches too.
    assert_eq!(
        json(&["--owner", "ml-team"]),
        [
            "decisions/0001-gamma.md",
            "decisions/0002-zeta.md",
            "decisions/0005-alpha.md",
            "decisions/0010-beta.md",
        ]
    );
    assert_eq!(
        json(&["--owner", "ana"]),
        ["decisions/0002-zeta.md", "decisions/0010-beta.md"]
    );
    // Models and tags match without regard to case; a date that is not
    // one never passes `--since`.
    assert_eq!(
        json(&["--model", "CHURN"]),
        ["decisions/0002-zeta.md", "decisions/0005-alpha.md"]
    );
    assert_eq!(
        json(&["--tag", "pricing"]),
        ["decisions/0002-zeta.md", "decisions/0010-beta.md"]
    );
    assert_eq!(
        json(&["--since", "2026-01-01"]),
        [
            "decisions/0002-zeta.md",
            "decisions/0005-alpha.md",
            "decisions/0010-beta.md",
        ]
    );
    assert_eq!(
        json(&["--status", "unknown"]),
        [
            "decisions/0003-broken.md",
            "decisions/0004-unterminated.md",
            "decisions/0007-plain.md",
        ]
    );
    assert_eq!(
        json(&[
            "--status", "draft", "--status", "proposed", "--owner", "ml-team"
        ]),
        ["decisions/0005-alpha.md", "decisions/0010-beta.md"]
    );
    let csv = decide(
        dir.path(),
        &["list", "--since", "2026-01-15", "--format", "csv"],
    );
    assert_eq!(
        csv.stdout,
        "\
id,status,date,title,owners,decision-makers,model,tags,path
0005,proposed,2026-02-01,Alpha,raj,,Churn,,decisions/0005-alpha.md
0005,draft,2026-03-01,\"Beta, also five\",lee;ml-team,,fraud,Pricing,decisions/0010-beta.md
"
    );
    let table = decide(dir.path(), &["list", "--owner", "ana"]);
    assert!(
        table.stdout.ends_with("┘\n2 of 7 decisions\n"),
        "{}",
        table.stdout
    );
    assert_eq!(table.stderr, BROKEN);
}

#[test]
fn a_filter_that_matches_nothing_says_why_in_each_format() {
    let dir = log();
    let run = decide(dir.path(), &["list", "--model", "nope"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "note: no decision is about model `nope` (models in the log: Churn, churn, fraud)\nno decisions match\n"
    );
    let run = decide(dir.path(), &["list", "--owner", "zed", "--format", "csv"]);
    assert_eq!(
        run.stdout,
        "id,status,date,title,owners,decision-makers,model,tags,path\n"
    );
    assert_eq!(
        run.stderr,
        format!("note: `zed` owns no decision and is not in people.yaml\n{BROKEN}")
    );
    let run = decide(
        dir.path(),
        &["list", "--status", "withdrawn", "--format", "json"],
    );
    assert_eq!(run.stdout, "[]\n");
    assert_eq!(run.stderr, BROKEN);
    let run = decide(dir.path(), &["list", "-q", "--owner", "zed"]);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}
