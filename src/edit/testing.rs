//! Helpers shared by the edit module's unit tests.

use super::{Document, EditError};

pub(super) fn edit(text: &str, f: impl FnOnce(&mut Document) -> Result<(), EditError>) -> String {
    let mut doc = Document::new(text);
    f(&mut doc).unwrap_or_else(|e| panic!("{e}\n{text}"));
    doc.into_text()
}

pub(super) fn refused(
    text: &str,
    f: impl FnOnce(&mut Document) -> Result<(), EditError>,
) -> EditError {
    let mut doc = Document::new(text);
    let err = f(&mut doc).expect_err("the edit should be refused");
    assert_eq!(doc.text(), text, "a refused edit leaves the text as it was");
    err
}

/// A feedback entry to append.
pub(super) const FEEDBACK: &[(&str, &str)] = &[
    ("by", "lee"),
    ("date", "2026-03-05"),
    ("stance", "concern"),
    ("note", "Cost: doubles #labels"),
];
