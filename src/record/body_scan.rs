//! The headings of a record body found line by line, without a Markdown parse.
//!
//! [`super::body::Body`] needs only the headings: their level, text and
//! where each starts and ends. For the Markdown decision logs are written
//! in — `#` headings at the start of a line, prose, lists, fenced code and
//! HTML-comment template hints — a line scanner finds the same headings as
//! pulldown-cmark at a fraction of the cost. Wherever a body holds
//! something whose reading needs the full parser (a possible setext
//! heading, a block quote, an HTML block other than a comment, an indented
//! or listed `#` or fence, inline markup inside a heading, a tab before a
//! significant character, a lone carriage return), the scanner gives up and
//! the caller parses the body with pulldown-cmark. The differential test
//! below holds both to the same answer on every fixture and corpus file.

use memchr::{memchr, memmem};

/// A heading: level, text (untrimmed), offset of its first byte and offset
/// where the text under it starts.
pub(super) type Heading = (u8, String, usize, usize);

/// The headings of `text`, or `None` where only a full parse can tell.
pub(super) fn headings(text: &str) -> Option<Vec<Heading>> {
    let bytes = text.as_bytes();
    if memchr(b'\0', bytes).is_some() || text.contains('\u{feff}') || has_lone_cr(bytes) {
        return None;
    }
    let mut out = Vec::new();
    // The fence character and length of an open fenced code block.
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut prev_blank = true;
    let mut start = 0;
    while start < text.len() {
        let end = memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i + 1);
        let line = &text[start..end];
        let line_start = start;
        start = end;
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        let trimmed = content.trim_start_matches([' ', '\t']);
        let indent = &content[..content.len() - trimmed.len()];
        if let Some((ch, len)) = fence {
            // A closing fence: the opening character, at least as many, at
            // most three spaces before (a tab reaches column 4) and only
            // blanks after.
            let run = trimmed.bytes().take_while(|&b| b == ch).count();
            if run >= len
                && indent.len() <= 3
                && !indent.contains('\t')
                && trimmed[run..].trim_matches([' ', '\t']).is_empty()
            {
                fence = None;
            }
            prev_blank = false;
            continue;
        }
        if in_comment {
            if memmem::find(content.as_bytes(), b"-->").is_some() {
                in_comment = false;
            }
            prev_blank = false;
            continue;
        }
        if trimmed.trim_end_matches([' ', '\t']).is_empty() {
            prev_blank = true;
            continue;
        }
        let first = trimmed.as_bytes()[0];
        // Anything that may open a block other than a paragraph is read only
        // at the start of a line: indented, it may sit in a list item or an
        // indented code block, which only the full parser tells apart.
        if !indent.is_empty() && matches!(first, b'#' | b'`' | b'~' | b'<' | b'>') {
            return None;
        }
        match first {
            b'#' => {
                if let Some((level, heading)) = atx(trimmed) {
                    out.push((level, heading?, line_start, end));
                }
            }
            b'`' | b'~' => {
                let run = trimmed.bytes().take_while(|&b| b == first).count();
                if run >= 3 && (first == b'~' || !trimmed[run..].contains('`')) {
                    fence = Some((first, run));
                }
            }
            b'<' => {
                let rest = trimmed.strip_prefix("<!--")?;
                if rest.starts_with('>') || rest.starts_with("->") {
                    return None;
                }
                in_comment = !rest.contains("-->");
            }
            b'>' => return None,
            b'=' | b'-' if !prev_blank && is_underline(trimmed) => return None,
            _ => {}
        }
        if first != b'<' && unclosed_comment(trimmed) {
            return None;
        }
        if listed_block(trimmed) {
            return None;
        }
        prev_blank = false;
    }
    Some(out)
}

/// Whether `bytes` holds a carriage return that does not end a CRLF line.
fn has_lone_cr(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}

/// An ATX heading (`trimmed` starts with `#`): its level and text, the text
/// `None` when inline markup would make it differ from the raw characters.
/// Not a heading (`#hashtag`, seven `#`) gives `None` overall.
fn atx(trimmed: &str) -> Option<(u8, Option<String>)> {
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    let rest = &trimmed[level..];
    if level > 6 || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim_matches([' ', '\t']);
    // pulldown-cmark and CommonMark differ on tabs around a closing
    // sequence; such a heading is left to the parser.
    let trailing = &rest[rest.trim_end_matches([' ', '\t']).len()..];
    let hashes = text.len() - text.trim_end_matches('#').len();
    let before = &text[..text.len() - hashes];
    let gap = &before[before.trim_end_matches([' ', '\t']).len()..];
    if trailing.contains('\t') || (hashes > 0 && gap.contains('\t')) {
        return Some((level as u8, None));
    }
    if hashes == text.len() {
        text = "";
    } else if hashes > 0 && !gap.is_empty() {
        text = before.trim_end_matches(' ');
    }
    Some((level as u8, inline_text(text)))
}

/// The text pulldown-cmark reads in a heading's raw `text`, where it is
/// plain: characters, `` `code` `` spans and `<!-- comments -->`; `None`
/// for anything else inline markup could change (emphasis, links, escapes,
/// entities, tags).
fn inline_text(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['\\', '`', '*', '_', '[', ']', '<', '&', '~']) {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match rest.as_bytes()[i] {
            b'`' => {
                // A one-backtick span whose content neither starts nor ends
                // with a space (which the parser would strip).
                let end = after.find('`')?;
                let code = &after[..end];
                if code.is_empty()
                    || code.starts_with(' ')
                    || code.ends_with(' ')
                    || after[end + 1..].starts_with('`')
                {
                    return None;
                }
                out.push_str(code);
                rest = &after[end + 1..];
            }
            b'<' if after.starts_with("!--") => {
                let end = after[3..].find("-->")? + 3;
                if after[3..end].contains(['-', '<', '>']) {
                    return None;
                }
                rest = &after[end + 3..];
            }
            b'<' if !after.starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c)) => {
                out.push('<');
                rest = after;
            }
            _ => return None,
        }
    }
    out.push_str(rest);
    Some(out)
}

/// Whether `trimmed` could underline a setext heading: only `=` or only `-`.
fn is_underline(trimmed: &str) -> bool {
    let t = trimmed.trim_end_matches([' ', '\t']);
    t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-')
}

/// Whether a line opens an HTML comment it does not close: inline, a
/// comment spanning lines is read differently by different parsers.
fn unclosed_comment(trimmed: &str) -> bool {
    let bytes = trimmed.as_bytes();
    memchr(b'<', bytes).is_some()
        && memmem::rfind(bytes, b"<!--")
            .is_some_and(|i| memmem::find(&bytes[i + 4..], b"-->").is_none())
}

/// Whether `trimmed` is a list item whose content opens a block the scanner
/// does not follow into a list (a heading, fence, quote or HTML).
fn listed_block(trimmed: &str) -> bool {
    let mut rest = trimmed;
    let mut listed = false;
    loop {
        let b = rest.as_bytes();
        let marker = match b.first() {
            Some(b'-' | b'+' | b'*') => 1,
            Some(b'0'..=b'9') => {
                let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
                if digits <= 9 && matches!(b.get(digits), Some(b'.' | b')')) {
                    digits + 1
                } else {
                    0
                }
            }
            _ => 0,
        };
        if marker == 0 || !matches!(b.get(marker), Some(b' ' | b'\t')) {
            break;
        }
        listed = true;
        rest = rest[marker..].trim_start_matches([' ', '\t']);
    }
    listed
        && (rest.starts_with(['#', '<', '>', '=', '-'])
            || rest.starts_with("```")
            || rest.starts_with("~~~"))
}

#[cfg(test)]
mod tests {
    use super::super::body::Body;

    /// Both readings of `text`: the scanner's (`None` where it gives up) and
    /// pulldown-cmark's.
    fn both(text: &str) -> (Option<Body>, Body) {
        (Body::scanned(text, 3), Body::parse_cmark(text, 3))
    }

    fn agrees(text: &str) -> bool {
        match both(text) {
            (Some(scanned), full) => scanned == full,
            (None, _) => true,
        }
    }

    const TRICKY: &[&str] = &[
        "",
        "\n",
        "# Title\n",
        "# Title",
        "#Title\n",
        "#hashtag and more\n\n## Context\n\nx\n",
        "####### seven\n",
        "###### six\n",
        "# Title #\n",
        "# Title ###   \n",
        "# Title#\n",
        "# Title \\#\n",
        "# #\n",
        "#\n",
        "# \n",
        "## \t\n",
        "#\tTab\n",
        "# a\tb  c\n",
        "## ### x ###\n",
        "### ###\n",
        "# Title\r\n\r\n## Context\r\n\r\nWhy.\r\n",
        "\u{feff}# Title\n",
        "a\rb\n# c\n",
        "   # indented\n",
        "    # code\n",
        "\t# tab\n",
        "```\n# not a heading\n```\n# heading\n",
        "```rust\n# not\n```\n## yes\n",
        "~~~\n# not\n```\n# still not\n~~~\n# yes\n",
        "````\n```\n# not\n````\n# yes\n",
        "```\n# unclosed\n",
        "``` a`b\n# heading\n",
        "```\n# in\n   ```\n# out\n",
        "```\n# in\n    ```\n# still in\n",
        "```\n# in\n\t```\n# still in\n",
        "```\n# in\n``` x\n# still in\n",
        "~~~~\n~~~\n# in\n~~~~~\n# out\n",
        "Title\n=====\n",
        "Title\n---\n",
        "Text\n\n---\n\n# After\n",
        "- a\n# b\n",
        "- # listed\n",
        "1. # listed\n",
        "- a\n\n    # in item\n",
        "> # quoted\n",
        "<!--\n# not a heading\n-->\n# heading\n",
        "<!-- one line -->\n# heading\n\n<!-- hint -->\n",
        "<!-->\n# x\n",
        "text <!-- open\n# x\n-->\n",
        "<div>\n# x\n</div>\n",
        "# [link](x)\n",
        "# a *b* c\n",
        "# `code`\n",
        "# a &amp; b\n",
        "# <b>x</b>\n",
        "## Decision Drivers <!-- optional -->\n",
        "## A <!-- x --> B\n",
        "## A <!-- x -- y --> B\n",
        "## A <!---->\n",
        "## A <!-- x\n",
        "# Add `* Category: X` under it\n",
        "# `a` and `b`\n",
        "# `` a ` b ``\n",
        "# ` a `\n",
        "# ` `\n",
        "# `open\n",
        "# ECE <= 0.03 <3 a<b\n",
        "# a <b> c\n",
        "# a </b> c\n",
        "# a <https://x.y> c\n",
        "# snake_case\n",
        "# ~~strike~~\n",
        "## Rationale\n\nBecause.\n\n### Detail\n\nMore.\n\n## Links\n",
        "## Rationale\n<!-- hint -->\n\n## Context\n\n",
        "# 12. Use X\n\n## Rationale ##\n\ntext\n",
        "para\n# heading interrupts\npara\n",
        "* * *\n# after break\n",
        "- - -\n# x\n",
        "Para\n- - -\n# x\n",
        "## Ünïcödé ✓\n\nText.\n",
        "# a\u{a0}#\n",
        "#\u{a0}x\n",
        "    ```\n# heading\n",
        "<!-- a --> <!-- b\n# x\n-->\n",
        "x <!-- a --> <!-- b\n# x\n-->\n",
        "`a\n# b\n`\n",
        "[a\n# b\n](x)\n",
        "text <a\n# b\n>\n",
        "[foo]:\n# x\n",
        "[foo]:\n#x\n",
        "[foo]: /url\n# x\n",
        "[foo]: /url '\n# x\n'\n",
        "[foo]: /url\n'title'\n# x\n",
        "-\n# x\n",
        "para\n-\n# x\n",
        "1.# x\n",
        "10) # x\n",
        "+ # x\n",
        "  - # x\n",
        "- > # x\n",
        "x\\\n# y\n",
        "# a --> b\n",
        "# `a <!--` b -->\n",
        "# <!-- `x` --> y\n",
        "# a <!x> b\n",
        "# <!-->b c\n",
        "# # ---\t#\n",
        "# a \t#\n",
        "# a #\t\n",
        "# a\t\n",
        "#\t#\n",
        "# <!--->b --> c\n",
        "# a <!-- --> b\n",
        "# a\r\r\n",
    ];

    #[test]
    fn tricky_bodies_read_alike() {
        for text in TRICKY {
            let (scanned, full) = both(text);
            if let Some(scanned) = scanned {
                assert_eq!(scanned, full, "{text:?}");
            }
        }
    }

    #[test]
    fn plain_bodies_are_scanned_and_constructs_it_cannot_follow_are_not() {
        for text in [
            "# Title\n\n## Context\n\nWhy.\n\n- a\n- b\n\n```\n# c\n```\n",
            "<!--\n# hint\n-->\n## Rationale\n\nBecause.\n",
            "#hashtag\n\n1. one\n2. two\n",
        ] {
            assert!(both(text).0.is_some(), "{text:?}");
        }
        for text in [
            "Title\n=====\n",
            "Title\n---\n",
            "> # quoted\n",
            "- # listed\n",
            "   # indented\n",
            "<div>\n# x\n</div>\n",
            "# a *b*\n",
            "a\rb\n",
        ] {
            assert!(both(text).0.is_none(), "{text:?}");
        }
    }

    /// Bodies assembled from the lines real logs are made of, and from
    /// lines that tempt a line scanner: wherever the scanner reads one, it
    /// reads what pulldown-cmark reads.
    #[test]
    fn generated_bodies_read_alike() {
        const LINES: &[&str] = &[
            "# Title",
            "## Context",
            "## Rationale",
            "### Sub ###",
            "#tag",
            "# ",
            "text",
            "more text #",
            "",
            "",
            "- item",
            "1. item",
            "- # h",
            "  # h",
            "    # h",
            "```",
            "~~~",
            "````",
            "```x",
            "   ```",
            "<!--",
            "-->",
            "<!-- hint -->",
            "a <!-- b",
            "---",
            "===",
            "- - -",
            "***",
            "> q",
            "\t- tab",
            "text\r",
            "<p>",
            "[a]:",
            "[a]: /u",
            "'t'",
            "`x",
            "x <!-- y",
            "## A <!-- o -->",
            "# `c` d",
            "-",
            "    code",
            "\t```",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            let n = (seed % 12) as usize + 1;
            for _ in 0..n {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(LINES[(seed % LINES.len() as u64) as usize]);
                text.push('\n');
            }
            assert!(agrees(&text), "{text:?}");
        }
    }

    /// Bodies of random characters, the ones Markdown gives a meaning to
    /// among them: wherever the scanner reads one, it reads what
    /// pulldown-cmark reads.
    #[test]
    fn random_bodies_read_alike() {
        const CHARS: &[&str] = &[
            "#", "#", "# ", "\n", "\n", "\n", " ", " ", "   ", "\t", "a", "b c", "`", "```", "~~~",
            "<!--", "-->", "<", ">", "-", "---", "=", "*", "_", "[", "]", "(", ")", ":", "\\", "&",
            "\r\n", "1.", "+", "!", "'", "\"",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            let n = (seed % 40) as usize + 1;
            for _ in 0..n {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(CHARS[(seed % CHARS.len() as u64) as usize]);
            }
            assert!(agrees(&text), "{text:?}");
        }
    }

    /// Every body of the test fixtures (the fuzzers' inputs among them),
    /// the example logs and the real third-party logs
    /// (`tests/fixtures/corpora`, and the shared corpora beside the
    /// repository when present), and every whole Markdown file read as a
    /// body: wherever the scanner reads one, it reads what
    /// pulldown-cmark reads; and it reads most of them.
    #[test]
    fn fixtures_and_corpora_read_alike_wherever_the_scanner_reads_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut scanned, mut bodies) = (0, 0);
        for dir in ["tests/fixtures", "../shared/corpora", "examples"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let path = entry.path();
                // Markdown files, and the inputs the fuzzers found a failure
                // with (any bytes, read as the fuzz targets read them).
                let fuzzed = path.components().any(|c| c.as_os_str() == "fuzz");
                if !entry.file_type().is_file()
                    || !(fuzzed || path.extension().and_then(|e| e.to_str()) == Some("md"))
                {
                    continue;
                }
                let Ok(bytes) = std::fs::read(path) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let text = crate::record::source::strip_bom(&text);
                let split = crate::record::source::split(text);
                let whole = (split.front_line == 1).then_some((text, 1));
                for (i, (body, line)) in [Some((split.body, split.body_line)), whole]
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let full = Body::parse_cmark(body, line);
                    let fast = Body::scanned(body, line);
                    if i == 0 {
                        bodies += 1;
                        scanned += usize::from(fast.is_some());
                    }
                    if let Some(fast) = fast {
                        assert_eq!(fast, full, "{}", path.display());
                    }
                    assert_eq!(Body::parse(body, line), full, "{}", path.display());
                }
            }
        }
        assert!(bodies >= 200, "only {bodies} bodies found");
        assert!(scanned * 10 >= bodies * 9, "{scanned} of {bodies} scanned");
    }
}
