//! Names as the metrics see them: groups expanded to their members and
//! aliases resolved to the person, through `people.yaml` when there is one.
//! Without a registry every name stands for itself, so the metrics still
//! work on a log that has never written one.

use std::collections::BTreeSet;

use crate::record::{People, Text};

#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    pub people: Option<&'a People>,
}

impl<'a> Resolver<'a> {
    pub fn new(people: Option<&'a People>) -> Resolver<'a> {
        Resolver { people }
    }

    /// The people a name stands for: a group's members, an alias's person,
    /// or the name itself.
    pub fn expand(&self, name: &str) -> Vec<String> {
        let name = name.trim();
        if name.is_empty() {
            return Vec::new();
        }
        match self.people {
            Some(p) => p.expand(name),
            None => vec![name.to_string()],
        }
    }

    /// Every person named in `lists`, groups expanded.
    pub fn expand_all<'t>(&self, lists: impl IntoIterator<Item = &'t Text>) -> BTreeSet<String> {
        lists
            .into_iter()
            .flat_map(|t| self.expand(&t.value))
            .collect()
    }

    /// One person's key: an alias resolves, anything else stays as written
    /// (an action owner is one name even when it is a group).
    pub fn person(&self, name: &str) -> String {
        let name = name.trim();
        self.people
            .and_then(|p| p.person(name))
            .map_or_else(|| name.to_string(), |p| p.key.clone())
    }

    /// The roles of a person in the registry (none when unknown), looked
    /// up by key: the figures ask for every respondent of every decision.
    pub fn roles(&self, key: &str) -> &'a [String] {
        self.people
            .and_then(|p| p.with_key(key))
            .map_or(&[], |p| p.roles.as_slice())
    }

    /// Every distinct role held by someone in the registry.
    pub fn registry_roles(&self) -> BTreeSet<&'a str> {
        self.people
            .map(|p| {
                p.people
                    .iter()
                    .flat_map(|x| x.roles.iter().map(String::as_str))
                    .collect()
            })
            .unwrap_or_default()
    }
}
