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

use compact_str::CompactString;

use crate::cli::{GraphArgs, GraphFormat};
use crate::context::{Context, Output};
use crate::log::{Log, Projected};
use crate::record::{Decision, Depth, Id, List, Ref};

/// What the graph keeps of a decision that has an id: its label and its
/// links, taken out of the record as soon as it is built, so that the
/// records of the whole log are never held at once (a record is some 6 KB
/// in memory, a node a few hundred bytes).
struct Node {
    id: Id,
    title: Option<CompactString>,
    status: &'static str,
    supersedes: Vec<Id>,
    superseded_by: Vec<Id>,
    related: Vec<Id>,
}

impl Node {
    /// `None` for a decision without an id: it can be neither drawn nor linked to.
    fn new(d: Decision) -> Option<Node> {
        let status = d.status_word();
        Some(Node {
            id: d.id?,
            title: d.title.map(|t| t.value),
            status,
            supersedes: ids(d.supersedes),
            superseded_by: ids(d.superseded_by),
            related: ids(d.related),
        })
    }
}

/// The ids of a list of links, in a vector of their own size (most lists
/// are empty, and an empty vector holds nothing).
fn ids(refs: List<Ref>) -> Vec<Id> {
    let mut ids = Vec::with_capacity(refs.len());
    ids.extend(refs.into_iter().map(|r| r.id));
    ids
}

/// The edges of the lineage, each once.
struct Lineage<'a> {
    /// (newer, older): newer supersedes older.
    supersedes: BTreeSet<(&'a Id, &'a Id)>,
    /// Unordered pairs, smaller id first.
    related: BTreeSet<(&'a Id, &'a Id)>,
}

fn lineage(nodes: &[Node]) -> Lineage<'_> {
    let mut l = Lineage {
        supersedes: BTreeSet::new(),
        related: BTreeSet::new(),
    };
    for d in nodes {
        let id = &d.id;
        for r in &d.supersedes {
            l.supersedes.insert((id, r));
        }
        for r in &d.superseded_by {
            l.supersedes.insert((r, id));
        }
        for r in &d.related {
            if r != id {
                l.related.insert(if id < r { (id, r) } else { (r, id) });
            }
        }
    }
    l
}

pub fn run(args: &GraphArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    // Fields only, each decision cut down to its node as it is loaded;
    // reviews are read (as every command reads the whole log) but not kept.
    let Projected {
        decisions: nodes, ..
    } = Log::load_projected(ctx.locate()?, Depth::Fields, Node::new, drop);
    let nodes: Vec<Node> = nodes.into_iter().flatten().collect();
    let l = lineage(&nodes);
    // A later record with the same id takes the label, as it did when
    // every record was loaded.
    let titles: BTreeMap<&Id, (&str, &str)> = nodes
        .iter()
        .map(|d| {
            let title = d.title.as_deref().unwrap_or("(untitled)");
            (&d.id, (title, d.status))
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
