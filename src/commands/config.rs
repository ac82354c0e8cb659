//! `decide config`: the effective configuration and where each value came from.

use std::fmt::Write;

use crate::cli::ConfigArgs;
use crate::config::{self, IdScheme, Level};
use crate::context::{Context, Output};
use std::path::{Component, Path};

use crate::log::display_path;

/// `path` as seen from `base` (the working directory): `.` for the folder
/// itself, `../decide.toml` from inside the log folder, so what is printed
/// can be typed where the command ran.
fn relative(path: &Path, base: &Path) -> String {
    let path = crate::log::normalised(path);
    let base = crate::log::normalised(base);
    let ours: Vec<Component> = path.components().collect();
    let theirs: Vec<Component> = base.components().collect();
    let common = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.display().to_string();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); theirs.len() - common];
    parts.extend(
        ours[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// How the configuration file is chosen, most important first.
const PRECEDENCE: &str = "--config, DECIDE_CONFIG, then the nearest folder upwards with decide.toml or a pyproject.toml with [tool.decide] (decide.toml wins in one folder)";

pub fn run(args: &ConfigArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    if args.schema {
        return Ok(Output::stdout(config::schema_json()));
    }
    let location = ctx.locate()?;
    let config = &location.config;
    let file = config.file.as_ref().map(|f| {
        let shown = relative(f, &ctx.cwd);
        if config.pyproject {
            format!("{shown} [tool.decide]")
        } else {
            shown
        }
    });
    let source = |key: &str| match (&file, config.set.contains(&key)) {
        (Some(f), true) => f.clone(),
        _ => "default".to_string(),
    };
    let mut out = String::new();
    let named_by = match ctx.config_file() {
        Some((_, by)) => format!("  ({by})"),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "config file     {}{named_by}",
        file.as_deref().unwrap_or("(none)")
    );
    // A pyproject.toml beside the decide.toml that was read is ignored: say so.
    if let Some(f) = config.file.as_ref().filter(|_| !config.pyproject)
        && let Some(beside) = f.parent().map(|d| d.join("pyproject.toml"))
        && config::has_tool_decide(&beside)
    {
        let _ = writeln!(
            out,
            "ignored         {} [tool.decide]: decide.toml wins",
            display_path(&beside, &ctx.cwd)
        );
    }
    let _ = writeln!(
        out,
        "dir             {}  ({})",
        relative(&location.dir, &ctx.cwd),
        match (&file, location.dir_source.starts_with("`dir` in ")) {
            // Said from where the command runs, like the file line above.
            (Some(file), true) => format!("`dir` in {file}"),
            _ => location.dir_source.clone(),
        }
    );
    let scheme = match config.scheme {
        IdScheme::Number => "number",
        IdScheme::Date => "date",
    };
    let _ = writeln!(out, "ids.scheme      {scheme}  ({})", source("ids.scheme"));
    let _ = writeln!(
        out,
        "max-file-bytes  {}  ({})",
        config.max_file_bytes,
        source("max-file-bytes")
    );
    let _ = writeln!(
        out,
        "stale-days      {}  ({})",
        config.stale_days,
        source("stale-days")
    );
    let _ = writeln!(
        out,
        "base-url        {}  ({})",
        config.base_url.as_deref().unwrap_or("(none)"),
        source("base-url")
    );
    let _ = writeln!(
        out,
        "baseline        {}  ({})",
        display_path(&crate::baseline::path(&location), &ctx.cwd),
        source("baseline")
    );
    let origin = file.as_deref().unwrap_or("default");
    if config.rules.is_empty() {
        let _ = writeln!(out, "rules           all at their default levels");
    }
    for (rule, level) in &config.rules {
        let level = match level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Off => "off",
        };
        // A slug is longer than the column: keep a space before the level.
        let key = format!("rules.{rule}");
        let _ = writeln!(out, "{key:<15} {level}  ({origin})");
    }
    for (glob, rules) in &config.per_file {
        let _ = writeln!(
            out,
            "per-file        {glob}: {} off  ({origin})",
            rules.join(", ")
        );
    }
    let _ = writeln!(out, "precedence      {PRECEDENCE}");
    Ok(Output::stdout(out))
}
