//! Generates a realistic decision log for the performance benchmark
//! (SPEC §8): `cargo run --release --example gen-log -- OUT [DECISIONS] [REVIEWS]`.
//!
//! The log is deterministic (a fixed-seed generator), so runs are comparable:
//! 10,000 decisions and 2,000 reviews make about 50 MB, with every field of
//! the format used, feedback and actions, a superseded chain every 50
//! records, and a people registry and charter.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A small xorshift generator: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PEOPLE: &[(&str, &str)] = &[
    ("ana", "data-science"),
    ("raj", "product"),
    ("lee", "end-user"),
    ("mei", "ml-engineering"),
    ("tomas", "ml-engineering"),
    ("sofia", "analytics"),
    ("hannah", "risk"),
    ("kofi", "legal"),
    ("grace", "product"),
    ("dana", "end-user"),
    ("jonas", "analytics"),
    ("priya", "data-science"),
];
const MODELS: &[&str] = &["churn", "fraud", "retention-offers", "ltv", "credit-limit"];
const STATUSES: &[&str] = &[
    "accepted",
    "accepted",
    "accepted",
    "accepted",
    "proposed",
    "draft",
    "rejected",
    "deprecated",
    "deferred",
];
const STANCES: &[&str] = &[
    "support",
    "support",
    "concern",
    "alternative",
    "abstain",
    "objection",
];
const WORDS: &[&str] = &[
    "the",
    "model",
    "drift",
    "retraining",
    "threshold",
    "calibration",
    "feature",
    "store",
    "latency",
    "recall",
    "precision",
    "label",
    "leakage",
    "holdout",
    "uplift",
    "fairness",
    "gap",
    "segment",
    "cost",
    "budget",
    "agents",
    "queue",
    "batch",
    "nightly",
    "shadow",
    "deployment",
    "rollback",
    "monitoring",
    "dataset",
    "schema",
    "pipeline",
    "owner",
    "stakeholder",
    "review",
    "evidence",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    s.push('.');
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let words = 8 + rng.below(10);
            sentence(rng, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn person(rng: &mut Rng) -> &'static str {
    PEOPLE[rng.below(PEOPLE.len())].0
}

fn date(rng: &mut Rng) -> (i32, u32, u32) {
    (
        2020 + rng.below(7) as i32,
        1 + rng.below(12) as u32,
        1 + rng.below(28) as u32,
    )
}

fn decision(rng: &mut Rng, id: usize, total: usize) -> String {
    let mut s = String::with_capacity(6000);
    let status = if id % 50 == 1 && id < total {
        "superseded"
    } else {
        rng.pick(STATUSES)
    };
    let (y, m, d) = date(rng);
    let _ = writeln!(
        s,
        "---\ntitle: Decision {id} about {}",
        sentence(rng, 5).trim_end_matches('.')
    );
    let _ = writeln!(s, "status: {status}\ndate: {y}-{m:02}-{d:02}");
    if status != "draft" && status != "proposed" {
        let _ = writeln!(s, "decided: {y}-{m:02}-{:02}", (d + 1).min(28));
    }
    let _ = writeln!(s, "model: {}", rng.pick(MODELS));
    let _ = writeln!(
        s,
        "owners: [{}]\nproposed-by: [{}]",
        person(rng),
        person(rng)
    );
    let _ = writeln!(s, "decision-makers: [{}, {}]", person(rng), person(rng));
    let _ = writeln!(
        s,
        "consulted: [{}, {}, product]\ninformed: [support]",
        person(rng),
        person(rng)
    );
    s.push_str("alternatives:\n");
    for _ in 0..2 + rng.below(3) {
        let _ = writeln!(
            s,
            "  - title: {}\n    rejected-because: {}",
            sentence(rng, 4).trim_end_matches('.'),
            sentence(rng, 12)
        );
    }
    let _ = writeln!(s, "constraints:\n  - {}", sentence(rng, 10));
    let _ = writeln!(
        s,
        "expected-outcomes:\n  - metric: auc\n    target: \">= 0.8{}\"\n    by: {}-12-31",
        rng.below(9),
        y + 1
    );
    let _ = writeln!(
        s,
        "artifacts:\n  - kind: model\n    ref: churn-model@v{}\n  - kind: dataset\n    ref: data/{id}.parquet",
        rng.below(40)
    );
    let _ = writeln!(
        s,
        "risks:\n  - risk: {}\n    mitigation: {}",
        sentence(rng, 8),
        sentence(rng, 8)
    );
    let _ = writeln!(s, "revisit-by: {}-{m:02}-{d:02}", y + 1);
    if id % 50 == 2 && id > 1 {
        let _ = writeln!(s, "supersedes: [{}]", id - 1);
    }
    if status == "superseded" {
        let _ = writeln!(s, "superseded-by: [{}]", id + 1);
    }
    if id > 3 {
        let _ = writeln!(s, "related: [{}]", 1 + rng.below(id - 1));
    }
    let _ = writeln!(s, "tags: [{}, {}]", rng.pick(WORDS), rng.pick(WORDS));
    s.push_str("feedback:\n");
    for _ in 0..1 + rng.below(4) {
        let _ = writeln!(
            s,
            "  - by: {}\n    date: {y}-{m:02}-{:02}\n    stance: {}\n    note: {}\n    resolved: {y}-{m:02}-{:02}",
            person(rng),
            (d + 1).min(28),
            rng.pick(STANCES),
            sentence(rng, 10),
            (d + 1).min(28)
        );
    }
    let _ = writeln!(
        s,
        "actions:\n  - owner: {}\n    due: {}-{m:02}-{d:02}\n    status: {}\n    note: {}",
        person(rng),
        y + 1,
        if rng.below(3) == 0 { "open" } else { "done" },
        sentence(rng, 6)
    );
    let _ = writeln!(s, "---\n# Decision {id}\n");
    for heading in ["Context", "Decision", "Rationale", "Consequences"] {
        let _ = writeln!(
            s,
            "## {heading}\n\n{}\n\n{}\n",
            paragraph(rng, 4),
            paragraph(rng, 3)
        );
    }
    s
}

fn review(rng: &mut Rng, n: usize, decisions: usize) -> (String, String) {
    let (y, m, d) = date(rng);
    let kind = ["check-in", "milestone", "async", "retro"][n % 4];
    let name = format!("{y}-{m:02}-{d:02}-review-{n}.md");
    let mut s = String::with_capacity(3000);
    let on = 1 + rng.below(decisions);
    let _ = writeln!(
        s,
        "---\nkind: {kind}\ndate: {y}-{m:02}-{d:02}\nfacilitator: {}",
        person(rng)
    );
    let _ = writeln!(
        s,
        "invited: [{}, {}, {}, product]\nattended: [{}, {}]",
        person(rng),
        person(rng),
        person(rng),
        person(rng),
        person(rng)
    );
    let _ = writeln!(s, "decisions: [{on}, {}]", 1 + rng.below(decisions));
    if kind == "async" {
        let _ = writeln!(s, "respond-by: {y}-{m:02}-{:02}", (d + 5).min(28));
    }
    let _ = writeln!(s, "agenda: [{}, {}]", rng.pick(WORDS), rng.pick(WORDS));
    s.push_str("feedback:\n");
    for _ in 0..1 + rng.below(3) {
        let _ = writeln!(
            s,
            "  - on: {on}\n    by: {}\n    date: {y}-{m:02}-{d:02}\n    stance: {}\n    note: {}",
            person(rng),
            rng.pick(STANCES),
            sentence(rng, 10)
        );
    }
    if kind == "retro" {
        let _ = writeln!(
            s,
            "outcomes:\n  - decision: {on}\n    metric: drift-psi\n    value: 0.{:02}\n    date: {y}-{m:02}-{d:02}",
            rng.below(30)
        );
    }
    let _ = writeln!(
        s,
        "---\n# Review {n}\n\n## Notes\n\n{}\n\n## Agreed\n\n{}\n",
        paragraph(rng, 5),
        paragraph(rng, 2)
    );
    (name, s)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let Some(out) = args.get(1) else {
        eprintln!("usage: gen-log OUT_DIR [DECISIONS=10000] [REVIEWS=2000]");
        std::process::exit(2);
    };
    let decisions: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let reviews: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(2_000);
    let dir = Path::new(out);
    fs::create_dir_all(dir.join("reviews"))?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut people = String::from("people:\n");
    for (name, role) in PEOPLE {
        let _ = writeln!(people, "  {name}: {{ name: {name}, roles: [{role}] }}");
    }
    people.push_str("groups:\n  product: [raj, grace]\n  support: [lee, dana]\n");
    fs::write(dir.join("people.yaml"), people)?;
    fs::write(
        dir.join("charter.md"),
        "---\nresponse-days: 5\nrevisit-days: 180\ncheck-in-days: 14\nrequired-roles: [data-science, product, end-user]\n---\n# Charter\n",
    )?;
    for id in 1..=decisions {
        fs::write(
            dir.join(format!("{id:05}-decision-{id}.md")),
            decision(&mut rng, id, decisions),
        )?;
    }
    for n in 1..=reviews {
        let (name, text) = review(&mut rng, n, decisions);
        fs::write(dir.join("reviews").join(name), text)?;
    }
    Ok(())
}
