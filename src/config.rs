//! `decide.toml`: finding it, reading it, and where each value came from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;

pub const DEFAULT_MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The most `max-file-bytes` may be raised to: a pull request that edits
/// decide.toml must not be able to make `decide` read files without bound.
pub const MAX_FILE_BYTES_CEILING: u64 = 64 * 1024 * 1024;
/// The largest decide.toml read.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;
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
        use std::io::Read;
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        // decide.toml comes with pull requests too: read no more than a
        // configuration could need.
        let mut text = String::new();
        std::fs::File::open(path)
            .map_err(io)?
            .take(MAX_CONFIG_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(io)?;
        if text.len() as u64 > MAX_CONFIG_BYTES {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!(
                    "is larger than {MAX_CONFIG_BYTES} bytes; a configuration is never that long"
                ),
            });
        }
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
            if n > MAX_FILE_BYTES_CEILING {
                return Err(bad(format!(
                    "max-file-bytes = {n} is above the ceiling of {MAX_FILE_BYTES_CEILING} bytes"
                )));
            }
            config.max_file_bytes = n;
            config.set.push("max-file-bytes");
        }
        if let Some(n) = raw.stale_days {
            config.stale_days = n;
            config.set.push("stale-days");
        }
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
    fn unknown_keys_name_the_key_and_file() {
        let err = Config::parse("colour = 1\n", Path::new("x/decide.toml")).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("colour") && text.contains("x/decide.toml"),
            "{text}"
        );
    }
}
