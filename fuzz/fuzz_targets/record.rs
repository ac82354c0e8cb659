//! Front matter, record parsing and the body outline: any text becomes a
//! record with diagnostics, never a panic or a hang; and wherever the body
//! line scanner reads a text, it reads what pulldown-cmark reads.
#![no_main]

use decide::record::body::Body;
use decide::record::{Charter, Decision, Depth, People, Review};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Decision::parse_to("decisions/0001-a.md", "0001-a.md", &text, Depth::Full);
    let _ = Decision::parse_to("decisions/0001-a.md", "0001-a.md", &text, Depth::Fields);
    let _ = Review::parse_to(
        "decisions/reviews/2026-01-01-r.md",
        "2026-01-01-r.md",
        &text,
        Depth::Full,
    );
    let _ = People::parse("decisions/people.yaml", &text);
    let _ = Charter::parse("decisions/CHARTER.md", &text);
    let _ = Body::parse(&text, 1);
    if let Some(scanned) = Body::scanned(&text, 1) {
        assert_eq!(scanned, Body::parse_cmark(&text, 1), "{text:?}");
    }
});
