//! MADR records: 2.x bullets, and 3/4 front matter read as it is.
//!
//! MADR 2 writes its metadata as bullets under the title (`* Status:
//! accepted`, `* Deciders: ana, raj`, `* Date: 2020-10-19`) and links to
//! other records in a `## Links` section (`* Refined by [ADR-0005](…)`).
//! MADR 3 and 4 already keep metadata in front matter, which `decide` reads
//! natively (SPEC §2.1): such a file is only touched where `decide`'s own
//! vocabulary differs, namely `deciders` becomes `decision-makers`, a status
//! synonym becomes the status word (the words kept in `x-original-status`),
//! `superseded by ADR-N` becomes a status and a link, and a date that is
//! not `YYYY-MM-DD` moves to `x-original-date`. Those edits go through
//! [`crate::edit`], so comments, quoting and key order survive.

use crate::edit::Document;
use crate::record::{FrontMatter, Status, ids_in, parse_date, source};
use crate::yaml::{Node, Value};

use super::markdown::{self, Doc};
use super::status::{self, LinkRef, Mapped, Rel};
use super::{
    Converted, Extracted, Refused, edit_doc, id_text, read_preamble, remove_section_if_moved,
};

/// Every bullet key MADR 2 and log4brains write.
pub const BULLET_KEYS: &[&str] = &[
    "status",
    "date",
    "deciders",
    "decision-makers",
    "decision makers",
    "consulted",
    "informed",
    "tags",
];

/// Reads a MADR 2 record: the bullets under the title and the `## Links` section.
pub fn extract(doc: &Doc, x: &mut Extracted) {
    read_preamble(doc, x, BULLET_KEYS);
    read_links_section(doc, x);
}

/// Reads the `## Links` section: lines that only link to other records
/// move; links to anything else stay, and with them the section.
pub fn read_links_section(doc: &Doc, x: &mut Extracted) {
    let Some((heading, range)) = doc.section(&["links"]) else {
        return;
    };
    let mut any = false;
    for i in range.clone() {
        let line = &doc.lines[i];
        if line.is_blank() || x.removed[i] || line.in_code {
            continue;
        }
        if let Some(links) = status::link_line(&markdown::strip_comments(line.text)) {
            x.add_links(links);
            x.removed[i] = true;
            any = true;
        }
    }
    if any {
        remove_section_if_moved(doc, x, heading, range);
        x.note("## Links section");
    }
}

/// A MADR 3/4 record with front matter: the few edits that put it in
/// `decide`'s vocabulary, or none.
pub fn native(bom: &str, text: &str, node: &Node) -> Result<Converted, Refused> {
    if !matches!(node.value, Value::Map(_)) {
        return Err(Refused(
            "its front matter is not a mapping of keys; fix that first".into(),
        ));
    }
    let mut notes = Vec::new();
    let mut out = text.to_string();
    if node.get("deciders").is_some() {
        if node.get("decision-makers").is_some() {
            notes.push("has both `deciders` and `decision-makers`: left as they are".to_string());
        } else {
            out = rename_key(&out, "deciders", "decision-makers").ok_or_else(|| {
                Refused(
                    "its `deciders` key is written in a way that cannot be renamed safely".into(),
                )
            })?;
        }
    }
    if let Some(raw) = node.get("date").and_then(|e| e.value.as_text())
        && parse_date(&raw).is_none()
    {
        if node.get("x-original-date").is_some() {
            notes.push(format!(
                "date `{raw}` is not YYYY-MM-DD and x-original-date is taken: left as it is"
            ));
        } else {
            out = rename_key(&out, "date", "x-original-date").ok_or_else(|| {
                Refused("its `date` key is written in a way that cannot be renamed safely".into())
            })?;
            notes.push(format!(
                "date `{raw}` is not YYYY-MM-DD: kept in x-original-date"
            ));
        }
    }

    let mut doc = Document::new(out);
    let written = node.get("status").and_then(|e| e.value.as_text());
    let value = written.as_deref().and_then(status::read_status);
    let mut status = written.as_deref().and_then(Status::from_text);
    let mut added: Vec<LinkRef> = Vec::new();
    if let Some(v) = &value
        && (Status::parse(&v.written).is_none() || !v.links.is_empty())
    {
        if let Some(s) = v.status() {
            edit_doc(&mut doc, |d| d.set_scalar("status", s.as_str()))?;
            status = Some(s);
        }
        if v.keeps_original() && node.get("x-original-status").is_none() {
            edit_doc(&mut doc, |d| d.set_scalar("x-original-status", &v.written))?;
        }
        if v.mapped == Mapped::Unmapped {
            notes.push(format!(
                "status `{}` maps to no status: imported as proposed, the words kept in x-original-status",
                v.written
            ));
        }
        for link in &v.links {
            let key = rel_key(link.rel);
            if !ids_in(node, key).contains(&link.id) && !added.contains(link) {
                let id = id_text(&link.id);
                edit_doc(&mut doc, |d| d.add_to_list(key, &id))?;
                added.push(link.clone());
            }
        }
    }

    if let Some(s) = status
        && super::decided_by_date(s)
        && node.get("decided").is_none()
        && let Some(date) = node.get("date").and_then(|e| e.value.as_text())
        && parse_date(&date).is_some()
    {
        edit_doc(&mut doc, |d| d.set_scalar("decided", date.trim()))?;
    }

    let mut links = Vec::new();
    for rel in [Rel::Supersedes, Rel::SupersededBy, Rel::Related] {
        for id in ids_in(node, rel_key(rel)) {
            links.push(LinkRef { rel, id });
        }
    }
    links.extend(added);
    let new_text = doc.into_text();
    let body_len = source::split(&new_text).body.len();
    let front = new_text[..new_text.len() - body_len].to_string();
    Ok(Converted {
        changed: new_text != text,
        text: format!("{bom}{new_text}"),
        format: "MADR front matter",
        read: vec!["front matter"],
        front,
        removed: Vec::new(),
        status,
        links,
        notes,
        title: node
            .get("title")
            .and_then(|e| e.value.as_text())
            .map(|t| t.to_string()),
    })
}

fn rel_key(rel: Rel) -> &'static str {
    match rel {
        Rel::Supersedes => "supersedes",
        Rel::SupersededBy => "superseded-by",
        Rel::Related => "related",
    }
}

/// Renames the top-level key `from` to `to` on its own line, leaving every
/// other byte alone. `None` when the key is not written plainly at the
/// start of a line, or when the renamed text would not read back as the
/// same front matter with only that key renamed.
fn rename_key(text: &str, from: &str, to: &str) -> Option<String> {
    let split = source::split(text);
    let FrontMatter::Parsed(node) = &split.front else {
        return None;
    };
    let entry = node.get(from)?;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(entry.key_pos.line().checked_sub(1)?)
        .map(str::len)
        .sum();
    let line = text[line_start..].split('\n').next()?;
    let after = line.strip_prefix(from)?;
    if !after.trim_start_matches([' ', '\t']).starts_with(':') {
        return None;
    }
    let renamed = format!(
        "{}{to}{}",
        &text[..line_start],
        &text[line_start + from.len()..]
    );
    let FrontMatter::Parsed(new_node) = source::split(&renamed).front else {
        return None;
    };
    let same = node.entries().len() == new_node.entries().len()
        && node.entries().iter().zip(new_node.entries()).all(|(a, b)| {
            let key_ok = if a.key == from {
                b.key == to
            } else {
                a.key == b.key
            };
            key_ok && same_value(&a.value, &b.value)
        });
    same.then_some(renamed)
}

/// Two YAML values alike apart from where they are written.
fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.key == q.key && same_value(&p.value, &q.value))
        }
        (x, y) => x == y,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, convert};
    use super::*;

    fn native_ok(text: &str) -> Converted {
        convert("0003-x.md", text, Format::Madr).unwrap()
    }

    #[test]
    fn bullets_with_emphasis_and_tags() {
        let doc = Doc::new(
            "# T\n\n* **Status:** In Review\n* Deciders: platui and nick wilson\n- Tags: a, b c\n\n## Context\n",
        );
        let mut x = Extracted::new(doc.lines.len());
        extract(&doc, &mut x);
        assert_eq!(x.status.unwrap().status(), Some(Status::Proposed));
        assert_eq!(x.decision_makers, vec!["platui", "nick wilson"]);
        assert_eq!(x.tags, vec!["a", "b", "c"]);
        assert_eq!(
            x.removed,
            vec![false, false, true, true, true, false, false]
        );
    }

    #[test]
    fn front_matter_in_order_is_left_alone() {
        let text = "---\nparent: Decisions\nstatus: accepted\n---\n# T\n";
        let c = native_ok(text);
        assert!(!c.changed);
        assert_eq!(c.text, text);
        assert_eq!(c.status, Some(Status::Accepted));
    }

    #[test]
    fn deciders_become_decision_makers_and_comments_stay() {
        let c = native_ok("---\n# who\ndeciders: [ana] # the leads\nstatus: on hold\n---\n# T\n");
        assert_eq!(
            c.text,
            "---\n# who\ndecision-makers: [ana] # the leads\nstatus: deferred\nx-original-status: on hold\n---\n# T\n"
        );
        assert!(c.changed);
    }

    #[test]
    fn madr4_superseded_by_status_becomes_a_link() {
        let c = native_ok("---\nstatus: \"superseded by ADR-0123\"\n---\n# T\n");
        assert_eq!(
            c.text,
            "---\nstatus: \"superseded\"\nsuperseded-by: [123]\n---\n# T\n"
        );
        assert_eq!(c.summary(), "superseded, superseded by 123");
    }

    #[test]
    fn a_date_that_is_not_iso_moves_aside() {
        let c = native_ok("---\ndate: 14.03.2020\nstatus: accepted\n---\n");
        assert_eq!(
            c.text,
            "---\nx-original-date: 14.03.2020\nstatus: accepted\n---\n"
        );
    }

    #[test]
    fn a_quoted_key_is_not_renamed_by_guesswork() {
        assert!(convert("0001-x.md", "---\n\"deciders\": [a]\n---\n", Format::Madr).is_err());
    }
}
