//! Names of new record files: safe slugs, the next id, and creating the file
//! without ever overwriting one.
//!
//! Two `decide new` run at once must not produce two records with the same
//! number. Numbering therefore happens under the log's lock
//! ([`crate::edit::locked`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use crate::edit::create_new;
use crate::error::Error;
use crate::record::Id;

/// The longest slug SPEC §3 allows.
pub const MAX_SLUG: usize = 60;

/// `[a-z0-9-]` only, at most 60 characters, never empty: a title can never
/// name a path outside the log folder. Letters outside ASCII are
/// transliterated first (`Ünïcödé façade` → `unicode-facade`), so a title in
/// any script gives a slug a reader can recognise.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(title).chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_matches('-').to_string();
    if out.len() > MAX_SLUG {
        let cut = out[..MAX_SLUG]
            .rfind('-')
            .filter(|&i| i >= MAX_SLUG / 2)
            .unwrap_or(MAX_SLUG);
        out.truncate(cut);
        out = out.trim_end_matches('-').to_string();
    }
    if out.is_empty() {
        out.push_str("untitled");
    }
    out
}

/// Creates `dir/PREFIX-SLUG.md`, or `PREFIX-SLUG-2.md`, `-3`, … when taken,
/// with create-new semantics; `text_for` receives the chosen stem.
pub fn create_unique(
    dir: &Path,
    prefix: &str,
    slug: &str,
    text_for: impl Fn(&str) -> String,
) -> Result<PathBuf, Error> {
    for n in 1..1000 {
        let stem = if n == 1 {
            format!("{prefix}-{slug}")
        } else {
            format!("{prefix}-{slug}-{n}")
        };
        let path = dir.join(format!("{stem}.md"));
        match create_new(&path, &text_for(&stem)) {
            Ok(()) => return Ok(path),
            Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::AlreadyExists => {
                continue;
            }
            Err(err) => return Err(err),
        }
    }
    Err(Error::Usage(format!(
        "too many records named {prefix}-{slug} in {}",
        dir.display()
    )))
}

/// The numeric ids of record files named in `names`.
pub fn numbers<'a>(names: impl IntoIterator<Item = &'a str>) -> impl Iterator<Item = u64> {
    names
        .into_iter()
        .filter(|n| n.ends_with(".md"))
        .filter_map(|n| Id::from_file_name(n).and_then(|id| id.as_num()))
}

/// The numbers used by files in `dir` now.
pub fn numbers_in_dir(dir: &Path) -> io::Result<Vec<u64>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    Ok(numbers(names.iter().map(String::as_str)).collect())
}

/// The numbers used in `dir` on the upstream default branch, when the folder
/// is in a git repository with a remote. Parallel branches thus rarely pick
/// the same number (SPEC §3).
pub fn upstream_numbers(dir: &Path) -> Vec<u64> {
    let Some(reference) = upstream_ref(dir) else {
        return Vec::new();
    };
    crate::git::run(dir, &["ls-tree", "--name-only", &reference, "--", "."])
        .map(|out| {
            let names: Vec<String> = out
                .lines()
                .map(|l| l.rsplit('/').next().unwrap_or(l).to_string())
                .collect();
            numbers(names.iter().map(String::as_str)).collect()
        })
        .unwrap_or_default()
}

/// `origin/HEAD`'s target, else `<remote>/main` or `<remote>/master` of the first remote.
fn upstream_ref(dir: &Path) -> Option<String> {
    let remotes = crate::git::run(dir, &["remote"])?;
    let remote = remotes
        .lines()
        .find(|r| *r == "origin")
        .or_else(|| remotes.lines().next())?
        .to_string();
    if let Some(head) = crate::git::run(
        dir,
        &[
            "symbolic-ref",
            "--quiet",
            "--short",
            &format!("refs/remotes/{remote}/HEAD"),
        ],
    ) {
        return Some(head.trim().to_string());
    }
    ["main", "master"]
        .iter()
        .map(|b| format!("{remote}/{b}"))
        .find(|r| {
            crate::git::run(
                dir,
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    &format!("refs/remotes/{r}"),
                ],
            )
            .is_some()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_titles_give_readable_slugs() {
        assert_eq!(slug("Ünïcödé façade"), "unicode-facade");
        assert_eq!(slug("Straße über Köln"), "strasse-uber-koln");
        assert_eq!(slug("Модель оттока"), "model-ottoka");
    }

    #[test]
    fn slugs_are_safe() {
        assert_eq!(
            slug("Retrain the churn model monthly"),
            "retrain-the-churn-model-monthly"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("🚀🔥"), "rocket-fire");
        assert_eq!(slug("?!…"), "untitled");
        assert_eq!(slug("Ünïcode & AUC ≥ 0.8"), "unicode-auc-0-8");
        let long = slug(&"word ".repeat(100));
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
        assert!(slug(&"x".repeat(500)).len() == MAX_SLUG);
    }

    #[test]
    fn numbers_from_names() {
        let found: Vec<u64> =
            numbers(["0003-a.md", "0012-b.md", "notes.md", "0007-c.txt"]).collect();
        assert_eq!(found, vec![3, 12]);
    }
}
