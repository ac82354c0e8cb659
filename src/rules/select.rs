//! `--select`, `--extend-select` and `--ignore`: which rules run, chosen on
//! the command line for one run, as ruff does.
//!
//! A selector is a rule's code (`DL020`), its slug (`missing-rationale`), a
//! code prefix (`DL02` is DL020–DL029, `DL` every rule) or `ALL`, in any
//! case. `--select` replaces the set of rules that run (a rule `decide.toml`
//! turns off runs when it is selected), `--extend-select` adds to it, and
//! `--ignore` takes rules out last, so it wins over both. Levels from
//! `decide.toml`, `[rules.per-file]` and suppression comments still apply
//! to the rules that run.

use super::registry::{self, Code, RULES};
use crate::error::Error;

/// The command line's choice of rules, resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// `None` when `--select` was not given: the configured rules run.
    pub select: Option<Vec<Code>>,
    pub extend: Vec<Code>,
    pub ignore: Vec<Code>,
}

impl Selection {
    /// Resolves the three lists; an unknown selector is a usage error.
    pub fn new(
        select: &[String],
        extend: &[String],
        ignore: &[String],
    ) -> Result<Selection, Error> {
        let all = |flag: &str, names: &[String]| -> Result<Vec<Code>, Error> {
            let mut codes = Vec::new();
            for name in names.iter().filter(|n| !n.trim().is_empty()) {
                codes.extend(
                    resolve(name).map_err(|message| Error::Usage(format!("{flag}: {message}")))?,
                );
            }
            Ok(codes)
        };
        Ok(Selection {
            select: if select.is_empty() {
                None
            } else {
                Some(all("--select", select)?)
            },
            extend: all("--extend-select", extend)?,
            ignore: all("--ignore", ignore)?,
        })
    }

    /// Whether the command line changes anything.
    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.extend.is_empty() && self.ignore.is_empty()
    }

    /// Whether `code` runs, given whether the configuration turns it off.
    pub fn runs(&self, code: Code, configured_off: bool) -> bool {
        let chosen = match &self.select {
            Some(select) => select.contains(&code),
            None => !configured_off,
        };
        (chosen || self.extend.contains(&code)) && !self.ignore.contains(&code)
    }
}

/// The rules one selector names.
pub fn resolve(name: &str) -> Result<Vec<Code>, String> {
    let name = name.trim();
    if name.eq_ignore_ascii_case("ALL") {
        return Ok(RULES.iter().map(|r| r.id).collect());
    }
    if let Some(rule) = registry::find(name) {
        return Ok(vec![rule.id]);
    }
    let upper = name.to_ascii_uppercase();
    let is_prefix = upper.starts_with("DL") && upper[2..].bytes().all(|b| b.is_ascii_digit());
    let matched: Vec<Code> = RULES
        .iter()
        .filter(|r| is_prefix && r.code.starts_with(&upper))
        .map(|r| r.id)
        .collect();
    if !matched.is_empty() {
        return Ok(matched);
    }
    Err(match registry::suggest(name) {
        Some(s) => format!("unknown rule or prefix `{name}`; did you mean `{s}`?"),
        None => format!("unknown rule or prefix `{name}`; `decide rules` lists them"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_slugs_and_prefixes() {
        assert_eq!(resolve("dl020").unwrap(), vec![Code::MissingRationale]);
        assert_eq!(
            resolve("missing-rationale").unwrap(),
            vec![Code::MissingRationale]
        );
        let prefix = resolve("DL02").unwrap();
        assert!(prefix.contains(&Code::MissingRationale) && prefix.contains(&Code::MissingContext));
        assert!(prefix.iter().all(|c| c.as_str().starts_with("DL02")));
        assert_eq!(resolve("DL").unwrap().len(), RULES.len());
        assert_eq!(resolve("all").unwrap().len(), RULES.len());
        assert_eq!(
            resolve("DL9").unwrap_err(),
            "unknown rule or prefix `DL9`; `decide rules` lists them"
        );
        assert!(
            resolve("missing-rational")
                .unwrap_err()
                .contains("did you mean `missing-rationale`")
        );
    }

    #[test]
    fn ignore_wins_and_select_overrides_the_configuration() {
        let s = Selection::new(&["DL02".into()], &["DL050".into()], &["DL021".into()]).unwrap();
        assert!(s.runs(Code::MissingRationale, true));
        assert!(!s.runs(Code::NoAlternatives, false));
        assert!(s.runs(Code::StrayFile, false));
        let only_ignore = Selection::new(&[], &[], &["missing-rationale".into()]).unwrap();
        assert!(!only_ignore.runs(Code::MissingRationale, false));
        assert!(only_ignore.runs(Code::NoOwner, false));
        assert!(!only_ignore.runs(Code::NoOwner, true));
    }
}
