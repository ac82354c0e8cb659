//! `decide report --format html`: the page pinned byte for byte, its
//! escaping, and the page as headless Chromium renders it.
//!
//! The browser tests need Debian's `chromium` (or `DECIDE_CHROMIUM=PATH`).
//! Without it they print a note and pass locally; with `CI=true` they fail,
//! and `.ci/run` installs it first.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

const AS_OF: &str = "2026-11-25";

fn example_page() -> String {
    let run = decide(
        &repo(),
        &[
            "report",
            "--dir",
            "examples/churn-model/decisions",
            "--as-of",
            AS_OF,
            "--format",
            "html",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The example log's page at a fixed as-of date, byte for byte. After a
/// deliberate change, regenerate it with
/// `DECIDE_BLESS=1 cargo test html_page_of_the_example` and review the diff.
#[test]
fn html_page_of_the_example_matches_the_golden_file() {
    let actual = example_page();
    let golden = repo().join("tests/fixtures/report/example.html");
    if std::env::var_os("DECIDE_BLESS").is_some() {
        std::fs::write(&golden, &actual).unwrap();
    }
    let expected = read(&golden);
    assert!(
        actual == expected,
        "the HTML page of the example changed; review it and run \
         `DECIDE_BLESS=1 cargo test html_page_of_the_example` to update {}",
        golden.display()
    );
}

#[test]
fn html_page_is_self_contained_and_small() {
    let page = example_page();
    assert!(page.len() < 300_000, "{} bytes", page.len());
    assert!(page.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    ));
    assert_no_markup_from_records(&page);
    // No external resource of any kind: no URL at all without base-url.
    assert!(!page.contains("http://") && !page.contains("https://"));
    for part in [
        "Headline figures",
        "Needs attention",
        "Participation over time",
        "Feedback latency",
        "Rationale completeness by decision",
        "Role coverage",
        "Check-in cadence",
        "Outcomes against participation (correlation, not cause)",
        "Vetoes, objections, concerns and alternatives",
        "Who decided",
        "Affected groups not heard",
        "Outcomes against targets",
        "Per person",
        "Per decision",
        "<h3>Participation</h3>",
    ] {
        assert!(page.contains(part), "{part} missing");
    }
}

/// The figures the page shows for the example, against the hand-checked
/// facts of `EXPECTED-FINDINGS.md` and the terminal report.
#[test]
fn html_page_shows_the_examples_figures() {
    let page = example_page();
    for fact in [
        // Tiles: the pooled participation and its n.
        "<div class=\"label\">Participation (pooled)</div><div class=\"value\">77%</div><div class=\"detail\">171 of 221</div>",
        // Needs attention: the one open objection, and who 0024 waits on.
        "<span class=\"overdue\">objection</span> by Kofi Mensah on 2026-03-10 against <span class=\"id\">0020</span>",
        "waiting on Ana Ruiz, Dana Okafor, Felix Braun, Grace O&#39;Neill, Inês Duarte, Jonas Berg, Omar Haddad, Raj Menon and Tomás Herrera (due 2026-10-18, 38 days overdue) — 6 of 15 asked gave a view",
        // Registers: 0020 was accepted over an open objection.
        "<span class=\"id\">0020</span> Cap model-suggested retention discounts at 20% for 12 months</td>\
         <td>accepted</td><td>2026-03-24</td><td>grace, raj</td><td>-</td><td></td><td>1</td><td><span class=\"overdue\">1</span></td></tr>",
        // 0012 was decided by raj, outside the charter's decision rights.
        "<td>accepted</td><td>2025-11-04</td><td>grace, raj</td><td>priya, grace (outside: raj)</td><td>grace</td><td>1</td><td>0</td></tr>",
        // The veto on 0012, lifted by dana with a written resolution.
        "<td>veto</td><td>dana</td><td>2025-10-14</td>",
        "<td>✓ 2025-10-28 by dana</td><td>Lifted after the demo of the queue capped by each site&#39;s daily calling capacity (0012).</td>",
        // Outcomes against targets: 0003's AUC met its target.
        "<td>auc</td><td>&#62;= 0.80</td><td>2025-09-30</td><td>0.823 on 2025-12-31</td><td>✓ met</td>",
        // The cadence table flags the 168-day gap.
        "<td>2026-09-01</td><td>168</td><td>⚠ over 14 days</td>",
    ] {
        assert!(page.contains(fact), "missing: {fact}");
    }
}

const HOSTILE: &str = "<script>alert(1)</script>";

/// A log whose text tries every way into the page.
fn hostile_log() -> tempfile::TempDir {
    let dir = tempdir();
    write(
        dir.path(),
        "decide.toml",
        "base-url = \"https://git.example.com/team/repo/blob/main/decisions\"\n",
    );
    write(
        dir.path(),
        "decisions/charter.md",
        "---\nresponse-days: 5\n---\n# <img src=https://evil.example/charter.png onerror=alert(1)>\n",
    );
    write(
        dir.path(),
        "decisions/0001-script.md",
        &format!(
            "---\ntitle: \"{HOSTILE}\"\nstatus: accepted\ndate: 2026-01-05\ndecided: 2026-01-20\n\
             model: \"</style><script>alert(2)</script>\"\n\
             owners: ['\"><img src=x onerror=alert(1)>']\ndecision-makers: [raj]\nconsulted: [lee]\n\
             alternatives:\n  - title: '<iframe src=https://evil.example/alt></iframe>'\n    rejected-because: '<a href=javascript:alert(1)>x</a>'\n\
             feedback:\n  - by: lee\n    date: 2026-01-10\n    stance: objection\n    note: '<svg onload=alert(1)>'\n\
             actions:\n  - owner: raj\n    due: 2026-02-01\n    status: open\n    note: '<object data=https://evil.example/o></object>'\n---\n\
             # {HOSTILE}\n\n## Rationale\n\n\
             Raw <script src=\"https://evil.example/x.js\"></script> and <img src=\"https://evil.example/i.png\" onerror=\"alert(1)\">.\n\n\
             <style>body {{ background: url(https://evil.example/bg.png) }}</style>\n\n\
             ![pixel](https://evil.example/m.png) [click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) \
             [spaced](java\tscript:alert(1)) [fine](https://example.org/ok)\n"
        ),
    );
    write(
        dir.path(),
        "decisions/0002-x\"><b>.md",
        "---\ntitle: '\"><img src=x onerror=alert(1)>'\nstatus: proposed\ndate: 2026-02-01\nowners: [ana]\nconsulted: [lee]\n---\n# x\n",
    );
    write(
        dir.path(),
        "decisions/reviews/2026-01-12-check.md",
        "---\nkind: check-in\ndate: 2026-01-12\nfacilitator: '<b onmouseover=alert(1)>mei</b>'\ndecisions: [1]\n---\n",
    );
    dir
}

fn hostile_page(dir: &Path) -> String {
    let run = decide(
        dir,
        &["report", "--as-of", "2026-03-01", "--format", "html"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn html_page_escapes_record_text_and_links_to_the_source() {
    let dir = hostile_log();
    let page = hostile_page(dir.path());
    assert_no_markup_from_records(&page);
    // The charter's title is nothing but markup: the page is named after the folder.
    let folder = dir.path().file_name().unwrap().to_str().unwrap();
    assert!(
        page.contains(&format!("<h1>{folder} decision log</h1>")),
        "{page}"
    );
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "title shown as text"
    );
    assert!(
        !page.contains("evil.example/m.png\""),
        "an image became a request"
    );
    assert!(page.contains("<a href=\"https://example.org/ok\">fine</a>"));
    // Ids link to the files under base-url, file names percent-encoded.
    assert!(
        page.contains(
            "href=\"https://git.example.com/team/repo/blob/main/decisions/0001-script.md\""
        )
    );
    assert!(
        page.contains("decisions/0002-x%22%3E%3Cb%3E.md\""),
        "{page}"
    );
}

/// Fails if a tag of `html` carries an event handler, a script, a frame, an
/// image or any URL that is not one of the page's own links.
fn assert_no_markup_from_records(html: &str) {
    for tag in tags(html) {
        let lower = tag.to_lowercase();
        let name: String = lower
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ![
                "script", "iframe", "img", "object", "embed", "link", "b", "base", "svg:a"
            ]
            .contains(&name.as_str()),
            "injected element: <{tag}>"
        );
        for attr in lower.split_whitespace().skip(1) {
            assert!(!attr.starts_with("on"), "event handler in <{tag}>");
            assert!(
                !attr.contains("javascript:") && !attr.contains("data:"),
                "script URL in <{tag}>"
            );
            assert!(!attr.contains("evil.example"), "external URL in <{tag}>");
        }
    }
    assert_eq!(html.matches("<style").count(), 1, "one style element");
}

/// The tags of an HTML text (text between `<` and `>`; escaped text has none).
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        if !tag.starts_with('!') {
            out.push(tag);
        }
        rest = &after[end.min(after.len())..];
    }
    out
}

// ---- in a real browser ----

/// Headless Chromium, or `None` (with a note) when it is not installed
/// outside CI. In CI (`CI=true`) a missing browser fails the test.
fn chromium() -> Option<PathBuf> {
    let candidates = std::env::var_os("DECIDE_CHROMIUM")
        .map(|p| vec![PathBuf::from(p)])
        .unwrap_or_else(|| {
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .filter_map(|name| {
                    std::env::split_paths(&std::env::var_os("PATH")?)
                        .map(|dir| dir.join(name))
                        .find(|p| p.is_file())
                })
                .collect()
        });
    let found = candidates.into_iter().find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no chromium: install Debian's `chromium` (.ci/run does) or set DECIDE_CHROMIUM"
        );
        eprintln!("note: chromium not found; skipping the browser test (apt-get install chromium)");
    }
    found
}

/// Runs headless Chromium on `page` with `args`, returning its stdout.
/// A fresh profile, no network services, and a generous time limit.
fn browse(browser: &Path, work: &Path, page: &Path, args: &[String]) -> String {
    let profile = tempfile::Builder::new()
        .prefix("profile")
        .tempdir_in(work)
        .unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut { stdout }, &mut s);
        s
    });
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("chromium did not finish within 180 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// The `<figure id=ID>…</figure>` of a rendered page.
fn figure<'a>(dom: &'a str, id: &str) -> &'a str {
    let start = dom
        .find(&format!("<figure id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no figure {id}"));
    let end = dom[start..].find("</figure>").unwrap() + start;
    &dom[start..end]
}

#[test]
fn html_page_renders_in_chromium_at_desktop_and_phone_width() {
    let Some(browser) = chromium() else { return };
    let work = tempdir();
    let page = work.path().join("report.html");
    std::fs::write(&page, example_page()).unwrap();
    let dom = browse(&browser, work.path(), &page, &["--dump-dom".into()]);
    assert!(dom.contains("<h1>Charter: how the churn and retention team decides</h1>"));
    assert!(dom.matches("<li class=\"tile").count() >= 15, "tiles");
    let attention = &dom[dom.find("<section id=\"attention\">").unwrap()..];
    let attention = &attention[..attention.find("</section>").unwrap()];
    assert!(attention.contains("Kofi Mensah") && attention.contains("Jonas Berg"));
    assert!(attention.matches("<li>").count() >= 6, "{attention}");
    for id in [
        "chart-participation",
        "chart-latency",
        "chart-completeness",
        "chart-roles",
        "chart-cadence",
        "chart-outcomes",
    ] {
        let f = figure(&dom, id);
        assert!(
            f.contains("<svg") && f.contains("<title"),
            "{id} has no chart"
        );
        assert!(
            f.contains("<table>") && f.contains("<td>"),
            "{id} has no data table"
        );
    }
    assert!(dom.matches("<details class=\"dec").count() == 30);
    for (width, name) in [(1280, "desktop"), (390, "phone")] {
        let shot = work.path().join(format!("{name}.png"));
        browse(
            &browser,
            work.path(),
            &page,
            &[
                format!("--window-size={width},1600"),
                format!("--screenshot={}", shot.display()),
            ],
        );
        let bytes = std::fs::read(&shot).expect("screenshot written");
        assert_eq!(png_size(&bytes), (width, 1600), "{name}");
        // A blank page compresses to a few kilobytes; this one has tiles and text.
        assert!(
            bytes.len() > 30_000,
            "{name} screenshot is {} bytes",
            bytes.len()
        );
    }
}

#[test]
fn hostile_page_in_chromium_has_no_injected_element_and_fetches_nothing() {
    let Some(browser) = chromium() else { return };
    let log = hostile_log();
    let work = tempdir();
    let page = work.path().join("hostile.html");
    std::fs::write(&page, hostile_page(log.path())).unwrap();
    let net_log = work.path().join("net.json");
    let dom = browse(
        &browser,
        work.path(),
        &page,
        &[
            "--dump-dom".into(),
            format!("--log-net-log={}", net_log.display()),
        ],
    );
    assert!(dom.contains("</html>"), "{dom}");
    assert_no_markup_from_records(&dom);
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "title as text"
    );
    let net = read(&net_log);
    assert!(!net.is_empty());
    assert!(
        !net.contains("evil.example"),
        "the page asked for an external resource"
    );
}

#[test]
fn html_page_takes_the_report_filters_and_writes_a_file() {
    let filters = [
        "--as-of",
        AS_OF,
        "--since",
        "2025-10-01",
        "--until",
        "2026-06-30",
        "--model",
        "retention-offers",
    ];
    let dir = tempdir();
    let out = dir.path().join("page.html");
    let mut args = vec!["report", "--dir", "examples/churn-model/decisions"];
    args.extend(filters);
    let json = decide(&repo(), &[&args[..], &["--format", "json"]].concat());
    let expected: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let ids: Vec<&str> = expected["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!ids.is_empty() && ids.len() < 30, "{ids:?}");
    let out_arg = out.to_str().unwrap();
    let run = decide(
        &repo(),
        &[&args[..], &["--format", "html", "-o", out_arg]].concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("wrote "), "{}", run.stderr);
    let page = read(&out);
    assert!(page.contains(
        "Engagement report, as of 2026-11-25, decisions dated 2025-10-01 to 2026-06-30, model retention-offers"
    ));
    let shown: Vec<&str> = page
        .split("<details class=\"dec")
        .skip(1)
        .map(|d| {
            let id = d.split("<span class=\"id\">").nth(1).unwrap();
            &id[..id.find('<').unwrap()]
        })
        .collect();
    assert_eq!(shown, ids);
}

/// A small log whose chart tables and registers are computed by hand in
/// the comments, with the edges of each definition: a support after the
/// decision, an objection resolved on the decision day, a veto resolved
/// after it, a resolution after the as-of date, a gap of exactly
/// `check-in-days`, and a target that is not a number.
#[test]
fn html_tables_and_registers_match_a_hand_computed_log() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/charter.md",
        "---\nresponse-days: 5\ncheck-in-days: 14\n---\n# Small team\n",
    );
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\ntitle: A\nstatus: accepted\ndate: 2026-01-10\ndecided: 2026-01-20\nowners: [ana]\n\
         decision-makers: [raj, mei]\nconsulted: [lee]\n\
         expected-outcomes:\n  - metric: auc\n    target: \">= 0.80\"\n    by: 2026-06-30\n  - metric: cost\n    target: lower\n\
         feedback:\n\
         \x20 - {by: raj, date: 2026-01-15, stance: support}\n\
         \x20 - {by: mei, date: 2026-01-21, stance: support}\n\
         \x20 - {by: lee, date: 2026-01-12, stance: objection, note: too slow, resolved: 2026-01-20}\n\
         \x20 - {by: lee, date: 2026-01-13, stance: veto, note: no, resolved: 2026-01-25}\n\
         ---\n# A\n",
    );
    write(
        dir.path(),
        "decisions/0002-b.md",
        "---\ntitle: B\nstatus: proposed\ndate: 2026-02-03\nowners: [ana]\nconsulted: [lee]\n\
         feedback:\n\
         \x20 - {by: lee, date: 2026-02-05, stance: objection, note: open one}\n\
         \x20 - {by: lee, date: 2026-02-06, stance: objection, note: later, resolved: 2026-03-10}\n\
         ---\n# B\n",
    );
    for (name, date) in [
        ("a", "2026-01-05"),
        ("b", "2026-01-19"),
        ("c", "2026-02-25"),
    ] {
        write(
            dir.path(),
            &format!("decisions/reviews/{date}-{name}.md"),
            &format!("---\nkind: check-in\ndate: {date}\nfacilitator: ana\ndecisions: [1]\n---\n"),
        );
    }
    write(
        dir.path(),
        "decisions/reviews/2026-02-20-retro.md",
        "---\nkind: retro\ndate: 2026-02-20\ndecisions: [1]\n\
         outcomes:\n  - {decision: 1, metric: auc, value: 0.79, date: 2026-02-20}\n  - {decision: 1, metric: cost, value: 3, date: 2026-02-20}\n---\n",
    );
    let run = decide(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "html"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    let table = |id: &str| -> String {
        let f = &page[page.find(&format!("<figure id=\"{id}\">")).unwrap()..];
        let f = &f[..f.find("</figure>").unwrap()];
        f[f.find("<tbody>").unwrap()..f.find("</tbody>").unwrap()]
            .trim_end()
            .to_string()
    };
    // 0001 expects raj, mei, lee: raj and lee answered by `decided`, mei's
    // support came the day after. 0002 expects lee, who answered.
    assert_eq!(
        table("chart-participation"),
        "<tbody>\n<tr><td>2026-01</td><td>1</td><td>2</td><td>3</td><td>67%</td></tr>\n\
         <tr><td>2026-02</td><td>1</td><td>1</td><td>1</td><td>100%</td></tr>"
    );
    // One request (0002, proposed 02-03, due 02-08): lee answered in 2 days.
    // The norm of 5 days makes the bins one day wide, 0 to 5.
    let latency = table("chart-latency");
    assert!(
        latency.contains("<tr><td>2</td><td>1</td><td>1</td></tr>")
            && latency.contains("<tr><td>5</td><td>0</td><td>0</td></tr>")
            && !latency.contains("<td>6</td>"),
        "{latency}"
    );
    // From the earliest date (01-05) to T (03-01): a gap of exactly 14 days
    // is within the charter; 37 days is not.
    assert_eq!(
        table("chart-cadence"),
        "<tbody>\n<tr><td>2026-01-05</td><td>0</td><td>—</td></tr>\n\
         <tr><td>2026-01-19</td><td>14</td><td>—</td></tr>\n\
         <tr><td>2026-02-25</td><td>37</td><td>⚠ over 14 days</td></tr>\n\
         <tr><td>2026-03-01 (end of the period)</td><td>4</td><td>—</td></tr>"
    );
    // Registers: the objection resolved on the decision day was not open
    // when 0001 was decided, the veto resolved after it was; 0002's second
    // objection is resolved only after T, so it is still open.
    for row in [
        "<td>too slow</td><td>✓ 2026-01-20</td>",
        "<td>veto</td><td>lee</td><td>2026-01-13</td><td>no</td><td>✓ 2026-01-25</td>",
        "<td>open one</td><td><span class=\"overdue\">open</span></td>",
        "<td>later</td><td><span class=\"overdue\">open</span></td>",
        "<td>too slow</td><td>✓ 2026-01-20</td><td>(no resolution written)</td>",
        "<td>accepted</td><td>2026-01-20</td><td>raj, mei</td><td>-</td><td>raj</td><td>2</td><td><span class=\"overdue\">1</span></td>",
        "<td>auc</td><td>&#62;= 0.80</td><td>2026-06-30</td><td>0.79 on 2026-02-20</td><td><span class=\"overdue\">missed</span></td>",
        "<td>cost</td><td>lower</td><td></td><td>3 on 2026-02-20</td><td>not comparable</td>",
    ] {
        assert!(page.contains(row), "missing: {row}");
    }
    // The proposal is not an approval.
    let approvals = &page[page.find("<h3>Who decided</h3>").unwrap()..];
    let approvals = &approvals[..approvals.find("</table>").unwrap()];
    assert!(approvals.contains("<span class=\"id\">0001</span>"));
    assert!(
        !approvals.contains("<span class=\"id\">0002</span>"),
        "{approvals}"
    );
    // The page shows the report's own register: JSON carries the same.
    let json = json_of(&decide(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "json"],
    ));
    let approvals = &json["registers"]["approvals"];
    assert_eq!(approvals.as_array().map(Vec::len), Some(1), "{approvals}");
    assert_eq!(approvals[0]["support"], serde_json::json!(["raj"]));
    assert_eq!(approvals[0]["objections_by_decision"], 2);
    assert_eq!(approvals[0]["open_when_decided"], 1);
}

/// Needs attention is the state on the as-of date: a date window does not
/// hide a proposal that still waits (SPEC §6), and the page says so.
#[test]
fn html_needs_attention_ignores_the_date_window() {
    let run = decide(
        &repo(),
        &[
            "report",
            "--dir",
            "examples/churn-model/decisions",
            "--as-of",
            AS_OF,
            "--since",
            "2025-06-01",
            "--until",
            "2025-06-30",
            "--format",
            "html",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    let attention = &page[page.find("<section id=\"attention\">").unwrap()..];
    let attention = &attention[..attention.find("</section>").unwrap()];
    assert!(
        attention.contains("The state on 2026-11-25 of every decision, whatever the date window.")
    );
    // 0024 is dated 2026-08-11, outside the window, and still waits on two people.
    assert!(
        attention.contains("<span class=\"id\">0024</span>"),
        "{attention}"
    );
    assert!(
        !page.contains("<details class=\"dec st-proposed"),
        "window applies to the tables"
    );
}

/// Without a `decided` date nothing says what had been raised when the
/// decision was taken: the counts are left blank, not zero.
#[test]
fn an_approval_without_a_decided_date_leaves_the_counts_blank() {
    let dir = small_log(&[(
        "0001-a.md",
        "---\ntitle: A\nstatus: accepted\ndate: 2026-01-10\ndecision-makers: [raj]\n\
         feedback:\n  - {by: lee, date: 2026-01-12, stance: objection, note: no}\n\
         \x20 - {by: raj, date: 2026-01-12, stance: support}\n---\n# A\n",
    )]);
    let json = json_of(&decide(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "json"],
    ));
    let approval = &json["registers"]["approvals"][0];
    assert_eq!(approval["id"], "0001");
    assert_eq!(approval["support"], serde_json::json!([]));
    assert!(approval["objections_by_decision"].is_null(), "{approval}");
    assert!(approval["open_when_decided"].is_null(), "{approval}");
    let page = decide(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "html"],
    )
    .stdout;
    assert!(
        page.contains(
            "<td>accepted</td><td></td><td>raj</td><td>-</td><td></td><td></td><td></td></tr>"
        ),
        "{page}"
    );
}
