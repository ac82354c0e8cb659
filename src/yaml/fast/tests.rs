//! The fast reader against the full parser, on handwritten and generated documents.

use super::super::full;
use super::*;

/// `text` read by both readers; panics when the fast one answers
/// differently, or when it answers differently keeping some keys.
fn agrees(text: &str) -> bool {
    kept_alike(text);
    let Some(fast) = parse(text, 2) else {
        return false;
    };
    match full(text, 2) {
        Ok(node) => assert_eq!(fast, node, "the readers disagree on {text:?}"),
        Err(err) => panic!("the fast reader accepted {text:?}, which is an error: {err}"),
    }
    true
}

/// The keys [`kept_alike`] keeps: some of the generated ones, and a
/// decision's links.
const KEEP: &[&str] = &["status", "a", "on", "12", "null", "related", "owners"];

/// Keeping some top-level keys reads `text` or leaves it to the full
/// reader exactly as keeping all does, and the tree is the whole tree
/// with the other top-level keys taken out.
fn kept_alike(text: &str) {
    let kept = parse_keeping(text, 2, Some(KEEP));
    let Some(mut whole) = parse(text, 2) else {
        assert_eq!(
            kept, None,
            "kept keys of {text:?}, which is left to serde-saphyr"
        );
        return;
    };
    if let Value::Map(entries) = &mut whole.value {
        entries.retain(|e| KEEP.contains(&&*e.key));
    }
    assert_eq!(kept, Some(whole), "keeping keys of {text:?}");
}

#[test]
fn common_shapes_are_read_fast_and_alike() {
    for text in [
        "status: accepted\ntitle: Retrain the churn model monthly\n",
        "id: 12\ndate: 2026-03-02\nvalue: 0.08\nbig: 18446744073709551615\nneg: -3\nzero: -0\n",
        "owners: [ana]\nconsulted: [lee, product]\nempty: []\nspaced: [ a ,b ]\n",
        "owners:\n  - ana\n  - raj\nrelated:\n- 9\n- 10\n",
        "alternatives:\n  - title: Quarterly\n    rejected-because: drift\n  - title: Never\n",
        "feedback:\n- by: lee\n  stance: concern\n- on: 5\n  note: x\n",
        "a:\nb: # nothing\nc:   \n",
        "seq:\n  -\n  - x\n  - # note\n",
        "quoted: 'it''s'\ndouble: \"a: b # c\"\nempty: ''\nflow: ['q', \"r\", s]\n",
        "plain: a#b\ncomment: a # b\ncolon: a:b\nurl: http://x.y/z\n",
        "on: 12\nyes: yes\ntrue: y\nnull: ~\n1.0: one\n12: twelve\n",
        "words: [True, FALSE, Null, NULL, null, inf, NaN, Infinity]\n",
        "text: é ü ✅ 東京\nlist: [é, ü, \"名前\"]\n",
        "# leading comment\n\nstatus: draft   \n  # indented comment\nowners: [a]\n",
        "status: accepted\r\nowners:\r\n  - ana\r\n",
        "nested:\n  a:\n    b: [1, 2]\n    c: d\n  e: f\n",
        "- a\n- b: c\n  d: e\n-\n  - f\n",
        "dup: 1\ndup: 2\n",
        "x: (a)\ny: $HOME\nz: <b>\nw: =x\nv: ^x\nu: _x\nt: ;x\ns: -x\n",
        "rate: 1.50\nneg: -0.25\n",
        "span: 3 months\nshare: 10% holdout\nref: .ci/run\ndots: ...\n",
    ] {
        assert!(agrees(text), "not read by the fast reader: {text:?}");
    }
}

#[test]
fn other_shapes_are_left_to_serde_saphyr() {
    for text in [
        "a: &x 1\nb: *x\n",
        "a: !tag x\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        "a: {b: c}\n",
        "a: [b,\n  c]\n",
        "a: [[b]]\n",
        "a: \"esc\\\"aped\"\n",
        "a: long\n  continued\n",
        "a: 0012\n",
        "a: 1e3\n",
        "a: .5\n",
        "a: +5\n",
        "a: 0x1F\n",
        "a: 1_000\n",
        "a: .inf\n",
        "a: 18446744073709551616\n",
        "a:\tb\n",
        "\"quoted key\": v\n",
        "key with space: v\n",
        "a: b: c\n",
        "- - a\n",
        "? a\n: b\n",
        "--- x\n",
        "a: ~x\n",
        "a: [a, ]\n",
        "just a scalar\n",
        "# only a comment\n",
        "a: x\n  b: y\n",
        "a: nbsp\u{a0}here\n",
    ] {
        assert!(!agrees(text), "read by the fast reader: {text:?}");
    }
}

#[test]
fn the_repository_logs_are_read_fast_and_alike() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut read = 0;
    for dir in ["decisions", "examples/churn-model/decisions"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let crate::record::FrontMatter::Parsed(_) = crate::record::source::split(&text).front
            else {
                continue;
            };
            let yaml = text
                .split("\n---")
                .next()
                .unwrap()
                .trim_start_matches("---\n");
            assert!(agrees(yaml), "{}", entry.path().display());
            read += 1;
        }
    }
    assert!(read >= 10, "only {read} records found");
}

/// Every front matter (and YAML file) of the test fixtures and of the
/// real third-party logs (`tests/fixtures/corpora`, and the shared
/// corpora beside the repository when present): wherever the fast
/// reader reads one, it reads what the full parser reads.
#[test]
fn fixtures_and_corpora_read_alike_wherever_the_fast_reader_reads_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut fast_read, mut documents) = (0, 0);
    for dir in ["tests/fixtures", "../shared/corpora", "examples"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let text = crate::record::source::strip_bom(&text);
            let yaml = match ext {
                "yaml" | "yml" => text.to_string(),
                "md" => {
                    let split = crate::record::source::split(text);
                    if split.front_line != 1
                        || matches!(split.front, crate::record::FrontMatter::Unterminated)
                    {
                        continue;
                    }
                    let lines: Vec<&str> = text.split_inclusive('\n').collect();
                    lines[1..split.body_line - 2].concat()
                }
                _ => continue,
            };
            documents += 1;
            kept_alike(&yaml);
            if let Some(fast) = parse(&yaml, 2) {
                fast_read += 1;
                match full(&yaml, 2) {
                    Ok(node) => assert_eq!(fast, node, "{}", path.display()),
                    Err(err) => panic!("{}: fast read an error: {err}", path.display()),
                }
            }
        }
    }
    assert!(documents >= 100, "only {documents} documents found");
    assert!(
        fast_read * 2 >= documents,
        "{fast_read} of {documents} read fast"
    );
}

/// A small xorshift generator, so the generated documents are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SCALARS: &[&str] = &[
    "ana",
    "Ana Ruiz",
    "a b  c",
    "x-1",
    "churn-model@v14",
    "data/x.parquet",
    "12",
    "0",
    "-3",
    "-0",
    "007",
    "1.5",
    "0.08",
    "-0.5",
    "10.",
    ".5",
    "1e3",
    "2026-03-02",
    "2026-3-2",
    "2026-03-02T10:00",
    "null",
    "Null",
    "NULL",
    "~",
    "true",
    "False",
    "TRUE",
    "yes",
    "no",
    "on",
    "y",
    "inf",
    ".inf",
    "-.inf",
    ".nan",
    "NaN",
    "'q'",
    "'it''s'",
    "\"dq\"",
    "\"a#b\"",
    "\"a: b\"",
    "\"\"",
    "''",
    "\"e\\\"x\"",
    "a#b",
    "a #c",
    "a: b",
    "a:b",
    "a:",
    "http://x.y/z",
    "é ü",
    "✅ Accepted",
    "東京",
    "(x)",
    "$HOME",
    "<b>",
    "=x",
    "^x",
    "_x",
    ";x",
    "~x",
    "-x",
    "- x",
    "-",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775808",
    "-9223372036854775809",
    "1_000",
    "0x1F",
    "+5",
    "{x}",
    "{short title}",
    "[a]",
    "[]",
    "[a, b]",
    "*a",
    "&a x",
    "!t x",
    "|",
    ">",
    "%x",
    "@x",
    "`x`",
    "a, b",
    "a,b",
    "TBD",
    "...",
    "…",
    "a]",
    "a[",
    "a}",
    "'a' b",
    "\"a\" # c",
    "x\u{a0}y",
];
const KEYS: &[&str] = &[
    "status", "title", "owners", "a", "b", "x-y", "on", "12", "1.0", "true", "null", "k_1", "a.b",
    "Decision", "é", "a b", "007", "-k", "\"q\"",
];

/// Values as written in records, which the fast reader should take.
const COMMON: &[&str] = &[
    "ana",
    "Ana Ruiz",
    "x-1",
    "12",
    "0",
    "-3",
    "1.5",
    "0.08",
    "2026-03-02",
    "null",
    "~",
    "true",
    "'it''s'",
    "\"a: b\"",
    "a#b",
    "a #c",
    "a:b",
    "http://x.y/z",
    "é ü",
    "✅ Accepted",
    "(x)",
    "3 months",
    "10% x",
    ".ci/run",
    "...",
    "TBD",
    "a, b",
    "v1.2",
    "-0.0",
    "99999999999999999999.5",
    "12abz",
    "x.",
];

/// A scalar from either pool, half the time from the common one.
fn any(rng: &mut Rng) -> &'static str {
    let pool = if rng.below(2) == 0 { SCALARS } else { COMMON };
    rng.pick(pool)
}

fn scalar(rng: &mut Rng) -> String {
    let s = any(rng).to_string();
    match rng.below(6) {
        0 => format!("{s} # note"),
        1 => format!("{s}  "),
        _ => s,
    }
}

fn flow(rng: &mut Rng) -> String {
    let items: Vec<&str> = (0..rng.below(4)).map(|_| any(rng)).collect();
    let sep = rng.pick(&[", ", ",", " , "]);
    format!("[{}]", items.join(sep))
}

fn map(rng: &mut Rng, indent: usize, depth: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    for _ in 0..1 + rng.below(4) {
        let key = rng.pick(KEYS);
        match rng.below(if depth > 2 { 3 } else { 7 }) {
            0 | 1 => out.push(format!("{pad}{key}: {}", scalar(rng))),
            2 => out.push(format!("{pad}{key}: {}", flow(rng))),
            3 => {
                out.push(format!("{pad}{key}:"));
                let deeper = indent + 1 + rng.below(3);
                map(rng, deeper, depth + 1, out);
            }
            4 => {
                out.push(format!("{pad}{key}:{}", rng.pick(&["", " ", " # c"])));
                let deeper = indent + rng.below(3) * 2;
                seq(rng, deeper, depth + 1, out);
            }
            5 => out.push(format!("{pad}{key}:{}", rng.pick(&["", "  ", " # c"]))),
            _ => out.push(format!("{pad}{key}: {}", scalar(rng))),
        }
        decorate(rng, indent, out);
    }
}

fn seq(rng: &mut Rng, indent: usize, depth: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    for _ in 0..1 + rng.below(4) {
        match rng.below(if depth > 2 { 2 } else { 6 }) {
            0 => out.push(format!("{pad}- {}", scalar(rng))),
            1 => out.push(format!("{pad}- {}", flow(rng))),
            2 => {
                let mut inner = Vec::new();
                let spaces = 1 + rng.below(2);
                map(rng, indent + 1 + spaces, depth + 1, &mut inner);
                let first = inner[0].trim_start().to_string();
                out.push(format!("{pad}-{}{first}", " ".repeat(spaces)));
                out.extend(inner.into_iter().skip(1));
            }
            3 => {
                out.push(format!("{pad}-{}", rng.pick(&["", " # c", " "])));
                if rng.below(2) == 0 {
                    map(rng, indent + 2, depth + 1, out);
                }
            }
            4 => {
                out.push(format!("{pad}-"));
                seq(rng, indent + 2, depth + 1, out);
            }
            _ => out.push(format!("{pad}- {}", scalar(rng))),
        }
        decorate(rng, indent, out);
    }
}

/// Blank and comment lines, sometimes.
fn decorate(rng: &mut Rng, indent: usize, out: &mut Vec<String>) {
    match rng.below(12) {
        0 => out.push(String::new()),
        1 => out.push(format!("{}# comment", " ".repeat(rng.below(indent + 3)))),
        _ => {}
    }
}

#[test]
fn generated_documents_are_read_alike() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut fast = 0;
    let total = 4000;
    for _ in 0..total {
        let mut lines = Vec::new();
        if rng.below(4) == 0 {
            seq(&mut rng, 0, 0, &mut lines);
        } else {
            map(&mut rng, 0, 0, &mut lines);
        }
        let newline = if rng.below(5) == 0 { "\r\n" } else { "\n" };
        let text = lines.join(newline) + newline;
        fast += usize::from(agrees(&text));
    }
    // Most generated documents use some shape the fast reader refuses;
    // enough must remain for the comparison to mean something.
    assert!(
        fast > total / 4,
        "only {fast} of {total} read by the fast reader"
    );
}
