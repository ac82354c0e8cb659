//! What the user asked to see: rule levels from `decide.toml`, rules turned
//! off for files matching a glob, and suppression comments in the files.
//!
//! Suppressions are written where the finding is:
//! `<!-- decide-disable DL021 -->` anywhere in a file silences DL021 for the
//! whole file, `<!-- decide-disable-next-line DL021 -->` for the line below
//! it. In front matter and `people.yaml`, where HTML comments are not
//! comments, the YAML form `# decide-disable-next-line DL002` does the same.
//! Without codes, every rule is silenced. An unknown code is reported as
//! DL005 at warning level, since a typo there would silently suppress nothing.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use globset::{GlobBuilder, GlobMatcher};
use rayon::prelude::*;

use super::{Code, registry};
use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::log::{Log, display_path};
use crate::yaml::Pos;

/// Levels and per-file settings from `decide.toml`, with every rule name resolved.
#[derive(Debug, Default)]
pub struct Levels {
    levels: HashMap<Code, Level>,
    per_file: Vec<(GlobMatcher, Vec<Code>)>,
}

impl Levels {
    /// Resolves the rule names in `config`; an unknown one is a configuration error.
    pub fn from_config(config: &Config) -> Result<Levels, Error> {
        let path = config
            .file
            .clone()
            .unwrap_or_else(|| Path::new("decide.toml").to_path_buf());
        let resolve = |name: &str, place: &str| {
            registry::find(name)
                .map(|r| r.id)
                .ok_or_else(|| Error::Config {
                    path: path.clone(),
                    message: match registry::suggest(name) {
                        Some(s) => format!("unknown rule `{name}` in {place}; did you mean `{s}`?"),
                        None => {
                            format!("unknown rule `{name}` in {place}; `decide rules` lists them")
                        }
                    },
                })
        };
        let mut levels = Levels::default();
        for (name, level) in &config.rules {
            levels.levels.insert(resolve(name, "[rules]")?, *level);
        }
        for (glob, names) in &config.per_file {
            let matcher = GlobBuilder::new(glob)
                .literal_separator(true)
                .build()
                .map_err(|e| Error::Config {
                    path: path.clone(),
                    message: format!("`rules.per-file` glob `{glob}`: {e}"),
                })?
                .compile_matcher();
            let codes = names
                .iter()
                .map(|n| resolve(n, &format!("[rules.per-file] \"{glob}\"")))
                .collect::<Result<Vec<_>, _>>()?;
            levels.per_file.push((matcher, codes));
        }
        Ok(levels)
    }

    /// Turns rules on and off as `--select`, `--extend-select` and
    /// `--ignore` say, over what the configuration set.
    pub fn select(&mut self, selection: &super::select::Selection) {
        if selection.is_empty() {
            return;
        }
        for rule in registry::RULES {
            let off = self.levels.get(&rule.id) == Some(&Level::Off);
            match (selection.runs(rule.id, off), off) {
                (false, _) => {
                    self.levels.insert(rule.id, Level::Off);
                }
                (true, true) => {
                    self.levels.remove(&rule.id);
                }
                (true, false) => {}
            }
        }
    }

    /// Whether `d` can be an error once [`Levels::apply`] has run: its
    /// level decides, else its own severity. Per-file settings and
    /// suppression comments only ever take findings away, and what runs
    /// after a record's own rules only lowers a severity (unused keys), so
    /// a finding this says no to never ends as an error.
    pub fn may_be_error(&self, d: &Diagnostic) -> bool {
        match self.levels.get(&d.code) {
            Some(Level::Error) => true,
            Some(Level::Warning | Level::Off) => false,
            None => d.severity == Severity::Error,
        }
    }

    /// Applies levels, per-file globs and suppression comments to `found`,
    /// adding a DL005 warning for each unknown code in a suppression comment.
    pub fn apply(&self, found: Vec<Diagnostic>, log: &Log) -> Vec<Diagnostic> {
        let parsed: Vec<(&str, Suppressions, Vec<Diagnostic>)> = log
            .sources
            .par_iter()
            .filter(|s| !s.directives.is_empty())
            .map(|s| {
                let lines = s.directives.iter().map(|(i, line)| (*i, line.as_str()));
                let (suppressions, unknown) = Suppressions::parse(&s.path, lines);
                (&*s.path, suppressions, unknown)
            })
            .collect();
        let mut by_path: HashMap<&str, &Suppressions> = HashMap::new();
        let mut all = found;
        for (path, suppressions, unknown) in &parsed {
            by_path.insert(path, suppressions);
            all.extend(unknown.iter().cloned());
        }
        let mut per_file_cache: HashMap<Arc<str>, Vec<Code>> = HashMap::new();
        // Filtered where it lies: a second vector of every finding would set
        // `check`'s peak memory.
        all.retain_mut(|d| {
            match self.levels.get(&d.code) {
                Some(Level::Off) => return false,
                Some(Level::Error) => d.severity = Severity::Error,
                Some(Level::Warning) => d.severity = Severity::Warning,
                None => {}
            }
            if !self.per_file.is_empty() {
                let off = per_file_cache
                    .entry(d.path.clone())
                    .or_insert_with(|| self.off_for(&d.path, log));
                if off.contains(&d.code) {
                    return false;
                }
            }
            !by_path
                .get(&*d.path)
                .is_some_and(|s| s.silences(d.code, d.line))
        });
        super::sort(&mut all);
        all
    }

    /// The rules turned off for `path` (relative to the repository root).
    /// Globs match that path, the path relative to `decide.toml`'s folder, or
    /// the path relative to the log folder, so `"0001-*.md"` and
    /// `"decisions/legacy/**"` both work.
    fn off_for(&self, path: &str, log: &Log) -> Vec<Code> {
        let location = &log.location;
        let abs = location.root.join(path);
        let mut candidates = vec![path.to_string(), display_path(&abs, &location.dir)];
        if let Some(dir) = location.config.file.as_ref().and_then(|f| f.parent()) {
            candidates.push(display_path(&abs, dir));
        }
        self.per_file
            .iter()
            .filter(|(m, _)| candidates.iter().any(|c| m.is_match(c)))
            .flat_map(|(_, codes)| codes.iter().copied())
            .collect()
    }
}

/// Which rules a comment silences.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Silenced {
    All,
    Codes(Vec<Code>),
}

impl Silenced {
    fn covers(&self, code: Code) -> bool {
        match self {
            Silenced::All => true,
            Silenced::Codes(codes) => codes.contains(&code),
        }
    }
}

/// The suppression comments of one file.
#[derive(Debug, Default)]
struct Suppressions {
    file: Vec<Silenced>,
    /// Line number → what is silenced on it.
    lines: HashMap<usize, Vec<Silenced>>,
}

impl Suppressions {
    fn silences(&self, code: Code, line: usize) -> bool {
        self.file.iter().any(|s| s.covers(code))
            || self
                .lines
                .get(&line)
                .is_some_and(|list| list.iter().any(|s| s.covers(code)))
    }

    /// Reads every `decide-disable` comment in `lines` (0-based index and
    /// text); unknown codes become DL005 warnings.
    fn parse<'t>(
        path: &Arc<str>,
        lines: impl Iterator<Item = (usize, &'t str)>,
    ) -> (Suppressions, Vec<Diagnostic>) {
        let mut out = Suppressions::default();
        let mut unknown = Vec::new();
        for (i, line) in lines {
            let mut rest = line;
            let mut offset = 0;
            while let Some(found) = rest.find("decide-disable") {
                let start = offset + found;
                let before = line[..start].trim_end();
                let after = &line[start + "decide-disable".len()..];
                let (next_line, args) = match after.strip_prefix("-next-line") {
                    Some(a) => (true, a),
                    None => (false, after),
                };
                let well_formed = (before.ends_with("<!--") || before.ends_with('#'))
                    && (args.is_empty()
                        || args.starts_with([' ', '\t'])
                        || args.starts_with("-->"));
                let consumed = start + "decide-disable".len();
                rest = &line[consumed..];
                offset = consumed;
                if !well_formed {
                    continue;
                }
                let args_start = line.len() - args.len();
                let body = args.split("-->").next().unwrap_or("");
                let mut codes = Vec::new();
                let mut any = false;
                for (token_offset, token) in tokens(body) {
                    any = true;
                    match registry::find(token) {
                        Some(rule) => codes.push(rule.id),
                        None => {
                            let column = line[..args_start + token_offset].chars().count() + 1;
                            let help = match registry::suggest(token) {
                                Some(s) => {
                                    format!("did you mean `{s}`? `decide rules` lists the codes")
                                }
                                None => "`decide rules` lists the codes".to_string(),
                            };
                            unknown.push(
                                Diagnostic::new(
                                    Code::InvalidValue,
                                    path,
                                    Pos::new(i + 1, column),
                                    format!("unknown rule `{token}` in a decide-disable comment"),
                                )
                                .with_severity(Severity::Warning)
                                .with_help(help),
                            );
                        }
                    }
                }
                let silenced = if any {
                    Silenced::Codes(codes)
                } else {
                    Silenced::All
                };
                if next_line {
                    out.lines.entry(i + 2).or_default().push(silenced);
                } else {
                    out.file.push(silenced);
                }
            }
        }
        (out, unknown)
    }
}

/// The codes in a comment, split on spaces and commas, with their byte offsets.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let separator = c.is_whitespace() || c == ',';
        match (separator, start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::testing::*;
    use super::super::{CheckOptions, check};
    use super::*;

    fn apply(levels: &Levels, files: &[(&str, &str)]) -> Vec<(Code, usize, Severity)> {
        let log = log(files);
        let found = check(&log, &CheckOptions { as_of: as_of() });
        levels
            .apply(found, &log)
            .into_iter()
            .map(|d| (d.code, d.line, d.severity))
            .collect()
    }

    const PROPOSED: &str = "---\nstatus: proposed\ndate: 2026-02-01\nowners: [ana]\nconsulted: [lee]\n---\n# Score nightly\n\n## Context\n\nMonthly.\n\n## Rationale\n\nFresh.\n";

    #[test]
    fn levels_by_code_or_slug() {
        let mut config = Config::defaults();
        config.rules = BTreeMap::from([
            ("no-alternatives".to_string(), Level::Error),
            ("DL020".to_string(), Level::Off),
        ]);
        let levels = Levels::from_config(&config).unwrap();
        let text = PROPOSED.replace("Fresh.", "");
        assert_eq!(
            apply(&levels, &[("0002-a.md", &text)]),
            vec![(Code::NoAlternatives, 2, Severity::Error)]
        );
    }

    #[test]
    fn unknown_rule_names_in_config_are_errors() {
        let mut config = Config::defaults();
        config.file = Some("x/decide.toml".into());
        config.rules = BTreeMap::from([("no-alternative".to_string(), Level::Off)]);
        let err = Levels::from_config(&config).unwrap_err().to_string();
        assert_eq!(
            err,
            "x/decide.toml: unknown rule `no-alternative` in [rules]; did you mean `no-alternatives`?"
        );
        let mut config = Config::defaults();
        config.per_file = BTreeMap::from([("*.md".to_string(), vec!["DL999".to_string()])]);
        assert!(Levels::from_config(&config).is_err());
    }

    #[test]
    fn per_file_globs_match_from_the_root_or_the_log_folder() {
        let mut config = Config::defaults();
        config.per_file = BTreeMap::from([
            ("0002-*.md".to_string(), vec!["DL021".to_string()]),
            (
                "decisions/legacy-*.md".to_string(),
                vec!["stray-file".to_string()],
            ),
        ]);
        let levels = Levels::from_config(&config).unwrap();
        let files = [
            ("0002-a.md", PROPOSED),
            ("0003-b.md", PROPOSED),
            ("legacy-x.md", "# x\n"),
        ];
        assert_eq!(
            apply(&levels, &files),
            vec![(Code::NoAlternatives, 2, Severity::Warning)]
        );
    }

    #[test]
    fn suppression_comments_for_the_file_or_the_next_line() {
        let levels = Levels::default();
        let whole = format!("{PROPOSED}<!-- decide-disable DL021 -->\n");
        assert!(apply(&levels, &[("0002-a.md", &whole)]).is_empty());
        let next = PROPOSED.replacen(
            "status: proposed",
            "# decide-disable-next-line no-alternatives\nstatus: proposed",
            1,
        );
        assert!(apply(&levels, &[("0002-a.md", &next)]).is_empty());
        let wrong_line = PROPOSED.replacen("date:", "# decide-disable-next-line DL021\ndate:", 1);
        assert_eq!(apply(&levels, &[("0002-a.md", &wrong_line)]).len(), 1);
        let prose = format!("{PROPOSED}Use decide-disable DL021 to silence it.\n");
        assert_eq!(apply(&levels, &[("0002-a.md", &prose)]).len(), 1);
    }

    #[test]
    fn unknown_codes_in_suppressions_are_warnings() {
        let text = format!("{PROPOSED}<!-- decide-disable DL021, DL999 -->\n");
        let log = log(&[("0002-a.md", &text)]);
        let found = Levels::default().apply(check(&log, &CheckOptions { as_of: as_of() }), &log);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(
            (d.code, d.line, d.column, d.severity),
            (Code::InvalidValue, 16, 28, Severity::Warning)
        );
        assert_eq!(
            d.message,
            "unknown rule `DL999` in a decide-disable comment"
        );
    }

    #[test]
    fn bare_disable_silences_everything() {
        let text = format!(
            "{}<!-- decide-disable -->\n",
            PROPOSED.replace("Fresh.", "")
        );
        assert!(apply(&Levels::default(), &[("0002-a.md", &text)]).is_empty());
    }
}
