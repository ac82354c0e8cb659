//! The only HTML not written by the template: Markdown from the records
//! (rationales) and the definitions from `docs/report.md`, rendered by
//! pulldown-cmark with raw HTML dropped, images reduced to their alt text
//! and links kept only for `http:`, `https:` and `mailto:` targets.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

/// Markdown as HTML that cannot carry markup of its own: raw HTML is
/// dropped, images become their alt text, and a link is kept only when it
/// leads to an `http:`, `https:` or `mailto:` address (so `javascript:`,
/// `data:` and every other scheme become plain text).
pub fn markdown(text: &str) -> String {
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut dropped_links = Vec::new();
    let mut in_image = 0usize;
    let events = Parser::new_ext(text, options).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = safe_url(&dest_url);
            dropped_links.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => {
            let dropped = dropped_links.pop().unwrap_or(true);
            (!dropped).then_some(Event::End(TagEnd::Link))
        }
        Event::Text(t) if in_image > 0 => Some(Event::Text(t)),
        Event::FootnoteReference(_) => None,
        Event::Text(t) => Some(Event::Text(CowStr::from(clean_keep_newlines(&t)))),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Control characters other than line breaks become spaces.
pub(super) fn clean_keep_newlines(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// Whether a link target is a web or mail address. Browsers ignore
/// whitespace and control characters inside a scheme, so those make a
/// target unsafe too.
pub(super) fn safe_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// The definitions of the figures: the "The figures" part of `docs/report.md`.
pub(super) fn definitions() -> String {
    const DOC: &str = include_str!("../../../docs/report.md");
    let start = DOC.find("\n## The figures").map_or(0, |i| i + 1);
    let rest = &DOC[start..];
    let body = rest.split_once('\n').map_or("", |(_, b)| b);
    let end = body.find("\n## ").unwrap_or(body.len());
    markdown(&body[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_drops_raw_html_and_unsafe_links() {
        let html = markdown(
            "Hi <script>alert(1)</script> <b onclick=x>b</b>\n\n<img src=x onerror=alert(1)>\n\n\
             [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) \
             [d](java\tscript:x) [e](https://example.com/?q=\"x\") ![f](https://example.com/i.png)",
        );
        for bad in [
            "<script",
            "<b ",
            "<img",
            "onerror",
            "onclick",
            "javascript",
            "data:",
        ] {
            assert!(!html.to_lowercase().contains(bad), "{bad} in {html}");
        }
        assert!(
            html.contains("<a href=\"https://example.com/?q=%22x%22\">e</a>"),
            "{html}"
        );
        assert!(html.contains(">a ") || html.contains(" a "), "{html}");
        assert!(html.contains('f'), "alt text kept: {html}");
    }

    #[test]
    fn the_definitions_come_from_docs_report_md() {
        let html = definitions();
        assert!(html.contains("<h3>Participation</h3>"), "{html}");
        assert!(!html.contains("Dates from git"), "{html}");
    }
}
