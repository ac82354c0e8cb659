//! Integration tests: the real `decide` binary on temporary folders.
//! One test binary, so the suite links once.

mod common;

mod digest;
mod list_show;
mod report;
mod report_git;
