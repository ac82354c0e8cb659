//! Integration tests: the real `decide` binary on temporary folders.
//! One test binary, so the suite links once.

mod common;

mod bad_input;
mod check;
mod list_show;
mod precommit;
mod rules;
