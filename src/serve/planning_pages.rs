//! The planning section's pages, rendered here whole, their buttons and forms sent by
//! `assets/serve/planning.js` to the endpoints of [`super::setup`], [`super::people`] and
//! [`super::forms`]: 「年度の作業」 (a new ward, a division, the PDFs with or without stamp
//! boxes, next year, a year closed), 「利用者」 (the accounts), and each ward's 「Excel 様式」
//! (downloaded and uploaded; a division's account sees its own divisions only).

use super::App;
use super::auth::Signed;
use super::board::{self, WardSummary};
use super::pages::{escape, page, segment};
use crate::locale::{Lang, text_in};
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use std::fmt::Write;
use std::sync::Arc;

const SCRIPT: &str = "<script src=\"/assets/planning.js\"></script>";

fn t(lang: Lang, id: &str) -> String {
    escape(&text_in(lang, id, &[]))
}

/// The page, with its heading, a way back to the ward list, and the script.
fn framed(lang: Lang, title_id: &str, body: &str, signed: &Signed) -> Response {
    let title = text_in(lang, title_id, &[]);
    let html = format!(
        "<header class=\"bar\"><h1>{}</h1><a class=\"button\" href=\"/\">{}</a></header>\
         <main class=\"planning\">{body}</main>{SCRIPT}",
        escape(&title),
        t(lang, "web-back-to-list"),
    );
    Html(page(lang, &title, &html, Some(signed))).into_response()
}

fn forbidden(lang: Lang, signed: &Signed) -> Response {
    let body = format!("<p class=\"error\">{}</p>", t(lang, "web-forbidden-all"));
    let mut response = framed(lang, "web-planning", &body, signed);
    *response.status_mut() = StatusCode::FORBIDDEN;
    response
}

/// A field of a form: its label and input (`name` is the JSON key sent).
fn field(label: &str, input: &str) -> String {
    format!("<label class=\"field\"><span>{label}</span>{input}</label>")
}

/// A form the script sends as JSON to `method url`, saying `done` when it succeeded.
fn api_form(method: &str, url: &str, done: &str, fields: &str, button: &str) -> String {
    format!(
        "<form class=\"api\" data-method=\"{method}\" data-api=\"{}\" data-done=\"{}\">{fields}\
         <button type=\"submit\">{button}</button><p class=\"result\" role=\"status\"></p></form>",
        escape(url),
        escape(done),
    )
}

/// `GET /planning`: the planning section's year, ward by ward.
pub async fn year(State(app): State<Arc<App>>, Extension(signed): Extension<Signed>) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return forbidden(lang, &signed);
    }
    let work = std::sync::Arc::clone(&app);
    let Ok(wards) = tokio::task::spawn_blocking(move || board::summaries(&work)).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut body = format!(
        "<section class=\"card\"><h2>{}</h2>",
        t(lang, "web-new-ward")
    );
    let fields = [
        field(
            &t(lang, "web-folder"),
            "<input name=\"folder\" required placeholder=\"nishi-r7\">",
        ),
        field(
            &t(lang, "web-ward-name"),
            "<input name=\"ward\" required placeholder=\"西区\">",
        ),
        field(
            &t(lang, "web-fiscal-year"),
            "<input name=\"fiscal_year\" type=\"number\" required min=\"1989\" max=\"9999\">",
        ),
        field(
            &t(lang, "web-created"),
            "<input name=\"created\" type=\"date\">",
        ),
    ]
    .concat();
    let done = text_in(lang, "web-ward-made", &[]);
    body.push_str(&api_form(
        "POST",
        "/api/wards",
        &done,
        &fields,
        &t(lang, "web-make"),
    ));
    body.push_str("</section>");
    for ward in &wards {
        ward_card(&mut body, ward, lang);
    }
    framed(lang, "web-planning", &body, &signed)
}

/// One ward's year: its divisions, a new one, the PDFs, next year, closed or open.
fn ward_card(body: &mut String, ward: &WardSummary, lang: Lang) {
    let folder = segment(&ward.folder);
    let closed = match ward.closed {
        true => format!(
            " <span class=\"tag closed\">{}</span>",
            t(lang, "web-closed")
        ),
        false => String::new(),
    };
    let _ = write!(
        body,
        "<section class=\"card ward-year\" data-ward=\"{}\"><h2>{} {}{closed} \
         <small>（{}）</small></h2>",
        escape(&ward.folder),
        escape(&ward.name),
        escape(&ward.fiscal_year),
        escape(&ward.folder),
    );
    divisions_part(body, ward, &folder, lang);
    let _ = write!(
        body,
        "<p class=\"actions\"><a class=\"button\" href=\"/wards/{folder}/forms\">{}</a> \
         <a class=\"button\" href=\"/api/wards/{folder}/volume.pdf\">{}</a> \
         <a class=\"button\" href=\"/api/wards/{folder}/volume.pdf?stamps=0\">{}</a></p>",
        t(lang, "web-excel-forms"),
        t(lang, "web-volume-pdf"),
        t(lang, "web-volume-pdf-no-stamps"),
    );
    let fields = field(
        &t(lang, "web-next-created"),
        "<input name=\"created\" type=\"date\">",
    );
    let done = text_in(lang, "web-next-year-made", &[]);
    let url = format!("/api/wards/{folder}/next-year");
    let _ = write!(
        body,
        "<details><summary>{}</summary><p>{}</p>{}</details>",
        t(lang, "web-next-year"),
        t(lang, "web-next-year-says"),
        api_form("POST", &url, &done, &fields, &t(lang, "web-make"))
    );
    let (button, says, value) = match ward.closed {
        true => ("web-reopen-year", "web-reopen-says", "false"),
        false => ("web-close-year", "web-close-says", "true"),
    };
    let _ = write!(
        body,
        "<p class=\"actions\"><button type=\"button\" class=\"api year-state\" data-method=\"PUT\" \
         data-api=\"/api/wards/{folder}\" data-body='{{\"closed\":{value}}}' \
         data-confirm=\"{}\">{}</button> <span class=\"result\" role=\"status\"></span></p>\
         </section>",
        t(lang, says),
        t(lang, button),
    );
}

/// The ward's divisions: listed, each renamed or removed, and a new one.
fn divisions_part(body: &mut String, ward: &WardSummary, folder: &str, lang: Lang) {
    let names: Vec<String> = ward.divisions.iter().map(|d| escape(&d.name)).collect();
    let _ = write!(
        body,
        "<p>{}：{}</p>",
        t(lang, "web-col-division"),
        names.join("、")
    );
    let _ = write!(
        body,
        "<details><summary>{}</summary><table class=\"accounts\"><tbody>",
        t(lang, "web-division-pdfs-rename-remove")
    );
    for division in &ward.divisions {
        division_row(body, &ward.folder, &division.name, lang);
    }
    body.push_str("</tbody></table></details>");
    let fields = [
        field(
            &t(lang, "web-division-name"),
            "<input name=\"division\" required>",
        ),
        field(&t(lang, "web-department"), "<input name=\"department\">"),
        field(
            &t(lang, "web-order"),
            "<input name=\"order\" type=\"number\" min=\"1\">",
        ),
    ]
    .concat();
    let done = text_in(lang, "web-division-made", &[]);
    let url = format!("/api/wards/{folder}/divisions");
    let _ = write!(
        body,
        "<details><summary>{}</summary>{}</details>",
        t(lang, "web-new-division"),
        api_form("POST", &url, &done, &fields, &t(lang, "web-make"))
    );
}

/// A division with its buttons: a new name (asked for), removed (asked to confirm).
fn division_row(body: &mut String, folder: &str, name: &str, lang: Lang) {
    let url = format!("/api/wards/{}/divisions/{}", segment(folder), segment(name));
    let remove_says = text_in(lang, "web-division-remove-says", &[("name", name.into())]);
    let pdf = escape(&url);
    let _ = write!(
        body,
        "<tr><td>{}</td><td><a class=\"button\" href=\"{pdf}.pdf\">PDF</a> \
         <a class=\"button\" href=\"{pdf}.pdf?stamps=0\">{}</a></td>\
         <td><button type=\"button\" class=\"api\" data-method=\"POST\" \
         data-api=\"{}/rename\" data-prompt=\"{}\" data-prompt-key=\"division\" \
         data-prompt-value=\"{}\">{}</button> <button type=\"button\" class=\"api\" \
         data-method=\"POST\" data-api=\"{}/remove\" data-confirm=\"{}\">{}</button> \
         <span class=\"result\" role=\"status\"></span></td></tr>",
        escape(name),
        t(lang, "web-pdf-no-stamps"),
        escape(&url),
        t(lang, "web-division-new-name"),
        escape(name),
        t(lang, "web-rename"),
        escape(&url),
        escape(&remove_says),
        t(lang, "web-remove"),
    );
}

/// `GET /accounts`: every account, a new one, and what each can have done to it.
pub async fn accounts(
    State(app): State<Arc<App>>,
    Extension(signed): Extension<Signed>,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return forbidden(lang, &signed);
    }
    let Some(path) = app.accounts.as_ref().map(|a| a.path().to_path_buf()) else {
        let body = format!("<p>{}</p>", t(lang, "web-no-users-file"));
        return framed(lang, "web-accounts", &body, &signed);
    };
    let root = app.root.clone();
    let listed = tokio::task::spawn_blocking(move || {
        let users = super::users::Users::load(&path).unwrap_or_default();
        let lockouts = super::users::Lockouts::load(&path).unwrap_or_default();
        (users, lockouts, super::users::stamp_titles(&root))
    });
    let Ok((users, lockouts, titles)) = listed.await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut body = format!(
        "<section class=\"card\"><table class=\"accounts\"><thead><tr><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th><th></th></tr></thead><tbody>",
        t(lang, "web-account-name"),
        t(lang, "web-account-may-change"),
        t(lang, "web-account-approval"),
        t(lang, "web-col-state"),
    );
    for user in &users.users {
        let locked = lockouts.until(&user.name).is_some();
        account_row(&mut body, user, locked, &titles, lang);
    }
    body.push_str("</tbody></table></section>");
    let fields = [
        field(
            &t(lang, "web-account-name"),
            "<input name=\"name\" required autocomplete=\"off\">",
        ),
        field(
            &t(lang, "web-password"),
            "<input name=\"password\" type=\"password\" required minlength=\"8\" \
             autocomplete=\"new-password\">",
        ),
        field(
            &t(lang, "web-account-divisions"),
            "<input name=\"divisions\" data-list placeholder=\"地域課、総務課\">",
        ),
        field(
            &t(lang, "web-account-all"),
            "<input name=\"all\" type=\"checkbox\">",
        ),
        approval_fields(&titles, None, lang),
    ]
    .concat();
    let done = text_in(lang, "web-account-added", &[]);
    let _ = write!(
        body,
        "<section class=\"card\"><h2>{}</h2>{}</section>",
        t(lang, "web-account-add"),
        api_form("POST", "/api/users", &done, &fields, &t(lang, "web-add"))
    );
    framed(lang, "web-accounts", &body, &signed)
}

/// The approval right, the title (a choice of the wards' stamp boxes) and the seal's full
/// name: empty for a new account, or `user`'s to change (then sent even when unticked or
/// emptied, to take them away).
fn approval_fields(titles: &[String], user: Option<&super::users::User>, lang: Lang) -> String {
    let always = match user {
        Some(_) => " data-always",
        None => "",
    };
    let (approve, title, full_name) = match user {
        Some(user) => (user.approve, user.title.as_str(), user.full_name.as_str()),
        None => (false, "", ""),
    };
    let checked = if approve { " checked" } else { "" };
    let mut options = format!(
        "<option value=\"\">{}</option>",
        t(lang, "web-account-no-title")
    );
    let mut choices: Vec<&str> = titles.iter().map(String::as_str).collect();
    if !title.is_empty() && !choices.contains(&title) {
        choices.push(title);
    }
    for choice in choices {
        let selected = if choice == title { " selected" } else { "" };
        let choice = escape(choice);
        let _ = write!(
            options,
            "<option value=\"{choice}\"{selected}>{choice}</option>"
        );
    }
    [
        field(
            &t(lang, "web-account-approve"),
            &format!("<input name=\"approve\" type=\"checkbox\"{checked}{always}>"),
        ),
        field(
            &t(lang, "web-account-title"),
            &format!("<select name=\"title\"{always}>{options}</select>"),
        ),
        field(
            &t(lang, "web-account-full-name"),
            &format!(
                "<input name=\"full_name\" maxlength=\"16\" value=\"{}\" \
                 placeholder=\"山田太郎\"{always}>",
                escape(full_name)
            ),
        ),
    ]
    .concat()
}

/// An account's approval right, title and full name, and the form that changes them.
fn approval_cell(user: &super::users::User, titles: &[String], lang: Lang) -> String {
    let mut shown = Vec::new();
    if user.approve {
        shown.push(t(lang, "web-account-approve"));
    }
    shown.extend(
        [&user.title, &user.full_name]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| escape(s)),
    );
    let url = format!("/api/users/{}", segment(&user.name));
    let done = text_in(lang, "web-account-changed", &[]);
    let fields = approval_fields(titles, Some(user), lang);
    format!(
        "{}<details><summary>{}</summary>{}</details>",
        shown.join("・"),
        t(lang, "web-account-change"),
        api_form("PUT", &url, &done, &fields, &t(lang, "web-account-change"))
    )
}

fn account_row(
    body: &mut String,
    user: &super::users::User,
    locked: bool,
    titles: &[String],
    lang: Lang,
) {
    let name = segment(&user.name);
    let may = match user.all {
        true => t(lang, "web-account-all"),
        false => escape(&user.divisions.join("、")),
    };
    let state = match locked {
        true => t(lang, "web-account-locked"),
        false => String::new(),
    };
    let button = |method: &str, body_json: &str, confirm: &str, label: &str, extra: &str| {
        format!(
            "<button type=\"button\" class=\"api\" data-method=\"{method}\" \
             data-api=\"/api/users/{name}\" data-body='{body_json}' data-confirm=\"{}\"{extra}>\
             {}</button> ",
            confirm,
            t(lang, label)
        )
    };
    let mut buttons = password_form(&name, lang);
    if locked {
        buttons.push_str(&button("PUT", "{\"unlock\":true}", "", "web-unlock", ""));
    }
    let confirm = escape(&text_in(
        lang,
        "web-account-remove-says",
        &[("name", user.name.as_str().into())],
    ));
    buttons.push_str(&button("DELETE", "{}", &confirm, "web-remove", ""));
    let _ = write!(
        body,
        "<tr><td>{}</td><td>{may}</td><td>{}</td><td>{state}</td><td>{buttons}\
         <span class=\"result\" role=\"status\"></span></td></tr>",
        escape(&user.name),
        approval_cell(user, titles, lang),
    );
}

/// A new password for the account `name` (a URL segment), typed twice in fields that hide it
/// (the page checks they agree), and said when it is set.
fn password_form(name: &str, lang: Lang) -> String {
    let field = |label: &str, key: &str| {
        format!(
            "<label>{}<input name=\"{key}\" type=\"password\" required minlength=\"8\" \
             autocomplete=\"new-password\"></label> ",
            t(lang, label)
        )
    };
    format!(
        "<details class=\"password\"><summary>{}</summary><form class=\"password\" \
         data-api=\"/api/users/{name}\" data-mismatch=\"{}\" data-done=\"{}\">{}{}\
         <button type=\"submit\">{}</button> <span class=\"result\" role=\"status\"></span>\
         </form></details> ",
        t(lang, "web-password-reset"),
        t(lang, "web-password-mismatch"),
        t(lang, "web-password-changed"),
        field("web-password-new", "password"),
        field("web-password-again", "again"),
        t(lang, "web-password-set"),
    )
}

/// `GET /wards/{ward}/forms`: the ward's form workbooks to download, and a filled one to
/// upload, preview and apply. A division's account sees its own divisions only.
pub async fn forms(
    State(app): State<Arc<App>>,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Response {
    let lang = app.lang;
    let work = std::sync::Arc::clone(&app);
    let Ok(wards) = tokio::task::spawn_blocking(move || board::summaries(&work)).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Some(ward) = wards.into_iter().find(|w| w.folder == ward) else {
        return (StatusCode::NOT_FOUND, t(lang, "web-not-found")).into_response();
    };
    let folder = segment(&ward.folder);
    let mut body = format!(
        "<section class=\"card\"><h2>{} {} — {}</h2><table><tbody>",
        escape(&ward.name),
        escape(&ward.fiscal_year),
        t(lang, "web-excel-forms"),
    );
    if signed.has_all() {
        let _ = write!(
            body,
            "<tr><td>{}</td><td><a class=\"button\" href=\"/api/wards/{folder}/form.xlsx\">{}\
             </a> <a class=\"button\" href=\"/api/wards/{folder}/form.xlsx?blank=1\">{}</a>\
             </td></tr>",
            t(lang, "web-whole-ward"),
            t(lang, "web-download"),
            t(lang, "web-download-blank"),
        );
    }
    let mine = (ward.divisions.iter()).filter(|d| signed.may_change(&ward.folder, &d.name));
    for division in mine {
        let name = escape(&division.name);
        let query = format!("division={}", segment(&division.name));
        let _ = write!(
            body,
            "<tr><td>{name}</td><td><a class=\"button\" href=\"/api/wards/{folder}/form.xlsx?{query}\">\
             {}</a> <a class=\"button\" href=\"/api/wards/{folder}/form.xlsx?{query}&amp;blank=1\">{}</a>\
             </td></tr>",
            t(lang, "web-download"),
            t(lang, "web-download-blank"),
        );
    }
    body.push_str("</tbody></table></section>");
    // A closed year takes no upload from a division's account: said instead of the form.
    if ward.closed && !signed.has_all() {
        let closed = t(lang, "web-year-closed");
        let _ = write!(
            body,
            "<section class=\"card\"><p class=\"result\">{closed}</p></section>"
        );
        return framed(lang, "web-excel-forms", &body, &signed);
    }
    let _ = write!(
        body,
        "<section class=\"card\"><h2>{}</h2><p>{}</p>\
         <form class=\"upload\" data-api=\"/api/wards/{folder}/import\">\
         <input type=\"file\" name=\"book\" accept=\".xlsx,.csv,.json\" required> \
         <button type=\"submit\">{}</button></form><div class=\"upload-preview\"></div>\
         <p class=\"actions\"><button type=\"button\" class=\"apply\" hidden>{}</button></p>\
         <p class=\"result\" role=\"status\"></p></section>{}",
        t(lang, "web-upload"),
        t(lang, "web-upload-says"),
        t(lang, "web-upload-preview"),
        t(lang, "web-upload-apply"),
        words(lang),
    );
    framed(lang, "web-excel-forms", &body, &signed)
}

/// The words the upload's preview shows, for the script.
fn words(lang: Lang) -> String {
    let ids = [
        "web-upload-new-division",
        "web-upload-place",
        "web-upload-before",
        "web-upload-after",
        "web-upload-nothing",
        "web-upload-lost",
        "web-upload-written",
        "web-upload-checked",
        "web-upload-added",
        "web-upload-removed",
    ];
    let words: serde_json::Map<String, serde_json::Value> = (ids.iter())
        .map(|id| (id.to_string(), text_in(lang, id, &[]).into()))
        .collect();
    let json = serde_json::Value::Object(words)
        .to_string()
        .replace("</", "<\\/");
    format!("<script id=\"planning-words\" type=\"application/json\">{json}</script>")
}
