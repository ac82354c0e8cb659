//! The `decide` binary: parse the command line, run, print, exit.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use decide::cli::Cli;
use decide::output::safe;
use decide::{Context, Prompt};

/// jemalloc with one arena (decisions/0026; the arena count is set where it
/// is built, in `.cargo/config.toml`).
#[cfg(all(
    unix,
    not(target_os = "openbsd"),
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Prompts on stderr and reads answers from stdin.
struct TerminalPrompt;

impl Prompt for TerminalPrompt {
    fn ask(&mut self, question: &str) -> Option<String> {
        let mut err = io::stderr();
        let _ = write!(err, "{}", safe::text(question));
        let _ = err.flush();
        let mut line = String::new();
        match io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end_matches(['\n', '\r']).to_string()),
        }
    }
}

fn env_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Clap echoes arguments (a file name from a pull request, say):
        // shown escaped like everything else.
        Err(err) => {
            let text = err.render().to_string();
            let text = safe::text(&text);
            let _ = if err.use_stderr() {
                write_all("", &text)
            } else {
                write_all(&text, "")
            };
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(err) => {
            eprintln!("error: cannot read the working directory: {err}");
            return ExitCode::from(2);
        }
    };
    let stdout_tty = io::stdout().is_terminal();
    let mut ctx = Context {
        cwd,
        global: cli.global.clone(),
        env_dir: std::env::var_os("DECIDE_DIR")
            .filter(|v| !v.is_empty())
            .map(Into::into),
        env_config: std::env::var_os("DECIDE_CONFIG")
            .filter(|v| !v.is_empty())
            .map(Into::into),
        today: chrono::Local::now().date_naive(),
        interactive: stdout_tty && io::stdin().is_terminal(),
        stdout_tty,
        no_color: env_set("NO_COLOR"),
        github_actions: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
        editor: std::env::var("VISUAL")
            .ok()
            .filter(|v| !v.is_empty())
            .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.is_empty())),
        width: terminal_width(),
        prompt: Box::new(TerminalPrompt),
    };
    match decide::run(cli.command, &mut ctx) {
        Ok(mut output) => {
            let written = write_output(&mut output);
            let code = output.code;
            // The process ends here: what the output holds (a whole log,
            // the report's figures) is left to the system, which takes it
            // back at once, rather than freed a value at a time.
            std::mem::forget(output);
            match written {
                // A closed pipe (`decide list | head`) ends quietly.
                Ok(()) => ExitCode::from(code),
                Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(code),
                Err(err) => {
                    let message = format!("error: cannot write the output: {err}\n");
                    let _ = write_all("", &safe::text(&message));
                    ExitCode::from(2)
                }
            }
        }
        Err(err) => {
            let _ = write_all("", &safe::text(&format!("error: {err:#}\n")));
            ExitCode::from(2)
        }
    }
}

/// Writes a command's stderr, then its stdout through one buffer: output
/// streamed by the command goes out as it is produced, in large writes.
fn write_output(output: &mut decide::Output) -> io::Result<()> {
    if !output.stderr.is_empty() {
        let mut err = io::stderr().lock();
        err.write_all(output.stderr.as_bytes())?;
        err.flush()?;
    }
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    output.write_stdout(&mut out)?;
    out.flush()
}

fn write_all(stdout: &str, stderr: &str) -> io::Result<()> {
    if !stderr.is_empty() {
        let mut err = io::stderr().lock();
        err.write_all(stderr.as_bytes())?;
        err.flush()?;
    }
    let mut out = io::stdout().lock();
    out.write_all(stdout.as_bytes())?;
    out.flush()
}

/// The width of the terminal standard output is, read from the tty itself:
/// `COLUMNS` is a shell variable that bash and zsh do not export, so it
/// would be missing exactly when a user types a command. Output that is not a
/// terminal gets no width, and the commands use 100 columns.
fn terminal_width() -> Option<u16> {
    terminal_size::terminal_size_of(io::stdout())
        .map(|(terminal_size::Width(w), _)| w)
        .filter(|&w| w > 0)
}
