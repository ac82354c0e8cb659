//! Plain-text recognisers that records use while reading a file and rules
//! use while reporting on it: template placeholders, and the foreign format a
//! file without front matter is written in.
//!
//! They sit below both records and rules (they know YAML nodes and positions
//! and nothing else), so records can call them without depending on rules.

pub mod foreign;
pub mod path;
pub mod placeholder;
pub mod yaml_scalar;
