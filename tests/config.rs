//! `decide config`: effective values and their sources.

use crate::common::*;

#[test]
fn config_shows_values_and_where_they_came_from() {
    let dir = tempdir();
    write(
        dir.path(),
        "adr/0001-a.md",
        "---\nstatus: draft\n---\n# A\n",
    );
    write(
        dir.path(),
        "decide.toml",
        "dir = \"adr\"\nstale-days = 30\n[rules]\nDL021 = \"off\"\n[rules.per-file]\n\"adr/old/*.md\" = [\"DL020\"]\n",
    );
    let run = decide(dir.path(), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "config file     decide.toml\n\
         dir             adr  (`dir` in decide.toml)\n\
         ids.scheme      number  (default)\n\
         max-file-bytes  1048576  (default)\n\
         stale-days      30  (decide.toml)\n\
         base-url        (none)  (default)\n\
         baseline        decide-baseline.json  (default)\n\
         rules.DL021     off  (decide.toml)\n\
         per-file        adr/old/*.md: DL020 off  (decide.toml)\n\
         precedence      --config, DECIDE_CONFIG, then the nearest folder upwards with decide.toml or a pyproject.toml with [tool.decide] (decide.toml wins in one folder)\n"
    );
}

#[test]
fn config_without_a_file_reports_defaults() {
    let dir = tempdir();
    write(dir.path(), "docs/adr/0001-a.md", "# A\n");
    let run = decide(dir.path(), &["config"]);
    assert!(
        run.stdout
            .starts_with("config file     (none)\ndir             docs/adr  (default folder)\n"),
        "{}",
        run.stdout
    );
    let bad = tempdir();
    write(bad.path(), "decisions/0001-a.md", "# A\n");
    write(bad.path(), "decide.toml", "[rules]\nDL021 = \"loud\"\n");
    let run = decide(bad.path(), &["config"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`rules.DL021` must be \"error\", \"warning\" or \"off\""),
        "{}",
        run.stderr
    );
}

#[test]
fn completions_and_man_page_are_generated_from_the_cli() {
    let dir = tempdir();
    let run = decide(dir.path(), &["completions", "bash"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("_decide()") && run.stdout.contains("--no-input"),
        "{}",
        &run.stdout[..200]
    );
    let run = decide(dir.path(), &["completions", "zsh"]);
    assert!(run.stdout.starts_with("#compdef decide"));
    let run = decide(dir.path(), &["man"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains(".TH decide 1") && run.stdout.contains("review"),
        "{}",
        &run.stdout[..300]
    );
}
