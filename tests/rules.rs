//! `decide rules` and `docs/rules.md`, both generated from the rule registry.

use crate::common::*;

#[test]
fn rules_doc_is_current() {
    let path = repo().join("docs/rules.md");
    let generated = decide::rules::registry::markdown();
    if std::env::var_os("DECIDE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is out of date with src/rules/registry.rs; run `DECIDE_BLESS=1 cargo test rules_doc` and commit it"
    );
    for rule in decide::rules::RULES {
        assert!(
            on_disk.contains(&format!("\n## {} {}\n", rule.code, rule.slug)),
            "{}",
            rule.code
        );
    }
}

#[test]
fn rules_lists_every_rule_once() {
    let dir = tempdir();
    let run = decide(dir.path(), &["rules"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 44);
    assert_eq!(
        lines[0],
        "DL001  invalid-frontmatter           error             Front matter is missing, unterminated or not YAML"
    );
    assert_eq!(
        lines[25],
        "DL032  one-sided-link                warning  fixable  A supersedes B but B does not name A as superseded-by (or the reverse)"
    );
    assert!(lines[38].starts_with("DL051  unreadable-file"));
    assert_eq!(
        lines[43],
        "DL064  unknown-signal                warning           A feedback signal is outside the log's set"
    );
}

#[test]
fn rules_explains_one_rule_by_code_or_slug() {
    let dir = tempdir();
    let by_code = decide(dir.path(), &["rules", "DL020"]);
    assert_eq!(by_code.code, 0);
    assert!(
        by_code.stdout.starts_with(
            "DL020 missing-rationale: Proposed or later without a non-empty rationale\nDefault: error\n\nThe rationale is why this option won"
        ),
        "{}",
        by_code.stdout
    );
    assert!(
        by_code
            .stdout
            .contains("Bad:\n    ---\n    status: proposed\n"),
        "{}",
        by_code.stdout
    );
    assert!(by_code.stdout.contains("\nGood:\n    ---\n"));
    let by_slug = decide(dir.path(), &["rules", "missing-rationale"]);
    assert_eq!(by_slug.stdout, by_code.stdout);

    let unknown = decide(dir.path(), &["rules", "mising-rationale"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "error: no rule `mising-rationale`; did you mean `missing-rationale`?\n"
    );
}
