//! Integration tests: the real `decide` binary on temporary folders.
//! One test binary, so the suite links once.

mod common;

mod bad_input;
mod check;
mod config;
mod edit_commands;
mod list_show;
mod precommit;
mod rules;
mod scaffold;
mod show_engagement;
