//! Where the keys of a front-matter block are written, kept once its tree is gone.
//!
//! A record is built from its YAML tree, and the tree is then dropped: kept
//! for every file of a 10,000-record log it took hundreds of megabytes. What
//! the rules still ask of the written form is small: where a key is (to point
//! a finding at `status:`), and whether an item of a list has a key written
//! at all (an alternative with `title:` left empty is not one without a
//! title). The outline keeps exactly that, for the top-level keys and the
//! keys of the mapping items of top-level lists, in twelve bytes a key.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use super::List;
use crate::yaml::{Node, Pos, Value};

/// The keys of one front-matter block and of its list items, with positions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    /// Every key in document order, duplicates included; top-level keys
    /// have `item == 0`, keys of `items[n]` have `item == n + 1`.
    keys: List<Slot>,
    /// The mapping items of top-level lists (of the first entry of a key given twice).
    items: List<Item>,
    /// Names outside [`KNOWN`], which slots refer to past its end.
    others: List<Box<str>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Slot {
    name: u16,
    item: u16,
    line: u32,
    col: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Item {
    list: u16,
    line: u32,
    col: u32,
}

/// Key names shared by all outlines, so a slot holds a number, not a string.
static KNOWN: LazyLock<Known> = LazyLock::new(|| {
    let mut names: Vec<&'static str> = Vec::new();
    for name in super::KEY_TABLES.iter().flat_map(|t| t.iter()) {
        if !names.contains(name) {
            names.push(name);
        }
    }
    Known::new(names)
});

/// The known key names, looked up by a perfect hash: a key is compared
/// with the one name at the slot its length, middle byte and first and
/// last two bytes lead to. Every key of every front matter is looked up
/// (FxHash through a hash map took a twentieth of `check`); the table is
/// fixed, so no key written in a record can make a lookup slow. Should no
/// multiplier keep the names apart (a test holds that one does), they are
/// looked up with FxHash.
struct Known {
    names: Vec<&'static str>,
    /// By slot, the number of the name there plus one; 0 where none is.
    slots: Vec<u16>,
    multiplier: u64,
    fallback: Option<FxHashMap<&'static str, u16>>,
}

/// The slot table has `1 << SLOT_BITS` slots.
const SLOT_BITS: u32 = 10;

fn slot(key: &[u8], multiplier: u64) -> usize {
    let n = key.len();
    let pair = |i: usize| u64::from(key.get(i).copied().unwrap_or(0));
    let (first, last) = match n {
        0 | 1 => (pair(0), 0),
        _ => (pair(0) | pair(1) << 8, pair(n - 2) | pair(n - 1) << 8),
    };
    let h = (n as u64) | pair(n / 2) << 8 | first << 16 | last << 32;
    (h.wrapping_mul(multiplier) >> (64 - SLOT_BITS)) as usize
}

/// Whether `a` and `b`, of the same length, hold the same bytes: a name
/// of up to 24 bytes in at most three overlapping words, without a call.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        0..4 => a == b,
        4..8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=24 => {
            word(a, 0) == word(b, 0) && word(a, 8) == word(b, 8) && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

impl Known {
    fn new(names: Vec<&'static str>) -> Known {
        let index = || {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (*n, i as u16))
                .collect()
        };
        let mut multiplier = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..10_000 {
            let mut slots = vec![0u16; 1 << SLOT_BITS];
            let apart = names.iter().enumerate().all(|(i, name)| {
                let at = &mut slots[slot(name.as_bytes(), multiplier)];
                let free = *at == 0;
                *at = i as u16 + 1;
                free
            });
            if apart {
                return Known {
                    names,
                    slots,
                    multiplier,
                    fallback: None,
                };
            }
            multiplier = multiplier.wrapping_add(0x2545_f491_4f6c_dd1d) | 1;
        }
        Known {
            fallback: Some(index()),
            names,
            slots: Vec::new(),
            multiplier,
        }
    }

    fn get(&self, key: &str) -> Option<u16> {
        if self.fallback.is_some() {
            return self.get_by_hash(key);
        }
        let key = key.as_bytes();
        let n = self.slots[slot(key, self.multiplier)].checked_sub(1)?;
        let name = self.names[usize::from(n)].as_bytes();
        (name.len() == key.len() && same_bytes(name, key)).then_some(n)
    }

    #[cold]
    #[inline(never)]
    fn get_by_hash(&self, key: &str) -> Option<u16> {
        self.fallback.as_ref()?.get(key).copied()
    }

    fn len(&self) -> usize {
        self.names.len()
    }
}

/// The name of keys that could not be given a number; never looked up.
const UNNAMED: u16 = u16::MAX;

fn compact(pos: Pos) -> (u32, u32) {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (clamp(pos.line()), clamp(pos.col()))
}

impl Outline {
    /// The outline of a parsed front-matter tree.
    pub fn of(node: &Node) -> Outline {
        let mut outline = Outline::default();
        let Value::Map(entries) = &node.value else {
            return outline;
        };
        // Sets, not scans, so that a hostile block of many keys stays linear.
        let mut others: HashMap<&str, u16> = HashMap::new();
        // The lists met so far, by the number of their name (a flag each),
        // and by text those without one.
        let mut listed: Vec<bool> = Vec::new();
        let mut unnamed: HashSet<&str> = HashSet::new();
        // Room for every key at once (a list given twice leaves some unused,
        // given back below): a vector grown a key at a time was a sixth of
        // the outline's cost.
        let (mut keys, mut items) = (entries.len(), 0);
        for entry in entries {
            if let Value::Seq(list) = &entry.value.value {
                for item in list {
                    if let Value::Map(item_keys) = &item.value {
                        items += 1;
                        keys += item_keys.len();
                    }
                }
            }
        }
        outline.keys.reserve_exact(keys);
        outline
            .items
            .reserve_exact(items.min(usize::from(u16::MAX)));
        for entry in entries {
            let name = outline.name(&entry.key, &mut others);
            outline.push(name, 0, entry.key_pos);
            let Value::Seq(items) = &entry.value.value else {
                continue;
            };
            let first = match usize::from(name) {
                _ if name == UNNAMED => unnamed.insert(&entry.key),
                n => {
                    if listed.len() <= n {
                        listed.resize(n + 1, false);
                    }
                    !std::mem::replace(&mut listed[n], true)
                }
            };
            if !first {
                continue;
            }
            for item in items {
                let Value::Map(keys) = &item.value else {
                    continue;
                };
                if outline.items.len() >= usize::from(u16::MAX) {
                    break;
                }
                let (line, col) = compact(item.pos);
                outline.items.push(Item {
                    list: name,
                    line,
                    col,
                });
                let n = outline.items.len() as u16;
                for key in keys {
                    let key_name = outline.name(&key.key, &mut others);
                    outline.push(key_name, n, key.key_pos);
                }
            }
        }
        outline.sort();
        outline.keys.shrink_to_fit();
        outline.items.shrink_to_fit();
        outline
    }

    /// Puts items in order of position, unknown names in order of text and
    /// keys in order of item and name (document order among equals), so
    /// every lookup is a binary search: a front matter of many thousand
    /// items or keys costs a logarithm a lookup, not a scan. Items are
    /// pushed in document order and most records write no unknown key, so
    /// most outlines only sort their keys, in place.
    fn sort(&mut self) {
        // In the order they were pushed, the document's.
        let rising = self.keys.is_sorted_by_key(|s| (s.line, s.col));
        if !self.items.is_sorted_by_key(|i| (i.line, i.col)) {
            let mut items: Vec<usize> = (0..self.items.len()).collect();
            items.sort_by_key(|&i| (self.items[i].line, self.items[i].col, i));
            let mut item_at = vec![0u16; self.items.len() + 1];
            for (new, &old) in items.iter().enumerate() {
                item_at[old + 1] = new as u16 + 1;
            }
            self.items = items.iter().map(|&i| self.items[i]).collect();
            for slot in &mut self.keys {
                slot.item = item_at[usize::from(slot.item)];
            }
        }
        if !self.others.is_empty() {
            let known = KNOWN.len();
            let mut others: Vec<usize> = (0..self.others.len()).collect();
            others.sort_by(|&a, &b| self.others[a].cmp(&self.others[b]));
            let mut other_at = vec![0u16; self.others.len()];
            for (new, &old) in others.iter().enumerate() {
                other_at[old] = (known + new) as u16;
            }
            self.others = others.iter().map(|&i| self.others[i].clone()).collect();
            let rename = |name: u16| match usize::from(name) {
                n if n >= known && name != UNNAMED => other_at[n - known],
                _ => name,
            };
            for item in &mut self.items {
                item.list = rename(item.list);
            }
            for slot in &mut self.keys {
                slot.name = rename(slot.name);
            }
        }
        // The first written of a key given twice stays first. Where
        // positions rise in document order (whatever a parser may place
        // elsewhere), ordering equals by position keeps it so, in place.
        if rising {
            // The top-level keys, then each item's, are already in item
            // order once the top-level ones are moved ahead: only each
            // item's few keys are left to sort, not all of them at once.
            let top = self.keys.iter().filter(|s| s.item == 0).count();
            let mut keys: List<Slot> = List::with_capacity(self.keys.len());
            keys.extend(self.keys.iter().filter(|s| s.item == 0).copied());
            keys.extend(self.keys.iter().filter(|s| s.item != 0).copied());
            if keys[top..].is_sorted_by_key(|s| s.item) {
                self.keys = keys;
                for group in self.keys.chunk_by_mut(|a, b| a.item == b.item) {
                    group.sort_unstable_by_key(|s| (s.name, s.line, s.col));
                }
            } else {
                self.keys
                    .sort_unstable_by_key(|s| (s.item, s.name, s.line, s.col));
            }
        } else {
            self.keys.sort_by_key(|s| (s.item, s.name));
        }
    }

    fn push(&mut self, name: u16, item: u16, pos: Pos) {
        let (line, col) = compact(pos);
        self.keys.push(Slot {
            name,
            item,
            line,
            col,
        });
    }

    /// The number of `key`; `others` indexes the names given so far outside [`KNOWN`].
    fn name<'k>(&mut self, key: &'k str, others: &mut HashMap<&'k str, u16>) -> u16 {
        let known = &*KNOWN;
        if let Some(n) = known.get(key).or_else(|| others.get(key).copied()) {
            return n;
        }
        if known.len() + self.others.len() >= usize::from(UNNAMED) {
            // Tens of thousands of distinct unknown keys: the rest are not
            // findable, which only moves a finding to the item or the file.
            return UNNAMED;
        }
        self.others.push(key.into());
        let n = (known.len() + self.others.len() - 1) as u16;
        others.insert(key, n);
        n
    }

    /// The number `key` has in this outline, if any slot can carry it.
    fn lookup(&self, key: &str) -> Option<u16> {
        let known = &*KNOWN;
        if let Some(n) = known.get(key) {
            return Some(n);
        }
        let i = self.others.binary_search_by(|o| (**o).cmp(key)).ok()?;
        Some((known.len() + i) as u16)
    }

    fn find(&self, item: u16, key: &str) -> Option<Pos> {
        let name = self.lookup(key)?;
        let at = self
            .keys
            .partition_point(|s| (s.item, s.name) < (item, name));
        self.keys
            .get(at)
            .filter(|s| s.item == item && s.name == name)
            .map(|s| Pos::new(s.line as usize, s.col as usize))
    }

    /// Where top-level `key` is first written.
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        self.find(0, key)
    }

    /// Where `key` is written in the mapping item at `pos` of the top-level
    /// list `list`; `None` when the item has no such key or is not a mapping.
    pub fn item_key_pos(&self, list: &str, pos: Pos, key: &str) -> Option<Pos> {
        let list = self.lookup(list)?;
        let (line, col) = compact(pos);
        let n = self
            .items
            .partition_point(|i| (i.line, i.col) < (line, col));
        self.items
            .get(n)
            .filter(|i| i.list == list && i.line == line && i.col == col)?;
        self.find(u16::try_from(n + 1).ok()?, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    #[test]
    fn known_names_are_kept_apart_by_the_perfect_hash() {
        let known = &*KNOWN;
        assert!(
            known.fallback.is_none(),
            "no multiplier keeps the names apart"
        );
        for (i, name) in known.names.iter().enumerate() {
            assert_eq!(known.get(name), Some(i as u16), "{name}");
        }
        // Near misses and other keys are not found, whatever slot they reach.
        let near = known.names.iter().flat_map(|name| {
            (0..name.len()).map(move |i| {
                let mut bytes = name.as_bytes().to_vec();
                bytes[i] ^= 0x20;
                String::from_utf8_lossy(&bytes).into_owned()
            })
        });
        for key in near {
            assert_eq!(known.get(&key), None, "{key}");
        }
        for key in [
            "", "i", "ids", "Id", "statu", "statuses", "x-team", "owner s", "日本",
        ] {
            assert_eq!(known.get(key), None, "{key}");
        }
        let fallback = Known {
            fallback: Some([("status", 0)].into_iter().collect()),
            names: vec!["status"],
            slots: Vec::new(),
            multiplier: 1,
        };
        assert_eq!(
            (fallback.get("status"), fallback.get("id")),
            (Some(0), None)
        );
    }

    #[test]
    fn keys_and_item_keys_keep_their_positions() {
        let node = yaml::parse(
            "status: accepted\nx-team: ml\nfeedback:\n  - by: lee\n    stance:\n  - plain\nstatus: draft\n",
            2,
        )
        .unwrap();
        let outline = Outline::of(&node);
        assert_eq!(outline.key_pos("status"), Some(Pos::new(2, 1)));
        assert_eq!(outline.key_pos("x-team"), Some(Pos::new(3, 1)));
        assert_eq!(outline.key_pos("owners"), None);
        assert_eq!(
            outline.item_key_pos("feedback", Pos::new(5, 5), "stance"),
            Some(Pos::new(6, 5))
        );
        assert_eq!(
            outline.item_key_pos("feedback", Pos::new(5, 5), "date"),
            None
        );
        assert_eq!(outline.item_key_pos("feedback", Pos::new(7, 5), "by"), None);
    }

    #[test]
    fn lookups_agree_with_the_document_among_many_unknown_keys() {
        let mut text = String::new();
        for i in (0..300).rev() {
            text.push_str(&format!("x-k{i}: {i}\n"));
        }
        text.push_str("x-k7: again\nalternatives:\n");
        for i in 0..50 {
            text.push_str(&format!(
                "  - title: t{i}\n    x-note: n\n    title: twice\n"
            ));
        }
        let node = yaml::parse(&text, 1).unwrap();
        let outline = Outline::of(&node);
        // Written in reverse order: x-k299 on line 1, x-k0 on line 300.
        assert_eq!(outline.key_pos("x-k299"), Some(Pos::new(1, 1)));
        assert_eq!(outline.key_pos("x-k0"), Some(Pos::new(300, 1)));
        // Given twice: the first is found.
        assert_eq!(outline.key_pos("x-k7"), Some(Pos::new(293, 1)));
        assert_eq!(outline.key_pos("x-k300"), None);
        // Item 49 starts on line 303 + 3 * 49.
        let item = Pos::new(303 + 3 * 49, 5);
        assert_eq!(
            outline.item_key_pos("alternatives", item, "title"),
            Some(item)
        );
        assert_eq!(
            outline.item_key_pos("alternatives", item, "x-note"),
            Some(Pos::new(304 + 3 * 49, 5))
        );
        assert_eq!(outline.item_key_pos("alternatives", item, "x-k0"), None);
        assert_eq!(outline.item_key_pos("risks", item, "title"), None);
    }

    #[test]
    fn the_first_pushed_of_a_key_given_twice_is_found_wherever_it_is_placed() {
        // A tree whose positions do not rise in document order (as a parser
        // might place a merged key): the first entry is still the one found.
        let entry = |key: &'static str, line: usize| crate::yaml::Entry {
            key: key.into(),
            key_pos: Pos::new(line, 1),
            value: Node {
                value: Value::Null,
                pos: Pos::new(line, 9),
            },
        };
        for (first, second) in [(5, 2), (2, 5)] {
            let node = Node {
                value: Value::Map(vec![
                    entry("status", first),
                    entry("x-a", 7),
                    entry("status", second),
                    entry("x-a", 1),
                ]),
                pos: Pos::new(1, 1),
            };
            let outline = Outline::of(&node);
            assert_eq!(outline.key_pos("status"), Some(Pos::new(first, 1)));
            assert_eq!(outline.key_pos("x-a"), Some(Pos::new(7, 1)));
        }
    }

    #[test]
    fn only_the_first_of_a_list_given_twice_has_items() {
        let node = yaml::parse(
            "feedback:\n  - by: lee\nx-other: 1\nfeedback:\n  - by: raj\n",
            1,
        )
        .unwrap();
        let outline = Outline::of(&node);
        assert_eq!(
            outline.item_key_pos("feedback", Pos::new(2, 5), "by"),
            Some(Pos::new(2, 5))
        );
        assert_eq!(outline.item_key_pos("feedback", Pos::new(5, 5), "by"), None);
        assert_eq!(outline.key_pos("x-other"), Some(Pos::new(3, 1)));
    }
}
