//! `decide review new TITLE --kind K`: scaffold a review under `reviews/`.

use anyhow::Context as _;
use chrono::Days;

use crate::cli::{ReviewKindArg, ReviewNewArgs};
use crate::context::{Context, Output};
use crate::edit;
use crate::log::{Log, display_path};
use crate::naming;
use crate::templates::{self, yaml_ids, yaml_scalar};

/// The default response window for async requests when the charter sets none.
const DEFAULT_RESPONSE_DAYS: u64 = 5;

pub fn run_new(args: &ReviewNewArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(ctx.locate()?, |_| false, |log| create(args, ctx, log))
}

/// Creates the review, with the log's lock held.
fn create(args: &ReviewNewArgs, ctx: &Context, log: Log) -> anyhow::Result<Output> {
    let date = match &args.date {
        Some(text) => super::date_arg("--date", text)?,
        None => ctx.today,
    };
    let mut decisions = Vec::new();
    for text in &args.decisions {
        let decision = super::find_decision(&log, text)?;
        decisions.extend(decision.id.clone());
    }
    let kind = match args.kind {
        ReviewKindArg::CheckIn => "check-in",
        ReviewKindArg::Milestone => "milestone",
        ReviewKindArg::Async => "async",
        ReviewKindArg::Retro => "retro",
        ReviewKindArg::Pulse => "pulse",
    };
    let respond_by = match (&args.respond_by, args.kind) {
        (Some(text), _) => Some(super::date_arg("--respond-by", text)?),
        (None, ReviewKindArg::Async) => {
            let days = charter_days(&log).unwrap_or(DEFAULT_RESPONSE_DAYS);
            date.checked_add_days(Days::new(days))
        }
        (None, _) => None,
    };
    let date_text = date.format("%Y-%m-%d").to_string();
    let template_name = match args.kind {
        ReviewKindArg::Pulse => "pulse.md",
        _ => "review.md",
    };
    let template = templates::load_within(
        Some(&log.location.dir),
        template_name,
        log.location.config.max_file_bytes,
    )?;
    let slug = naming::slug(&args.title);
    let text_for = |stem: &str| {
        templates::render(
            &template,
            &[
                ("kind", kind.to_string()),
                ("title", yaml_scalar(args.title.trim())),
                ("date", date_text.clone()),
                (
                    "facilitator",
                    args.facilitator
                        .as_deref()
                        .map(yaml_scalar)
                        .unwrap_or_default(),
                ),
                ("decisions", yaml_ids(&decisions)),
                // The file's stem, for the pulse template's `decide pulse add` hint.
                ("stem", stem.to_string()),
                (
                    "respond-by",
                    respond_by
                        .map(|d| format!("respond-by: {}\n", d.format("%Y-%m-%d")))
                        .unwrap_or_default(),
                ),
            ],
        )
        .replace(
            &format!("# {}\n", yaml_scalar(args.title.trim())),
            &format!("# {}\n", args.title.trim()),
        )
    };
    let reviews = log.location.dir.join("reviews");
    std::fs::create_dir_all(&reviews).with_context(|| format!("creating {}", reviews.display()))?;
    let path = naming::create_unique(&reviews, &date_text, &slug, text_for)
        .with_context(|| format!("creating a review in {}", reviews.display()))?;
    Ok(Output::stdout(format!(
        "{}\n",
        display_path(&path, &ctx.cwd)
    )))
}

fn charter_days(log: &Log) -> Option<u64> {
    log.charter
        .as_ref()
        .and_then(|c| c.response_days)
        .and_then(|d| u64::try_from(d).ok())
}
