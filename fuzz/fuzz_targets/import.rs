//! Every import parser: any text is converted or refused, never a panic, and
//! what is converted reads back as a record with front matter.
#![no_main]

use decide::import::{Format, convert};
use decide::record::source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let format = match which % 4 {
        0 => Format::Auto,
        1 => Format::AdrTools,
        2 => Format::Madr,
        _ => Format::Log4brains,
    };
    let text = String::from_utf8_lossy(rest);
    if let Ok(converted) = convert("0007-some-choice.md", &text, format) {
        let split = source::split(source::strip_bom(&converted.text));
        assert!(
            matches!(split.front, source::FrontMatter::Parsed(_)),
            "converted text has no readable front matter: {:?}",
            converted.text
        );
    }
});
