//! The stakeholder registry (`people.yaml`): people, aliases and groups.

use std::collections::HashSet;

use super::*;

/// One stakeholder in `people.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub key: String,
    pub name: Option<String>,
    pub roles: Vec<String>,
    pub groups: Vec<String>,
    pub aliases: Vec<String>,
    pub pos: Pos,
}

/// The stakeholder registry (`people.yaml`).
#[derive(Debug, Clone, PartialEq)]
pub struct People {
    pub meta: Meta,
    pub people: Vec<Person>,
    /// Group name → members (people or other groups), with position.
    pub groups: Vec<(String, Vec<String>, Pos)>,
    /// Maps over `people` and `groups`, built with them.
    pub(super) lookup: lookup::Lookup,
}

impl People {
    pub fn parse(path: impl Into<Arc<str>>, text: &str) -> People {
        let text = source::strip_bom(text);
        let mut r = Reader::default();
        let front = match crate::yaml::parse(text, 1) {
            Ok(node) => FrontMatter::Parsed(node),
            Err(err) => FrontMatter::Invalid(Box::new(err)),
        };
        let mut people = Vec::new();
        let mut groups = Vec::new();
        if let FrontMatter::Parsed(node) = &front {
            r.keys(node, &["people", "groups"], "people.yaml");
            if let Some(entry) = node.get("people") {
                for p in entry.value.entries() {
                    r.keys(
                        &p.value,
                        &["name", "roles", "groups", "aliases", "email"],
                        "a person",
                    );
                    let list = |r: &mut Reader, k: &str| -> Vec<String> {
                        r.field_list(&p.value, k)
                            .into_iter()
                            .map(|t| t.value.into_string())
                            .collect()
                    };
                    people.push(Person {
                        key: p.key.to_string(),
                        name: r
                            .field_text(&p.value, "name")
                            .map(|t| t.value.into_string()),
                        roles: list(&mut r, "roles"),
                        groups: list(&mut r, "groups"),
                        aliases: list(&mut r, "aliases"),
                        pos: p.key_pos,
                    });
                }
            }
            if let Some(entry) = node.get("groups") {
                for g in entry.value.entries() {
                    let members = r
                        .list(&g.value, &g.key)
                        .into_iter()
                        .map(|t| t.value.into_string())
                        .collect();
                    groups.push((g.key.to_string(), members, g.key_pos));
                }
            }
        }
        People {
            meta: Meta {
                path: path.into(),
                front: outline(&front, Depth::Full),
                body_line: 1,
                problems: r.problems,
                scan: None,
            },
            lookup: lookup::Lookup::of(&people, &groups),
            people,
            groups,
        }
    }

    /// The person a name or alias refers to.
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.find_person(name)
    }

    /// Whether `name` is a known person, alias or group.
    pub fn knows(&self, name: &str) -> bool {
        self.person(name).is_some() || self.is_group(name)
    }

    /// The people `name` stands for: a person (through aliases) is itself;
    /// a group is its members, and members of groups that name it via
    /// `groups:`; unknown names stand for themselves.
    pub fn expand(&self, name: &str) -> Vec<String> {
        self.expand_all(name)
    }

    /// A chain of groups that leads back to its start (`g → h → g`), if
    /// the registry has one: the first found, in the order groups are
    /// written. Linear in the registry: each group is left once.
    pub fn group_cycle(&self) -> Option<(Vec<String>, Pos)> {
        let members = |name: &str| -> Vec<&str> {
            self.lookup
                .groups
                .get(name)
                .into_iter()
                .flatten()
                .flat_map(|&i| self.groups[i].1.iter().map(String::as_str))
                .filter(|m| self.person(m).is_none())
                .collect()
        };
        let mut done: HashSet<&str> = HashSet::new();
        for (start, _, pos) in &self.groups {
            if done.contains(start.as_str()) {
                continue;
            }
            // Iterative depth-first search with the current path on a stack.
            let mut path: Vec<(&str, Vec<&str>)> = vec![(start.as_str(), members(start))];
            let mut on_path: HashSet<&str> = HashSet::from([start.as_str()]);
            while let Some((_, next)) = path.last_mut() {
                let Some(m) = next.pop() else {
                    let (name, _) = path.pop().expect("not empty");
                    on_path.remove(name);
                    done.insert(name);
                    continue;
                };
                if on_path.contains(m) {
                    let from = path.iter().position(|(n, _)| *n == m).unwrap_or(0);
                    let mut chain: Vec<String> =
                        path[from..].iter().map(|(n, _)| n.to_string()).collect();
                    chain.push(m.to_string());
                    return Some((chain, *pos));
                }
                if !done.contains(m) && self.is_group(m) {
                    on_path.insert(m);
                    path.push((m, members(m)));
                }
            }
        }
        None
    }
}
