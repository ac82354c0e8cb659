//! `decide rules [CODE]`: the rule table, or one rule explained with a bad
//! and a good example. Both come from the registry in [`crate::rules`].

use std::fmt::Write;

use crate::cli::RulesArgs;
use crate::context::{Context, Output};
use crate::error::Error;
use crate::rules::{RULES, RuleInfo, find, registry};

pub fn run(args: &RulesArgs, _ctx: &mut Context) -> anyhow::Result<Output> {
    match &args.rule {
        None => Ok(Output::stdout(table())),
        Some(name) => {
            let rule = find(name).ok_or_else(|| {
                Error::Usage(match registry::suggest(name) {
                    Some(s) => format!("no rule `{name}`; did you mean `{s}`?"),
                    None => format!("no rule `{name}`; `decide rules` lists them"),
                })
            })?;
            Ok(Output::stdout(explain(rule)))
        }
    }
}

/// One line per rule: code, slug, default severity, fixable, what it checks.
fn table() -> String {
    let width = RULES.iter().map(|r| r.slug.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in RULES {
        let _ = writeln!(
            out,
            "{}  {:<width$}  {:<7}  {:<7}  {}",
            r.code,
            r.slug,
            r.severity.as_str(),
            if r.fixable { "fixable" } else { "" },
            r.summary
        );
    }
    out
}

fn explain(r: &RuleInfo) -> String {
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
    let _ = writeln!(out, "{}\n", wrap(r.explanation, 80));
    let _ = writeln!(out, "Bad:\n{}", indent(r.bad));
    let _ = write!(out, "Good:\n{}", indent(r.good));
    out
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
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
