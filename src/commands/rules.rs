//! `decide rules [CODE]`: the rule table, or one rule explained with a bad
//! and a good example. Both come from the registry in [`crate::rules`].

use std::fmt::Write;

use crate::cli::RulesArgs;
use crate::context::{Context, Output};
use crate::error::Error;
use crate::rules::{RULES, RuleInfo, find, registry};

pub fn run(args: &RulesArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let width = usize::from(ctx.width.unwrap_or(crate::output::DEFAULT_WIDTH)).max(40);
    match &args.rule {
        // Piped, the table keeps one line per rule, for grep.
        None => Ok(Output::stdout(table(
            ctx.width.map_or(usize::MAX, |_| width),
        ))),
        Some(name) => {
            let rule = find(name).ok_or_else(|| {
                Error::Usage(match registry::suggest(name) {
                    Some(s) => format!("no rule `{name}`; did you mean `{s}`?"),
                    None => format!("no rule `{name}`; `decide rules` lists them"),
                })
            })?;
            Ok(Output::stdout(explain(rule, width)))
        }
    }
}

/// One line per rule: code, slug, default severity, fixable, what it
/// checks, the summary wrapped under itself at `width`; on a terminal too
/// narrow to leave it 30 columns, the summary goes on the next line.
fn table(width: usize) -> String {
    let slugs = RULES.iter().map(|r| r.slug.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in RULES {
        let head = format!(
            "{}  {:<slugs$}  {:<7}  {:<7}  ",
            r.code,
            r.slug,
            r.severity.as_str(),
            if r.fixable { "fixable" } else { "" },
        );
        let line = if head.len() + 30 <= width || width == usize::MAX {
            crate::output::wrap(&format!("{head}{}", r.summary), width, head.len())
        } else {
            let summary = crate::output::wrap(&format!("       {}", r.summary), width, 7);
            format!("{}\n{summary}", head.trim_end())
        };
        let _ = writeln!(out, "{line}");
    }
    out
}

fn explain(r: &RuleInfo, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}: {}", r.code, r.slug, r.summary);
    let _ = writeln!(
        out,
        "Default: {}{}\n",
        r.severity.as_str(),
        if r.fixable {
            "; fixable with `decide check --fix`"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "{}\n", wrap(r.explanation, width.min(80)));
    let _ = writeln!(out, "Bad:\n{}", indent(r.bad, width));
    let _ = write!(out, "Good:\n{}", indent(r.good, width));
    out
}

/// An example indented by four, a line too wide for the terminal continued
/// four further in.
fn indent(text: &str, width: usize) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                let line = format!("    {l}");
                let lead = line.len() - line.trim_start().len();
                format!("{}\n", crate::output::wrap(&line, width, lead + 4))
            }
        })
        .collect()
}

/// Wraps prose at `width` columns on spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out
}
