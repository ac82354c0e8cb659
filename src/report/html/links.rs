//! Records named on the page, linked to their files under `base-url`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use super::view::RecordRef;
use crate::log::Log;
use crate::record::Decision;
use crate::report::clean;

/// Links from record paths to their files under `base-url`.
pub(super) struct Links<'a> {
    base: Option<&'a str>,
    /// Record path (as in `Meta::path`) → path relative to the log folder.
    rel: BTreeMap<String, String>,
    /// Id → the first decision of the log with it, for figures that name
    /// a decision by id only.
    by_id: HashMap<String, &'a Decision>,
}

impl<'a> Links<'a> {
    pub(super) fn new(log: &'a Log, base: Option<&'a str>) -> Links<'a> {
        let mut by_id = HashMap::new();
        for d in &log.decisions {
            if let Some(id) = &d.id {
                by_id.entry(id.to_string()).or_insert(d);
            }
        }
        let rel = log
            .sources
            .iter()
            .filter_map(|s| {
                let rel = s.abs.strip_prefix(&log.location.dir).ok()?;
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                Some((s.path.to_string(), parts.join("/")))
            })
            .collect();
        Links { base, rel, by_id }
    }

    fn href(&self, path: &str) -> Option<String> {
        let base = self.base?;
        let rel = self.rel.get(path)?;
        Some(format!("{base}/{}", url_path(rel)))
    }

    pub(super) fn by_path(&self, id: Option<&str>, title: Option<&str>, path: &str) -> RecordRef {
        RecordRef {
            label: id.map_or_else(|| "?".into(), clean),
            title: clean(title.unwrap_or("(untitled)")),
            href: self.href(path),
        }
    }

    /// The decision named `id`, linked as [`Links::decision`]; unlinked,
    /// with the title given, when the log has none by that id.
    pub(super) fn by_id(&self, id: Option<&str>, title: Option<&str>) -> RecordRef {
        match id.and_then(|id| self.by_id.get(id)) {
            Some(d) => self.decision(d),
            None => RecordRef {
                label: id.map_or_else(|| "?".into(), clean),
                title: clean(title.unwrap_or("(untitled)")),
                href: None,
            },
        }
    }

    pub(super) fn decision(&self, d: &Decision) -> RecordRef {
        self.by_path(
            d.id.as_ref().map(|i| i.to_string()).as_deref(),
            d.title.as_ref().map(|t| t.value.as_str()),
            &d.meta.path,
        )
    }
}

/// A file path made safe for a URL: every byte outside `[A-Za-z0-9._~/-]`
/// is percent-encoded.
pub(super) fn url_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"._~/-".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_percent_encoded_in_links() {
        assert_eq!(url_path("reviews/a b\"<.md"), "reviews/a%20b%22%3C.md");
    }
}
