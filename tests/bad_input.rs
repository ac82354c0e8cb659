//! SPEC §8, bad input: every hostile or broken file yields a finding with a
//! code and a path, never a panic or a hang, and the other files of the log
//! are still checked.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// An ordinary incomplete record that must be reported whatever else is in the log.
const INCOMPLETE: &str = "---\nstatus: proposed\ndate: 2026-02-01\nowners: [ana]\nconsulted: [lee]\nalternatives:\n  - title: Weekly\n---\n# Score nightly\n\n## Context\n\nMonthly.\n";
const INCOMPLETE_FINDING: &str =
    "decisions/0002-score-nightly.md:2:1: DL020 [error] proposed decision has no rationale";

/// A log holding the incomplete record and `rel` written with `bytes`.
fn log_with(rel: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempdir();
    git_init(dir.path());
    write(dir.path(), "decisions/0002-score-nightly.md", INCOMPLETE);
    let path = dir.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    dir
}

/// Runs `decide check --format concise` and kills it after 10 seconds:
/// a hang fails the test instead of stalling the suite.
fn check(dir: &Path) -> (Run, Duration) {
    let mut child = cmd(dir)
        .args(["check", "--as-of", "2026-03-01", "--format", "concise"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("decide check hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let elapsed = start.elapsed();
    let out = child.wait_with_output().unwrap();
    let run = Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stdout.contains(INCOMPLETE_FINDING),
        "the other record was not checked:\n{}",
        run.stdout
    );
    (run, elapsed)
}

/// The one finding on `path`, as printed in the concise format.
fn finding_on(run: &Run, path: &str) -> String {
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with(&format!("{path}:")))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    lines[0].to_string()
}

#[test]
fn invalid_utf8_is_dl051_at_the_first_bad_byte() {
    let dir = log_with(
        "decisions/0003-latin1.md",
        b"---\nstatus: draft\n---\n# Caf\xe9 au lait\n",
    );
    let (run, _) = check(dir.path());
    assert_eq!(
        finding_on(&run, "decisions/0003-latin1.md"),
        "decisions/0003-latin1.md:4:6: DL051 [error] file is not valid UTF-8"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_byte_order_mark_is_skipped_and_positions_stay_right() {
    let dir = log_with(
        "decisions/0003-bom.md",
        "\u{feff}---\nstatus: proposed\ndate: 2026-02-01\nconsulted: [lee]\nalternatives: [{title: A}]\n---\n# Bom\n\n## Context\n\nX.\n\n## Rationale\n\nY.\n".as_bytes(),
    );
    let (run, _) = check(dir.path());
    assert_eq!(
        finding_on(&run, "decisions/0003-bom.md"),
        "decisions/0003-bom.md:2:1: DL011 [error] proposed decision has no `owners`"
    );
    let dir = log_with(
        "decisions/0003-bom.md",
        "\u{feff}---\nstatus: draft\nonwers: [ana]\n---\n# Bom\n".as_bytes(),
    );
    write(
        dir.path(),
        "decisions/0004-bom-first-line.md",
        "\u{feff}status: draft\n",
    );
    let human = decide(dir.path(), &["check", "--as-of", "2026-03-01"]);
    assert!(
        human.stdout.contains("3 | onwers: [ana]\n  | ^^^^^^\n"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("1 | status: draft\n  | ^^^^^^\n"),
        "{}",
        human.stdout
    );
}

#[test]
fn crlf_line_endings_read_like_lf() {
    let text = INCOMPLETE
        .replace("owners:", "onwers:")
        .replace('\n', "\r\n");
    let dir = log_with("decisions/0003-crlf.md", text.as_bytes());
    let (run, _) = check(dir.path());
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("decisions/0003-crlf.md:"))
        .collect();
    assert_eq!(
        lines,
        vec![
            "decisions/0003-crlf.md:2:1: DL011 [error] proposed decision has no `owners`",
            "decisions/0003-crlf.md:2:1: DL020 [error] proposed decision has no rationale",
            "decisions/0003-crlf.md:4:1: DL002 [warning] unknown key `onwers` in a decision; did you mean `owners`?",
        ]
    );
    let human = decide(dir.path(), &["check", "decisions/0003-crlf.md"]);
    assert!(
        human.stdout.contains("4 | onwers: [ana]\n  | ^^^^^^\n"),
        "{:?}",
        human.stdout
    );
}

#[test]
fn an_empty_file_is_dl001() {
    let dir = log_with("decisions/0003-empty.md", b"");
    let (run, _) = check(dir.path());
    assert_eq!(
        finding_on(&run, "decisions/0003-empty.md"),
        "decisions/0003-empty.md:1:1: DL001 [error] file is empty"
    );
}

#[test]
fn unterminated_front_matter_is_dl001() {
    let dir = log_with(
        "decisions/0003-open.md",
        b"---\nstatus: accepted\nowners: [ana]\n# Never closed\n",
    );
    let (run, _) = check(dir.path());
    assert_eq!(
        finding_on(&run, "decisions/0003-open.md"),
        "decisions/0003-open.md:1:1: DL001 [error] front matter is never closed: the `---` on line 1 has no closing `---`"
    );
}

#[test]
fn tab_indentation_is_dl001_with_a_position() {
    let dir = log_with(
        "decisions/0003-tabs.md",
        b"---\nstatus: draft\nalternatives:\n\t- title: A\n---\n# Tabs\n\nBody\twith a tab is fine.\n",
    );
    let (run, _) = check(dir.path());
    let line = finding_on(&run, "decisions/0003-tabs.md");
    assert!(
        line.starts_with("decisions/0003-tabs.md:4:")
            && line.contains(": DL001 [error] front matter is not valid YAML: "),
        "{line}"
    );
}

#[test]
fn anchors_and_aliases_work_within_bounds() {
    let dir = log_with(
        "decisions/0003-alias.md",
        b"---\nstatus: draft\nowners: &team [ana, raj]\nconsulted: *team\n---\n# Aliases\n",
    );
    let (run, _) = check(dir.path());
    assert!(
        !run.stdout.contains("0003-alias"),
        "ordinary aliases are fine: {}",
        run.stdout
    );
}

#[test]
fn billion_laughs_is_refused_quickly() {
    let mut doc =
        String::from("---\nstatus: draft\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for c in 'b'..='j' {
        doc.push_str(&format!(
            "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
        prev = c;
    }
    doc.push_str("---\n# Lol\n");
    let dir = log_with("decisions/0003-lol.md", doc.as_bytes());
    let (run, elapsed) = check(dir.path());
    let line = finding_on(&run, "decisions/0003-lol.md");
    assert!(
        line.contains(": DL001 [error] front matter is not valid YAML: "),
        "{line}"
    );
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
}

#[test]
fn nesting_ten_thousand_deep_is_refused() {
    // Block nesting written compactly (`- - - x`): indenting 10,000 levels
    // would make a file far over max-file-bytes.
    let block = format!("a:\n  {}x\n", "- ".repeat(10_000));
    let flow = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    for (name, yaml) in [("0003-block.md", block), ("0004-flow.md", flow)] {
        let doc = format!("---\nstatus: draft\n{yaml}---\n# Deep\n");
        let dir = log_with(&format!("decisions/{name}"), doc.as_bytes());
        let (run, _) = check(dir.path());
        let line = finding_on(&run, &format!("decisions/{name}"));
        assert!(
            line.contains(": DL001 [error] front matter is not valid YAML: "),
            "{line}"
        );
    }
}

#[test]
fn a_file_over_max_file_bytes_is_refused_without_reading_it() {
    let medium = format!(
        "---\nstatus: draft\n---\n# Medium\n\n{}\n",
        "text ".repeat(60)
    );
    let dir = log_with("decisions/0003-medium.md", medium.as_bytes());
    // 100 MB, sparse: cheap to make, and reading it would show in the time taken.
    let big = std::fs::File::create(dir.path().join("decisions/0004-huge.md")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    let (run, elapsed) = check(dir.path());
    assert_eq!(
        finding_on(&run, "decisions/0004-huge.md"),
        "decisions/0004-huge.md:1:1: DL051 [error] file is 104857600 bytes, over max-file-bytes (1048576); not read"
    );
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");

    write(dir.path(), "decide.toml", "max-file-bytes = 300\n");
    let (run, _) = check(dir.path());
    assert!(
        run.stdout.contains(
            "decisions/0003-medium.md:1:1: DL051 [error] file is 333 bytes, over max-file-bytes (300); not read"
        ),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_outside_the_log_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = log_with(
        "outside/0009-secret.md",
        b"---\nstatus: draft\n---\n# Secret\n",
    );
    let d = dir.path().join("decisions");
    symlink("0005-loop-b.md", d.join("0005-loop-a.md")).unwrap();
    symlink("0005-loop-a.md", d.join("0005-loop-b.md")).unwrap();
    symlink(
        dir.path().join("outside/0009-secret.md"),
        d.join("0006-out.md"),
    )
    .unwrap();
    symlink("0002-score-nightly.md", d.join("0007-inside.md")).unwrap();
    let (run, _) = check(dir.path());
    let a = finding_on(&run, "decisions/0005-loop-a.md");
    assert!(
        a.starts_with(
            "decisions/0005-loop-a.md:1:1: DL051 [error] broken or looping symbolic link: "
        ),
        "{a}"
    );
    let out = finding_on(&run, "decisions/0006-out.md");
    assert!(
        out.starts_with("decisions/0006-out.md:1:1: DL051 [error] symbolic link to ")
            && out.ends_with("outside/0009-secret.md outside the log; not followed"),
        "{out}"
    );
    // A link to another record of the log is that record under a second
    // name: reported, and not read (an edit through it would erase another).
    assert_eq!(
        finding_on(&run, "decisions/0007-inside.md"),
        "decisions/0007-inside.md:1:1: DL051 [error] symbolic link to 0002-score-nightly.md in the log: the same file under a second name; not read"
    );
    assert!(!run.stdout.contains("Secret"));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_read_and_not_waited_on() {
    let dir = log_with("decisions/0003-ok.md", b"---\nstatus: draft\n---\n# Ok\n");
    let fifo = dir.path().join("decisions/0004-pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let (run, _) = check(dir.path());
    assert_eq!(
        finding_on(&run, "decisions/0004-pipe.md"),
        "decisions/0004-pipe.md:1:1: DL051 [error] not a regular file (a FIFO, socket or device); not read"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_dl051() {
    use std::os::unix::fs::PermissionsExt;
    let dir = log_with(
        "decisions/0003-locked.md",
        b"---\nstatus: draft\n---\n# Locked\n",
    );
    let path = dir.path().join("decisions/0003-locked.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::File::open(&path).is_ok();
    let (run, _) = check(dir.path());
    if readable {
        // Root reads anything: the file is then checked like any other.
        assert!(!run.stdout.contains("0003-locked"), "{}", run.stdout);
    } else {
        assert_eq!(
            finding_on(&run, "decisions/0003-locked.md"),
            "decisions/0003-locked.md:1:1: DL051 [error] cannot read: Permission denied (os error 13)"
        );
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn any_bytes_at_all_give_findings_not_panics() {
    // A crude fuzz pass over prefixes of a record mixed with hostile bytes.
    let seeds: [&[u8]; 6] = [
        b"---\nstatus: [\n---\n",
        b"---\n: : :\n---\n",
        b"---\n!!binary x\n---\n",
        b"---\n? [a, b]\n: c\n---\n",
        b"---\nk: \"\\u00\"\n---\n",
        b"---\n- a\n- b\n---\n",
    ];
    let dir = log_with("decisions/0003-x.md", b"");
    for (i, seed) in seeds.iter().enumerate() {
        let mut bytes = seed.to_vec();
        bytes.extend_from_slice(INCOMPLETE.as_bytes());
        std::fs::write(
            dir.path()
                .join(format!("decisions/00{:02}-fuzz.md", 10 + i)),
            &bytes,
        )
        .unwrap();
    }
    let (run, _) = check(dir.path());
    for i in 0..seeds.len() {
        assert!(
            run.stdout
                .contains(&format!("decisions/00{:02}-fuzz.md:", 10 + i)),
            "seed {i} gave no finding:\n{}",
            run.stdout
        );
    }
}
