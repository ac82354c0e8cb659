//! `decide import`: real third-party logs import with the status each record
//! states, and the command never overwrites, guesses or loses a byte it need not.

use std::path::Path;

use serde_json::Value;

use decide::record::{STATUS_SYNONYMS, Status};

use crate::common::{corpus, decide, read, repo, tempdir, write};

/// One row of a corpus's hand-written `expected.tsv`.
struct Expected {
    file: String,
    id: String,
    title: String,
    status: String,
    normalized: String,
    date: String,
    supersedes: String,
    superseded_by: String,
}

fn expected(dir: &Path) -> Vec<Expected> {
    read(&dir.join("expected.tsv"))
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let cell = |i: usize| c.get(i).copied().unwrap_or("").to_string();
            Expected {
                file: cell(0),
                id: cell(1),
                title: cell(2),
                status: cell(3),
                normalized: cell(4),
                date: cell(5),
                supersedes: cell(6),
                superseded_by: cell(7),
            }
        })
        .collect()
}

/// Where expected.tsv has a bare `?` (no defensible mapping), the mapping
/// `decide import` documents in docs/import.md, by the status as written.
fn documented_mapping(written: &str) -> &'static str {
    match written.to_ascii_lowercase().as_str() {
        "on hold" => "deferred",
        other => panic!("no documented mapping for `{other}`"),
    }
}

/// `key: [a, "b"]` in a file's front matter, as the ids written.
fn front_list(text: &str, key: &str) -> Vec<String> {
    let front = text.split("\n---").next().unwrap_or("");
    front
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .map(|v| {
            v.trim_matches(['[', ']'])
                .split(',')
                .map(|s| s.trim().trim_matches('"').to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// `key: value` in a file's front matter, unquoted.
fn front_value(text: &str, key: &str) -> Option<String> {
    let front = text.split("\n---").next().unwrap_or("");
    front
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .map(|v| v.trim_matches('"').to_string())
}

/// Ids compare as numbers when both are numbers (`0015` is 15).
fn same_ids(found: &[String], expected: &str) -> bool {
    let want: Vec<&str> = expected
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    found.len() == want.len()
        && found
            .iter()
            .zip(&want)
            .all(|(a, b)| match (a.parse::<u64>(), b.parse::<u64>()) {
                (Ok(x), Ok(y)) => x == y,
                _ => a == b,
            })
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Imports a corpus into a new log folder, then holds `decide check` and
/// `decide list` against the corpus's expected.tsv row by row.
fn import_corpus(name: &str) {
    let src = corpus(name);
    let tmp = tempdir();
    let src_arg = src.to_str().unwrap();
    let run = decide(tmp.path(), &["import", src_arg, "--dir", "decisions"]);
    assert_eq!(run.code, 0, "{name}: {}{}", run.stdout, run.stderr);
    let rows = expected(&src);
    assert!(
        run.stdout
            .contains(&format!("imported {} records into decisions", rows.len())),
        "{name}: {}",
        run.stdout
    );

    let check = decide(
        tmp.path(),
        &["check", "--dir", "decisions", "--format", "json"],
    );
    let report = json(&check.stdout);
    let broken: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            ["DL001", "DL003", "DL005", "DL006", "DL051"].contains(&d["code"].as_str().unwrap())
        })
        .map(|d| format!("{} {}: {}", d["code"], d["path"], d["message"]))
        .collect();
    assert!(broken.is_empty(), "{name}: {broken:#?}");

    let list = decide(
        tmp.path(),
        &["list", "--dir", "decisions", "--format", "json"],
    );
    assert_eq!(list.code, 0, "{}", list.stderr);
    let listed = json(&list.stdout);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), rows.len(), "{name}: one row per record");

    for row in &rows {
        let what = format!("{name}/{}", row.file);
        let entry = listed
            .iter()
            .find(|e| {
                e["path"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("/{}", row.file))
            })
            .unwrap_or_else(|| panic!("{what} is not listed"));
        let text = read(&tmp.path().join("decisions").join(&row.file));

        // The id: the file name's; where the title writes another number,
        // that number is kept in x-original-id.
        let file_id = row.file.split('-').next().unwrap();
        let stated = row.id.trim_matches(['(', ')']);
        match &entry["id"] {
            Value::Number(n) => {
                assert_eq!(n.as_u64(), file_id.parse().ok(), "{what}: id");
                if !row.id.starts_with('(') && stated.parse::<u64>() != file_id.parse::<u64>() {
                    assert_eq!(
                        front_value(&text, "x-original-id").as_deref(),
                        Some(stated),
                        "{what}: the title's number is kept"
                    );
                }
            }
            Value::String(s) => assert_eq!(s, stated, "{what}: id"),
            other => panic!("{what}: id {other}"),
        }

        assert_eq!(
            entry["title"].as_str(),
            Some(row.title.as_str()),
            "{what}: title"
        );

        let want = match row.normalized.as_str() {
            "?" => documented_mapping(&row.status),
            s => s.trim_end_matches('?'),
        };
        assert_eq!(entry["status"].as_str(), Some(want), "{what}: status");
        if row.normalized.ends_with('?') {
            let first = row.status.split(" // ").next().unwrap();
            assert_eq!(
                front_value(&text, "x-original-status").as_deref(),
                Some(first),
                "{what}: a guessed mapping keeps the words"
            );
        }

        let date = entry["date"].as_str().unwrap_or("");
        assert_eq!(date, row.date, "{what}: date");
        assert!(
            same_ids(&front_list(&text, "supersedes"), &row.supersedes),
            "{what}: supersedes {:?}, expected {:?}",
            front_list(&text, "supersedes"),
            row.supersedes
        );
        assert!(
            same_ids(&front_list(&text, "superseded-by"), &row.superseded_by),
            "{what}: superseded-by {:?}, expected {:?}",
            front_list(&text, "superseded-by"),
            row.superseded_by
        );
    }
}

#[test]
fn madr_front_matter_corpus_imports_as_expected() {
    import_corpus("adr__madr");
}

#[test]
fn adr_tools_corpus_imports_as_expected() {
    import_corpus("joshrotenberg__adrs");
}

#[test]
fn messy_nygard_corpus_imports_as_expected() {
    import_corpus("alphagov__govuk-aws");
}

#[test]
fn madr2_bullet_corpus_imports_as_expected() {
    import_corpus("hmrc__play-frontend-hmrc");
}

#[test]
fn log4brains_corpus_imports_as_expected() {
    import_corpus("thomvaill__log4brains");
}

#[test]
fn amend_links_become_related_and_bodies_stay_byte_for_byte() {
    let src = corpus("alphagov__govuk-aws");
    let tmp = tempdir();
    let run = decide(
        tmp.path(),
        &["import", src.to_str().unwrap(), "--dir", "decisions"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("0010-terraform-directory-structure.md (accepted, related 17)"),
        "{}",
        run.stdout
    );
    let name = "0010-terraform-directory-structure.md";
    let before = read(&src.join(name));
    let after = read(&tmp.path().join("decisions").join(name));
    let (front, body) = after.split_once("---\n# 10.").unwrap();
    assert_eq!(
        front,
        "---\nstatus: accepted\ndate: 2017-07-04\ndecided: 2017-07-04\nrelated: [17]\n"
    );
    // Everything from `## Context` on is the original, unchanged.
    let context = before.find("## Context").unwrap();
    assert!(body.ends_with(&before[context..]));
    assert!(!body.contains("Amended by"));
    assert!(!body.contains("Date: 2017-07-04"));
}

const MESSY: &[(&str, &str)] = &[
    (
        "adr-015-use-kafka.md",
        "# ADR-15: Use Kafka\n\n* Status: ✅ Accepted\n* Date: 2021-03-04\n\n## Context\n\nEvents.\n",
    ),
    (
        "adr-016-use-pulsar.md",
        "# ADR-16: Use Pulsar\n\n* Status: accepted; supersedes ADR-15\n* Date: March 2022\n\n## Context\n\nMore events.\n",
    ),
    (
        "adr-017-queue-sizes.md",
        "# 17. Queue sizes\n\nDate: 2022-04-01\n\n## Decision\n\nSmall queues.\n\n## Status\n\nIn Review\n",
    ),
    (
        "adr-018-maybe.md",
        "# 18. Maybe later\n\n## Status\n\nParked until Q3\n\n## Context\n\nNo time.\n",
    ),
    (
        "adr-019-no-status.md",
        "# 19. Nothing stated\n\n## Context\n\nJust text.\n",
    ),
    ("README.md", "# Our ADRs\n"),
    (
        "adr-template.md",
        "# NUMBER. TITLE\n\n## Status\n\nSTATUS\n",
    ),
];

fn messy_log(dir: &Path) {
    for (name, text) in MESSY {
        write(dir, name, text);
    }
}

#[test]
fn messy_records_keep_what_they_say_and_guess_nothing() {
    let tmp = tempdir();
    messy_log(&tmp.path().join("old"));
    let run = decide(tmp.path(), &["import", "old", "--dir", "decisions"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "imported old/adr-016-use-pulsar.md → decisions/0016-use-pulsar.md (accepted, supersedes 15)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("note: skipped old/README.md: not a record")
    );
    assert!(
        run.stderr
            .contains("note: skipped old/adr-template.md: not a record")
    );

    let file = |n: &str| read(&tmp.path().join("decisions").join(n));
    assert_eq!(
        file("0015-use-kafka.md"),
        "---\ntitle: Use Kafka\nstatus: accepted\ndate: 2021-03-04\ndecided: 2021-03-04\n---\n# ADR-15: Use Kafka\n\n## Context\n\nEvents.\n"
    );
    assert_eq!(
        file("0016-use-pulsar.md"),
        "---\ntitle: Use Pulsar\nstatus: accepted\nsupersedes: [15]\nx-original-date: March 2022\n---\n# ADR-16: Use Pulsar\n\n## Context\n\nMore events.\n"
    );
    assert_eq!(
        file("0017-queue-sizes.md"),
        "---\nstatus: proposed\ndate: 2022-04-01\nx-original-status: In Review\n---\n# 17. Queue sizes\n\n## Decision\n\nSmall queues.\n"
    );
    assert_eq!(
        file("0018-maybe.md"),
        "---\nstatus: proposed\nx-original-status: Parked until Q3\n---\n# 18. Maybe later\n\n## Context\n\nNo time.\n"
    );
    assert_eq!(
        file("0019-no-status.md"),
        "---\ntitle: Nothing stated\n---\n# 19. Nothing stated\n\n## Context\n\nJust text.\n"
    );

    // ADR-15 in record 16 names the file that was adr-015: no dangling link.
    let check = decide(
        tmp.path(),
        &["check", "--dir", "decisions", "--format", "json"],
    );
    let codes: Vec<String> = json(&check.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    for code in ["DL001", "DL005", "DL006", "DL031"] {
        assert!(!codes.iter().any(|c| c == code), "{code}: {}", check.stdout);
    }
    let list = decide(
        tmp.path(),
        &[
            "list",
            "--dir",
            "decisions",
            "--status",
            "unknown",
            "--format",
            "json",
        ],
    );
    let unknown = json(&list.stdout);
    assert_eq!(unknown.as_array().unwrap().len(), 1);
    assert_eq!(unknown[0]["id"], 19);
}

#[test]
fn dry_run_shows_the_front_matter_and_writes_nothing() {
    let tmp = tempdir();
    messy_log(&tmp.path().join("old"));
    let run = decide(
        tmp.path(),
        &["import", "old", "--dir", "decisions", "--dry-run"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "would import old/adr-017-queue-sizes.md → decisions/0017-queue-sizes.md (proposed)\n  read as adr-tools: ## Status section, metadata under the title\n  front matter:\n    ---\n    status: proposed\n    date: 2022-04-01\n    x-original-status: In Review\n    ---\n  moved out of the body:\n    Date: 2022-04-01\n    ## Status\n    In Review\n"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("would import 5 records into decisions"));
    assert!(!tmp.path().join("decisions").exists());
}

#[test]
fn nothing_is_overwritten_and_nothing_half_written() {
    let tmp = tempdir();
    messy_log(&tmp.path().join("old"));
    let existing = write(tmp.path(), "decisions/0017-queue-sizes.md", "mine\n");
    write(
        tmp.path(),
        "decisions/0018-something-else.md",
        "---\nstatus: draft\n---\n# Else\n",
    );
    let run = decide(tmp.path(), &["import", "old", "--dir", "decisions"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("decisions/0017-queue-sizes.md exists"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("would take id 0018, which decisions/0018-something-else.md already has"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&existing), "mine\n");
    assert!(!tmp.path().join("decisions/0015-use-kafka.md").exists());
}

#[test]
fn importing_the_log_folder_itself_converts_it_in_place() {
    let tmp = tempdir();
    let old = "# 1. Record decisions\n\nDate: 2024-03-04\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a log.\r\n";
    write(tmp.path(), "doc/adr/0001-record-decisions.md", old);
    write(
        tmp.path(),
        "doc/adr/0002-no-status.md",
        "---\nstatus: proposed\ndeciders: [ana]\n---\n# No status\n",
    );

    // doc/adr is where decide finds the log: importing it converts it where it is.
    let dry = decide(tmp.path(), &["import", "--dry-run", "doc/adr"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout
            .contains("would convert doc/adr/0001-record-decisions.md (accepted)"),
        "{}",
        dry.stdout
    );
    assert_eq!(
        read(&tmp.path().join("doc/adr/0001-record-decisions.md")),
        old
    );

    let check = decide(tmp.path(), &["check", "--format", "json"]);
    let dl001: Vec<Value> = json(&check.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "DL001")
        .cloned()
        .collect();
    assert_eq!(dl001.len(), 1, "{}", check.stdout);
    // The help names the command to run; run exactly that.
    let help = dl001[0]["help"].as_str().unwrap();
    let command = help
        .split('`')
        .find(|part| part.starts_with("decide import"))
        .unwrap_or_else(|| panic!("no command in {help}"))
        .replace("<folder>", "doc/adr");
    assert_eq!(command, "decide import --from adr-tools --in-place doc/adr");
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    let run = decide(tmp.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("converted doc/adr/0001-record-decisions.md (accepted)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("converted 2 of 2 records in doc/adr"));
    assert_eq!(
        read(&tmp.path().join("doc/adr/0001-record-decisions.md")),
        "---\nstatus: accepted\ndate: 2024-03-04\ndecided: 2024-03-04\n---\n# 1. Record decisions\n\n## Context\n\nWe need a log.\r\n"
    );
    assert_eq!(
        read(&tmp.path().join("doc/adr/0002-no-status.md")),
        "---\nstatus: proposed\ndecision-makers: [ana]\n---\n# No status\n"
    );
    let check = decide(tmp.path(), &["check", "--format", "concise"]);
    assert!(!check.stdout.contains("DL001"), "{}", check.stdout);

    // Running it again finds everything in order and changes nothing.
    let again = decide(tmp.path(), &["import", "doc/adr", "--in-place"]);
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.contains("converted 0 of 2 records"),
        "{}",
        again.stdout
    );
    assert!(
        again
            .stdout
            .contains("unchanged doc/adr/0001-record-decisions.md")
    );
}

#[test]
fn files_that_cannot_be_converted_are_named_and_the_rest_imported() {
    let tmp = tempdir();
    write(
        tmp.path(),
        "old/0001-good.md",
        "# 1. Good\n\n## Status\n\nAccepted\n",
    );
    write(
        tmp.path(),
        "old/0002-broken.md",
        "---\nstatus: [accepted\n---\n# Broken\n",
    );
    std::fs::write(tmp.path().join("old/0003-latin1.md"), b"# 3. Caf\xe9\n").unwrap();
    let run = decide(tmp.path(), &["import", "old", "--dir", "decisions"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "error: not imported: old/0002-broken.md: its front matter is not valid YAML (line 2"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: not imported: old/0003-latin1.md: not UTF-8 text")
    );
    assert!(tmp.path().join("decisions/0001-good.md").exists());
    assert!(!tmp.path().join("decisions/0002-broken.md").exists());

    // Fixed by hand, the one file is imported on its own.
    write(
        tmp.path(),
        "old/0002-broken.md",
        "---\nstatus: accepted\n---\n# Broken\n",
    );
    let one = decide(
        tmp.path(),
        &["import", "old/0002-broken.md", "--dir", "decisions"],
    );
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(one.stdout.contains("imported 1 record into decisions"));
    assert_eq!(
        read(&tmp.path().join("decisions/0002-broken.md")),
        "---\nstatus: accepted\n---\n# Broken\n"
    );
}

#[test]
fn a_source_that_is_not_a_log_is_a_usage_error() {
    let tmp = tempdir();
    write(tmp.path(), "notes/README.md", "# Notes\n");
    let run = decide(tmp.path(), &["import", "notes", "--dir", "decisions"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("found no records in notes"),
        "{}",
        run.stderr
    );
    let missing = decide(tmp.path(), &["import", "nowhere", "--dir", "decisions"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("nowhere is neither a folder nor a file"),
        "{}",
        missing.stderr
    );
}

#[test]
fn from_names_the_format_to_read() {
    let tmp = tempdir();
    write(
        tmp.path(),
        "old/0001-x.md",
        "# 1. X\n\n* Status: accepted\n\n## Status\n\nRejected\n",
    );
    // adr-tools reads the Status section; MADR reads the bullet.
    let nygard = decide(
        tmp.path(),
        &[
            "import",
            "old",
            "--from",
            "adr-tools",
            "--dir",
            "a",
            "--dry-run",
        ],
    );
    assert!(nygard.stdout.contains("(rejected)"), "{}", nygard.stdout);
    let madr = decide(
        tmp.path(),
        &["import", "old", "--from", "madr", "--dir", "b", "--dry-run"],
    );
    assert!(madr.stdout.contains("(accepted)"), "{}", madr.stdout);
}

#[test]
fn the_documented_synonym_table_is_the_one_in_use() {
    let doc = read(&repo().join("docs/import.md"));
    let rows: Vec<(&str, Vec<&str>)> = doc
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let status = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Status::parse(status)?;
            let words = cells
                .get(2)?
                .split(", ")
                .map(|w| w.trim_matches('`'))
                .collect();
            Some((status, words))
        })
        .collect();
    assert_eq!(rows.len(), Status::ALL.len(), "one row per status");
    for (word, status) in STATUS_SYNONYMS {
        assert!(
            rows.iter()
                .any(|(s, words)| *s == status.as_str() && words.contains(word)),
            "docs/import.md does not list `{word}` under `{status}`"
        );
    }
    for (status, words) in &rows {
        for word in words {
            assert_eq!(
                Status::from_text(word).map(Status::as_str),
                Some(*status),
                "docs/import.md lists `{word}` under `{status}`"
            );
        }
    }
}
