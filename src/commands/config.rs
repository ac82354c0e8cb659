//! `decide config`: the effective configuration and where each value came from.

use std::fmt::Write;

use crate::config::{IdScheme, Level};
use crate::context::{Context, Output};
use crate::log::display_path;

pub fn run(ctx: &mut Context) -> anyhow::Result<Output> {
    let location = ctx.locate()?;
    let config = &location.config;
    let file = config.file.as_ref().map(|f| display_path(f, &ctx.cwd));
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
        display_path(&location.dir, &ctx.cwd),
        location.dir_source
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
