//! `decide config`: the effective configuration and where each value came from.

use std::fmt::Write;

use crate::config::{IdScheme, Level};
use crate::context::{Context, Output};
use std::path::{Component, Path};

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

pub fn run(ctx: &mut Context) -> anyhow::Result<Output> {
    let location = ctx.locate()?;
    let config = &location.config;
    let file = config.file.as_ref().map(|f| relative(f, &ctx.cwd));
    let source = |key: &str| match (&file, config.set.contains(&key)) {
        (Some(f), true) => f.clone(),
        _ => "default".to_string(),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "config file     {}",
        file.as_deref().unwrap_or("(none)")
    );
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
        let _ = writeln!(out, "rules.{rule:<10}{level}  ({origin})");
    }
    for (glob, rules) in &config.per_file {
        let _ = writeln!(
            out,
            "per-file        {glob}: {} off  ({origin})",
            rules.join(", ")
        );
    }
    Ok(Output::stdout(out))
}
