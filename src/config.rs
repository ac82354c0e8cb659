//! `decide.toml`: finding it, reading it, and where each value came from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;

pub const DEFAULT_MAX_FILE_BYTES: u64 = 1024 * 1024;
pub const DEFAULT_STALE_DAYS: u64 = 60;

/// The id scheme for new decisions (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdScheme {
    #[default]
    Number,
    Date,
}

/// A rule level set in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    dir: Option<PathBuf>,
    ids: Option<RawIds>,
    rules: Option<toml::Table>,
    max_file_bytes: Option<u64>,
    stale_days: Option<u64>,
    base_url: Option<String>,
    baseline: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIds {
    scheme: IdScheme,
}

/// The effective configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The `decide.toml` that was read, if any.
    pub file: Option<PathBuf>,
    /// `dir` as written, relative to the config file's folder.
    pub dir: Option<PathBuf>,
    pub scheme: IdScheme,
    /// Rule name (code or slug, as written) → level.
    pub rules: BTreeMap<String, Level>,
    /// Glob → rule names turned off for matching files.
    pub per_file: BTreeMap<String, Vec<String>>,
    pub max_file_bytes: u64,
    pub stale_days: u64,
    /// The web address of the log folder (`base-url`): the HTML report links
    /// each record id to `base-url/<file>`.
    pub base_url: Option<String>,
    /// `baseline` as written, relative to the config file's folder.
    pub baseline: Option<PathBuf>,
    /// The keys the file set (the rest are defaults), for `decide config`.
    pub set: Vec<&'static str>,
}

impl Config {
    pub fn defaults() -> Config {
        Config {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            stale_days: DEFAULT_STALE_DAYS,
            ..Config::default()
        }
    }

    /// Reads and validates `path`.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        let bad = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| bad(e.to_string().trim().to_string()))?;
        let mut config = Config::defaults();
        config.file = Some(path.to_path_buf());
        if raw.dir.is_some() {
            config.set.push("dir");
        }
        config.dir = raw.dir;
        if let Some(ids) = raw.ids {
            config.scheme = ids.scheme;
            config.set.push("ids.scheme");
        }
        if let Some(n) = raw.max_file_bytes {
            config.max_file_bytes = n;
            config.set.push("max-file-bytes");
        }
        if let Some(n) = raw.stale_days {
            config.stale_days = n;
            config.set.push("stale-days");
        }
        if let Some(url) = raw.base_url {
            config.base_url = Some(base_url(&url).map_err(bad)?);
            config.set.push("base-url");
        }
        if raw.baseline.is_some() {
            config.set.push("baseline");
        }
        config.baseline = raw.baseline;
        for (key, value) in raw.rules.unwrap_or_default() {
            if key == "per-file" {
                let toml::Value::Table(table) = value else {
                    return Err(bad(
                        "`rules.per-file` must be a table of glob = [rules]".into()
                    ));
                };
                for (glob, rules) in table {
                    let list = rules
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|v| v.as_str().map(String::from))
                                .collect::<Vec<_>>()
                        })
                        .ok_or_else(|| {
                            bad(format!(
                                "`rules.per-file.\"{glob}\"` must be a list of rule codes"
                            ))
                        })?;
                    config.per_file.insert(glob, list);
                }
                continue;
            }
            let level = match value.as_str() {
                Some("error") => Level::Error,
                Some("warning") | Some("warn") => Level::Warning,
                Some("off") => Level::Off,
                _ => {
                    return Err(bad(format!(
                        "`rules.{key}` must be \"error\", \"warning\" or \"off\""
                    )));
                }
            };
            config.rules.insert(key, level);
        }
        Ok(config)
    }
}

/// Checks a `base-url`: an `http(s)` address with no whitespace, quotes or
/// angle brackets, so that the links built from it in the HTML report can
/// only lead to a web page. The trailing `/` is dropped.
fn base_url(url: &str) -> Result<String, String> {
    let lower = url.to_ascii_lowercase();
    let scheme = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`'));
    if !scheme || !clean || url.len() > 2048 {
        return Err(format!(
            "`base-url` must be an http:// or https:// address without spaces or quotes, not {url:?}"
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// The nearest `decide.toml` from `start` upwards, stopping at the folder that holds `.git`.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join("decide.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// The repository root: the nearest folder holding `.git`, if any.
pub fn find_repo_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let c = Config::parse(
            "dir = \"adr\"\nmax-file-bytes = 10\nstale-days = 30\n[ids]\nscheme = \"date\"\n[rules]\nDL021 = \"off\"\nmissing-context = \"error\"\n[rules.per-file]\n\"legacy/*.md\" = [\"DL020\"]\n",
            Path::new("decide.toml"),
        )
        .unwrap();
        assert_eq!(c.dir, Some(PathBuf::from("adr")));
        assert_eq!(c.scheme, IdScheme::Date);
        assert_eq!(c.rules["DL021"], Level::Off);
        assert_eq!(c.per_file["legacy/*.md"], vec!["DL020".to_string()]);
        assert_eq!((c.max_file_bytes, c.stale_days), (10, 30));
    }

    #[test]
    fn base_url_is_a_web_address() {
        let c = Config::parse(
            "base-url = \"https://git.example.com/team/repo/blob/main/decisions/\"\n",
            Path::new("decide.toml"),
        )
        .unwrap();
        assert_eq!(
            c.base_url.as_deref(),
            Some("https://git.example.com/team/repo/blob/main/decisions")
        );
        assert_eq!(c.set, vec!["base-url"]);
        for bad in [
            "javascript:alert(1)",
            "ftp://x",
            "https://x/\"><b>",
            "https://a b",
        ] {
            let text = format!("base-url = \"{}\"\n", bad.replace('"', "\\\""));
            let err = Config::parse(&text, Path::new("decide.toml")).unwrap_err();
            assert!(
                err.to_string().contains("`base-url` must be"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn unknown_keys_name_the_key_and_file() {
        let err = Config::parse("colour = 1\n", Path::new("x/decide.toml")).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("colour") && text.contains("x/decide.toml"),
            "{text}"
        );
    }
}
