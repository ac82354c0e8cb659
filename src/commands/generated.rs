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

/// One man page that holds them all: the top-level page, EXIT STATUS and
/// ENVIRONMENT, then a section per subcommand (and per sub-subcommand) with
/// its synopsis, description and options, so `man decide` answers what
/// `decide CMD --help` does.
pub fn man() -> anyhow::Result<Output> {
    let mut command = Cli::command();
    command.build();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    let mut page = String::from_utf8_lossy(&out).into_owned();
    page.push_str(EXIT_AND_ENVIRONMENT);
    for sub in command.get_subcommands() {
        section(&mut page, sub, "decide")?;
    }
    Ok(Output::stdout(page))
}

const EXIT_AND_ENVIRONMENT: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
\fBdecide check\fR found errors (or warnings, with \fB--strict\fR).
.TP
\fB2\fR
A usage, configuration or I/O error; nothing was written.
.SH ENVIRONMENT
.TP
\fBDECIDE_DIR\fR
The log folder, when \fB--dir\fR is not given.
.TP
\fBNO_COLOR\fR
When set and not empty, no colours (as \fB--color never\fR, unless \fB--color always\fR).
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor \fBdecide edit\fR and \fBdecide new --edit\fR open (VISUAL first).
.TP
\fBGITHUB_ACTIONS\fR
When \fBtrue\fR, \fBdecide check\fR writes GitHub workflow commands unless \fB--format\fR says otherwise.
"#;

/// Appends `parent SUB`'s section: its own sections demoted to subsections.
fn section(page: &mut String, sub: &clap::Command, parent: &str) -> anyhow::Result<()> {
    if sub.get_name() == "help" {
        return Ok(());
    }
    let name = format!("{parent} {}", sub.get_name());
    let named = sub
        .clone()
        .bin_name(name.clone())
        .display_name(name.clone());
    let man = clap_mangen::Man::new(named);
    let mut out = Vec::new();
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    page.push_str(&format!(".SH \"{}\"\n", name.to_uppercase()));
    for line in String::from_utf8_lossy(&out).lines() {
        match line.strip_prefix(".SH ") {
            Some(title) => page.push_str(&format!(".SS {title}\n")),
            None => {
                page.push_str(line);
                page.push('\n');
            }
        }
    }
    for inner in sub.get_subcommands() {
        section(page, inner, &name)?;
    }
    Ok(())
}
