//! `decide graph`: the lineage of decisions (supersedes and related links)
//! as Mermaid, for Markdown that renders it (GitHub, GitLab, many wikis), or
//! as Graphviz dot.
//!
//! Links are read from both sides (A's `supersedes: [B]` and B's
//! `superseded-by: [A]` are one edge) so a one-sided link still shows.
//! Record text is escaped for each format, so a title cannot break out of
//! its label.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::cli::{GraphArgs, GraphFormat};
use crate::context::{Context, Output};
use crate::log::Log;
use crate::record::Id;

/// The edges of the lineage, each once.
struct Lineage<'a> {
    /// (newer, older): newer supersedes older.
    supersedes: BTreeSet<(&'a Id, &'a Id)>,
    /// Unordered pairs, smaller id first.
    related: BTreeSet<(&'a Id, &'a Id)>,
}

fn lineage(log: &Log) -> Lineage<'_> {
    let mut l = Lineage {
        supersedes: BTreeSet::new(),
        related: BTreeSet::new(),
    };
    for d in &log.decisions {
        let Some(id) = &d.id else { continue };
        for r in &d.supersedes {
            l.supersedes.insert((id, &r.id));
        }
        for r in &d.superseded_by {
            l.supersedes.insert((&r.id, id));
        }
        for r in &d.related {
            if &r.id != id {
                l.related
                    .insert(if id < &r.id { (id, &r.id) } else { (&r.id, id) });
            }
        }
    }
    l
}

pub fn run(args: &GraphArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let log = ctx.load()?;
    let l = lineage(&log);
    let titles: BTreeMap<&Id, (&str, &str)> = log
        .decisions
        .iter()
        .filter_map(|d| {
            let title = d.title.as_ref().map_or("(untitled)", |t| t.as_str());
            d.id.as_ref().map(|id| (id, (title, d.status_word())))
        })
        .collect();
    let mut nodes: BTreeSet<&Id> = BTreeSet::new();
    for (a, b) in l.supersedes.iter().chain(&l.related) {
        nodes.insert(a);
        nodes.insert(b);
    }
    if args.all {
        nodes.extend(titles.keys().copied());
    }
    let label = |id: &Id| match titles.get(id) {
        Some((title, status)) => format!("{id} {title} ({status})"),
        None => format!("{id} (not in the log)"),
    };
    let mut out = String::new();
    match args.format {
        GraphFormat::Mermaid => {
            out.push_str("graph BT\n");
            for id in &nodes {
                let _ = writeln!(
                    out,
                    "  {}[\"{}\"]",
                    node_name(id),
                    mermaid_escape(&label(id))
                );
            }
            for (newer, older) in &l.supersedes {
                let _ = writeln!(
                    out,
                    "  {} -->|supersedes| {}",
                    node_name(newer),
                    node_name(older)
                );
            }
            for (a, b) in &l.related {
                let _ = writeln!(out, "  {} -.-|related| {}", node_name(a), node_name(b));
            }
        }
        GraphFormat::Dot => {
            out.push_str("digraph decisions {\n  rankdir=BT;\n  node [shape=box];\n");
            for id in &nodes {
                let _ = writeln!(
                    out,
                    "  {} [label=\"{}\"];",
                    node_name(id),
                    dot_escape(&label(id))
                );
            }
            for (newer, older) in &l.supersedes {
                let _ = writeln!(
                    out,
                    "  {} -> {} [label=\"supersedes\"];",
                    node_name(newer),
                    node_name(older)
                );
            }
            for (a, b) in &l.related {
                let _ = writeln!(
                    out,
                    "  {} -> {} [label=\"related\", style=dashed, dir=none];",
                    node_name(a),
                    node_name(b)
                );
            }
            out.push_str("}\n");
        }
    }
    Ok(Output::stdout(out))
}

/// A node name made only of `[a-z0-9_]`, whatever the id, and a different
/// one for every id: lower-case letters and digits stay, any other character
/// is written `_HEX_` (`a-b` → `n_a_2d_b`, `a_b` → `n_a_5f_b`).
fn node_name(id: &Id) -> String {
    match id {
        Id::Num(n) => format!("d{n}"),
        Id::Name(s) => {
            let mut name = String::from("n_");
            for c in s.chars() {
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    name.push(c);
                } else {
                    let _ = write!(name, "_{:x}_", u32::from(c));
                }
            }
            name
        }
    }
}

/// Mermaid labels: quotes and markup characters as entity codes.
fn mermaid_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Graphviz labels: backslash and quote escaped, newlines dropped.
fn dot_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels_cannot_break_out() {
        assert_eq!(node_name(&Id::Num(12)), "d12");
        assert_eq!(
            node_name(&Id::Name("2026-03-04-a b\"]".into())),
            "n_2026_2d_03_2d_04_2d_a_20_b_22__5d_"
        );
        assert_ne!(
            node_name(&Id::Name("2026-01-01-a-b".into())),
            node_name(&Id::Name("2026-01-01-a_b".into()))
        );
        assert_eq!(
            mermaid_escape("a\"] --> x[\"b"),
            "a#quot;] --#gt; x[#quot;b"
        );
        assert_eq!(dot_escape("a\"];\nx"), "a\\\"]; x");
    }
}
