//! Integration tests: the real `decide` binary on temporary folders.
//! One test binary, so the suite links once.

mod common;

mod config;
mod list_show;
mod scaffold;
