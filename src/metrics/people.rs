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
        let mut out = Vec::new();
        self.expand_each(name, |p| out.push(p.to_string()));
        out
    }

    /// [`Resolver::expand`], each person given to `each` as the registry
    /// or `name` spells it, without a copy: the figures expand every name
    /// of every record.
    pub fn expand_each<'t>(&self, name: &'t str, mut each: impl FnMut(&'t str))
    where
        'a: 't,
    {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        match self.people {
            Some(p) => p.expand_each(name, each),
            None => each(name),
        }
    }

    /// Every person named in `lists`, groups expanded.
    pub fn expand_all<'t>(&self, lists: impl IntoIterator<Item = &'t Text>) -> BTreeSet<String>
    where
        'a: 't,
    {
        self.expand_set(lists)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// [`Resolver::expand_all`] without a copy of each name.
    pub fn expand_set<'t>(&self, lists: impl IntoIterator<Item = &'t Text>) -> BTreeSet<&'t str>
    where
        'a: 't,
    {
        let mut set = BTreeSet::new();
        for t in lists {
            self.expand_each(&t.value, |p| {
                set.insert(p);
            });
        }
        set
    }

    /// One person's key: an alias resolves, anything else stays as written
    /// (an action owner is one name even when it is a group).
    pub fn person(&self, name: &str) -> String {
        self.person_ref(name).to_string()
    }

    /// [`Resolver::person`] borrowed from the registry or `name`: the
    /// registers name someone on each of thousands of raised points.
    pub fn person_ref<'t>(&self, name: &'t str) -> &'t str
    where
        'a: 't,
    {
        let name = name.trim();
        self.people
            .and_then(|p| p.person(name))
            .map_or(name, |p| p.key.as_str())
    }

    /// How a person is shown to readers: their name in the registry, else
    /// `key` as it is.
    pub fn shown<'t>(&self, key: &'t str) -> &'t str
    where
        'a: 't,
    {
        self.people
            .and_then(|p| p.person(key))
            .and_then(|p| p.name.as_deref())
            .unwrap_or(key)
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
