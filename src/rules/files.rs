//! Rules about files rather than records: Markdown that is not a record
//! (DL050) and files that could not be read at all (DL051).

use crate::diagnostic::Diagnostic;
use crate::log::Log;
use crate::rules::Code;
use crate::yaml::Pos;

pub(super) fn check(log: &Log, out: &mut Vec<Diagnostic>) {
    for stray in &log.strays {
        let name = stray.path.rsplit('/').next().unwrap_or(&stray.path);
        let digits = name.bytes().take_while(u8::is_ascii_digit).count();
        let too_large = digits > 0
            && name[..digits]
                .parse::<u64>()
                .map_or(true, |n| n > crate::record::MAX_NUM);
        // `adr-01.md`, `ADR-001-use-x.md`: a record by a naming `decide`
        // does not read ids from; `decide import` renames it.
        let finding = match crate::import::file_id(name) {
            _ if too_large => Diagnostic::new(
                Code::StrayFile,
                &stray.path,
                Pos::new(1, 1),
                format!(
                    "Markdown file in the log is not a record: its number is above the largest id, {}",
                    crate::record::MAX_NUM
                ),
            )
            .with_help("give it a smaller number (`git mv`), or move it out of the log folder"),
            Some((_, new_name)) => Diagnostic::new(
                Code::StrayFile,
                &stray.path,
                Pos::new(1, 1),
                format!("named like a record, but `decide` reads no id from `{name}`"),
            )
            .with_help(format!(
                "`decide import --from auto FOLDER` converts it and renames it {}",
                match new_name.strip_suffix(".md") {
                    Some(stem) if stem.bytes().all(|b| b.is_ascii_digit()) =>
                        format!("{stem}-SLUG.md, the slug taken from its title"),
                    _ => new_name.clone(),
                }
            )),
            None => Diagnostic::new(
                Code::StrayFile,
                &stray.path,
                Pos::new(1, 1),
                "Markdown file in the log is not a record",
            )
            .with_help(
                "name it NNNN-slug.md to make it a decision, put it under reviews/, or move it out of the log folder",
            ),
        };
        out.push(finding);
    }
    for failure in &log.failures {
        out.push(Diagnostic::new(
            Code::UnreadableFile,
            &failure.path,
            failure.pos,
            failure.message.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::testing::*;
    use super::super::{CheckOptions, check};
    use crate::log::Failure;
    use crate::rules::Code;
    use crate::yaml::Pos;

    #[test]
    fn dl050_stray_file() {
        let files = [
            ("notes.md", "# Notes\n"),
            ("0005-a.md", COMPLETE),
            ("README.md", "# Log\n"),
        ];
        assert_eq!(found(Code::StrayFile, &files), vec![at("notes.md", 1, 1)]);
        assert!(
            found(
                Code::StrayFile,
                &[("0005-a.md", COMPLETE), ("README.md", "# Log\n")]
            )
            .is_empty()
        );
    }

    #[test]
    fn dl051_unreadable_file() {
        let mut log = log(&[("0005-a.md", COMPLETE)]);
        assert!(check(&log, &CheckOptions { as_of: as_of() }).is_empty());
        log.failures.push(Failure {
            path: "decisions/0006-b.md".into(),
            abs: PathBuf::from("/repo/decisions/0006-b.md"),
            pos: Pos::new(3, 7),
            message: "file is not valid UTF-8".into(),
        });
        let found = check(&log, &CheckOptions { as_of: as_of() });
        assert_eq!(found.len(), 1);
        assert_eq!(
            (
                found[0].code,
                found[0].line,
                found[0].column,
                found[0].message.as_str()
            ),
            (Code::UnreadableFile, 3, 7, "file is not valid UTF-8")
        );
    }
}
