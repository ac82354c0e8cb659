//! `decide edit ID|REVIEW`: opens a decision or a review in `$VISUAL` or
//! `$EDITOR`, found the way every other command finds it.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

use crate::cli::EditArgs;
use crate::context::{Context, Output};
use crate::error::Error;
use crate::log::Log;
use crate::record::{Depth, Id};

use super::Named;
use super::actions::{Picked, pick};

pub fn run(args: &EditArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    if ctx.editor.is_none() {
        return Err(Error::Usage("`decide edit` needs $VISUAL or $EDITOR to be set".into()).into());
    }
    // The reviews to their fields, and of each decision only its id and
    // path, kept as it is read: the records of the whole log are never
    // held at once. Every file keeps its `Source`, which says where it is.
    let staged = Log::load_staged(ctx.locate()?, Depth::Fields, BTreeSet::new(), false, |r| r);
    let decisions = staged.decisions(|d, _| Known {
        id: d.id,
        path: d.meta.path,
    });
    let (log, decisions) = staged.finish(decisions);
    let path = match pick(&decisions, &log.reviews, &args.target)? {
        Picked::Decision(d) => d.path(),
        Picked::Review(r) => &r.meta.path,
    };
    let abs = log
        .source(path)
        .map(|s| s.abs.clone())
        .ok_or_else(|| Error::Usage(format!("{path}: the file could not be read")))?;
    open_in_editor(ctx, &abs)?;
    Ok(Output::default())
}

/// What `edit` keeps of a decision: what finding it looks at.
struct Known {
    id: Option<Id>,
    path: Arc<str>,
}

impl Named for Known {
    fn id(&self) -> Option<&Id> {
        self.id.as_ref()
    }

    fn path(&self) -> &str {
        &self.path
    }
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
