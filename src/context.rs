//! What a command needs from the outside world, gathered by the binary so
//! the library stays free of global state and can be tested directly.

use std::any::Any;
use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{ColorChoice, Global};
use crate::error::Error;
use crate::log::{self, Location, Log};

/// Asks the user for a value on a terminal. The binary implements it; tests script it.
pub trait Prompt {
    /// Shows `question` and returns the answer line without its newline; `None` at end of input.
    fn ask(&mut self, question: &str) -> Option<String>;
}

/// A prompt that never has an answer (`--no-input`, no terminal).
pub struct NoPrompt;

impl Prompt for NoPrompt {
    fn ask(&mut self, _question: &str) -> Option<String> {
        None
    }
}

/// The environment of one run.
pub struct Context {
    pub cwd: PathBuf,
    pub global: Global,
    /// `DECIDE_DIR`.
    pub env_dir: Option<PathBuf>,
    /// `DECIDE_CONFIG`.
    pub env_config: Option<PathBuf>,
    /// The date used as "today".
    pub today: NaiveDate,
    /// Whether stdin and stdout are both a terminal (prompts are allowed).
    pub interactive: bool,
    /// Whether stdout is a terminal (decides `auto` formats and colour).
    pub stdout_tty: bool,
    /// `NO_COLOR` is set and non-empty.
    pub no_color: bool,
    /// `GITHUB_ACTIONS=true`.
    pub github_actions: bool,
    /// `$VISUAL`, else `$EDITOR`.
    pub editor: Option<String>,
    /// Terminal width, when known.
    pub width: Option<u16>,
    pub prompt: Box<dyn Prompt>,
}

impl Context {
    /// Finds the log folder for this run.
    pub fn locate(&self) -> Result<Location, Error> {
        log::locate_with(
            &self.cwd,
            self.global.dir.as_deref(),
            self.env_dir.as_deref(),
            self.config_file().map(|(file, _)| file),
        )
    }

    /// The configuration file named for this run, and by what: `--config`
    /// wins over `DECIDE_CONFIG`. `None` means it is searched for.
    pub fn config_file(&self) -> Option<(&std::path::Path, &'static str)> {
        match (&self.global.config, &self.env_config) {
            (Some(file), _) => Some((file, "--config")),
            (None, Some(file)) => Some((file, "DECIDE_CONFIG")),
            (None, None) => None,
        }
    }

    /// Finds and loads the whole log.
    pub fn load(&self) -> Result<Log, Error> {
        Ok(Log::load(self.locate()?))
    }

    /// Whether output should be coloured.
    pub fn color(&self) -> bool {
        match self.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.stdout_tty && !self.no_color,
        }
    }
}

/// Standard output that a command leaves to be written as it is produced
/// (a large table, JSON or CSV), so that it is never held whole in memory:
/// the command has done its work and computed its data; the binary calls
/// this with a buffered standard output, or `--output` with a file. It is
/// called once; what it holds is then kept with the rest in
/// [`Output::kept`].
pub type Stream = Box<dyn FnMut(&mut dyn Write) -> io::Result<()>>;

/// What a command produced: text for stdout and stderr, and the exit code.
/// Standard output is `stdout` followed by what `stream` writes.
#[derive(Default)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
    pub stream: Option<Stream>,
    /// What the output was made from (the log, the figures, the stream
    /// once written), handed back rather than freed when the command
    /// returns: a binary about to exit may leave it to the system, which
    /// takes it back at once, where freeing a large log a value at a time
    /// took a twentieth of `decide report`. Dropped with the output otherwise.
    pub kept: Vec<Box<dyn Any>>,
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Output")
            .field("stdout", &self.stdout)
            .field("stderr", &self.stderr)
            .field("code", &self.code)
            .field("stream", &self.stream.as_ref().map(|_| "…"))
            .finish()
    }
}

impl Output {
    pub fn stdout(text: impl Into<String>) -> Output {
        Output {
            stdout: text.into(),
            ..Output::default()
        }
    }

    /// Output written to standard output as it is produced by `write`.
    pub fn streamed(write: impl FnMut(&mut dyn Write) -> io::Result<()> + 'static) -> Output {
        Output {
            stream: Some(Box::new(write)),
            ..Output::default()
        }
    }

    /// Keeps `value` with the output ([`Output::kept`]).
    pub fn keep(&mut self, value: impl Any) {
        self.kept.push(Box::new(value));
    }

    /// Writes standard output to `out`: the text, then the stream, which
    /// is then kept ([`Output::kept`]) rather than dropped with what it holds.
    pub fn write_stdout(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.stdout.as_bytes())?;
        if let Some(mut stream) = self.stream.take() {
            let written = stream(out);
            self.keep(stream);
            written?;
        }
        Ok(())
    }

    /// Standard output as one text (streamed output written into memory),
    /// for `--output` files written at once and for tests.
    pub fn stdout_text(&mut self) -> io::Result<String> {
        let mut bytes = Vec::new();
        self.write_stdout(&mut bytes)?;
        self.stdout = String::from_utf8(bytes)
            .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
        Ok(self.stdout.clone())
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    #[test]
    fn a_stream_writes_once_and_what_it_holds_lives_as_long_as_the_output() {
        // What the stream and the output hold is alive while `held` has
        // more owners than itself.
        let held = Rc::new(());
        let in_stream = Rc::clone(&held);
        let mut output = Output::streamed(move |out| {
            let _alive = &in_stream;
            out.write_all(b"table\n")
        });
        output.stdout = "head\n".into();
        output.keep(Rc::clone(&held));
        assert_eq!(output.stdout_text().unwrap(), "head\ntable\n");
        // Written once: the text now holds the stream's output.
        let mut again = Vec::new();
        output.write_stdout(&mut again).unwrap();
        assert_eq!(String::from_utf8(again).unwrap(), "head\ntable\n");
        assert_eq!(Rc::strong_count(&held), 3);
        drop(output);
        assert_eq!(Rc::strong_count(&held), 1);
    }
}
