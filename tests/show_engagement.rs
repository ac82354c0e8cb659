//! `decide show` prints participation and rationale completeness (SPEC §6),
//! and they follow the log as the editing commands change it.

use crate::common::*;

fn log() -> tempfile::TempDir {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/people.yaml",
        "people:\n  ana: {}\n  lee: {}\n  raj: {}\n  mei: {}\n  priya: {}\n  zed: {}\ngroups:\n  product: [mei, priya]\n",
    );
    write(
        dir.path(),
        "decisions/0012-retrain-monthly.md",
        "---\nstatus: accepted\ndate: 2026-03-02\ndecided: 2026-03-20\nowners: [ana]\ndecision-makers: [raj]\nconsulted: [lee, product]\n\
alternatives:\n  - title: Quarterly\n    rejected-because: drift within six weeks\n\
feedback:\n  - by: lee\n    date: 2026-03-05\n    stance: concern\n  - by: zed\n    date: 2026-03-06\n    stance: support\n---\n\
# Retrain monthly\n\n## Rationale\n\nLabels mature slowly.\n",
    );
    write(
        dir.path(),
        "decisions/reviews/2026-03-10-milestone.md",
        "---\nkind: milestone\ndate: 2026-03-10\ndecisions: [12]\nattended: [raj, ana]\nfeedback:\n  - on: 12\n    by: mei\n    date: 2026-03-25\n    stance: support\n---\n# Milestone\n",
    );
    write(
        dir.path(),
        "decisions/0013-draft.md",
        "---\nstatus: draft\n---\n# A draft\n",
    );
    dir
}

#[test]
fn show_prints_participation_and_completeness() {
    let dir = log();
    let run = decide(dir.path(), &["show", "12"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "
Participation   2 of 4 expected responded (50%) by 2026-03-20 (decided)
  responded     lee, raj
  gave a view   lee
  attended only raj
  no response   mei, priya
  answered late mei
  unsolicited   zed
  meaning       share of the people asked (consulted, deciding) who took part before the decision,
                by a view or by attending; higher is better

Completeness    5 of 9 checks (56%)
  missing       constraint, expected outcome, artifact, revisit date
  meaning       share of the completeness checks the decision passes; higher is better
"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn show_follows_feedback_added_with_decide_feedback() {
    let dir = log();
    let run = decide(
        dir.path(),
        &[
            "feedback",
            "12",
            "--by",
            "priya",
            "--stance",
            "support",
            "--date",
            "2026-03-19",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = decide(dir.path(), &["show", "12"]);
    assert!(
        run.stdout
            .contains("Participation   3 of 4 expected responded (75%) by 2026-03-20 (decided)\n  responded     lee, priya, raj\n  gave a view   lee, priya\n  attended only raj\n  no response   mei\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_says_n_a_rather_than_a_number_without_data() {
    let dir = log();
    let run = decide(dir.path(), &["show", "13"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "\nParticipation   n/a: nobody is consulted or deciding\n\nCompleteness    n/a: drafts are not scored\n"
        ),
        "{}",
        run.stdout
    );
}
