//! Integration tests: the real `decide` binary on temporary folders.
//! One test binary, so the suite links once.

mod common;

mod edit_commands;
mod list_show;
mod show_engagement;
