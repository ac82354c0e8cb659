//! `decide check --fix`: the safe fixes, byte for byte.

use crate::common::*;

const OLD: &str = "---\r\n# The first model\r\ntitle: Weekly retraining   # kept\r\nstatus: superseded\r\ndate: 2026-01-05\r\nowners: [ana]\r\n---\r\n# Weekly retraining\r\n\r\nBody stays.\r\n";
const NEW: &str =
    "---\ntitle: Monthly retraining\nstatus: draft\nsupersedes: [1]\n---\n# Monthly retraining\n";

#[test]
fn fix_adds_the_missing_reciprocal_link_and_nothing_else() {
    let dir = tempdir();
    let old = write(dir.path(), "decisions/0001-weekly.md", OLD);
    let new = write(dir.path(), "decisions/0002-monthly.md", NEW);
    let before = decide(
        dir.path(),
        &["check", "--format", "concise", "--as-of", "2026-03-01"],
    );
    assert!(before.stdout.contains("DL032"), "{}", before.stdout);
    assert!(before.stdout.contains("DL030"), "{}", before.stdout);

    let run = decide(
        dir.path(),
        &[
            "check",
            "--fix",
            "--format",
            "concise",
            "--as-of",
            "2026-03-01",
        ],
    );
    assert!(
        run.stderr
            .contains("fixed decisions/0001-weekly.md: superseded-by + 0002\n"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("DL032") && !run.stdout.contains("DL030"),
        "{}",
        run.stdout
    );
    // Only the one line was added, in the file's own CRLF line ending; comments and body kept.
    assert_eq!(
        read(&old),
        OLD.replace(
            "owners: [ana]\r\n",
            "owners: [ana]\r\nsuperseded-by: [2]\r\n"
        )
    );
    assert_eq!(read(&new), NEW);
    // A second run has nothing to fix.
    let again = decide(
        dir.path(),
        &[
            "check",
            "--fix",
            "--format",
            "concise",
            "--as-of",
            "2026-03-01",
        ],
    );
    assert!(!again.stderr.contains("fixed"), "{}", again.stderr);
}

#[test]
fn fix_normalises_a_madr_superseded_by_status() {
    let dir = tempdir();
    let text = "---\nstatus: \"superseded by ADR-0002\"\ndate: 2026-01-05\n---\n# Use X\n";
    let path = write(dir.path(), "decisions/0001-use-x.md", text);
    write(
        dir.path(),
        "decisions/0002-use-y.md",
        "---\nstatus: draft\nsupersedes: [1]\n---\n# Use Y\n",
    );
    let run = decide(
        dir.path(),
        &["check", "--fix", "--format", "concise", "--exit-zero"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("fixed decisions/0001-use-x.md: status `superseded by ADR-0002` → superseded, superseded-by + 0002\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        read(&path),
        "---\nstatus: \"superseded\"\ndate: 2026-01-05\nsuperseded-by: [2]\n---\n# Use X\n"
    );
}

#[test]
fn fix_with_paths_mends_only_findings_in_those_files() {
    let dir = tempdir();
    let old = write(dir.path(), "decisions/0001-weekly.md", OLD);
    write(dir.path(), "decisions/0002-monthly.md", NEW);
    write(
        dir.path(),
        "decisions/0003-other.md",
        "---\nstatus: draft\n---\n# Other\n",
    );
    // The DL032 finding is on 0002 (it states the link); checking 0003 alone fixes nothing.
    let run = decide(dir.path(), &["check", "--fix", "decisions/0003-other.md"]);
    assert!(!run.stderr.contains("fixed"), "{}", run.stderr);
    assert_eq!(read(&old), OLD);
    let run = decide(dir.path(), &["check", "--fix", "decisions/0002-monthly.md"]);
    assert!(
        run.stderr
            .contains("fixed decisions/0001-weekly.md: superseded-by + 0002"),
        "{}",
        run.stderr
    );
}
