//! The rule registry: every lint rule as data, in one static list.
//!
//! `decide rules`, `docs/rules.md` and the SARIF rule table are all generated
//! from [`RULES`], so the documentation, the explanations and the codes a CI
//! system sees can never disagree. Codes are stable forever; a rule can be
//! named by its code (`DL020`) or its slug (`missing-rationale`) anywhere.

use std::fmt::Write;

pub use crate::diagnostic::Code;
use crate::diagnostic::Severity;

impl Code {
    /// What the registry knows about this code's rule.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }
}

/// Everything known about one rule.
#[derive(Debug)]
pub struct RuleInfo {
    pub id: Code,
    /// `DL020`.
    pub code: &'static str,
    /// `missing-rationale`.
    pub slug: &'static str,
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters and how to satisfy it.
    pub explanation: &'static str,
    /// A record (or part of one) that breaks the rule.
    pub bad: &'static str,
    /// The same record, mended.
    pub good: &'static str,
    /// Whether `decide check --fix` can mend it.
    pub fixable: bool,
}

/// A registry entry; the code, slug and default severity come from [`Code`].
macro_rules! rule {
    ($id:ident, $fix:literal, $summary:literal, $expl:literal, $bad:literal, $good:literal $(,)?) => {
        RuleInfo {
            id: Code::$id,
            code: Code::$id.as_str(),
            slug: Code::$id.slug(),
            severity: Code::$id.severity(),
            fixable: $fix,
            summary: $summary,
            explanation: $expl,
            bad: $bad,
            good: $good,
        }
    };
}

/// Every rule, in code order.
pub static RULES: &[RuleInfo] = &[
    rule!(
        InvalidFrontmatter,
        false,
        "Front matter is missing, unterminated or not YAML",
        "Every record starts with a YAML front-matter block between two `---` lines; \
that is where `decide` reads its status, people and links. A file without one is \
usually a record in another format: the message says which (adr-tools, MADR 2, \
log4brains), and `decide import` converts it, keeping the body. Anchors and aliases \
are expanded only up to a bound, and very deep nesting is refused, so a hostile file \
yields this finding instead of a hang.",
        "# 3. Use LightGBM\n\nDate: 2026-01-10\n\n## Status\n\nAccepted\n",
        "---\nstatus: accepted\ndate: 2026-01-10\n---\n# Use LightGBM\n",
    ),
    rule!(
        UnknownKey,
        false,
        "Unknown front-matter key, with the nearest known key suggested",
        "A misspelt key is silently ignored by every other tool, so `onwers: [ana]` \
leaves a decision without an owner while looking complete. Keys starting with `x-` \
are free extensions and never reported; MADR's `parent`, `nav_order` and `deciders` \
are accepted. The same check applies to `people.yaml`, the charter, reviews and the \
items of each list (alternatives, feedback, actions, ...).",
        "---\nstatus: proposed\nonwers: [ana]\n---\n",
        "---\nstatus: proposed\nowners: [ana]\nx-jira: ML-123\n---\n",
    ),
    rule!(
        DuplicateKey,
        false,
        "A key is given twice in the same mapping",
        "YAML readers disagree about which of two equal keys wins (most keep the last, \
some the first, some refuse the file). A record that says `status` twice means two \
things at once; keep one.",
        "---\nstatus: proposed\ndate: 2026-03-01\nstatus: accepted\n---\n",
        "---\nstatus: accepted\ndate: 2026-03-01\n---\n",
    ),
    rule!(
        MissingField,
        false,
        "A field required for the record's status is missing",
        "What a record must contain depends on its status: a `draft` needs only a \
title; a `proposed` decision also needs a `date`; an `accepted` or `rejected` one \
needs the `decided` date. Reviews need a `kind` and a `date`, and an async review a \
`respond-by` date. Feedback entries need `by`, `stance` and `date`; alternatives a \
`title`; artifacts a `ref`. A record that states no status at all is reported at \
warning level (it counts as `unknown`). The finding points at the `status` key, \
since that is what makes the field required. On a log where no decision uses \
`date` or `decided` yet (a MADR or adr-tools log checked as it is), asking for \
that key is a warning until one does.",
        "---\nstatus: accepted\nowners: [ana]\n---\n# Score nightly\n",
        "---\nstatus: accepted\ndate: 2026-02-01\ndecided: 2026-02-20\nowners: [ana]\n---\n# Score nightly\n",
    ),
    rule!(
        InvalidValue,
        true,
        "A value is outside its set or of the wrong type",
        "Status, feedback stance, action status, artifact kind and review kind each \
take one of a fixed set of words. A status written as a common synonym (`approved`, \
`pending`, `on hold`, emoji) is read as its canonical word for every figure and \
reported at warning level; `decide check --fix` writes the canonical word. A list \
where a single value belongs, or a mapping where a list belongs, is reported too. \
An unknown rule code in a `decide-disable` comment is reported under this rule at \
warning level, and so is a group in people.yaml that contains itself, directly or \
through other groups.",
        "---\nstatus: maybe\nartifacts:\n  - kind: notebook\n    ref: eda.ipynb\n---\n",
        "---\nstatus: proposed\nartifacts:\n  - kind: doc\n    ref: eda.ipynb\n---\n",
    ),
    rule!(
        InvalidDate,
        false,
        "A date is not a real YYYY-MM-DD date",
        "Dates are compared to compute lead times, overdue actions and revisits, so \
each must be an ISO `YYYY-MM-DD` that exists on the calendar. `03/02/2026` is \
ambiguous and `2026-02-30` does not exist. Feedback, an action's `done` date or \
an outcome dated after the as-of date (`--as-of`, default today) is reported at \
warning level: the report counts it as not yet happened.",
        "---\ndate: 03/02/2026\nrevisit-by: 2026-02-30\n---\n",
        "---\ndate: 2026-03-02\nrevisit-by: 2026-02-28\n---\n",
    ),
    rule!(
        DuplicateId,
        false,
        "Two records have the same id (both are reported)",
        "Two branches that each add decision 0012 merge cleanly in git and leave two \
records that links cannot tell apart. Both files are reported so the author of either \
sees it. `decide renumber decisions/0012-score-nightly.md 13` renames that file and \
lists the references to 12, which may mean either record, for you to point at the right one.",
        "decisions/0012-retrain-monthly.md\ndecisions/0012-score-nightly.md\n",
        "decisions/0012-retrain-monthly.md\ndecisions/0013-score-nightly.md\n",
    ),
    rule!(
        IdMismatch,
        false,
        "The `id` key disagrees with the file name",
        "The file name is what people see in listings and links; an `id` key that says \
something else makes references ambiguous. Correct the key, or rename the file.",
        "decisions/0012-retrain-monthly.md:\n---\nid: 21\n---\n",
        "decisions/0012-retrain-monthly.md:\n---\nid: 12\n---\n",
    ),
    rule!(
        Placeholder,
        false,
        "A template placeholder or TBD/TODO/FIXME is left in a field or section",
        "Templates mark what to write with `{curly braces}` or `...`, and authors leave \
`TBD`, `TODO` or `FIXME` for later. Left in a record, they look like content to a \
reader skimming the log. A warning before acceptance, an error once the record is \
accepted, rejected, superseded or deprecated. HTML comments and code are template \
hints, not content, and are not searched.",
        "## Rationale\n\n{justification, e.g. only option which meets the latency budget}\n",
        "## Rationale\n\nOnly LightGBM met the 50 ms latency budget at equal AUC.\n",
    ),
    rule!(
        UnknownPerson,
        false,
        "A person or group is not in people.yaml",
        "When the log has a `people.yaml`, every person or group named anywhere must be \
in it, so that groups expand to their members and roles are known for the engagement \
metrics. A name not in the registry is usually a typo or an alias to add. Without \
`people.yaml`, names are free text and this rule is silent.",
        "people.yaml: people: { ana: {}, raj: {} }\n---\nowners: [anna]\n---\n",
        "people.yaml: people: { ana: { aliases: [anna] }, raj: {} }\n---\nowners: [anna]\n---\n",
    ),
    rule!(
        NoOwner,
        false,
        "Proposed or later without `owners`",
        "Someone must be accountable for a decision once it is put to others: to answer \
feedback, close the actions and revisit it. Drafts may have no owner yet. On a \
log where no decision names `owners` yet (MADR has no such key), this is a warning \
until one does.",
        "---\nstatus: proposed\n---\n",
        "---\nstatus: proposed\nowners: [ana]\n---\n",
    ),
    rule!(
        NoDecisionMaker,
        false,
        "Accepted without `decision-makers`",
        "An accepted decision records who took it (MADR 4's `decision-makers`, or \
`deciders`). Without it nobody can tell later whether the decision was within \
someone's decision rights.",
        "---\nstatus: accepted\nowners: [ana]\n---\n",
        "---\nstatus: accepted\nowners: [ana]\ndecision-makers: [raj]\n---\n",
    ),
    rule!(
        NobodyConsulted,
        false,
        "Proposed or later with empty `consulted`",
        "Decisions about a model affect people outside the team that trains it. A \
proposal that names nobody to consult has not yet asked them.",
        "---\nstatus: proposed\nowners: [ana]\n---\n",
        "---\nstatus: proposed\nowners: [ana]\nconsulted: [lee, product]\n---\n",
    ),
    rule!(
        RequiredRoleMissing,
        false,
        "A charter `required-roles` role is not among those owning, deciding, consulted, giving feedback or attending",
        "The charter can require that some roles (say `product` and `end-user`) take \
part in every decision. A decision is covered when someone with each role is among its \
owners, decision-makers or consulted (groups expanded), gave feedback on it in the record \
or in a review, or attended a review that lists it (dated on or before the as-of date, as \
the report counts attendance). Roles come from `people.yaml`; without it, or without \
`required-roles`, the rule is silent. Applies to proposed and accepted decisions.",
        "charter: required-roles: [product, end-user]\n---\nstatus: proposed\nconsulted: [raj]   # raj: roles [product]\n---\n",
        "charter: required-roles: [product, end-user]\n---\nstatus: proposed\nconsulted: [raj, lee]   # lee: roles [end-user]\n---\n",
    ),
    rule!(
        SelfApproved,
        false,
        "Every decision-maker is also a proposer or owner",
        "A decision taken only by the people who proposed it had no independent check. \
Add a decision-maker who did not propose it, or say in the rationale why none was \
needed and silence this finding with a `decide-disable-next-line` comment.",
        "---\nstatus: accepted\nowners: [ana]\nproposed-by: [ana]\ndecision-makers: [ana]\n---\n",
        "---\nstatus: accepted\nowners: [ana]\nproposed-by: [ana]\ndecision-makers: [raj]\n---\n",
    ),
    rule!(
        OutsideDecisionRights,
        false,
        "Decided by someone the charter's decision rights do not name for its model or tag",
        "The charter's `decision-rights` can say who decides what: an entry with `model: churn` \
or `tags: [pricing]` and `decides: [ml-lead]` gives decisions about that model, or with \
that tag, to those people (groups expanded). An accepted or rejected decision whose \
decision-makers are not all among them was taken by someone else. Entries without `model` \
or `tags` describe a scope in words and are not checked.",
        "charter: decision-rights: [{model: churn, decides: [raj]}]\n---\nstatus: accepted\nmodel: churn\ndecision-makers: [ana]\n---\n",
        "charter: decision-rights: [{model: churn, decides: [raj]}]\n---\nstatus: accepted\nmodel: churn\ndecision-makers: [raj]\n---\n",
    ),
    rule!(
        MissingRationale,
        false,
        "Proposed or later without a non-empty rationale",
        "The rationale is why this option won: the part of a record people read years \
later. It is the body section `## Rationale`, or MADR's `## Decision Outcome` (whose \
`Chosen option: \"X\", because Y` line counts). HTML comments are template hints and \
do not count as content.",
        "---\nstatus: proposed\n---\n# Score nightly\n\n## Rationale\n\n<!-- why this option -->\n",
        "---\nstatus: proposed\n---\n# Score nightly\n\n## Rationale\n\nNightly scores are fresh enough for a weekly call cycle, at a tenth of the cost.\n",
    ),
    rule!(
        NoAlternatives,
        false,
        "Proposed or later with no alternative considered",
        "A decision with no alternatives reads as a foregone conclusion. List the options \
that were weighed under `alternatives` (or, in MADR style, in a `## Considered \
Options` section).",
        "---\nstatus: proposed\n---\n",
        "---\nstatus: proposed\nalternatives:\n  - title: Real-time scoring\n    rejected-because: needs a feature store we do not have\n---\n",
    ),
    rule!(
        AlternativeWithoutReason,
        false,
        "An alternative without `rejected-because` on an accepted decision",
        "Once a decision is accepted, each rejected alternative says why it lost, so \
that nobody has to rediscover the reason when the alternative is proposed again.",
        "---\nstatus: accepted\nalternatives:\n  - title: Quarterly retraining\n---\n",
        "---\nstatus: accepted\nalternatives:\n  - title: Quarterly retraining\n    rejected-because: drift exceeded tolerance within six weeks in 2025\n---\n",
    ),
    rule!(
        NoExpectedOutcome,
        false,
        "Accepted without an expected outcome with a metric and a target",
        "An accepted decision about a model says what it should achieve, measurably, so \
that a retrospective can tell whether it did.",
        "---\nstatus: accepted\nexpected-outcomes:\n  - metric: auc\n---\n",
        "---\nstatus: accepted\nexpected-outcomes:\n  - metric: auc\n    target: \">= 0.82\"\n    by: 2026-06-30\n---\n",
    ),
    rule!(
        NoArtifact,
        false,
        "Accepted without a linked artifact",
        "Link the concrete model version, data set, run, dashboard or code that the \
decision is about, so the claim in the record can be checked against the evidence.",
        "---\nstatus: accepted\n---\n",
        "---\nstatus: accepted\nartifacts:\n  - kind: model\n    ref: churn-model@v14\n---\n",
    ),
    rule!(
        MissingContext,
        false,
        "Proposed or later with no Context section (MADR: \"Context and Problem Statement\")",
        "The context says what problem the decision answers and what was true at the \
time. Without it a later reader cannot tell whether the decision still applies. A \
section holding only HTML comments counts as missing.",
        "---\nstatus: proposed\n---\n# Score nightly\n\n## Decision\n\nScore every night.\n",
        "---\nstatus: proposed\n---\n# Score nightly\n\n## Context\n\nAgents call the top decile each week; scores are computed monthly.\n\n## Decision\n\nScore every night.\n",
    ),
    rule!(
        NoAffectedGroup,
        false,
        "Accepted without `affected` groups where the charter requires them",
        "When the charter sets `require-affected: true`, an accepted decision names the user \
groups it affects (customers, call-centre agents, ...) with the expected effect, so the \
report can show whether each group's perspective was heard. Without the charter switch \
the rule is silent.",
        "charter: require-affected: true\n---\nstatus: accepted\n---\n",
        "charter: require-affected: true\n---\nstatus: accepted\naffected:\n  - group: agents\n    effect: fewer, better-targeted calls\n---\n",
    ),
    rule!(
        SupersededWithoutSuccessor,
        false,
        "Status superseded without `superseded-by`",
        "A superseded decision points at the decision that replaced it, so a reader who \
lands on the old record finds the current one. MADR's `status: superseded by ADR-0012` \
counts.",
        "---\nstatus: superseded\n---\n",
        "---\nstatus: superseded\nsuperseded-by: [12]\n---\n",
    ),
    rule!(
        DanglingReference,
        false,
        "A reference names an id that does not exist",
        "`supersedes`, `superseded-by`, `related`, a review's `decisions`, feedback `on` \
and outcome `decision` must name decisions in the log. A dangling reference is usually \
a typo, or a record that was renumbered or never merged.",
        "---\nsupersedes: [70]   # there is no decision 0070\n---\n",
        "---\nsupersedes: [7]\n---\n",
    ),
    rule!(
        OneSidedLink,
        true,
        "A supersedes B but B does not name A as superseded-by (or the reverse)",
        "Supersession is recorded on both records so that either one leads to the \
other. `decide check --fix` adds the missing half; `decide supersede OLD NEW` links \
both in the first place.",
        "0012: supersedes: [7]\n0007: status: accepted\n",
        "0012: supersedes: [7]\n0007: status: superseded\n      superseded-by: [12]\n",
    ),
    rule!(
        SupersedeCycle,
        false,
        "A cycle in supersedes",
        "Supersession is a line of descent: a decision cannot (even through others) \
supersede itself. A cycle leaves no current decision. Every record in the cycle is \
reported.",
        "0003: supersedes: [5]\n0005: supersedes: [3]\n",
        "0005: supersedes: [3]\n",
    ),
    rule!(
        NoRevisitDate,
        false,
        "Accepted without `revisit-by`, and the charter sets no `revisit-days`",
        "Models drift and data changes: an accepted decision says when it will be looked \
at again. Either set `revisit-by` on the record, or set a default horizon with \
`revisit-days` in the charter.",
        "---\nstatus: accepted\n---\n",
        "---\nstatus: accepted\nrevisit-by: 2026-09-01\n---\n",
    ),
    rule!(
        RevisitOverdue,
        false,
        "Accepted and `revisit-by` is before the as-of date",
        "The decision was due to be looked at again. Revisit it: confirm it (and set a \
new `revisit-by`), or supersede it. The as-of date is today unless `--as-of` is given, \
so CI can be made reproducible.",
        "---\nstatus: accepted\nrevisit-by: 2025-01-01\n---\n",
        "---\nstatus: accepted\nrevisit-by: 2026-09-01\n---\n",
    ),
    rule!(
        ActionWithoutOwner,
        false,
        "An action item without an owner",
        "An action that belongs to nobody is not done. Each action item (in a decision \
or a review) names one `owner`.",
        "actions:\n  - due: 2026-04-01\n    note: Add cost dashboard\n",
        "actions:\n  - owner: ana\n    due: 2026-04-01\n    note: Add cost dashboard\n",
    ),
    rule!(
        ActionWithoutDue,
        false,
        "An open action item without a due date",
        "Open actions carry a `due` date so that overdue ones can be found. An action \
with no `status` counts as open.",
        "actions:\n  - owner: ana\n    status: open\n",
        "actions:\n  - owner: ana\n    status: open\n    due: 2026-04-01\n",
    ),
    rule!(
        ActionOverdue,
        false,
        "An open action item is past due at the as-of date",
        "Close the action (`status: done` with a `done` date, or `dropped`), or move its \
due date and say why in the note.",
        "actions:\n  - owner: ana\n    due: 2025-01-10\n    status: open\n",
        "actions:\n  - owner: ana\n    due: 2025-01-10\n    status: done\n    done: 2025-01-08\n",
    ),
    rule!(
        UnresolvedObjection,
        false,
        "Accepted with an objection or veto that has no `resolved` date",
        "An objection or a veto must be answered before a decision is accepted. Record \
the date it was resolved (and how, in the note or the rationale). Feedback given in a \
review with `on: ID` counts as feedback on that decision.",
        "---\nstatus: accepted\nfeedback:\n  - by: lee\n    date: 2026-03-05\n    stance: objection\n---\n",
        "---\nstatus: accepted\nfeedback:\n  - by: lee\n    date: 2026-03-05\n    stance: objection\n    resolved: 2026-03-12\n---\n",
    ),
    rule!(
        DecidedBeforeRespondBy,
        false,
        "Decided before an async review's `respond-by` closed",
        "An asynchronous request for feedback promises stakeholders until `respond-by` \
to answer. Deciding earlier tells them their answer did not matter.",
        "review: kind: async, respond-by: 2026-03-11, decisions: [12]\n0012: decided: 2026-03-09\n",
        "review: kind: async, respond-by: 2026-03-11, decisions: [12]\n0012: decided: 2026-03-12\n",
    ),
    rule!(
        ReviewWithoutDecision,
        false,
        "A review names no decision",
        "A review is an engagement event about decisions. Name the decisions discussed \
in `decisions`, or in the feedback's `on` or an outcome's `decision`, so the metrics \
can credit the people who took part. A `pulse` survey rates the governance process \
as a whole and need not name a decision.",
        "---\nkind: milestone\ndate: 2026-03-04\n---\n",
        "---\nkind: milestone\ndate: 2026-03-04\ndecisions: [12, 14]\n---\n",
    ),
    rule!(
        StaleProposal,
        false,
        "Proposed and untouched for more than `stale-days` at the as-of date",
        "A proposal nobody has touched for `stale-days` (60 by default, set in \
`decide.toml`) is probably forgotten: decide it, defer it or withdraw it. The record's \
`date` is when it was written or last updated (MADR's meaning), so update it when the \
proposal changes.",
        "---\nstatus: proposed\ndate: 2025-06-01\n---\n",
        "---\nstatus: deferred\ndate: 2026-03-01\n---\n",
    ),
    rule!(
        ResolutionNotWritten,
        false,
        "A concern, objection, veto or alternative is resolved with a bare date where the charter demands a written resolution",
        "When the charter sets `require-resolution: true`, every resolved concern, objection, \
veto or proposed alternative says how it was resolved: a `resolution` note beside the \
`resolved` date (and, if useful, `resolved-by`). An auditor reads the register of \
objections in `decide report`; a date alone does not say what was agreed.",
        "charter: require-resolution: true\n---\nfeedback:\n  - by: kofi\n    stance: objection\n    resolved: 2026-03-12\n---\n",
        "charter: require-resolution: true\n---\nfeedback:\n  - by: kofi\n    stance: objection\n    resolved: 2026-03-12\n    resolution: Cap raised to 25% for 8+ year customers\n---\n",
    ),
    rule!(
        StrayFile,
        false,
        "A Markdown file in the log is not a record",
        "Only files whose name starts with an id (`0012-...md`, or `2026-03-04-...md` \
for the date scheme) are decisions, and files under `reviews/` are reviews; \
`charter.md`, `people.yaml`, `README.md`, `index.md`, `templates/` and template \
files (`template.md`, `adr-template.md`) are special. Anything else is invisible to \
every command. Give it an id, or move it out of the log folder. A record named by \
another tool's convention (`adr-01.md`, `ADR-002-use-x.md`) is reported as such: \
`decide import` renames it.",
        "decisions/retrain-monthly.md\n",
        "decisions/0013-retrain-monthly.md\n",
    ),
    rule!(
        UnreadableFile,
        false,
        "A file is not UTF-8, is over `max-file-bytes`, or cannot be read",
        "Records are UTF-8 text. A file larger than `max-file-bytes` (1 MiB by default) \
is refused before it is read, a symbolic link that points outside the log or loops is \
not followed, and a file that cannot be opened is reported; the rest of the log is \
still checked.",
        "decisions/0012-notes.md   (saved as Latin-1)\n",
        "decisions/0012-notes.md   (saved as UTF-8)\n",
    ),
    rule!(
        PulseRatingOutOfScale,
        false,
        "A pulse rating is not a whole number on the scale",
        "A pulse response rates each question from 1 to the charter's `pulse-scale` \
(5 when it sets none). A rating off the scale, or that is not a whole number, cannot be \
averaged, so the report leaves it out; this rule says where it is. Leave a question \
empty (`trust:`) when the respondent did not answer it.",
        "---\nkind: pulse\ninvited: [ana]\nresponses:\n  - by: ana\n    trust: 7\n---\n",
        "---\nkind: pulse\ninvited: [ana]\nresponses:\n  - by: ana\n    trust: 4\n---\n",
    ),
    rule!(
        UnknownPulseQuestion,
        false,
        "A pulse response answers a question the charter does not ask",
        "The questions of a pulse are `clarity`, `trust` and `satisfaction`, or the \
charter's `pulse-questions`. A response key other than a question, `by`, `date`, \
`comment` or an `x-` extension is most likely a typo, and its answer is not counted. \
Add the question to `pulse-questions` when it is meant.",
        "---\nkind: pulse\ninvited: [ana]\nresponses:\n  - by: ana\n    trsut: 4\n---\n",
        "---\nkind: pulse\ninvited: [ana]\nresponses:\n  - by: ana\n    trust: 4\n---\n",
    ),
    rule!(
        PulseWithoutResponses,
        false,
        "A pulse survey has no responses",
        "A pulse with no `responses` has no figures, and it hides whether nobody \
answered or nobody wrote the answers down. Record the responses (`decide pulse add`), \
or remove the pulse if it was never sent.",
        "---\nkind: pulse\ndate: 2026-03-31\ninvited: [ana, raj]\n---\n",
        "---\nkind: pulse\ndate: 2026-03-31\ninvited: [ana, raj]\nresponses:\n  - by: ana\n    trust: 4\n---\n",
    ),
    rule!(
        PulseWithoutInvited,
        false,
        "A pulse survey names nobody invited",
        "A pulse's response rate is its respondents over the people `invited`. Without \
`invited` the rate is n/a, and a survey that reached three people reads like one that \
reached thirty.",
        "---\nkind: pulse\ndate: 2026-03-31\nresponses:\n  - trust: 4\n---\n",
        "---\nkind: pulse\ndate: 2026-03-31\ninvited: [product, retention-agents]\nresponses:\n  - trust: 4\n---\n",
    ),
    rule!(
        UnknownSignal,
        false,
        "A feedback signal is outside the log's set",
        "Feedback may carry `signals`: `trust`, `fairness`, `user-friction`, `clarity`, \
`risk`, and any the charter adds under `signals`. The report counts each signal; a word \
outside the set is most likely a typo and is counted apart. Add it to the charter's \
`signals` when it is meant.",
        "feedback:\n  - by: dana\n    stance: concern\n    signals: [fairnes]\n",
        "feedback:\n  - by: dana\n    stance: concern\n    signals: [fairness]\n",
    ),
];

/// The rule named by `name`: a code (`DL020`, any case) or a slug (`missing-rationale`).
pub fn find(name: &str) -> Option<&'static RuleInfo> {
    let name = name.trim();
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(name) || r.slug.eq_ignore_ascii_case(name))
}

/// The closest rule name to `name`, for "did you mean" messages.
pub fn suggest(name: &str) -> Option<&'static str> {
    let names: Vec<&str> = RULES.iter().flat_map(|r| [r.code, r.slug]).collect();
    let found = crate::record::fields::suggest(name, &names)?;
    names.into_iter().find(|n| *n == found)
}

/// `docs/rules.md`, generated from [`RULES`].
pub fn markdown() -> String {
    let mut out = String::from(
        "# Lint rules\n\n\
<!-- Generated from src/rules/registry.rs by the test `rules_doc_is_current`; \
run `DECIDE_BLESS=1 cargo test rules_doc` after changing a rule. -->\n\n\
`decide check` applies these rules. Each can be named by its code or its slug in \
`decide.toml`, in `decide-disable` comments and in `decide rules`. \
See [check.md](check.md) for configuration.\n\n\
| code | slug | default | fixable | checks |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        let _ = writeln!(
            out,
            "| [{code}](#{anchor}) | `{slug}` | {sev} | {fix} | {summary} |",
            code = r.code,
            anchor = format!("{}-{}", r.code, r.slug).to_ascii_lowercase(),
            slug = r.slug,
            sev = r.severity.as_str(),
            fix = if r.fixable { "yes" } else { "" },
            summary = r.summary.replace('|', "\\|"),
        );
    }
    for r in RULES {
        let _ = write!(
            out,
            "\n## {} {}\n\n{}. Default: {}{}.\n\n{}\n\nBad:\n\n```\n{}```\n\nGood:\n\n```\n{}```\n",
            r.code,
            r.slug,
            r.summary,
            r.severity.as_str(),
            if r.fixable {
                "; fixable with `decide check --fix`"
            } else {
                ""
            },
            r.explanation,
            r.bad,
            r.good,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn registry_is_indexed_by_code_and_names_are_unique() {
        let mut names = HashSet::new();
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.id as usize, i, "{} is out of place", r.code);
            assert!(names.insert(r.code), "{} twice", r.code);
            assert!(names.insert(r.slug), "{} twice", r.slug);
            assert!(r.code.starts_with("DL") && r.code.len() == 5);
            assert!(
                r.bad.ends_with('\n') && r.good.ends_with('\n'),
                "{}",
                r.code
            );
            assert_ne!(r.bad, r.good);
        }
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        assert_eq!(RULES.len(), 44);
        assert_eq!(RULES.len(), Code::ALL.len());
    }

    #[test]
    fn rules_are_found_by_code_or_slug() {
        assert_eq!(find("DL020").unwrap().slug, "missing-rationale");
        assert_eq!(find("dl020").unwrap().code, "DL020");
        assert_eq!(find("missing-rationale").unwrap().code, "DL020");
        assert!(find("DL099").is_none());
        assert_eq!(suggest("mising-rationale"), Some("missing-rationale"));
    }
}
