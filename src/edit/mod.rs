//! Byte-preserving edits of a record's front matter, and atomic writes.
//!
//! Records are versioned and reviewed as diffs, so an edit must change only
//! the bytes it has to: re-serialising the YAML would reorder keys, drop
//! comments, change quoting and line endings, and turn a one-word status
//! change into a noisy diff. Instead each edit splices new text into the raw
//! file at the positions the parser reported ([`crate::yaml`]), in the file's
//! own line ending and indentation. Because that splicing works on text, every
//! result is parsed again and compared with the document the edit intended;
//! an edit that would change anything else, or break the YAML, is refused
//! and nothing is written.
//!
//! Writes go to a temporary file in the same folder that is renamed over the
//! original ([`write_atomic`], [`Staged`]), so a crash or a kill leaves either
//! the old file or the new one, never a mix. New files are created without
//! ever replacing an existing one ([`create_new`]).
//!
//! **Every command that changes a log's files does so inside [`locked`] (or
//! [`with_log`], which also loads the log under the lock)**: an OS advisory
//! lock on the log folder held from the first read to the last rename, so
//! concurrent commands never lose each other's updates, and a killed one
//! never leaves a lock behind. Taking the lock also removes temporary files
//! that killed writers left.
//!
//! The files, from the public entry points down:
//!
//! * `document.rs`: [`Document`], the edits a command asks for, and
//!   [`EditError`], why one is refused;
//! * `plan.rs`: the splices each edit needs (set a value, add to a list,
//!   append a mapping item, add a key), written in the file's own style;
//! * `layout.rs`: where keys, values and items are written in the front
//!   matter's text, found from the positions the YAML reader reports;
//! * `tokens.rs`: where a plain, quoted or flow scalar written at an offset ends;
//! * `scalar.rs`: how a new value is written (plain when that reads back,
//!   else quoted);
//! * `verify.rs`: the re-read after every splice that refuses an edit which
//!   would change more than intended;
//! * `write.rs`: atomic writes and creates (temporary file + rename);
//! * `lock.rs`: the log's write lock and the read-modify-write entry points.

mod document;
mod layout;
mod lock;
mod plan;
mod scalar;
#[cfg(test)]
mod testing;
mod tokens;
mod verify;
mod write;

pub use document::{Document, EditError, renumbered};
pub use lock::{LOCK_FILE, LogLock, locked, with_log};
pub use scalar::{double_quoted, reads_back_plain, scalar};
pub use write::{Staged, create_new, is_temp_name, stage, write_atomic};
