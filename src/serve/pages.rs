//! The HTML: the ward page, rendered here whole, and the division page, a shell whose form
//! `assets/serve/app.js` builds from the division's JSON. The script, the style sheet and the
//! fonts (BIZ UDゴシック, as web fonts) are in the binary: nothing comes from the internet.

use super::App;
use super::api::{self, WardSummary};
use super::auth::{self, Signed};
use super::http;
use crate::locale::{Arg, Lang, text_in};
use axum::extract::Query;
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use fluent_bundle::FluentValue;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

const SCRIPT: &str = include_str!("../../assets/serve/app.js");
const STYLE: &str = include_str!("../../assets/serve/app.css");

/// `GET /assets/{name}`: the script, the style sheet and the two weights of the font.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (kind, body): (&str, &'static [u8]) = match name.as_str() {
        "app.js" => ("text/javascript; charset=utf-8", SCRIPT.as_bytes()),
        "app.css" => ("text/css; charset=utf-8", STYLE.as_bytes()),
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
fn segment(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, SEGMENT).to_string()
}

fn page(lang: Lang, title: &str, body: &str, signed: Option<&Signed>) -> String {
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

/// `GET /signin?next=…`: the sign-in form.
pub async fn sign_in_page(
    State(app): State<Arc<App>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let next = query.get("next").map(String::as_str).unwrap_or("/");
    Html(sign_in_form(app.lang, next, None)).into_response()
}

fn sign_in_form(lang: Lang, next: &str, failed: Option<&str>) -> String {
    let t = |id: &str| escape(&text_in(lang, id, &[]));
    let failed = failed
        .map(|m| {
            format!(
                "<p class=\"problem error\" role=\"alert\">{}</p>",
                escape(m)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<main class=\"signin\"><h1>{}</h1>{failed}<form method=\"post\" action=\"/signin\">\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\
         <div class=\"field\"><label for=\"name\">{}</label>\
         <input id=\"name\" name=\"name\" autocomplete=\"username\" required autofocus></div>\
         <div class=\"field\"><label for=\"password\">{}</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>\
         <button type=\"submit\" id=\"sign-in\">{}</button></form></main>",
        t("web-title"),
        escape(next),
        t("web-user-name"),
        t("web-password"),
        t("web-sign-in"),
    );
    page(lang, &text_in(lang, "web-sign-in", &[]), &body, None)
}

#[derive(serde::Deserialize)]
pub struct SignIn {
    name: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /signin`: a session cookie and back to the page asked for, or the form again (429
/// with `Retry-After` while the name or the address must wait, or the name is locked).
pub async fn sign_in(
    State(app): State<Arc<App>>,
    axum::extract::ConnectInfo(address): axum::extract::ConnectInfo<std::net::SocketAddr>,
    axum::Form(form): axum::Form<SignIn>,
) -> Response {
    let lang = app.lang;
    let (name, password) = (form.name.clone(), form.password.clone());
    let from = address.ip().to_string();
    let attempt = auth::attempt(&app, name, password, &from).await;
    if let Some((message, wait)) = auth::wait_message(&app, &attempt) {
        let form = sign_in_form(lang, &form.next, Some(&message));
        let retry = [(header::RETRY_AFTER, auth::retry_after(wait))];
        return (StatusCode::TOO_MANY_REQUESTS, retry, Html(form)).into_response();
    }
    let signed = match attempt {
        auth::Attempt::Signed(signed) => Some(signed),
        _ => None,
    };
    super::auth::sign_in(signed.is_some(), &form.name, address.ip());
    let opened = (signed.as_ref()).and_then(|s| app.accounts.as_ref().and_then(|a| a.open(s)));
    let Some(token) = opened else {
        let message = text_in(lang, "web-sign-in-failed", &[]);
        let form = sign_in_form(lang, &form.next, Some(&message));
        return (StatusCode::UNAUTHORIZED, Html(form)).into_response();
    };
    let next = local_path(&form.next).unwrap_or_else(|| "/".to_string());
    let cookie = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        auth::COOKIE,
        auth::SESSION.as_secs(),
        if app.tls { "; Secure" } else { "" }
    );
    (
        StatusCode::SEE_OTHER,
        [(header::SET_COOKIE, cookie), (header::LOCATION, next)],
    )
        .into_response()
}

/// What may follow `Location:` after a sign-in: `next` when a browser, resolving it against
/// this server, stays on this server and goes to a path of it; `None` otherwise. A browser
/// drops spaces and control characters around a URL and tabs and line ends in it, and takes
/// `\` for `/`: `/\t/elsewhere`, `/\\elsewhere` and ` //elsewhere` all leave. What stays is
/// sent as the browser would read it, percent-encoded where a header cannot hold it as it is.
fn local_path(next: &str) -> Option<String> {
    let trimmed = next.trim_matches(|c: char| c <= ' ');
    let read: String = (trimmed.chars())
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let path_of_this_server = read.starts_with('/') && !read.starts_with("//");
    if !path_of_this_server || read.chars().any(char::is_control) {
        return None;
    }
    Some(percent_encoding::utf8_percent_encode(&read, LOCATION).to_string())
}

/// What a `Location` path cannot hold as it is: controls, space, `"`, `<`, `>`, `` ` ``, `{`,
/// `}` and anything beyond ASCII (`%` stays: the path is already encoded as sent).
const LOCATION: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// `POST /signout?csrf=…`: the session closed.
pub async fn sign_out(State(app): State<Arc<App>>, headers: axum::http::HeaderMap) -> Response {
    if let (Some(accounts), Some(token)) = (&app.accounts, auth::cookie(&headers, auth::COOKIE)) {
        accounts.close(token);
    }
    let cookie = format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
        auth::COOKIE
    );
    (
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, cookie),
            (header::LOCATION, "/signin".to_string()),
        ],
    )
        .into_response()
}

/// `GET /`: every ward and division, with its state at a glance.
pub async fn wards(State(app): State<Arc<App>>, Extension(signed): Extension<Signed>) -> Response {
    let lang = app.lang;
    let root = app.root.clone();
    let Ok(wards) = tokio::task::spawn_blocking(move || api::summaries(&root)).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let t = |id: &str| escape(&text_in(lang, id, &[]));
    let mut body = format!(
        "<header class=\"bar\"><h1>{}</h1>{}</header><main class=\"wards\">",
        t("web-title"),
        words_script(lang)
    );
    if wards.is_empty() {
        let _ = write!(body, "<p>{}</p>", t("web-no-wards"));
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
        format!(
            "<a class=\"button\" href=\"/api/wards/{folder}/volume.pdf\">{}</a> ",
            t("web-volume-pdf")
        )
    } else {
        String::new()
    };
    let _ = write!(
        body,
        "<section class=\"ward\"><h2>{} {}{}</h2><p>{volume}\
         <a class=\"button\" href=\"/wards/{folder}\">{}</a></p>",
        escape(&ward.name),
        escape(&ward.fiscal_year),
        if ward.evaluated {
            format!(" <span class=\"tag\">{}</span>", t("web-evaluated"))
        } else {
            String::new()
        },
        t("web-ward-settings"),
    );
    if ward.errors > 0 {
        let count: Arg = ("count", FluentValue::from(ward.errors));
        let words = text_in(lang, "web-ward-file-problems", &[count]);
        let _ = write!(body, "<p class=\"error\">{}</p>", escape(&words));
    }
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
        let state = state_words(division.errors, division.warnings, lang);
        let class = if division.errors > 0 { "error" } else { "ok" };
        let _ = write!(
            body,
            "<tr><td>{}</td><td><a href=\"{href}\">{}</a></td><td class=\"{class}\">{}</td>\
             <td>{} / 5</td><td>{} / {}</td><td>{}</td>\
             <td><a href=\"{href}\">{}</a> <a href=\"/api/wards/{folder}/divisions/{name}.pdf\">{}</a></td></tr>",
            division.order.map(|o| o.to_string()).unwrap_or_default(),
            escape(&division.name),
            escape(&state),
            division.goals,
            division.rated,
            division.goals,
            escape(&division.saved),
            t("web-open"),
            t("web-pdf"),
        );
    }
    body.push_str("</tbody></table></section>");
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
        "read_only": read_only.map(|r| r.words(&signed, lang)),
        // Whose unsaved text the page keeps and offers back: another account signing in on
        // this browser is never offered it.
        "account": if signed.account { signed.name.as_str() } else { "" },
        // Whether the division may be given another name (a restricted account may not: its
        // rights are by name), and the keys of the names, checked as they are typed.
        "may_rename": signed.has_all(),
        "name_key": crate::sheet::fields::DIVISION,
        "names": [crate::sheet::fields::DEPARTMENT, crate::sheet::fields::DIVISION],
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
    ("web-unreadable", &[]),
    ("web-building", &[]),
    ("web-built", &["written", "out", "errors", "warnings"]),
    ("web-failed", &[]),
    ("web-history", &[]),
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
    ("web-approval", &[]),
    ("web-ward-read-only", &[]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_of_this_server_is_gone_to_after_signing_in() {
        for hostile in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "\\/evil.example",
            " \n//evil.example",
            "https://evil.example",
            "javascript:alert(1)",
        ] {
            assert_eq!(local_path(hostile), None, "{hostile:?}");
        }
        assert_eq!(
            local_path("/wards/higashi-r5").as_deref(),
            Some("/wards/higashi-r5")
        );
        assert_eq!(
            local_path("/wards/higashi-r5/divisions/地域課").as_deref(),
            Some("/wards/higashi-r5/divisions/%E5%9C%B0%E5%9F%9F%E8%AA%B2")
        );
    }

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
