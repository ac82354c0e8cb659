//! `decide graph`: lineage as Mermaid or dot, with titles escaped.

use crate::common::*;

fn log() -> tempfile::TempDir {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-weekly.md",
        "---\nstatus: superseded\nsuperseded-by: [2]\n---\n# Retrain \"weekly\"\n",
    );
    write(
        dir.path(),
        "decisions/0002-monthly.md",
        "---\nstatus: accepted\nrelated: [3, 9]\n---\n# Retrain monthly\n",
    );
    // One-sided: 0003 says it supersedes 0002 but 0002 does not say so; still drawn.
    write(
        dir.path(),
        "decisions/0003-drift.md",
        "---\nstatus: proposed\nsupersedes: [2]\nrelated: [2]\n---\n# Retrain on drift\n",
    );
    write(
        dir.path(),
        "decisions/0004-alone.md",
        "---\nstatus: draft\n---\n# Unlinked\n",
    );
    dir
}

#[test]
fn graph_mermaid_draws_both_sides_of_links_once() {
    let dir = log();
    let run = decide(dir.path(), &["graph"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "graph BT\n\
         \x20 d1[\"0001 Retrain #quot;weekly#quot; (superseded)\"]\n\
         \x20 d2[\"0002 Retrain monthly (accepted)\"]\n\
         \x20 d3[\"0003 Retrain on drift (proposed)\"]\n\
         \x20 d9[\"0009 (not in the log)\"]\n\
         \x20 d2 -->|supersedes| d1\n\
         \x20 d3 -->|supersedes| d2\n\
         \x20 d2 -.-|related| d3\n\
         \x20 d2 -.-|related| d9\n"
    );
    let all = decide(dir.path(), &["graph", "--all"]);
    assert!(all.stdout.contains("d4[\"0004 Unlinked (draft)\"]"));
}

#[test]
fn graph_dot_escapes_labels() {
    let dir = log();
    let run = decide(dir.path(), &["graph", "--format", "dot"]);
    assert!(
        run.stdout
            .starts_with("digraph decisions {\n  rankdir=BT;\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  d1 [label=\"0001 Retrain \\\"weekly\\\" (superseded)\"];\n")
    );
    assert!(run.stdout.contains("  d3 -> d2 [label=\"supersedes\"];\n"));
    assert!(
        run.stdout
            .contains("  d2 -> d3 [label=\"related\", style=dashed, dir=none];\n")
    );
    assert!(run.stdout.ends_with("}\n"));
}
