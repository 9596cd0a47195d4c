//! Signing in and out: the sign-in form, the session cookie it sets, and where the browser
//! goes next (only a path of this server).

use super::App;
use super::auth;
use super::pages::{escape, page};
use crate::locale::{Lang, text_in};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;

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
}
