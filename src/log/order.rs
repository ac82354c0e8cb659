//! The order of a loaded log: records by id, sources by path, each put in
//! order without the room a copy of them would take.

use super::Source;
use super::load::{Held, Loaded, Projection};

/// At most this many runs in order are moved into place by [`by_path`]
/// before it sorts instead.
const MAX_RUNS: usize = 8;

/// Sorts `sources` by path. They come as a few runs already in that order
/// (the decisions in path order, then the charter, the people file and the
/// reviews in id order, which a log's file names mostly follow): each run that fits
/// whole between two sources of those before it is moved there, in linear
/// time, where sorting took a fifth of the time `check FILE` spends on
/// one thread. Other orders are sorted: each path is one file's, so an
/// unstable sort gives the same order without the stable sort's buffer
/// (8 MB at 100,000 decisions).
pub(super) fn by_path(sources: &mut [Source]) {
    let mut sorted = sources.len().min(1);
    let mut runs = 0;
    while sorted < sources.len() {
        let mut end = sorted + 1;
        while end < sources.len() && sources[end - 1].path < sources[end].path {
            end += 1;
        }
        let first = &*sources[sorted].path;
        let at = sources[..sorted].partition_point(|s| &*s.path < first);
        let fits = at == sorted || sources[end - 1].path < sources[at].path;
        runs += 1;
        if !fits || runs > MAX_RUNS {
            sources.sort_unstable_by(|a, b| a.path.cmp(&b.path));
            return;
        }
        sources[at..end].rotate_right(end - sorted);
        sorted = end;
    }
}

/// Loaded records sorted by their key (stable), with their sources added to
/// `sources` and the files that loaded as something else, with their place
/// in the walk, to `late`. The records are mostly in key order already (a
/// log's ids follow its file names), so the sort runs only when they are
/// not, and then moves the records in place ([`sort_stable_in_place`]);
/// the vector of results becomes the vector of records in place.
pub(super) fn sorted<K: Ord, T>(
    loaded: Vec<Projection<K, T>>,
    sources: &mut Vec<Source>,
    late: &mut Vec<(usize, Loaded)>,
) -> Vec<T> {
    let kept = loaded
        .into_iter()
        .map(|loaded| {
            loaded.map(|(key, value, source)| {
                sources.extend(source);
                (key, value)
            })
        })
        .collect();
    sorted_kept(kept, late)
}

/// [`sorted`], for records whose sources were set apart.
pub(super) fn sorted_kept<K: Ord, T>(
    loaded: Vec<Held<K, T>>,
    late: &mut Vec<(usize, Loaded)>,
) -> Vec<T> {
    let mut kept: Vec<(K, T)> = loaded
        .into_iter()
        .filter_map(|loaded| match loaded {
            Ok(kept) => Some(kept),
            Err(other) => {
                late.push(*other);
                None
            }
        })
        .collect();
    if !kept.is_sorted_by(|a, b| a.0 <= b.0) {
        sort_stable_in_place(&mut kept);
    }
    let mut values: Vec<T> = kept.into_iter().map(|(_, v)| v).collect();
    // Collected in place, the vector is still as wide as a result with its
    // key and source (at 100,000 decisions, 24 MB where the values `check`
    // keeps take 14 MB); shrunk in place, the rest goes back.
    values.shrink_to_fit();
    values
}

/// Sorts `items` by their key, stable, in place. `sort_by` would take
/// room for half the items (for an editing command at 100,000 decisions,
/// 33 MB beside the 66 MB of its records); this sorts their positions,
/// then moves each item once along the cycles of that order.
fn sort_stable_in_place<K: Ord, T>(items: &mut [(K, T)]) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].0.cmp(&items[b].0));
    // `items[i]` is to become what is now `items[order[i]]`; a place is
    // marked done by pointing at itself.
    for start in 0..items.len() {
        let mut i = start;
        while order[i] != i {
            let from = order[i];
            order[i] = i;
            if from == start {
                break;
            }
            items.swap(i, from);
            i = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Sorting in place orders as the standard stable sort does: by
        /// key, and items of equal key in the order they came.
        #[test]
        fn sorting_in_place_is_the_stable_sort(keys in prop::collection::vec(0u8..8, 0..200)) {
            let mut items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            sort_stable_in_place(&mut items);
            prop_assert_eq!(items, expected);
        }
    }

    #[test]
    fn sources_in_runs_or_in_any_order_are_sorted_by_path() {
        let source = |p: &str| Source::new(p, PathBuf::from(p), "");
        let orders: [&[&str]; 9] = [
            &[],
            &["a"],
            &["c", "a", "b"],
            // The charter, the people file, reviews, decisions.
            &[
                "d/charter.md",
                "d/people.yaml",
                "d/reviews/1",
                "d/reviews/2",
                "d/1",
                "d/2",
            ],
            &[
                "d/charter.md",
                "d/people.yaml",
                "d/reviews/1",
                "d/reviews/2",
                "d/1",
                "d/2",
                "d/s",
            ],
            &["a", "z", "m", "n", "b"],
            // A run that does not fit whole between two: sorted.
            &["b", "d", "a", "c"],
            &["e", "f", "c", "d", "a", "b"],
            // More runs than are moved into place.
            &["j", "i", "h", "g", "f", "e", "d", "c", "b", "a"],
        ];
        for order in orders {
            let mut sources: Vec<Source> = order.iter().map(|p| source(p)).collect();
            by_path(&mut sources);
            let mut expected: Vec<&str> = order.to_vec();
            expected.sort_unstable();
            let paths: Vec<&str> = sources.iter().map(|s| &*s.path).collect();
            assert_eq!(paths, expected, "{order:?}");
        }
    }
}
