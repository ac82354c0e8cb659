//! How the cache file is written: from views that borrow what the run
//! found and what the old file held ([`StoredOut`]), serialized straight
//! into the file and signed as it goes ([`signed`]), so that writing the
//! cache of a large log takes no second copy of it.
//!
//! The file is read back a line at a time ([`super::Cache::open`]), so
//! it is written as lines: the signature, the head ([`HeadOut`]), then one
//! line per file of the log ([`EntryOut`]). JSON never holds a line break
//! unescaped, so each line is one value.

use std::fs;
use std::io::Write;

use serde::Serialize;
use serde_json::value::RawValue;

use super::{Entry, Finding, Role, StoredFix, StoredId};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::record::Id;

/// What a cache file is written from: [`super::Stored`], borrowed from the run
/// that writes it, so nothing is copied to be written.
pub(super) struct StoredOut<'a> {
    pub(super) head: HeadOut<'a>,
    pub(super) files: Vec<EntryOut<'a>>,
}

/// The first line after the signature: what decides whether the rest is
/// read at all ([`super::Head`]).
#[derive(Serialize)]
pub(super) struct HeadOut<'a> {
    pub(super) format: u32,
    pub(super) version: &'a str,
    pub(super) key: &'a str,
    pub(super) written: i64,
    pub(super) elsewhere: Option<Elsewhere<'a>>,
}

/// An [`Entry`] to be written.
#[derive(Serialize)]
pub(super) struct EntryOut<'a> {
    pub(super) path: &'a str,
    pub(super) kind: u8,
    pub(super) role: Role,
    pub(super) size: u64,
    pub(super) mtime: i64,
    pub(super) target: Option<&'a str>,
    pub(super) hash: Option<u64>,
    pub(super) directives: &'a [(usize, String)],
    pub(super) findings: Option<Findings<'a>>,
}

impl<'a> EntryOut<'a> {
    /// `entry` written again as it was read.
    pub(super) fn of(entry: &'a Entry) -> EntryOut<'a> {
        EntryOut {
            path: &entry.path,
            kind: entry.kind,
            role: entry.role,
            size: entry.size,
            mtime: entry.mtime,
            target: entry.target.as_deref(),
            hash: entry.hash,
            directives: &entry.directives,
            findings: entry.findings.as_deref().map(Findings::Kept),
        }
    }

    /// Whether `old` is the same file, read as the same text.
    pub(super) fn same(&self, old: &Entry) -> bool {
        (
            self.path,
            self.kind,
            self.role,
            self.size,
            self.mtime,
            self.target,
            self.hash,
        ) == (
            old.path.as_str(),
            old.kind,
            old.role,
            old.size,
            old.mtime,
            old.target.as_deref(),
            old.hash,
        )
    }
}

/// Findings to be written: as an earlier run wrote them (`K`), or as this
/// run found them.
pub(super) enum Written<'a, K: ?Sized> {
    Kept(&'a K),
    Found(Vec<&'a Diagnostic>),
}

/// A file's findings to be written.
pub(super) type Findings<'a> = Written<'a, RawValue>;

/// The findings on no file of the log, to be written.
pub(super) type Elsewhere<'a> = Written<'a, [Finding]>;

impl<K: Serialize + ?Sized> Written<'_, K> {
    /// Written as they were kept, or each found one with its path only
    /// when `paths` says so.
    fn write<S: serde::Serializer>(&self, serializer: S, paths: bool) -> Result<S::Ok, S::Error> {
        match self {
            Written::Kept(kept) => kept.serialize(serializer),
            Written::Found(found) => {
                serializer.collect_seq(found.iter().map(|d| finding(d, paths)))
            }
        }
    }
}

/// A file's findings are written without their path, which is the file's
/// (a tenth of a large log's cache was paths written again).
impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.write(serializer, false)
    }
}

impl Serialize for Elsewhere<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.write(serializer, true)
    }
}

/// A [`Finding`] to be written, borrowed from the finding.
#[derive(Serialize)]
pub(super) struct FindingOut<'a> {
    code: &'a str,
    error: bool,
    /// Only when the finding is on no file of the log ([`Elsewhere`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<StoredFix>,
}

/// Writes `stored` to `file` after its signature line, as it is made and
/// signed, a line for its head and one for each file: the cache of a large
/// log is as large as its findings printed, and holding it whole (twice,
/// with its signature before it) set the peak memory of the run that
/// wrote it. The signature line is written blank first and then over: a
/// signature is always as long.
pub(super) fn signed(
    file: &mut fs::File,
    secret: &[u8; 16],
    stored: &StoredOut,
) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let blank = " ".repeat(signature(secret, b"").len());
    let mut out = Signing {
        out: std::io::BufWriter::new(&mut *file),
        mac: Mac::new(secret),
    };
    writeln!(out.out, "{blank}")?;
    serde_json::to_writer(&mut out, &stored.head)?;
    out.write_all(b"\n")?;
    for entry in &stored.files {
        serde_json::to_writer(&mut out, entry)?;
        out.write_all(b"\n")?;
    }
    let line = out.mac.line();
    out.out.flush()?;
    drop(out);
    file.seek(SeekFrom::Start(0))?;
    file.write_all(line.as_bytes())?;
    file.sync_all()
}

/// A writer that signs what goes through it.
pub(super) struct Signing<W> {
    out: W,
    mac: Mac,
}

impl<W: Write> Write for Signing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(bytes)?;
        self.mac.write(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The first line of a cache file: the format's name and a SipHash-2-4 MAC
/// of the rest under this machine's secret. A cache file that came with the
/// repository (committed in a pull request, say) cannot carry a right one,
/// so it is never trusted: findings are only ever read from a cache this
/// machine wrote.
pub(super) fn signature(secret: &[u8; 16], body: &[u8]) -> String {
    let mut mac = Mac::new(secret);
    mac.write(body);
    mac.line()
}

/// The signature of a cache file, made as its body is written.
pub(super) struct Mac(siphasher::sip128::SipHasher24);

impl Mac {
    pub(super) fn new(secret: &[u8; 16]) -> Mac {
        Mac(siphasher::sip128::SipHasher24::new_with_key(secret))
    }

    pub(super) fn write(&mut self, bytes: &[u8]) {
        std::hash::Hasher::write(&mut self.0, bytes);
    }

    /// The first line of the file, without its line break.
    pub(super) fn line(&self) -> String {
        use siphasher::sip128::Hasher128;
        format!("decide-check-cache {:032x}", self.0.finish128().as_u128())
    }
}

/// A finding as the cache file holds it ([`Finding`]), written from the
/// finding itself.
fn finding(d: &Diagnostic, with_path: bool) -> FindingOut<'_> {
    FindingOut {
        code: d.code.as_str(),
        error: d.severity == Severity::Error,
        path: with_path.then_some(&*d.path),
        line: d.line,
        column: d.column,
        message: &d.message,
        help: d.help.as_deref(),
        fix: d.fix.as_deref().map(|fix| match fix {
            Fix::AddReference { path, key, id } => StoredFix::AddReference {
                path: path.clone(),
                key: (*key).to_string(),
                id: match id {
                    Id::Num(n) => StoredId::Num(*n),
                    Id::Name(name) => StoredId::Name(name.clone()),
                },
            },
            Fix::SetStatus { path, status } => StoredFix::SetStatus {
                path: path.clone(),
                status: status.as_str().to_string(),
            },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FORMAT, diagnostic, read, version};
    use super::*;
    use crate::rules::Code;
    use crate::yaml::Pos;

    /// A cache file written as it is made reads back as written, a line
    /// per file after its head, and its first line is the signature of the
    /// rest, as `Cache::open` checks.
    #[test]
    fn a_cache_written_as_it_is_made_is_signed_and_reads_back() {
        let secret = [7u8; 16];
        let found = Diagnostic::new(
            Code::MissingField,
            "decisions/0001-a.md",
            Pos::new(3, 1),
            "decision has no `decided` date",
        )
        .with_help("add `decided: YYYY-MM-DD`");
        let away = Diagnostic::new(
            Code::MissingField,
            "decide.toml",
            Pos::new(1, 1),
            "not a file of the log",
        );
        let directives = vec![(4, "<!-- decide-disable DL004 -->".to_string())];
        let entry = |path| EntryOut {
            path,
            kind: 0,
            role: Role::Record,
            size: 120,
            mtime: 7,
            target: None,
            hash: Some(9),
            directives: &directives,
            findings: Some(Findings::Found(vec![&found])),
        };
        let stored = StoredOut {
            head: HeadOut {
                format: FORMAT,
                version: version(),
                key: "key",
                written: 42,
                elsewhere: Some(Elsewhere::Found(vec![&away])),
            },
            files: vec![entry("decisions/0001-a.md"), entry("decisions/0002-b.md")],
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("check.json");
        let mut file = fs::File::create(&path).unwrap();
        signed(&mut file, &secret, &stored).unwrap();
        drop(file);

        let text = fs::read_to_string(&path).unwrap();
        let (head, body) = text.split_once('\n').unwrap();
        assert_eq!(head, signature(&secret, body.as_bytes()));
        let lines: Vec<&str> = body.lines().collect();
        assert_eq!(lines.len(), 3, "{body}");
        // A file's findings do without its path; the others keep theirs.
        assert_eq!(text.matches("decisions/0001-a.md").count(), 1, "{text}");
        assert!(
            lines[0].contains("\"path\":\"decide.toml\""),
            "{}",
            lines[0]
        );

        let read = read(&path, &secret, "key").expect("read back");
        assert_eq!((read.written, read.files.len()), (42, 2));
        assert_eq!(read.files[1].path, "decisions/0002-b.md");
        assert_eq!(read.files[0].directives, directives);
        let codes = crate::rules::RULES.iter().map(|r| (r.code, r.id)).collect();
        for entry in &read.files {
            let findings: Vec<Finding> =
                serde_json::from_str(entry.findings.as_ref().unwrap().get()).unwrap();
            let mut on_file = found.clone();
            on_file.path = entry.path.as_str().into();
            assert_eq!(
                diagnostic(
                    findings.into_iter().next().unwrap(),
                    &codes,
                    Some(&on_file.path)
                ),
                Some(on_file)
            );
        }
        let elsewhere = read.elsewhere.unwrap().into_iter().next().unwrap();
        assert_eq!(diagnostic(elsewhere.clone(), &codes, None), Some(away));
        let mut pathless = elsewhere;
        pathless.path = None;
        assert_eq!(diagnostic(pathless, &codes, None), None);

        // Another machine's secret or another key: not read.
        assert!(super::super::read(&path, &[8u8; 16], "key").is_none());
        assert!(super::super::read(&path, &secret, "other").is_none());
        // A line changed, cut or added after signing: not read.
        for forged in [
            text.replace("decisions/0002-b.md", "decisions/0002-c.md"),
            text[..text.len() - 1].to_string(),
            format!("{text}{}\n", lines[1]),
        ] {
            fs::write(&path, &forged).unwrap();
            assert!(
                super::super::read(&path, &secret, "key").is_none(),
                "{forged}"
            );
        }
    }
}
