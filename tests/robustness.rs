//! Any bytes in any file give findings, never a panic: every command runs on
//! a log made of truncated and corrupted copies of real records.

use crate::common::*;

fn corrupted_log() -> tempfile::TempDir {
    let dir = tempdir();
    let sources = [
        read(&example_log().join("0012-route-top-decile-to-retention-agents.md")),
        read(&example_log().join("reviews/2025-10-14-milestone-v6-queue-go-live.md")),
    ];
    let mut n = 1;
    for (k, text) in sources.iter().enumerate() {
        let bytes = text.as_bytes();
        // Cut at many offsets, including inside multi-byte characters.
        for cut in (0..bytes.len()).step_by(97) {
            let mut b = bytes[..cut].to_vec();
            // And corrupt one byte after the cut point of the previous variant.
            if cut > 10 {
                let i = cut * 7 / 11;
                b[i] = [b'\t', b':', b'-', b'[', b'{', b'&', b'*', 0xff][cut % 8];
            }
            let name = if k == 0 {
                format!("decisions/{n:04}-cut.md")
            } else {
                format!("decisions/reviews/2026-01-01-cut-{n}.md")
            };
            let path = dir.path().join(&name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &b).unwrap();
            n += 1;
        }
    }
    write(
        dir.path(),
        "decisions/people.yaml",
        &read(&example_log().join("people.yaml"))[..400],
    );
    write(
        dir.path(),
        "decisions/charter.md",
        "---\nresponse-days: [5\n---\n",
    );
    dir
}

#[test]
fn every_command_survives_corrupted_records() {
    let dir = corrupted_log();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "json"],
        &["check", "--as-of", "2026-11-25"],
        &["check", "--format", "sarif"],
        &["check", "--format", "github"],
        &["report", "--as-of", "2026-11-25"],
        &["report", "--format", "json"],
        &["report", "--format", "markdown"],
        &["digest", "--since", "2000-01-01", "--format", "text"],
        &["show", "12"],
        &["show", "3"],
    ];
    for args in commands {
        let run = decide(dir.path(), args);
        assert!(
            !run.stderr.contains("panicked") && [0, 1, 2].contains(&run.code),
            "{args:?} exited {}: {}",
            run.code,
            run.stderr
        );
    }
    let check = decide(dir.path(), &["check", "--format", "json"]);
    assert_eq!(check.code, 1);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"DL001"), "broken front matter is reported");
    assert!(codes.contains(&"DL051"), "invalid UTF-8 is reported");
}
