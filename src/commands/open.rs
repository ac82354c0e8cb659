//! `decide edit ID|REVIEW`: opens a decision or a review in `$VISUAL` or
//! `$EDITOR`, found the way every other command finds it.

use std::path::Path;

use anyhow::Context as _;

use crate::cli::EditArgs;
use crate::context::{Context, Output};
use crate::error::Error;

pub fn run(args: &EditArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    if ctx.editor.is_none() {
        return Err(Error::Usage("`decide edit` needs $VISUAL or $EDITOR to be set".into()).into());
    }
    let log = ctx.load()?;
    let target = super::actions::target(&log, &args.target)?;
    let abs = log
        .source(target.path)
        .map(|s| s.abs.clone())
        .ok_or_else(|| Error::Usage(format!("{}: the file could not be read", target.path)))?;
    open_in_editor(ctx, &abs)?;
    Ok(Output::default())
}

/// Runs the editor on `path` through the shell, as git does, so that
/// `EDITOR="code --wait"` works; the path is passed as an argument, never
/// as part of the command text.
pub fn open_in_editor(ctx: &Context, path: &Path) -> anyhow::Result<()> {
    let editor = ctx
        .editor
        .as_deref()
        .ok_or_else(|| Error::Usage("$VISUAL or $EDITOR must be set".into()))?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path)
        .status()
        .with_context(|| format!("starting editor `{editor}`"))?;
    if !status.success() {
        anyhow::bail!(
            "editor `{editor}` exited with {status}; the record is at {}",
            path.display()
        );
    }
    Ok(())
}
