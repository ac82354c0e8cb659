//! Integration tests: the real `decide` binary on temporary folders.
//! One test binary, so the suite links once.

mod common;

mod adoption;
mod bad_input;
mod check;
mod check_cache;
mod check_fix;
mod ci_formats;
mod concurrency;
mod config;
mod config_files;
mod digest;
mod edit_commands;
mod example_log;
mod fuzz_regressions;
mod graph;
mod hangs;
mod help_and_man;
mod hostile_output;
mod import;
mod input_checks;
mod large_logs;
mod layering;
mod linear_cost;
mod list_rows;
mod list_show;
mod new_command;
mod precommit;
mod projected;
mod property;
mod pulse;
mod readme;
mod renumber;
mod report;
mod report_checks;
mod report_git;
mod report_html;
mod robustness;
mod routine_edits;
mod rules;
mod scaffold;
mod show_engagement;
mod stakeholders;
mod terminal_width;
