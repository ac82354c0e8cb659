//! `decide init`: create a decision log that passes `decide check` from day one,
//! or adopt the one the repository already keeps ([`super::adopt`]).

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::Months;

use crate::cli::{InitArgs, SchemeArg};
use crate::context::{Context, Output};
use crate::error::Error;
use crate::log::display_path;
use crate::naming;
use crate::templates;

pub fn run(args: &InitArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    // A repository that keeps a log already gets it adopted, never a second one.
    if let Some(found) = super::adopt::find(ctx)? {
        return super::adopt::run(args, ctx, found);
    }
    let dir = ctx
        .cwd
        .join(ctx.global.dir.as_deref().unwrap_or("decisions".as_ref()));
    let dir_text = display_path(&dir, &ctx.cwd);
    let today = ctx.today.format("%Y-%m-%d").to_string();
    let revisit = (ctx.today + Months::new(12)).format("%Y-%m-%d").to_string();
    let first_name = match args.scheme {
        SchemeArg::Number => "0001-record-decisions-in-a-decision-log.md".to_string(),
        SchemeArg::Date => format!("{today}-record-decisions-in-a-decision-log.md"),
    };
    let scheme = match args.scheme {
        SchemeArg::Number => "number",
        SchemeArg::Date => "date",
    };
    let vars = [
        ("date", today.clone()),
        ("revisit", revisit),
        ("dir", dir_text.clone()),
    ];
    let files: Vec<(PathBuf, String)> = vec![
        (
            ctx.cwd.join("decide.toml"),
            format!(
                "# decide configuration: see `decide config` for the effective values.\ndir = \"{}\"\n\n[ids]\nscheme = \"{scheme}\"\n\n[rules]\n# DL021 = \"off\"          # by code\n# missing-context = \"error\" # or by slug\n",
                dir_text.replace('\\', "\\\\").replace('"', "\\\"")
            ),
        ),
        (dir.join("charter.md"), templates::load(None, "charter.md")?),
        (
            dir.join("people.yaml"),
            templates::load(None, "people.yaml")?,
        ),
        (
            dir.join(&first_name),
            templates::render(&templates::load(None, "first-decision.md")?, &vars),
        ),
    ];
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| display_path(p, &ctx.cwd))
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "refusing to overwrite what exists: {}",
            existing.join(", ")
        ))
        .into());
    }
    std::fs::create_dir_all(dir.join("reviews"))
        .with_context(|| format!("creating {}", dir.display()))?;
    let mut out = String::new();
    for (path, text) in &files {
        naming::create_new(path, text).with_context(|| format!("creating {}", path.display()))?;
        // `-q`: the files are the answer; the list of them is a note.
        if !ctx.global.quiet {
            out.push_str(&format!("created {}\n", display_path(path, &ctx.cwd)));
        }
    }
    if !ctx.global.quiet {
        out.push_str(&format!(
            "\nNext: edit {dir_text}/people.yaml and {dir_text}/charter.md, then `decide new \"Your first model decision\"`.\n"
        ));
    }
    Ok(Output::stdout(out))
}
