//! Integration tests: the real `decide` binary on temporary folders.
//! One test binary, so the suite links once.

mod common;

mod config;
mod edit_commands;
mod list_show;
mod scaffold;
mod show_engagement;
