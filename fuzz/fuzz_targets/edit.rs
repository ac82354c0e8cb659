//! The edit splicer: every edit on any text is made or refused, never a
//! panic; a refused edit leaves the text as it was, and a made one leaves
//! front matter that parses again and the body byte for byte.
#![no_main]

use decide::edit::Document;
use decide::record::source;
use decide::yaml::Pos;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&[op, line, col], rest)) = data.split_first_chunk::<3>() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut doc = Document::new(text.clone());
    let result = match op % 7 {
        0 => doc.set_scalar("status", "accepted"),
        1 => doc.add_to_list("supersedes", "7"),
        2 => doc.add_to_list("superseded-by", "a, b: c"),
        3 => doc.append_mapping(
            "feedback",
            &[("by", "lee"), ("stance", "support"), ("note", "x: #y, 'z'")],
        ),
        4 => doc.set_in_item("actions", usize::from(line % 3), "status", "done"),
        5 => doc.set_scalar("title", "Quotes \" and ' and \n newline"),
        _ => doc.replace_number(
            Pos::new(usize::from(line % 16) + 1, usize::from(col % 40) + 1),
            u64::from(col % 4),
            1234,
        ),
    };
    match result {
        Err(_) => assert_eq!(doc.text(), text, "a refused edit changed the text"),
        Ok(()) => {
            let old = source::split(source::strip_bom(&text));
            let new = source::split(source::strip_bom(doc.text()));
            assert!(
                matches!(new.front, source::FrontMatter::Parsed(_)),
                "the edit broke the front matter: {text:?} became {:?}",
                doc.text()
            );
            assert_eq!(old.body, new.body, "the edit changed the body");
        }
    }
});
