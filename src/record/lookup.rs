//! Hash maps over `people.yaml`, built once when it is read, so that
//! looking up a person or expanding a group costs the same with 10 people
//! or 10,000 (SPEC §8: cost grows linearly with the log, and a rule asks
//! for every name of every record).

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};

use super::{People, Person};

/// Where each name of the registry is, by the order [`People`] lists them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lookup {
    /// Person key → the first person with it.
    by_key: HashMap<String, usize>,
    /// Alias → the first person with it.
    by_alias: HashMap<String, usize>,
    /// Group name → the `groups:` entries of that name, in order.
    pub(super) groups: HashMap<String, Vec<usize>>,
    /// Group name → the people whose own `groups:` name it, in order.
    via_person: HashMap<String, Vec<usize>>,
}

impl Lookup {
    pub fn of(people: &[Person], groups: &[(String, Vec<String>, crate::yaml::Pos)]) -> Lookup {
        let mut lookup = Lookup::default();
        for (i, p) in people.iter().enumerate() {
            lookup.by_key.entry(p.key.clone()).or_insert(i);
            for alias in &p.aliases {
                lookup.by_alias.entry(alias.clone()).or_insert(i);
            }
            for g in &p.groups {
                let listed = lookup.via_person.entry(g.clone()).or_default();
                // A person naming a group twice is one member.
                if listed.last() != Some(&i) {
                    listed.push(i);
                }
            }
        }
        for (i, (name, ..)) in groups.iter().enumerate() {
            lookup.groups.entry(name.clone()).or_default().push(i);
        }
        lookup
    }
}

impl People {
    /// The person a name or alias refers to: a key first, then an alias.
    pub(super) fn find_person(&self, name: &str) -> Option<&Person> {
        let i = self
            .lookup
            .by_key
            .get(name)
            .or_else(|| self.lookup.by_alias.get(name))?;
        self.people.get(*i)
    }

    /// The first person whose key is `key` (aliases aside).
    pub fn with_key(&self, key: &str) -> Option<&Person> {
        self.people.get(*self.lookup.by_key.get(key)?)
    }

    pub(super) fn is_group(&self, name: &str) -> bool {
        self.lookup.groups.contains_key(name)
    }

    /// [`People::expand`]: depth first, each name once, groups nested at
    /// most 16 deep. A group met again no shallower than before adds
    /// nothing new and is not walked again, so the cost is linear in the
    /// registry whatever its groups' shape.
    pub(super) fn expand_all(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.expand_each(name, |p| out.push(p.to_string()));
        out
    }

    /// [`People::expand_all`], each person given to `each` as the registry
    /// or `name` spells it, without a copy.
    pub fn expand_each<'a>(&'a self, name: &'a str, mut each: impl FnMut(&'a str)) {
        // Most names are a person, or no one the registry knows: answered
        // without the walk's set and map (rules ask for every name of every record).
        if let Some(p) = self.find_person(name) {
            return each(&p.key);
        }
        if !self.lookup.groups.contains_key(name) && !self.lookup.via_person.contains_key(name) {
            return each(name);
        }
        let mut walk = Walk {
            people: self,
            out: Vec::new(),
            seen: HashSet::new(),
            groups_at: HashMap::new(),
        };
        walk.expand(name, 0);
        walk.out.into_iter().for_each(each);
    }
}

struct Walk<'p> {
    people: &'p People,
    out: Vec<&'p str>,
    seen: HashSet<&'p str>,
    /// The shallowest depth each group was walked at.
    groups_at: HashMap<&'p str, usize>,
}

impl<'p> Walk<'p> {
    fn add(&mut self, name: &'p str) {
        if self.seen.insert(name) {
            self.out.push(name);
        }
    }

    fn expand(&mut self, name: &'p str, depth: usize) {
        let people = self.people;
        if let Some(p) = people.find_person(name) {
            self.add(&p.key);
            return;
        }
        let entries = people.lookup.groups.get(name);
        let via = people.lookup.via_person.get(name);
        let has_members =
            entries.is_some_and(|e| e.iter().any(|&i| !people.groups[i].1.is_empty()));
        if !has_members && via.is_none_or(Vec::is_empty) {
            self.add(name);
            return;
        }
        if depth > 16 {
            return;
        }
        // The key borrowed from the registry, so the map outlives `name`.
        let key: &'p str = match (entries.and_then(|e| e.first()), via.and_then(|v| v.first())) {
            (Some(&i), _) => &people.groups[i].0,
            (None, Some(&i)) => people.people[i]
                .groups
                .iter()
                .find(|g| *g == name)
                .map_or("", String::as_str),
            (None, None) => "",
        };
        match self.groups_at.get(key) {
            Some(&at) if at <= depth => return,
            _ => {
                self.groups_at.insert(key, depth);
            }
        }
        for &i in entries.into_iter().flatten() {
            for member in &people.groups[i].1 {
                self.expand(member, depth + 1);
            }
        }
        for &i in via.into_iter().flatten() {
            self.add(&people.people[i].key);
        }
    }
}
