//! Integration tests: the real `decide` binary on temporary folders.
//! One test binary, so the suite links once.

mod common;

mod bad_input;
mod check;
mod check_fix;
mod concurrency;
mod config;
mod digest;
mod edit_commands;
mod example_log;
mod fuzz_regressions;
mod graph;
mod hangs;
mod hostile_output;
mod import;
mod large_logs;
mod list_show;
mod precommit;
mod property;
mod renumber;
mod report;
mod report_git;
mod robustness;
mod rules;
mod scaffold;
mod show_engagement;
