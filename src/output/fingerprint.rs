//! Stable fingerprints for findings, so that GitLab Code Quality and SARIF
//! code scanning recognise the same finding from one run to the next.
//!
//! A fingerprint hashes what identifies a finding without its position: the
//! rule, the file and the message, plus how many identical findings precede
//! it in that file. Editing lines above a finding therefore keeps its
//! fingerprint, while two identical findings in one file still differ. The
//! hash is 128-bit FNV-1a, written as 32 hex digits: the same on every
//! platform and in every version of Rust, which `std`'s hashers do not
//! promise.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;

/// One fingerprint per finding, in the order given.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let n = seen
                .entry((d.code.as_str(), &*d.path, d.message.as_str()))
                .or_insert(0);
            let key = format!("{}\0{}\0{}\0{}", d.code.as_str(), d.path, d.message, n);
            *n += 1;
            format!("{:032x}", fnv1a_128(key.as_bytes()))
        })
        .collect()
}

fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    bytes.iter().fold(OFFSET, |hash, &b| {
        (hash ^ u128::from(b)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Code;
    use crate::yaml::Pos;

    #[test]
    fn fnv_matches_the_published_test_vectors() {
        assert_eq!(fnv1a_128(b""), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }

    #[test]
    fn position_does_not_matter_but_repetition_does() {
        let at = |line| {
            Diagnostic::new(
                Code::MissingRationale,
                "d/0001-a.md",
                Pos::new(line, 1),
                "empty",
            )
        };
        let moved = fingerprints(&[at(3)]);
        assert_eq!(moved, fingerprints(&[at(9)]));
        let twice = fingerprints(&[at(3), at(9)]);
        assert_eq!(twice[0], moved[0]);
        assert_ne!(twice[0], twice[1]);
        assert_eq!(twice[0].len(), 32);
        let other = Diagnostic::new(
            Code::MissingRationale,
            "d/0002-b.md",
            Pos::new(3, 1),
            "empty",
        );
        assert_ne!(fingerprints(&[other])[0], moved[0]);
    }
}
