//! Where the configuration comes from: `[tool.decide]` in pyproject.toml,
//! `decide.toml` winning over it, `--config` and `DECIDE_CONFIG`, and the
//! JSON Schema shipped for editors.

use crate::common::*;

const RECORD: &str = "---\nstatus: proposed\ndate: 2026-02-01\nowners: [ana]\nconsulted: [lee]\n---\n# A\n\n## Context\n\nWhy.\n\n## Rationale\n\n";

/// A log whose only findings are DL020 (error) and DL021 (warning).
fn log() -> tempfile::TempDir {
    let dir = tempdir();
    git_init(dir.path());
    write(dir.path(), "decisions/0001-a.md", RECORD);
    dir
}

fn codes(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let run = decide(
        dir,
        &[
            &["check", "--as-of", "2026-02-10", "--format", "concise"],
            args,
        ]
        .concat(),
    );
    let mut codes: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    codes.sort();
    (
        run.code,
        format!("{} {}", codes.join(","), run.stderr.trim())
            .trim()
            .to_string(),
    )
}

#[test]
fn tool_decide_in_pyproject_is_honoured() {
    let dir = log();
    assert_eq!(codes(dir.path(), &[]), (1, "DL020,DL021".to_string()));
    write(
        dir.path(),
        "pyproject.toml",
        "[project]\nname = \"churn\"\n\n[tool.ruff]\nline-length = 100\n\n[tool.decide.rules]\nmissing-rationale = \"off\"\n",
    );
    assert_eq!(codes(dir.path(), &[]), (0, "DL021".to_string()));
    let run = decide(dir.path(), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("config file     pyproject.toml [tool.decide]\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("rules.missing-rationale off  (pyproject.toml [tool.decide])\n"),
        "{}",
        run.stdout
    );
    // From a subfolder, too.
    let sub = dir.path().join("decisions");
    assert_eq!(codes(&sub, &[]), (0, "DL021".to_string()));
}

#[test]
fn a_pyproject_without_tool_decide_is_not_a_configuration() {
    let dir = log();
    write(
        dir.path(),
        "pyproject.toml",
        "[project]\nname = \"churn\"\n",
    );
    assert_eq!(codes(dir.path(), &[]), (1, "DL020,DL021".to_string()));
    let run = decide(dir.path(), &["config"]);
    assert!(
        run.stdout.starts_with("config file     (none)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn decide_toml_wins_over_tool_decide_and_config_says_so() {
    let dir = log();
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.decide.rules]\nDL020 = \"off\"\n",
    );
    write(dir.path(), "decide.toml", "[rules]\nDL021 = \"off\"\n");
    assert_eq!(codes(dir.path(), &[]), (1, "DL020".to_string()));
    let run = decide(dir.path(), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "config file     decide.toml\n\
         ignored         pyproject.toml [tool.decide]: decide.toml wins\n\
         dir             decisions  (default folder)\n\
         ids.scheme      number  (default)\n\
         max-file-bytes  1048576  (default)\n\
         stale-days      60  (default)\n\
         base-url        (none)  (default)\n\
         baseline        decide-baseline.json  (default)\n\
         rules.DL021     off  (decide.toml)\n\
         precedence      --config, DECIDE_CONFIG, then the nearest folder upwards with decide.toml or a pyproject.toml with [tool.decide] (decide.toml wins in one folder)\n"
    );
}

#[test]
fn errors_in_tool_decide_name_the_table() {
    let dir = log();
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.decide]\nstale-dayz = 3\n",
    );
    let run = decide(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("pyproject.toml: [tool.decide]: ") && run.stderr.contains("stale-dayz"),
        "{}",
        run.stderr
    );
    // A broken pyproject.toml that mentions tool.decide is reported, not skipped.
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.decide\nstale-days = 3\n",
    );
    let run = decide(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("pyproject.toml"), "{}", run.stderr);
}

#[test]
fn config_flag_and_environment_name_the_file() {
    let dir = log();
    write(dir.path(), "decide.toml", "[rules]\nDL021 = \"off\"\n");
    write(dir.path(), "ci/strict.toml", "[rules]\nDL020 = \"off\"\n");
    write(
        dir.path(),
        "ci/pyproject.toml",
        "[tool.decide.rules]\nDL020 = \"off\"\nDL021 = \"off\"\n",
    );
    assert_eq!(codes(dir.path(), &[]), (1, "DL020".to_string()));
    assert_eq!(
        codes(dir.path(), &["--config", "ci/strict.toml"]),
        (0, "DL021".to_string())
    );
    let env = |file: &str, extra: &[&str]| {
        run(cmd(dir.path()).env("DECIDE_CONFIG", file).args(
            [
                &["check", "--as-of", "2026-02-10", "--format", "concise"],
                extra,
            ]
            .concat(),
        ))
    };
    let from_env = env("ci/pyproject.toml", &[]);
    assert_eq!((from_env.code, from_env.stdout.as_str()), (0, ""));
    // --config wins over DECIDE_CONFIG.
    let both = env("ci/pyproject.toml", &["--config", "ci/strict.toml"]);
    assert_eq!(both.code, 0);
    assert!(both.stdout.contains("DL021"), "{}", both.stdout);

    let shown = run(cmd(dir.path())
        .env("DECIDE_CONFIG", "ci/strict.toml")
        .arg("config"));
    assert!(
        shown
            .stdout
            .starts_with("config file     ci/strict.toml  (DECIDE_CONFIG)\n"),
        "{}",
        shown.stdout
    );
    let shown = decide(dir.path(), &["config", "--config", "ci/pyproject.toml"]);
    assert!(
        shown
            .stdout
            .starts_with("config file     ci/pyproject.toml [tool.decide]  (--config)\n"),
        "{}",
        shown.stdout
    );

    let missing = decide(dir.path(), &["check", "--config", "nope.toml"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.toml"), "{}", missing.stderr);
    write(
        dir.path(),
        "plain/pyproject.toml",
        "[project]\nname = \"x\"\n",
    );
    let without = decide(dir.path(), &["check", "--config", "plain/pyproject.toml"]);
    assert_eq!(without.code, 2);
    assert!(
        without
            .stderr
            .contains("plain/pyproject.toml: has no [tool.decide] table"),
        "{}",
        without.stderr
    );
}

/// The schema in the repository is the one generated from the configuration
/// type. To regenerate it after changing a key:
/// `DECIDE_BLESS=1 cargo test config_schema` (or
/// `cargo run -q -- config --schema > decide.schema.json`).
#[test]
fn config_schema_is_current_and_validates_configurations() {
    let path = repo().join("decide.schema.json");
    let generated = decide(&repo(), &["config", "--schema"]);
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    if std::env::var_os("DECIDE_BLESS").is_some() {
        std::fs::write(&path, &generated.stdout).unwrap();
    }
    assert!(
        read(&path) == generated.stdout,
        "decide.schema.json is out of date with src/config.rs; run `DECIDE_BLESS=1 cargo test config_schema` and commit it"
    );
    let schema: serde_json::Value = serde_json::from_str(&generated.stdout).unwrap();
    // Editors show these as the help for each key: every key documents itself.
    for (key, property) in schema["properties"].as_object().unwrap() {
        assert!(
            property["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "add a doc comment to `{key}` in src/config.rs"
        );
    }
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let toml_to_json = |text: &str| -> serde_json::Value {
        let value: toml::Value = toml::from_str(text).unwrap();
        serde_json::to_value(value).unwrap()
    };
    // The README's example configuration is valid ...
    let readme = read(&repo().join("README.md"));
    let example = readme
        .split("## Configuration")
        .nth(1)
        .and_then(|s| s.split("```toml\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("a toml block under ## Configuration");
    let errors: Vec<String> = validator
        .iter_errors(&toml_to_json(example))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{example}");
    // ... and what decide rejects, the schema rejects too.
    for bad in [
        "colour = 1\n",
        "stale-days = \"soon\"\n",
        "[ids]\nscheme = \"uuid\"\n",
        "[rules]\nDL021 = \"loud\"\n",
        "[rules.per-file]\n\"*.md\" = \"DL020\"\n",
    ] {
        assert!(!validator.is_valid(&toml_to_json(bad)), "{bad}");
    }
}
