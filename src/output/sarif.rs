//! The `sarif` format of `decide check`: a SARIF 2.1.0 log for code-scanning
//! dashboards (GitHub code scanning among them).
//!
//! The rule table lists every rule of the registry, so a dashboard can show
//! the explanation of a rule even for results it has not seen yet, with a
//! `helpUri` to the rule's section of `docs/rules.md` at this version's tag.
//! Columns count Unicode code points, as `decide` does everywhere. Each
//! result carries a stable `partialFingerprints` entry
//! ([`super::fingerprint`]), so code scanning follows a finding when lines
//! move above it.

use serde::Serialize;
use serde_json::{Value, json};

use super::fingerprint::fingerprints;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{RULES, RuleInfo};

/// The project's home, from `repository` in Cargo.toml.
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// Where a rule is explained: its heading in `docs/rules.md` at this
/// version's tag (GitHub's anchor for `## DL020 missing-rationale`).
pub fn help_uri(rule: &RuleInfo) -> String {
    format!(
        "{INFORMATION_URI}/blob/v{}/docs/rules.md#{}-{}",
        env!("CARGO_PKG_VERSION"),
        rule.code.to_ascii_lowercase(),
        rule.slug
    )
}

/// Writes the SARIF log of `diagnostics` to `out`, results serialised one
/// by one as they are written; `baselined` marks each result
/// `"baselineState": "new"` (findings not in the baseline). Keys are in
/// alphabetical order in every object, as they were when the log was built
/// as a `serde_json::Value`, so the output is the same byte for byte.
pub fn write(
    out: &mut dyn std::io::Write,
    diagnostics: &[Diagnostic],
    baselined: bool,
) -> std::io::Result<()> {
    let log = SarifLog {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: Results {
                diagnostics,
                fingerprints: fingerprints(diagnostics),
                baselined,
            },
            tool: json!({
                "driver": {
                    "name": "decide",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules(),
                }
            }),
        }],
        version: "2.1.0",
    };
    super::write_json(out, &log)
}

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: Results<'a>,
    tool: Value,
}

struct Results<'a> {
    diagnostics: &'a [Diagnostic],
    fingerprints: Vec<String>,
    baselined: bool,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let results = self.diagnostics.iter().zip(&self.fingerprints);
        serializer.collect_seq(results.map(|(d, fingerprint)| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": d.code as usize,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.path), "uriBaseId": "%SRCROOT%" },
                        "region": { "startLine": d.line, "startColumn": d.column },
                    }
                }],
                "partialFingerprints": { "decide/v1": fingerprint },
            });
            if self.baselined
                && let Value::Object(fields) = &mut result
            {
                fields.insert("baselineState".into(), "new".into());
            }
            result
        }))
    }
}

/// The rule table: every rule of the registry.
fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.slug,
                "helpUri": help_uri(r),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": {
                    "text": format!("{}\n\nBad:\n{}\nGood:\n{}", r.explanation, r.bad, r.good),
                    "markdown": format!(
                        "{}\n\nBad:\n\n```\n{}```\n\nGood:\n\n```\n{}```\n",
                        r.explanation, r.bad, r.good
                    ),
                },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "fixable": r.fixable },
            })
        })
        .collect()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A relative path as a URI reference: unreserved characters and `/` kept,
/// everything else percent-encoded byte by byte.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("decisions/0001-a b.md"), "decisions/0001-a%20b.md");
        assert_eq!(uri("décisions/x#1.md"), "d%C3%A9cisions/x%231.md");
    }
}
