//! Keys `decide` asks for that MADR and adr-tools logs do not have.
//!
//! A MADR log checked as it is has no `owners` and no `decided`: MADR has
//! no such keys (and MADR's own log writes no `date` either). Failing the build on every record for a key the team has
//! never heard of tells them nothing about their log, so on a log where no
//! decision uses the key yet, the rules that only ask for it (DL011, and
//! DL004's missing `decided` or `date`) speak at warning level; the first record that
//! uses the key opts the log in, and they are errors again. decisions/0014
//! records why warnings rather than silence. Levels set in `decide.toml`
//! still win: they are applied after this.

use crate::diagnostic::{Diagnostic, Severity};
use crate::record::Decision;
use crate::rules::Code;

/// Which of the keys some decision of the log uses.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Uses {
    owners: bool,
    decided: bool,
    date: bool,
}

impl Uses {
    pub(super) fn of(d: &Decision) -> Uses {
        Uses {
            owners: !d.owners.is_empty(),
            decided: d.decided.is_some(),
            date: d.date.is_some(),
        }
    }

    pub(super) fn add(&mut self, other: Uses) {
        self.owners |= other.owners;
        self.decided |= other.decided;
        self.date |= other.date;
    }
}

/// The end of DL004's message about a missing `decided` date.
pub(super) const NO_DECIDED: &str = "decision has no `decided` date";
/// The end of DL004's message about a missing `date`.
const NO_DATE: &str = "decision has no `date`";

pub(super) fn soften(uses: Uses, out: &mut [Diagnostic]) {
    let Uses {
        owners: uses_owners,
        decided: uses_decided,
        date: uses_date,
    } = uses;
    if uses_owners && uses_decided && uses_date {
        return;
    }
    for d in out.iter_mut() {
        let key = match d.code {
            Code::NoOwner if !uses_owners => "owners",
            Code::MissingField if !uses_decided && d.message.ends_with(NO_DECIDED) => "decided",
            Code::MissingField if !uses_date && d.message.ends_with(NO_DATE) => "date",
            _ => continue,
        };
        if d.severity == Severity::Error {
            d.severity = Severity::Warning;
            let note = format!(
                "a warning while no record in this log uses `{key}`; an error once one does"
            );
            d.help = Some(
                match d.help.take() {
                    Some(help) => format!("{help}; {note}"),
                    None => note,
                }
                .into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::Code;
    use crate::rules::testing::*;

    const MADR_ACCEPTED: &str =
        "---\nstatus: accepted\ndate: 2024-01-02\ndecision-makers: [ana]\n---\n# Use X\n";

    #[test]
    fn keys_no_record_uses_are_warnings_until_one_does() {
        let found = run(&[("0001-x.md", MADR_ACCEPTED)]);
        let owner = found.iter().find(|d| d.code == Code::NoOwner).unwrap();
        assert_eq!(owner.severity, Severity::Warning);
        let decided = found
            .iter()
            .find(|d| d.code == Code::MissingField && d.message.ends_with(super::NO_DECIDED))
            .unwrap();
        assert_eq!(decided.severity, Severity::Warning);

        let with_owner =
            MADR_ACCEPTED.replace("status:", "owners: [ana]\ndecided: 2024-01-02\nstatus:");
        let found = run(&[("0001-x.md", MADR_ACCEPTED), ("0002-y.md", &with_owner)]);
        let errors: Vec<_> = found
            .iter()
            .filter(|d| d.path.ends_with("0001-x.md"))
            .filter(|d| d.code == Code::NoOwner || d.message.ends_with(super::NO_DECIDED))
            .map(|d| d.severity)
            .collect();
        assert_eq!(errors, vec![Severity::Error, Severity::Error]);
    }
}
