//! The command line, declared once with clap; help, completions and the man
//! page are all generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A decision log for machine-learning teams: decisions, rationale and
/// stakeholder engagement in plain text next to the code.
#[derive(Debug, Parser)]
#[command(name = "decide", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The log folder (default: DECIDE_DIR, `dir` in decide.toml, then decisions/, docs/decisions/, doc/adr/, docs/adr/)
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Read the configuration from FILE (a decide.toml, or a pyproject.toml's
    /// [tool.decide]) instead of searching for it; also DECIDE_CONFIG
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to use colours (honours NO_COLOR)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print only what is asked for: no notes, no summaries
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a decision log: folder, decide.toml, charter, people.yaml and decision 0001
    Init(InitArgs),
    /// Scaffold a new decision record and print its path
    New(NewArgs),
    /// Scaffold a review: a check-in, milestone review, async request or retrospective
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// Draw the lineage of decisions (supersedes and related links)
    Graph(GraphArgs),
    /// Print the effective configuration and where each value came from
    Config(ConfigArgs),
    /// Print a shell completion script (e.g. `decide completions bash > /etc/bash_completion.d/decide`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from the command-line definition
    Man,
    /// List decisions, one row each
    List(ListArgs),
    /// Show one decision with its links, feedback and actions
    Show(ShowArgs),
    /// Validate and lint the log: completeness, links, people, dates
    Check(CheckArgs),
    /// List the lint rules, or explain one
    Rules(RulesArgs),
    /// Change a decision's status (and its `decided` date), editing the file in place
    Status(StatusArgs),
    /// Record that NEW supersedes OLD: links both records and sets OLD to superseded
    Supersede(SupersedeArgs),
    /// Give decision OLD the free number NEW: rename its file and rewrite every reference to it
    Renumber(RenumberArgs),
    /// Append a stakeholder's feedback to a decision (or a review with `--review`), or resolve one
    Feedback(FeedbackCommand),
    /// Open a decision (or a review) in $VISUAL or $EDITOR
    Edit(EditArgs),
    /// Work with action items
    #[command(subcommand)]
    Action(ActionCommand),
    /// Record answers to a pulse survey of the governance process
    #[command(subcommand)]
    Pulse(PulseCommand),
    /// The engagement report: participation, perspectives, timeliness, completeness, follow-up
    Report(ReportArgs),
    /// A short brief for stakeholders: decided, waiting, objections, overdue, revisits
    Digest(DigestArgs),
    /// Convert an existing log (adr-tools, MADR, log4brains) to front-matter records, keeping each body
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the JSON Schema of decide.toml and [tool.decide] instead (for
    /// editors; the repository ships it as decide.schema.json)
    #[arg(long)]
    pub schema: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Id scheme for new decisions: numbered files (0001-…) or dated files (2026-03-04-…)
    #[arg(long, value_enum, default_value_t = SchemeArg::Number)]
    pub scheme: SchemeArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemeArg {
    Number,
    Date,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The decision's title
    pub title: String,
    /// Accountable owner (repeatable)
    #[arg(long = "owner", value_name = "P")]
    pub owners: Vec<String>,
    /// Person who makes the decision (repeatable)
    #[arg(long = "decision-maker", value_name = "P")]
    pub decision_makers: Vec<String>,
    /// Person or group consulted (repeatable)
    #[arg(long = "consulted", value_name = "P")]
    pub consulted: Vec<String>,
    /// Initial status; `accepted` or `rejected` also stamps `decided`
    #[arg(long, default_value = "draft", value_name = "S")]
    pub status: String,
    /// The record's date (default: today); also the `decided` date of an accepted or rejected one
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The id of a decision this one replaces. Both records are linked now;
    /// N is marked superseded when this one is accepted
    #[arg(long, value_name = "N")]
    pub supersedes: Option<String>,
    /// The model or system the decision is about
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// Never prompt, even on a terminal (for scripts)
    #[arg(long)]
    pub no_input: bool,
    /// Open the new record in $VISUAL or $EDITOR
    #[arg(long)]
    pub edit: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Scaffold a review record under reviews/
    New(ReviewNewArgs),
    /// List the reviews, one row each
    List(ReviewListArgs),
    /// Show one review: who came, what was discussed, said and agreed
    Show(ReviewShowArgs),
    /// Record who attended a review
    Attend(ReviewAttendArgs),
}

#[derive(Debug, Args)]
pub struct ReviewListArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ReviewShowArgs {
    /// The review: its file stem (`2026-03-04-q1-review`), file name or path
    #[arg(value_name = "REVIEW")]
    pub review: String,
}

#[derive(Debug, Args)]
pub struct ReviewAttendArgs {
    /// The review: its file stem, file name or path
    #[arg(value_name = "REVIEW")]
    pub review: String,
    /// Who attended (people or groups in people.yaml)
    #[arg(value_name = "P", required = true)]
    pub people: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// A decision's id, path or file stem, or a review's file stem
    #[arg(value_name = "ID|REVIEW")]
    pub target: String,
}

#[derive(Debug, Args)]
pub struct ReviewNewArgs {
    /// The review's title
    pub title: String,
    /// What kind of engagement it records
    #[arg(long, value_enum)]
    pub kind: ReviewKindArg,
    /// A decision discussed (repeatable)
    #[arg(long = "decision", value_name = "N")]
    pub decisions: Vec<String>,
    /// The review's date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Who runs it
    #[arg(long, value_name = "P")]
    pub facilitator: Option<String>,
    /// For an async request: when answers are due (default: date + charter response-days)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub respond_by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewKindArg {
    CheckIn,
    Milestone,
    Async,
    Retro,
    Pulse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart, for Markdown that renders it
    Mermaid,
    /// Graphviz dot
    Dot,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    pub format: GraphFormat,
    /// Include decisions that have no links
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only decisions with this status (`unknown` for none stated); repeat it
    /// or separate statuses with commas for several
    #[arg(long, value_name = "S", value_delimiter = ',')]
    pub status: Vec<String>,
    /// Only decisions owned by this person (aliases and groups resolve through people.yaml)
    #[arg(long, value_name = "P")]
    pub owner: Option<String>,
    /// Only decisions about this model
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// Only decisions with this tag
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// Only decisions dated on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The decision's id: `12`, `0012` or a date-scheme stem
    pub id: String,
    /// Show it as it stood on this day, as `report --as-of` does (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

/// A decision status, as `decide status` accepts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Draft,
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
    Withdrawn,
    Deferred,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The decision's id: `12`, `0012` or a date-scheme stem
    pub id: String,
    /// The new status
    #[arg(value_enum, ignore_case = true)]
    pub status: StatusArg,
    /// The date of the change, stamped in `status-history`, and the `decided`
    /// date when moving to accepted or rejected (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Accept even with an unresolved objection or veto, or no rationale
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SupersedeArgs {
    /// The decision being replaced
    pub old: String,
    /// The decision that replaces it
    pub new: String,
}

#[derive(Debug, Args)]
pub struct RenumberArgs {
    /// The decision to renumber: its id (`12`), or the path of its file when
    /// two files share the id (`decisions/0012-retrain-weekly.md`)
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The number to give it; no record may use it yet
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Print what would change and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// A stakeholder's position in a feedback entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StanceArg {
    Support,
    Concern,
    Objection,
    Veto,
    Alternative,
    Abstain,
}

/// `decide feedback ID --by P --stance S`, or `decide feedback resolve ID N`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct FeedbackCommand {
    #[command(subcommand)]
    pub command: Option<FeedbackSub>,
    #[command(flatten)]
    pub add: Option<FeedbackArgs>,
}

#[derive(Debug, Subcommand)]
pub enum FeedbackSub {
    /// Mark an objection, veto or concern as resolved
    Resolve(FeedbackResolveArgs),
}

#[derive(Debug, Args)]
pub struct FeedbackResolveArgs {
    /// The decision the feedback is about (its id, path or file stem)
    pub id: String,
    /// The entry's number, as `decide show` numbers the feedback (from 1)
    #[arg(value_name = "N")]
    pub number: usize,
    /// When it was resolved (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// How it was resolved (stored as `resolution`)
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct FeedbackArgs {
    /// The decision the feedback is about
    pub id: String,
    /// Who gives the feedback (a person in people.yaml, when there is one)
    #[arg(long, value_name = "P")]
    pub by: String,
    /// Their position
    #[arg(long, value_enum, ignore_case = true, value_name = "S")]
    pub stance: StanceArg,
    /// What they said
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
    /// When they said it (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Record it in this review (its file stem) with `on: ID`, instead of in the decision
    #[arg(long, value_name = "REVIEW")]
    pub review: Option<String>,
    /// A qualitative signal behind it: trust, fairness, user-friction, clarity, risk,
    /// or one the charter adds (repeatable)
    #[arg(long = "signal", value_name = "SIGNAL")]
    pub signals: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum PulseCommand {
    /// Add one respondent's ratings (and comment) to a pulse review
    Add(PulseAddArgs),
}

#[derive(Debug, Args)]
pub struct PulseAddArgs {
    /// The pulse review: its file stem (e.g. 2026-03-31-q1-pulse)
    #[arg(value_name = "REVIEW")]
    pub review: String,
    /// Who answered; leave out for an anonymous response
    #[arg(long, value_name = "P")]
    pub by: Option<String>,
    /// Rating of the process's clarity
    #[arg(long, value_name = "N")]
    pub clarity: Option<i64>,
    /// Rating of trust in the process
    #[arg(long, value_name = "N")]
    pub trust: Option<i64>,
    /// Rating of satisfaction with the process
    #[arg(long, value_name = "N")]
    pub satisfaction: Option<i64>,
    /// A rating of any question the charter's `pulse-questions` names (repeatable)
    #[arg(long, value_name = "QUESTION=N")]
    pub rate: Vec<String>,
    /// What they said
    #[arg(long, value_name = "T")]
    pub comment: Option<String>,
    /// When they answered (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Close an action item of a decision or a review
    Done(ActionDoneArgs),
    /// Add an action item to a decision or a review
    Add(ActionAddArgs),
    /// The open action items across decisions and reviews, by owner and due date
    List(ActionListArgs),
}

#[derive(Debug, Args)]
pub struct ActionAddArgs {
    /// A decision id (or path, or file stem), or a review's file stem
    #[arg(value_name = "ID|REVIEW")]
    pub target: String,
    /// Who is to do it
    #[arg(long, value_name = "P")]
    pub owner: String,
    /// What is to be done
    #[arg(long, value_name = "T")]
    pub note: String,
    /// When it is due
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActionListArgs {
    /// Only items owned by this person (aliases and groups resolve through people.yaml)
    #[arg(long, value_name = "P")]
    pub owner: Option<String>,
    /// Include done and dropped items
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ActionDoneArgs {
    /// A decision id, or a review's file stem
    #[arg(value_name = "ID|REVIEW")]
    pub target: String,
    /// The item's number, as `decide show` numbers it (from 1)
    #[arg(value_name = "N")]
    pub number: usize,
    /// When it was done (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Markdown,
    Csv,
    /// One self-contained page: inline CSS and SVG, no script, nothing fetched
    Html,
}

/// The table `--format csv` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    Summary,
    Person,
    Decision,
    Actions,
    Revisits,
    Outcomes,
    Pulse,
    Signals,
    /// Every veto, objection, concern and alternative, and how it was resolved
    Raised,
    /// Who decided each accepted or rejected decision
    Approvals,
    /// Affected groups whose perspective was not heard
    Unheard,
}

/// The periods `decide report --trend` splits the window into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendPeriod {
    Month,
    Quarter,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Compute everything as it stood on this day (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Only decisions and reviews dated on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only decisions and reviews dated on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Only decisions about this model
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Which table `--format csv` prints
    #[arg(long, value_enum, default_value_t = ReportBy::Summary)]
    pub by: ReportBy,
    /// Write the report to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The headline figures for each month or quarter, each as the report
    /// over that period as of its end
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub trend: Option<TrendPeriod>,
    /// Add one reader's own view: what waits on this person, their open
    /// actions, the decisions they own
    #[arg(long = "for", value_name = "P")]
    pub for_person: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    Markdown,
    Text,
}

#[derive(Debug, Args)]
pub struct DigestArgs {
    /// Report decisions taken from this day on (default: 30 days before the as-of date)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// The day the digest is written for (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DigestFormat::Markdown)]
    pub format: DigestFormat,
    /// Only decisions about this model (and reviews about them)
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// One reader's own view: what waits on this person, their open actions,
    /// the decisions they own
    #[arg(long = "for", value_name = "P")]
    pub for_person: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `github` when GITHUB_ACTIONS=true, else `human`
    Auto,
    /// rustc-style, with the source line and a caret under the key
    Human,
    /// One finding per line: `path:line:col: CODE [severity] message`
    Concise,
    /// Machine-readable, schema version 1
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards
    Sarif,
    /// GitLab Code Quality JSON (a CodeClimate subset), with stable fingerprints
    Gitlab,
    /// JUnit XML: one test case per file, one failure per finding
    Junit,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Report only on these files or folders (the whole log is still read,
    /// so rules that relate records hold)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to print the findings
    #[arg(long, value_enum, default_value_t = CheckFormat::Auto, help_heading = "Output")]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub strict: bool,
    /// Exit 0 even when errors are found (configuration and I/O errors still exit 2)
    #[arg(long, conflicts_with = "strict")]
    pub exit_zero: bool,
    /// The date time-dependent rules compare against (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Apply the safe fixes (reciprocal supersede links, MADR `superseded by
    /// ADR-N` statuses), say what changed, then report what remains
    #[arg(long)]
    pub fix: bool,
    /// Write every finding of the whole log to the baseline file
    /// (decide-baseline.json next to decide.toml, or `baseline` in it);
    /// later runs report only findings not in it
    #[arg(long, conflicts_with_all = ["no_baseline", "fix"], help_heading = "Baseline")]
    pub write_baseline: bool,
    /// Report every finding, the baselined ones too
    #[arg(long, help_heading = "Baseline")]
    pub no_baseline: bool,
    /// Neither read nor write the cache of findings kept in the log
    /// folder's `.decide-cache/` (a run with nothing changed since the last
    /// one reads its findings from there)
    #[arg(long)]
    pub no_cache: bool,
    /// Write the findings to FILE instead of standard output
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub output_file: Option<PathBuf>,
    /// Print how many findings each rule has instead of the findings
    /// (as JSON with `--format json`)
    #[arg(long, help_heading = "Output")]
    pub statistics: bool,
    /// Run only these rules, by code (`DL020`), slug (`missing-rationale`)
    /// or code prefix (`DL02`, `DL` for all), replacing decide.toml's choice
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "RULE",
        help_heading = "Rule selection"
    )]
    pub select: Vec<String>,
    /// Also run these rules (including ones decide.toml turns off)
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "RULE",
        help_heading = "Rule selection"
    )]
    pub extend_select: Vec<String>,
    /// Do not run these rules; wins over --select and --extend-select
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "RULE",
        help_heading = "Rule selection"
    )]
    pub ignore: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule code (`DL020`) or slug (`missing-rationale`) to explain
    #[arg(value_name = "CODE")]
    pub rule: Option<String>,
}

/// The format `decide import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFrom {
    /// Recognise each file's format (and mixed conventions) by itself
    Auto,
    /// adr-tools and other Nygard records: `# N. Title`, `Date:`, `## Status`
    AdrTools,
    /// MADR 2 bullets (`* Status:`), or MADR 3/4 front matter
    Madr,
    /// log4brains: MADR 2 bullets, `## Links`, `YYYYMMDD-slug.md` names
    Log4brains,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The folder of records to convert (the files directly in it; README, index and
    /// templates are skipped), or one record file
    #[arg(value_name = "SRC")]
    pub src: PathBuf,
    /// The format the records are in
    #[arg(long, value_enum, default_value_t = ImportFrom::Auto, value_name = "FORMAT")]
    pub from: ImportFrom,
    /// Print what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Convert the records in SRC where they are, rewriting each file atomically
    /// (otherwise they are written as new files into the log folder, --dir)
    #[arg(long)]
    pub in_place: bool,
}
