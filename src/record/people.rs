//! The stakeholder registry (`people.yaml`): people, aliases and groups.

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
}

impl People {
    pub fn parse(path: &str, text: &str) -> People {
        let text = source::strip_bom(text);
        let mut r = Reader::default();
        let front = match crate::yaml::parse(text, 1) {
            Ok(node) => FrontMatter::Parsed(node),
            Err(err) => FrontMatter::Invalid(err),
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
                            .map(|t| t.value)
                            .collect()
                    };
                    people.push(Person {
                        key: p.key.clone(),
                        name: r.field_text(&p.value, "name").map(|t| t.value),
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
                        .map(|t| t.value)
                        .collect();
                    groups.push((g.key.clone(), members, g.key_pos));
                }
            }
        }
        People {
            meta: Meta {
                path: path.to_string(),
                front: outline(&front, Depth::Full),
                body_line: 1,
                problems: r.problems,
                scan: Scan::default(),
            },
            people,
            groups,
        }
    }

    /// The person a name or alias refers to.
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.key == name).or_else(|| {
            self.people
                .iter()
                .find(|p| p.aliases.iter().any(|a| a == name))
        })
    }

    /// Whether `name` is a known person, alias or group.
    pub fn knows(&self, name: &str) -> bool {
        self.person(name).is_some() || self.groups.iter().any(|(g, ..)| g == name)
    }

    /// The people `name` stands for: a person (through aliases) is itself;
    /// a group is its members, and members of groups that name it via
    /// `groups:`; unknown names stand for themselves.
    ///
    /// Each group is expanded once, so a group that contains itself, or a
    /// cycle of groups, ends (`check` reports it under DL005), and the
    /// work is linear in the size of the registry.
    pub fn expand(&self, name: &str) -> Vec<String> {
        enum Item<'a> {
            Name(&'a str),
            Person(&'a str),
        }
        let mut out = Vec::new();
        let mut shown: HashSet<String> = HashSet::new();
        let mut expanded: HashSet<&str> = HashSet::new();
        let mut push = |out: &mut Vec<String>, name: &str| {
            if shown.insert(name.to_string()) {
                out.push(name.to_string());
            }
        };
        // Depth first, members in order, as a stack of what is left to do.
        let mut stack = vec![Item::Name(name)];
        while let Some(item) = stack.pop() {
            let name = match item {
                Item::Person(key) => {
                    push(&mut out, key);
                    continue;
                }
                Item::Name(name) => name,
            };
            if let Some(p) = self.person(name) {
                push(&mut out, &p.key);
                continue;
            }
            let members: Vec<&String> = self
                .groups
                .iter()
                .filter(|(g, ..)| g == name)
                .flat_map(|(_, m, _)| m)
                .collect();
            let via_person: Vec<&Person> = self
                .people
                .iter()
                .filter(|p| p.groups.iter().any(|g| g == name))
                .collect();
            if members.is_empty() && via_person.is_empty() {
                push(&mut out, name);
                continue;
            }
            if !expanded.insert(name) {
                continue;
            }
            stack.extend(via_person.iter().rev().map(|p| Item::Person(&p.key)));
            stack.extend(members.iter().rev().map(|m| Item::Name(m.as_str())));
        }
        out
    }

    /// A chain of groups that leads back to its start (`g → h → g`), if
    /// the registry has one: the first found, in the order groups are written.
    pub fn group_cycle(&self) -> Option<(Vec<String>, Pos)> {
        let members = |name: &str| -> Vec<&str> {
            self.groups
                .iter()
                .filter(|(g, ..)| g == name)
                .flat_map(|(_, m, _)| m.iter().map(String::as_str))
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
                if !done.contains(m) && self.groups.iter().any(|(g, ..)| g == m) {
                    on_path.insert(m);
                    path.push((m, members(m)));
                }
            }
        }
        None
    }
}
