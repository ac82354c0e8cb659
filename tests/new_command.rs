//! `decide new` does what it says: status and date, titles, `--edit`,
//! readable slugs (issue 10, point 2).

use std::path::Path;

use crate::common::*;

fn init(dir: &Path) {
    let run = decide(dir, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn md_count(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("decisions"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".md")
        })
        .count()
}

#[test]
fn new_accepted_stamps_decided_and_date_sets_the_date() {
    let dir = tempdir();
    init(dir.path());
    let run = decide(
        dir.path(),
        &[
            "new",
            "Cap discounts",
            "--status",
            "accepted",
            "--date",
            "2026-02-03",
            "--no-input",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&dir.path().join(run.stdout.trim()));
    assert!(
        text.contains("\nstatus: accepted\ndate: 2026-02-03\n"),
        "{text}"
    );
    assert!(text.contains("\ndecided: 2026-02-03\n---\n"), "{text}");
    // A draft has no `decided`.
    let run = decide(
        dir.path(),
        &["new", "Idea", "--no-input", "--date", "2026-02-04"],
    );
    let text = read(&dir.path().join(run.stdout.trim()));
    assert!(
        text.contains("\ndate: 2026-02-04\n") && !text.contains("decided:"),
        "{text}"
    );
    let run = decide(dir.path(), &["new", "Idea", "--date", "3 Feb"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --date `3 Feb` is not a YYYY-MM-DD date\n"
    );
}

#[test]
fn empty_blank_and_multi_line_titles_are_refused() {
    let dir = tempdir();
    init(dir.path());
    for title in ["", "   ", "Two\nlines"] {
        let run = decide(dir.path(), &["new", title, "--no-input"]);
        assert_eq!(run.code, 2, "{title:?}");
        assert!(
            run.stderr.starts_with("error: the title "),
            "{}",
            run.stderr
        );
    }
    assert_eq!(md_count(dir.path()), 2, "charter and 0001 only");
    // check reports a record whose title is empty.
    write(
        dir.path(),
        "decisions/0002-x.md",
        "---\ntitle: \"\"\nstatus: draft\n---\n# Heading\n",
    );
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(
        run.stdout
            .contains("decisions/0002-x.md:2:8: DL004 [error] decision title is empty"),
        "{}",
        run.stdout
    );
}

#[test]
fn edit_without_an_editor_creates_nothing() {
    let dir = tempdir();
    init(dir.path());
    let run = decide(
        dir.path(),
        &["new", "Retrain monthly", "--edit", "--no-input"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --edit needs $VISUAL or $EDITOR to be set; nothing was created\n"
    );
    assert_eq!(md_count(dir.path()), 2);
}

#[test]
fn non_ascii_titles_give_readable_slugs() {
    let dir = tempdir();
    init(dir.path());
    let run = decide(dir.path(), &["new", "Ünïcödé façade", "--no-input"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "decisions/0002-unicode-facade.md\n");
    let text = read(&dir.path().join("decisions/0002-unicode-facade.md"));
    assert!(text.contains("title: Ünïcödé façade\n"), "{text}");
}
