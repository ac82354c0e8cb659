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
        let (message, help) = if digits > 0
            && name[..digits]
                .parse::<u64>()
                .map_or(true, |n| n > crate::record::MAX_NUM)
        {
            (
                format!(
                    "Markdown file in the log is not a record: its number is above the largest id, {}",
                    crate::record::MAX_NUM
                ),
                "give it a smaller number (`git mv`), or move it out of the log folder".to_string(),
            )
        } else {
            (
                "Markdown file in the log is not a record".to_string(),
                "name it NNNN-slug.md to make it a decision, put it under reviews/, or move it out of the log folder".to_string(),
            )
        };
        out.push(
            Diagnostic::new(Code::StrayFile, &stray.path, Pos::new(1, 1), message).with_help(help),
        );
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
