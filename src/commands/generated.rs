//! `decide completions SHELL` and `decide man`: generated from the clap
//! definition in `cli.rs`, so they can never disagree with `--help`.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::context::Output;

pub fn completions(shell: clap_complete::Shell) -> Output {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "decide", &mut out);
    Output::stdout(String::from_utf8_lossy(&out).into_owned())
}

pub fn man() -> anyhow::Result<Output> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(Output::stdout(String::from_utf8_lossy(&out).into_owned()))
}
