//! `decide new TITLE`: scaffold a decision from the template and print its path.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::cli::{NewArgs, SupersedeArgs};
use crate::config::IdScheme;
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::{Location, Log, display_path};
use crate::naming;
use crate::record::{Depth, EDIT_KEYS, Id, Status};
use crate::templates::{self, yaml_ids, yaml_list, yaml_scalar};

/// What the new record will say, after flags and prompts.
struct Answers {
    owners: Vec<String>,
    decision_makers: Vec<String>,
    consulted: Vec<String>,
    alternatives: Vec<(String, String)>,
}

/// A title must be one line of text: the file name, the heading and every
/// table are made from it.
pub fn check_title(title: &str) -> Result<&str, Error> {
    let trimmed = title.trim();
    if trimmed.is_empty() {
        return Err(Error::Usage(
            "the title is empty; say what is being decided, e.g. `decide new \"Retrain the churn model monthly\"`".into(),
        ));
    }
    if trimmed.contains(['\n', '\r']) {
        return Err(Error::Usage(
            "the title has more than one line; give a one-line title and write the rest in the record".into(),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::Usage(
            "the title contains a control character".into(),
        ));
    }
    Ok(trimmed)
}

pub fn run(args: &NewArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let title = check_title(&args.title)?;
    if args.edit && ctx.editor.is_none() {
        return Err(Error::Usage(
            "--edit needs $VISUAL or $EDITOR to be set; nothing was created".into(),
        )
        .into());
    }
    let status = Status::parse(&args.status).ok_or_else(|| {
        let names: Vec<&str> = Status::ALL.iter().map(|(n, _)| *n).collect();
        Error::Usage(format!(
            "--status `{}` is not one of: {}",
            args.status,
            names.join(", ")
        ))
    })?;
    let location = ctx.locate()?;
    let (supersedes, old_status) = match &args.supersedes {
        Some(text) => {
            // Its id and status are all that is read of it.
            let log = Log::load_to(location.clone(), Depth::Keys(EDIT_KEYS));
            let old = super::editing::unique_decision(&log, text)?;
            (Some(old.id.clone().expect("found by id")), old.status)
        }
        None => (None, None),
    };
    let answers = gather(args, ctx);
    let today = super::editing::date_or_today(args.date.as_deref(), ctx.today)?;
    let template = templates::load_within(
        Some(&location.dir),
        "decision.md",
        location.config.max_file_bytes,
    )
    .with_context(|| {
        format!(
            "reading the decision template in {}",
            location.dir.display()
        )
    })?;
    let text = templates::render(
        &template,
        &[
            ("title", yaml_scalar(title)),
            ("status", status.as_str().to_string()),
            ("date", today.clone()),
            (
                "model",
                args.model.as_deref().map(yaml_scalar).unwrap_or_default(),
            ),
            ("owners", yaml_list(&answers.owners)),
            ("proposed-by", yaml_list(&answers.owners)),
            ("decision-makers", yaml_list(&answers.decision_makers)),
            ("consulted", yaml_list(&answers.consulted)),
            ("alternatives", alternatives_yaml(&answers.alternatives)),
            ("supersedes", yaml_ids(supersedes.as_slice())),
        ],
    )
    // The title also appears as the Markdown heading, where it is not YAML.
    .replace(
        &format!("# {}\n", yaml_scalar(title)),
        &format!("# {title}\n"),
    );
    // Taken on creation: stamped as `decide status` stamps it.
    let taken = matches!(status, Status::Accepted | Status::Rejected);
    let text = if taken {
        let mut doc = crate::edit::Document::new(text);
        doc.set_scalar("decided", &today)
            .map_err(|err| Error::Usage(format!("the decision template: {err}")))?;
        doc.into_text()
    } else {
        text
    };

    let path = create(&location, &naming::slug(title), &today, &text)?;
    let mut out = Output::stdout(format!("{}\n", display_path(&path, &ctx.cwd)));
    if let Some(old) = supersedes {
        // The new record already names OLD in `supersedes`; `decide
        // supersede` marks OLD as superseded by it, byte-preserving.
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let new_id =
            Id::from_file_name(&name).ok_or_else(|| Error::Usage(format!("{name} has no id")))?;
        // OLD stays in force until this decision is accepted.
        let accepted = status == Status::Accepted;
        let linked = super::supersede::link(
            &SupersedeArgs {
                old: id_arg(&old),
                new: id_arg(&new_id),
            },
            ctx,
            accepted,
        )?;
        if !ctx.global.quiet {
            out.stderr.push_str(&linked.stdout);
            out.stderr.push_str(&linked.stderr);
            if !accepted {
                out.stderr.push_str(&format!(
                    "note: {old} stays {} until {new_id} is accepted (`decide status {} accepted`)\n",
                    old_status.map_or("as it is", |s| s.as_str()),
                    id_arg(&new_id)
                ));
            }
        }
    }
    if args.edit {
        open_editor(ctx, &path)?;
    }
    Ok(out)
}

fn id_arg(id: &Id) -> String {
    match id {
        Id::Num(n) => n.to_string(),
        Id::Name(s) => s.clone(),
    }
}

fn alternatives_yaml(alternatives: &[(String, String)]) -> String {
    if alternatives.is_empty() {
        return "[]".to_string();
    }
    let mut out = String::new();
    for (title, reason) in alternatives {
        out.push_str(&format!("\n  - title: {}", yaml_scalar(title)));
        if !reason.is_empty() {
            out.push_str(&format!("\n    rejected-because: {}", yaml_scalar(reason)));
        }
    }
    out
}

/// Flags first; on a terminal (and without `--no-input`) ask for what is missing.
fn gather(args: &NewArgs, ctx: &mut Context) -> Answers {
    let mut answers = Answers {
        owners: args.owners.clone(),
        decision_makers: args.decision_makers.clone(),
        consulted: args.consulted.clone(),
        alternatives: Vec::new(),
    };
    if !ctx.interactive || args.no_input {
        return answers;
    }
    let prompt = &mut ctx.prompt;
    let mut ask_list = |question: &str, list: &mut Vec<String>| {
        if list.is_empty()
            && let Some(answer) = prompt.ask(question)
        {
            list.extend(
                answer
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            );
        }
    };
    ask_list(
        "Owners (comma-separated, empty to skip): ",
        &mut answers.owners,
    );
    ask_list(
        "Decision-makers (comma-separated, empty to skip): ",
        &mut answers.decision_makers,
    );
    ask_list(
        "Consulted people or groups (comma-separated, empty to skip): ",
        &mut answers.consulted,
    );
    while let Some(title) = prompt.ask("Alternative considered (empty to finish): ") {
        let title = title.trim().to_string();
        if title.is_empty() {
            break;
        }
        let reason = prompt
            .ask(&format!("Why was \"{title}\" rejected? "))
            .unwrap_or_default();
        answers
            .alternatives
            .push((title, reason.trim().to_string()));
    }
    answers
}

/// Creates the record file with create-new semantics under the id scheme in force.
fn create(location: &Location, slug: &str, today: &str, text: &str) -> anyhow::Result<PathBuf> {
    let dir = &location.dir;
    match location.config.scheme {
        IdScheme::Number => {
            let upstream = naming::upstream_numbers(dir);
            // The next number is read and taken under the log's lock, so
            // two `decide new` at once never pick the same one.
            edit::locked(dir, || {
                let local = naming::numbers_in_dir(dir)
                    .with_context(|| format!("reading {}", dir.display()))?;
                let next = local.iter().chain(&upstream).max().map_or(1, |m| m + 1);
                if next > crate::record::MAX_NUM {
                    return Err(Error::Usage(format!(
                        "no number is left after {}, the largest id",
                        crate::record::MAX_NUM
                    ))
                    .into());
                }
                let path = dir.join(format!("{next:04}-{slug}.md"));
                naming::create_new(&path, &fill_id(text, &Id::Num(next)))
                    .with_context(|| format!("creating {}", path.display()))?;
                Ok(path)
            })
        }
        IdScheme::Date => edit::locked(dir, || {
            naming::create_unique(dir, today, slug, |stem| {
                fill_id(text, &Id::Name(stem.to_string()))
            })
            .with_context(|| format!("creating a record in {}", dir.display()))
        }),
    }
}

/// Templates may use `{{id}}` (e.g. in a heading); it is known only once the file is named.
fn fill_id(text: &str, id: &Id) -> String {
    text.replace("{{id}}", &id.to_string())
}

fn open_editor(ctx: &Context, path: &Path) -> anyhow::Result<()> {
    super::open::open_in_editor(ctx, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{ColorChoice, Global};
    use crate::context::Prompt;

    struct Scripted(
        Vec<&'static str>,
        std::rc::Rc<std::cell::RefCell<Vec<String>>>,
    );

    impl Prompt for Scripted {
        fn ask(&mut self, question: &str) -> Option<String> {
            self.1.borrow_mut().push(question.to_string());
            (!self.0.is_empty()).then(|| self.0.remove(0).to_string())
        }
    }

    fn context(
        answers: Vec<&'static str>,
        interactive: bool,
    ) -> (Context, std::rc::Rc<std::cell::RefCell<Vec<String>>>) {
        let asked = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let ctx = Context {
            cwd: ".".into(),
            global: Global {
                dir: None,
                config: None,
                color: ColorChoice::Never,
                quiet: false,
            },
            env_dir: None,
            env_config: None,
            today: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
            interactive,
            stdout_tty: interactive,
            no_color: true,
            github_actions: false,
            editor: None,
            width: None,
            prompt: Box::new(Scripted(answers, asked.clone())),
        };
        (ctx, asked)
    }

    fn args(owners: &[&str], no_input: bool) -> NewArgs {
        NewArgs {
            title: "T".into(),
            owners: owners.iter().map(|s| s.to_string()).collect(),
            decision_makers: vec![],
            consulted: vec![],
            status: "draft".into(),
            date: None,
            supersedes: None,
            model: None,
            no_input,
            edit: false,
        }
    }

    #[test]
    fn prompts_for_what_flags_did_not_give() {
        let (mut ctx, asked) = context(
            vec![
                "raj",
                "lee, product",
                "Quarterly retraining",
                "drift within six weeks",
                "Never retrain",
                "",
                "",
            ],
            true,
        );
        let answers = gather(&args(&["ana"], false), &mut ctx);
        assert_eq!(answers.owners, ["ana"]);
        assert_eq!(answers.decision_makers, ["raj"]);
        assert_eq!(answers.consulted, ["lee", "product"]);
        assert_eq!(
            answers.alternatives,
            [
                (
                    "Quarterly retraining".to_string(),
                    "drift within six weeks".to_string()
                ),
                ("Never retrain".to_string(), String::new())
            ]
        );
        let asked = asked.borrow();
        assert!(
            !asked.iter().any(|q| q.starts_with("Owners")),
            "owners came from a flag"
        );
        assert_eq!(
            asked[0],
            "Decision-makers (comma-separated, empty to skip): "
        );
        assert_eq!(asked[3], "Why was \"Quarterly retraining\" rejected? ");
        assert_eq!(
            alternatives_yaml(&answers.alternatives),
            "\n  - title: Quarterly retraining\n    rejected-because: drift within six weeks\n  - title: Never retrain"
        );
    }

    #[test]
    fn no_input_and_no_terminal_never_prompt() {
        for (interactive, no_input) in [(true, true), (false, false)] {
            let (mut ctx, asked) = context(vec!["x"], interactive);
            let answers = gather(&args(&[], no_input), &mut ctx);
            assert!(answers.owners.is_empty());
            assert!(asked.borrow().is_empty());
        }
    }
}
