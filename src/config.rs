//! `decide.toml`, or `[tool.decide]` in `pyproject.toml`: finding it,
//! reading it, and where each value came from.
//!
//! Discovery follows ruff's rule: from the starting folder upwards (stopping
//! at the folder holding `.git`), the first folder with a `decide.toml`, or
//! with a `pyproject.toml` that has a `[tool.decide]` table, holds the
//! configuration; when one folder has both, `decide.toml` wins. A
//! `pyproject.toml` without `[tool.decide]` is not a configuration file.
//! `--config FILE` and `DECIDE_CONFIG` name the file instead of searching.
//!
//! [`RawConfig`] is the file's schema: `decide config --schema` prints it as
//! JSON Schema (`decide.schema.json` in the repository), generated from
//! the type with schemars, so the documentation of every key lives here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, JsonSchema)]
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

/// The configuration of `decide`, a decision log for machine-learning teams:
/// `decide.toml`, or the `[tool.decide]` table of `pyproject.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "decide configuration")]
pub struct RawConfig {
    /// The log folder, relative to this file's folder (default: the first of
    /// decisions/, docs/decisions/, doc/adr/, docs/adr/ that exists).
    dir: Option<PathBuf>,
    /// How new decisions are numbered.
    ids: Option<RawIds>,
    /// Rule levels by code (`DL021`) or slug (`missing-context`), and
    /// `[rules.per-file]` to turn rules off for files matching a glob.
    #[schemars(with = "Option<RulesSchema>")]
    rules: Option<toml::Table>,
    /// Files larger than this many bytes are refused without being read.
    max_file_bytes: Option<u64>,
    /// Days a proposal may stay untouched before rule DL046 (stale-proposal) reports it.
    stale_days: Option<u64>,
    /// The web address of the log folder (an http:// or https:// address):
    /// the HTML report links each record id to `base-url/<file>`.
    base_url: Option<String>,
    /// The baseline file, relative to this file's folder (default:
    /// decide-baseline.json next to it); `decide check` leaves out the findings it lists.
    baseline: Option<PathBuf>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawIds {
    /// `number` names new files 0001-slug.md; `date` names them 2026-03-04-slug.md.
    scheme: IdScheme,
}

// The shape of `[rules]`, for the schema only: the table is read by hand in
// `Config::parse` so that each bad value gets its own message.
/// Rule levels, and rules turned off per file.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct RulesSchema {
    /// Glob (matched against the path from the repository root, from this
    /// file's folder, or from the log folder) = rule codes or slugs turned
    /// off for the files it matches.
    #[schemars(rename = "per-file")]
    per_file: Option<BTreeMap<String, Vec<String>>>,
    /// Rule code or slug = its level.
    #[schemars(flatten)]
    levels: BTreeMap<String, RuleLevel>,
}

/// A rule's level; `warn` is read as `warning`.
#[derive(JsonSchema)]
#[schemars(rename_all = "lowercase")]
#[allow(dead_code)]
enum RuleLevel {
    Error,
    Warning,
    Warn,
    Off,
}

/// The JSON Schema of the configuration (draft 07, which taplo and Even
/// Better TOML read), pretty-printed with a final newline. TOML has no
/// null, so an optional key is only allowed to be absent.
pub fn schema_json() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<RawConfig>().to_value();
    drop_null(&mut schema);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
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
    /// Read from the `[tool.decide]` table of a `pyproject.toml`.
    pub pyproject: bool,
}

/// Takes `null` out of what the schema allows: schemars writes an `Option`
/// as "the type or null", and a `{"$ref": …}` or null as `anyOf`, which
/// becomes `allOf` with the one schema so its description stays beside it.
fn drop_null(schema: &mut serde_json::Value) {
    use serde_json::Value;
    let Value::Object(map) = schema else {
        if let Value::Array(items) = schema {
            items.iter_mut().for_each(drop_null);
        }
        return;
    };
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            map.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any)) = map.get_mut("anyOf") {
        any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
        if any.len() == 1 {
            let only = any.remove(0);
            map.remove("anyOf");
            map.insert("allOf".into(), Value::Array(vec![only]));
        }
    }
    map.values_mut().for_each(drop_null);
}

impl Config {
    pub fn defaults() -> Config {
        Config {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            stale_days: DEFAULT_STALE_DAYS,
            ..Config::default()
        }
    }

    /// Reads and validates `path`: the `[tool.decide]` table of a file named
    /// `pyproject.toml` (an error when it has none), else the whole file.
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
        if is_pyproject(path) {
            return Config::parse_pyproject(&text, path)?.ok_or_else(|| Error::Config {
                path: path.to_path_buf(),
                message: "has no [tool.decide] table".to_string(),
            });
        }
        Config::parse(&text, path)
    }

    /// Reads `[tool.decide]` from the text of a `pyproject.toml`; `None` when
    /// the file has no such table.
    pub fn parse_pyproject(text: &str, path: &Path) -> Result<Option<Config>, Error> {
        let Some(table) = tool_decide(text, path)? else {
            return Ok(None);
        };
        // Re-serialised, the table reads like a decide.toml, so both files
        // share one reader and the same messages.
        let inner = toml::to_string(&table).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut config = Config::parse(&inner, path).map_err(|e| match e {
            Error::Config { path, message } => Error::Config {
                path,
                message: format!("[tool.decide]: {message}"),
            },
            other => other,
        })?;
        config.pyproject = true;
        Ok(Some(config))
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

/// The nearest `decide.toml`, or `pyproject.toml` with `[tool.decide]`,
/// from `start` upwards, stopping at the folder that holds `.git`; in one
/// folder, `decide.toml` wins.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join("decide.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        let pyproject = dir.join("pyproject.toml");
        if has_tool_decide(&pyproject) {
            return Some(pyproject);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// Whether `path` is a readable `pyproject.toml` with a `[tool.decide]`
/// table. One that cannot be read or parsed counts as having one when its
/// text mentions `tool.decide`, so that its error is reported rather than
/// the file silently skipped.
pub fn has_tool_decide(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    match tool_decide(&text, path) {
        Ok(table) => table.is_some(),
        Err(_) => text.contains("tool.decide"),
    }
}

fn is_pyproject(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "pyproject.toml")
}

/// The `[tool.decide]` table of a `pyproject.toml`'s text.
fn tool_decide(text: &str, path: &Path) -> Result<Option<toml::Table>, Error> {
    let mut doc: toml::Table = toml::from_str(text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: e.to_string().trim().to_string(),
    })?;
    let Some(toml::Value::Table(mut tool)) = doc.remove("tool") else {
        return Ok(None);
    };
    match tool.remove("decide") {
        None => Ok(None),
        Some(toml::Value::Table(table)) => Ok(Some(table)),
        Some(_) => Err(Error::Config {
            path: path.to_path_buf(),
            message: "`tool.decide` must be a table".to_string(),
        }),
    }
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
    fn pyproject_is_read_from_its_tool_decide_table() {
        let path = Path::new("pyproject.toml");
        let c = Config::parse_pyproject(
            "[project]\nname = \"x\"\n[tool.decide]\nstale-days = 9\n[tool.decide.rules]\nDL021 = \"off\"\n",
            path,
        )
        .unwrap()
        .unwrap();
        assert_eq!((c.stale_days, c.pyproject), (9, true));
        assert_eq!(c.rules["DL021"], Level::Off);
        assert!(
            Config::parse_pyproject("[tool.ruff]\nline-length = 1\n", path)
                .unwrap()
                .is_none()
        );
        let err = Config::parse_pyproject("[tool.decide]\ncolour = 1\n", path)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("pyproject.toml: [tool.decide]: ") && err.contains("colour"),
            "{err}"
        );
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
