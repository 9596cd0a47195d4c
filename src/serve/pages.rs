//! The HTML: the ward page, rendered here whole, and the division page, a shell whose form
//! `assets/serve/app.js` builds from the division's JSON. The script, the style sheet and the
//! fonts (BIZ UDゴシック, as web fonts) are in the binary: nothing comes from the internet.

use super::App;
use super::auth::Signed;
use super::board::{self, DivisionSummary, Stage, WardSummary};
use super::http;
use crate::locale::{Arg, Lang, text_in};
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use fluent_bundle::FluentValue;
use std::fmt::Write;
use std::sync::Arc;

const SCRIPT: &str = include_str!("../../assets/serve/app.js");
const STYLE: &str = include_str!("../../assets/serve/app.css");
const PLANNING: &str = include_str!("../../assets/serve/planning.js");

/// `GET /assets/{name}`: the script, the style sheet and the two weights of the font.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (kind, body): (&str, &'static [u8]) = match name.as_str() {
        "app.js" => ("text/javascript; charset=utf-8", SCRIPT.as_bytes()),
        "app.css" => ("text/css; charset=utf-8", STYLE.as_bytes()),
        "planning.js" => ("text/javascript; charset=utf-8", PLANNING.as_bytes()),
        "BIZUDGothic-Regular.ttf" => ("font/ttf", crate::pdf::fonts::EMBEDDED[0].1),
        "BIZUDGothic-Bold.ttf" => ("font/ttf", crate::pdf::fonts::EMBEDDED[1].1),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let cache = if kind.starts_with("font") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, cache)],
        body,
    )
        .into_response()
}

/// Text made safe to put in HTML, in an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => safe.push_str("&amp;"),
            '<' => safe.push_str("&lt;"),
            '>' => safe.push_str("&gt;"),
            '"' => safe.push_str("&quot;"),
            '\'' => safe.push_str("&#39;"),
            c => safe.push(c),
        }
    }
    safe
}

/// What a URL path segment must not hold as it is (RFC 3986), with `%` and `'`.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'\'')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A URL path segment: `higashi-r5`, `%E5%9C%B0%E5%9F%9F%E8%AA%B2`.
pub(super) fn segment(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, SEGMENT).to_string()
}

pub(super) fn page(lang: Lang, title: &str, body: &str, signed: Option<&Signed>) -> String {
    let csrf = signed.and_then(|s| s.csrf.as_deref()).unwrap_or("");
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"mokuhyo-csrf\" content=\"{}\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head>\
         <body>{body}{}<script src=\"/assets/app.js\"></script></body></html>",
        lang.code(),
        escape(csrf),
        escape(title),
        signed.map(|s| who(s, lang)).unwrap_or_default(),
    )
}

/// Who is signed in, with the sign-out button (nothing when there are no accounts).
fn who(signed: &Signed, lang: Lang) -> String {
    let Some(csrf) = signed.csrf.as_deref().filter(|_| signed.account) else {
        return String::new();
    };
    format!(
        "<form class=\"who\" method=\"post\" action=\"/signout?csrf={}\"><span>{}</span> \
         <button type=\"submit\">{}</button></form>",
        escape(csrf),
        escape(&signed.name),
        escape(&text_in(lang, "web-sign-out", &[]))
    )
}

/// `GET /`: every ward and division, with its state at a glance.
pub async fn wards(State(app): State<Arc<App>>, Extension(signed): Extension<Signed>) -> Response {
    let lang = app.lang;
    let work = Arc::clone(&app);
    let Ok(wards) = tokio::task::spawn_blocking(move || board::summaries(&work)).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let t = |id: &str| escape(&text_in(lang, id, &[]));
    // The planning section's pages, for the account that may change everything.
    let planning = match signed.has_all() {
        true => format!(
            "<nav class=\"planning-links\"><a class=\"button\" href=\"/planning\">{}</a> \
             <a class=\"button\" href=\"/accounts\">{}</a></nav>",
            t("web-planning"),
            t("web-accounts")
        ),
        false => String::new(),
    };
    let mut body = format!(
        "<header class=\"bar\"><h1>{}</h1>{planning}{}</header><main class=\"wards\">",
        t("web-title"),
        words_script(lang)
    );
    if wards.is_empty() {
        let _ = write!(body, "<p>{}</p>", t("web-no-wards"));
    } else {
        // The divisions still to do, the rest hidden by the script (kept while the page lives).
        let _ = write!(
            body,
            "<p class=\"filter\"><label><input type=\"checkbox\" id=\"only-open\"> {}</label></p>",
            t("web-board-only-open")
        );
    }
    for ward in &wards {
        ward_section(&mut body, ward, signed.has_all(), lang);
    }
    // The volumes and "make every PDF" are the planning section's: not offered to others.
    if signed.has_all() {
        let _ = write!(
            body,
            "<section class=\"build\"><button type=\"button\" id=\"build-all\">{}</button>\
             <p id=\"build-result\" role=\"status\"></p></section>",
            t("web-build-all")
        );
    }
    body.push_str("</main>");
    let title = text_in(lang, "web-title", &[]);
    Html(page(lang, &title, &body, Some(&signed))).into_response()
}

fn ward_section(body: &mut String, ward: &WardSummary, all: bool, lang: Lang) {
    let t = |id: &str| escape(&text_in(lang, id, &[]));
    let folder = segment(&ward.folder);
    let volume = if all {
        let mut links = format!(
            "<a class=\"button\" href=\"/api/wards/{folder}/volume.pdf\">{}</a> ",
            t("web-volume-pdf")
        );
        // The evaluation summary, once there is an evaluation to sum up.
        if ward.evaluated {
            for (format, id) in [("xlsx", "web-summary-xlsx"), ("csv", "web-summary-csv")] {
                let href = format!("/api/wards/{folder}/summary.{format}");
                let _ = write!(links, "<a class=\"button\" href=\"{href}\">{}</a> ", t(id));
            }
        }
        links
    } else {
        String::new()
    };
    let _ = write!(
        body,
        "<section class=\"ward\"><h2>{} {}{}{}</h2><p>{volume}\
         <a class=\"button\" href=\"/wards/{folder}\">{}</a> \
         <a class=\"button\" href=\"/wards/{folder}/forms\">{}</a></p>",
        escape(&ward.name),
        escape(&ward.fiscal_year),
        if ward.evaluated {
            format!(" <span class=\"tag\">{}</span>", t("web-evaluated"))
        } else {
            String::new()
        },
        if ward.closed {
            format!(" <span class=\"tag closed\">{}</span>", t("web-closed"))
        } else {
            String::new()
        },
        t("web-ward-settings"),
        t("web-excel-forms"),
    );
    if ward.errors > 0 {
        let count: Arg = ("count", FluentValue::from(ward.errors));
        let words = text_in(lang, "web-ward-file-problems", &[count]);
        let _ = write!(body, "<p class=\"error\">{}</p>", escape(&words));
    }
    let _ = write!(
        body,
        "<p class=\"counts\">{}</p>",
        escape(&counts_words(ward, lang))
    );
    let _ = write!(
        body,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead><tbody>",
        t("web-col-order"),
        t("web-col-division"),
        t("web-col-state"),
        t("web-col-goals"),
        t("web-col-rated"),
        t("web-col-saved"),
    );
    for division in &ward.divisions {
        let name = segment(&division.name);
        let href = format!("/wards/{folder}/divisions/{name}");
        let (class, state) = state_cell(division, ward.evaluated, lang);
        let _ = write!(
            body,
            "<tr data-state=\"{}\"><td>{}</td><td><a href=\"{href}\">{}</a></td><td class=\"{class}\">{}</td>\
             <td>{} / 5</td><td>{}</td><td>{}</td>\
             <td><a href=\"{href}\">{}</a> <a href=\"/api/wards/{folder}/divisions/{name}.pdf\">{}</a></td></tr>",
            state_name(division.state),
            division.order.map(|o| o.to_string()).unwrap_or_default(),
            escape(&division.name),
            escape(&state),
            division.goals,
            rated_words(division, ward.evaluated),
            escape(&saved_words(division, lang)),
            t("web-open"),
            t("web-pdf"),
        );
    }
    body.push_str("</tbody></table></section>");
}

/// The state as the script filters it (`data-state`).
fn state_name(state: Stage) -> &'static str {
    match state {
        Stage::NotStarted => "not_started",
        Stage::Errors => "errors",
        Stage::InProgress => "in_progress",
        Stage::Done => "done",
    }
}

/// The state cell's class and words: 未着手, エラー 2 件, 評価中, 記入済み / 評価済み, with
/// the warnings beside them. A placeholder is not started, not 「問題なし」.
fn state_cell(division: &DivisionSummary, evaluated: bool, lang: Lang) -> (&'static str, String) {
    let t = |id: &str| text_in(lang, id, &[]);
    let warnings = || state_words(0, division.warnings, lang);
    let with_warnings = |words: String| match division.warnings {
        0 => words,
        _ => format!("{words}（{}）", warnings()),
    };
    match division.state {
        Stage::NotStarted => ("not-started", t("web-state-not-started")),
        Stage::Errors => (
            "error",
            state_words(division.errors, division.warnings, lang),
        ),
        Stage::InProgress => ("progress", with_warnings(t("web-state-in-progress"))),
        Stage::Done if evaluated => ("ok", with_warnings(t("web-state-evaluated"))),
        Stage::Done => ("ok", with_warnings(t("web-state-written"))),
    }
}

/// The goals rated of those written (`2 / 3`), once the ward is evaluated; `—` before.
fn rated_words(division: &DivisionSummary, evaluated: bool) -> String {
    match evaluated {
        true => format!("{} / {}", division.rated, division.goals),
        false => "—".into(),
    }
}

/// When the division was last saved, and by whom: `2026-04-10 09:30 chiiki`.
fn saved_words(division: &DivisionSummary, lang: Lang) -> String {
    let by = match &division.saved_by {
        Some(name) => name.clone(),
        None => text_in(lang, "web-history-outside", &[]),
    };
    match division.saved.as_str() {
        "" => String::new(),
        when => format!("{when} {by}"),
    }
}

/// The divisions of a ward by state: 「8課：未着手 2・エラー 1・記入済み 5」 (states with none left out).
fn counts_words(ward: &WardSummary, lang: Lang) -> String {
    let c = &ward.counts;
    let done = if ward.evaluated {
        "web-state-evaluated"
    } else {
        "web-state-written"
    };
    let parts = [
        ("web-state-not-started", c.not_started),
        ("web-board-errors", c.errors),
        ("web-state-in-progress", c.in_progress),
        (done, c.done),
    ];
    let parts: Vec<String> = (parts.iter().filter(|(_, n)| *n > 0))
        .map(|(id, n)| format!("{} {n}", text_in(lang, id, &[])))
        .collect();
    let total: Arg = ("count", FluentValue::from(ward.divisions.len()));
    let list: Arg = ("states", FluentValue::from(parts.join("・")));
    text_in(lang, "web-board-counts", &[total, list])
}

fn state_words(errors: usize, warnings: usize, lang: Lang) -> String {
    let mut words = Vec::new();
    if errors > 0 {
        let count: Arg = ("count", FluentValue::from(errors));
        words.push(text_in(lang, "web-state-errors", &[count]));
    }
    if warnings > 0 {
        let count: Arg = ("count", FluentValue::from(warnings));
        words.push(text_in(lang, "web-state-warnings", &[count]));
    }
    if words.is_empty() {
        words.push(text_in(lang, "web-state-ok", &[]));
    }
    words.join("、")
}

/// `GET /wards/{ward}/divisions/{division}`: the page the form is built in.
pub async fn division(
    State(app): State<Arc<App>>,
    Path((ward, division)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
) -> Response {
    let lang = app.lang;
    let Some((ward, file)) = http::find(&app, &ward, &division).await else {
        return not_found_page(lang, &signed);
    };
    let read_only = super::read_only::division(&signed, &ward.folder, &file.name);
    let read_only = read_only.map(|r| r.words(&signed, lang));
    let signed_for_reason = signed.clone();
    let dir = ward.dir.clone();
    let (wardf, filef) = (ward.clone(), file.clone());
    let (closed, closed_reason, submitted) = http::blocking(move || {
        let closed = super::setup::is_closed(&dir);
        (
            closed,
            super::setup::read_only_reason(&dir, &signed_for_reason, lang),
            super::approvals::waiting(&wardf, &filef),
        )
    })
    .await
    .unwrap_or_default();
    // A division's account in a closed year reads only, as one of another division does; a
    // sheet waiting for approval reads only for everyone, as its save is refused.
    let submitted = submitted.then(|| super::read_only::ReadOnly::Submitted.words(&signed, lang));
    let read_only = read_only.or(closed_reason).or(submitted);
    let others = {
        let (root, ward, file) = (app.root.clone(), ward.clone(), file.path.clone());
        let names = move || super::sheets::division_files(&root, &ward).into_iter();
        let others = move || names().filter(|d| d.path != file).map(|d| d.name).collect();
        http::blocking(others).await.unwrap_or_else(Vec::new)
    };
    let config = serde_json::json!({
        "ward": ward.folder,
        "division": file.name,
        "file": file.file_name(),
        // Why the page cannot be saved (a note instead of the save button), or null.
        "read_only": read_only,
        // The longest reason a return takes.
        "comment_limit": super::approvals::COMMENT_LIMIT,
        // Whose unsaved text the page keeps and offers back: another account signing in on
        // this browser is never offered it.
        "account": if signed.account { signed.name.as_str() } else { "" },
        // Whether the division may be given another name (a restricted account may not: its
        // rights are by name), and the keys of the names, checked as they are typed.
        "may_rename": signed.has_all(),
        "name_key": crate::sheet::fields::DIVISION,
        "names": [crate::sheet::fields::DEPARTMENT, crate::sheet::fields::DIVISION],
        // A closed year (read-only for a division's account, the reason above).
        "closed": closed,
        // The ward's other divisions' names: a rename into one is told as it is typed.
        "other_divisions": others,
        // The form is built from the sheet's field table: the script names no field.
        "fields": crate::sheet::fields::form_description(crate::sheet::fields::FIELDS),
    });
    let body = format!(
        "<div id=\"app\" class=\"division\" data-page=\"division\"></div>\
         <script id=\"config\" type=\"application/json\">{}</script>{}",
        script_json(&config),
        words_script(lang)
    );
    let title = format!("{} — {}", file.name, text_in(lang, "web-title", &[]));
    Html(page(lang, &title, &body, Some(&signed))).into_response()
}

/// `GET /wards/{ward}`: the ward's own settings (`ward.toml`), a form built by the script;
/// shown to everyone, changed only by an account that may change every division.
pub async fn ward_settings(
    State(app): State<Arc<App>>,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Response {
    let lang = app.lang;
    let Some(ward) = http::find_ward(&app, &ward).await else {
        return not_found_page(lang, &signed);
    };
    let work = Arc::clone(&app);
    let checked = tokio::task::spawn_blocking(move || {
        let problems = super::preview::check_ward(&work, &ward, lang);
        (ward, problems)
    });
    let Ok((ward, problems)) = checked.await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let config = serde_json::json!({
        "ward": ward.folder,
        "may_change": signed.has_all(),
        "problems": problems,
    });
    let body = format!(
        "<div id=\"app\" class=\"ward-settings\" data-page=\"ward\"></div>\
         <script id=\"config\" type=\"application/json\">{}</script>{}",
        script_json(&config),
        words_script(lang)
    );
    let title = format!(
        "{} {} — {}",
        ward.folder,
        text_in(lang, "web-ward-settings", &[]),
        text_in(lang, "web-title", &[])
    );
    Html(page(lang, &title, &body, Some(&signed))).into_response()
}

fn not_found_page(lang: Lang, signed: &Signed) -> Response {
    let body = format!(
        "<main><p>{}</p><p><a href=\"/\">{}</a></p></main>",
        escape(&text_in(lang, "web-not-found", &[])),
        escape(&text_in(lang, "web-back", &[]))
    );
    let page = page(lang, "404", &body, Some(signed));
    (StatusCode::NOT_FOUND, Html(page)).into_response()
}

/// JSON to put inside a `<script>` element: `</` cannot end it early.
fn script_json(value: &serde_json::Value) -> String {
    value.to_string().replace("</", "<\\/")
}

/// The words the script shows, in the page's language, as `{id: text}`; a message's
/// arguments stay as `{name}` for the script to fill in.
fn words_script(lang: Lang) -> String {
    let mut words = serde_json::Map::new();
    for (id, args) in SCRIPT_WORDS {
        let args: Vec<Arg> = (args.iter())
            .map(|name| (*name, FluentValue::from(format!("{{{name}}}"))))
            .collect();
        let text = text_in(lang, id, &args);
        words.insert(id.trim_start_matches("web-").to_string(), text.into());
    }
    format!(
        "<script id=\"words\" type=\"application/json\">{}</script>",
        script_json(&serde_json::Value::Object(words))
    )
}

/// The messages the script uses, with the names of their arguments.
const SCRIPT_WORDS: &[(&str, &[&str])] = &[
    ("web-title", &[]),
    ("web-back", &[]),
    ("web-save", &[]),
    ("web-saving", &[]),
    ("web-saved", &[]),
    ("web-unsaved", &[]),
    ("web-saved-with-errors", &["count"]),
    ("web-pdf", &[]),
    ("web-header", &[]),
    ("web-order", &[]),
    ("web-department", &[]),
    ("web-division", &[]),
    ("web-policy-indicators", &[]),
    ("web-goal", &["no"]),
    ("web-goal-text", &[]),
    ("web-plan-ref", &[]),
    ("web-rating", &[]),
    ("web-rating-none", &[]),
    ("web-rating-achieved", &[]),
    ("web-rating-partly", &[]),
    ("web-rating-missed", &[]),
    ("web-status", &[]),
    ("web-next-steps", &[]),
    ("web-action", &["no"]),
    ("web-action-name", &[]),
    ("web-summary", &[]),
    ("web-indicator", &["no"]),
    ("web-indicator-name", &[]),
    ("web-target", &[]),
    ("web-result", &[]),
    ("web-add-goal", &[]),
    ("web-add-action", &[]),
    ("web-add-indicator", &[]),
    ("web-remove", &[]),
    ("web-move-up", &[]),
    ("web-move-down", &[]),
    ("web-preview", &[]),
    ("web-preview-waiting", &[]),
    ("web-preview-size", &["size"]),
    ("web-preview-pages", &["pages"]),
    ("web-problems", &[]),
    ("web-problems-none", &[]),
    ("web-problems-errors", &["count"]),
    ("web-problems-warnings", &["count"]),
    ("web-problems-go", &[]),
    ("web-severity-error", &[]),
    ("web-severity-warning", &[]),
    ("web-undo", &[]),
    ("web-undo-what", &["what"]),
    ("web-removed", &["what"]),
    ("web-undone", &["what"]),
    ("web-kept-title", &[]),
    ("web-kept-help", &["when"]),
    ("web-kept-older", &[]),
    ("web-kept-take", &[]),
    ("web-kept-discard", &[]),
    ("web-kept-taken", &[]),
    ("web-kept-discarded", &[]),
    ("web-kept-merged", &["count", "when"]),
    ("web-kept-several", &["count"]),
    ("web-kept-older-short", &[]),
    ("web-kept-take-when", &["when"]),
    ("web-kept-discard-all", &[]),
    ("web-other-tabs", &[]),
    ("web-sign-out-unsaved", &[]),
    ("web-name-spaces", &[]),
    ("web-name-invisible", &["chars"]),
    ("web-name-taken-here", &["other"]),
    ("web-order-needed", &[]),
    ("web-add-first", &["button", "what"]),
    ("web-name-empty", &[]),
    ("web-name-look-alike", &["name"]),
    ("web-name-not-yours", &["name"]),
    ("web-zoom", &[]),
    ("web-zoom-in", &[]),
    ("web-zoom-out", &[]),
    ("web-zoom-fit", &[]),
    ("web-zoom-full", &[]),
    ("web-zoom-wide", &[]),
    ("web-zoom-narrow", &[]),
    ("web-conflict-title", &[]),
    ("web-conflict-help", &[]),
    ("web-conflict-mine", &[]),
    ("web-conflict-theirs", &[]),
    ("web-conflict-keep-mine", &[]),
    ("web-conflict-take-theirs", &[]),
    ("web-changed-on-disk", &[]),
    ("web-merged", &["count"]),
    ("web-merged-elsewhere", &[]),
    ("web-merge-title", &[]),
    ("web-merge-help", &[]),
    ("web-merge-place", &[]),
    ("web-merge-keep-mine", &[]),
    ("web-merge-keep-theirs", &[]),
    ("web-merge-deleted", &[]),
    ("web-merge-settled", &[]),
    ("web-history-restore-field", &[]),
    ("web-history-restore-item", &["item"]),
    ("web-unreadable", &[]),
    ("web-building", &[]),
    ("web-built", &["written", "out", "errors", "warnings"]),
    ("web-failed", &[]),
    ("web-history", &[]),
    ("web-approval", &[]),
    ("web-stage-draft", &[]),
    ("web-stage-submitted", &[]),
    ("web-stage-submitted-step", &["step"]),
    ("web-stage-returned", &[]),
    ("web-stage-approved", &[]),
    ("web-stage-changed", &[]),
    ("web-stage-submitted-changed", &[]),
    ("web-submit-confirm", &[]),
    ("web-submit", &[]),
    ("web-withdraw", &[]),
    ("web-approve", &[]),
    ("web-return", &[]),
    ("web-return-comment", &[]),
    ("web-returned-comment", &["comment"]),
    ("web-approval-next", &["next"]),
    ("web-approval-by", &["by", "at"]),
    ("web-overdue", &[]),
    ("web-filter", &[]),
    ("web-filter-all", &[]),
    (
        "web-approval-counts",
        &["draft", "submitted", "returned", "approved", "overdue"],
    ),
    ("web-approval-deadline", &["deadline"]),
    ("web-history-a", &[]),
    ("web-history-b", &[]),
    ("web-history-when", &[]),
    ("web-history-who", &[]),
    ("web-history-outside", &[]),
    ("web-history-restore", &[]),
    ("web-history-compare", &[]),
    ("web-history-same", &[]),
    ("web-history-restored", &["when"]),
    ("web-close", &[]),
    ("web-ward-settings", &[]),
    ("web-ward-name", &[]),
    ("web-fiscal-year", &[]),
    ("web-fiscal-year-needed", &[]),
    ("web-created", &[]),
    ("web-evaluated-date", &[]),
    ("web-interim", &[]),
    ("web-decision", &[]),
    ("web-approval-record", &[]),
    ("web-event-submit", &[]),
    ("web-event-withdraw", &[]),
    ("web-event-approve", &["step"]),
    ("web-event-return", &[]),
    (
        "web-event-line",
        &["when", "what", "by", "version", "comment"],
    ),
    ("web-ward-read-only", &[]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        let value = serde_json::json!({ "division": "</script><script>alert(1)" });
        assert!(!script_json(&value).contains("</script>"));
        assert_eq!(
            segment("地域/課 a-1"),
            "%E5%9C%B0%E5%9F%9F%2F%E8%AA%B2%20a-1"
        );
    }

    #[test]
    fn every_script_word_is_in_both_catalogues() {
        for lang in [Lang::Ja, Lang::En] {
            for (id, _) in SCRIPT_WORDS {
                assert!(crate::locale::has(lang, id), "{id} in {}", lang.code());
            }
            let words = words_script(lang);
            assert!(words.contains("{no}") && !words.contains("{ $"), "{words}");
        }
    }
}
