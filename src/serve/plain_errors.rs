//! The HTTP layer's own refusals in the server's words. axum answers a body it cannot take
//! (not JSON, the wrong `Content-Type`, a missing field, too large), a path it cannot read, a
//! URL no route has and a method a route has not with English plain text or nothing; every
//! other error of the server is JSON `{"message": …}` in its language, and so are these.

use super::App;
use crate::locale::text_in;
use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

/// How much of a plain-text refusal is read, for the detail it names.
const READ_AT_MOST: usize = 16 * 1024;

/// Turns every error answer that is neither JSON nor a page into JSON in the server's
/// language.
pub async fn as_json(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_ours(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, READ_AT_MOST)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let message = words(app.lang, status, &text);
    let mut answer = (status, Json(json!({ "message": message }))).into_response();
    // `Allow` of a 405, `WWW-Authenticate`…: kept.
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer.extensions_mut().extend(parts.extensions);
    answer
}

/// An answer the server made itself: JSON, a page, or one with a body of another kind it
/// chose (a PDF never is an error).
fn is_ours(response: &Response<Body>) -> bool {
    let kind = (response.headers().get(header::CONTENT_TYPE)).and_then(|v| v.to_str().ok());
    kind.is_some_and(|kind| !kind.starts_with("text/plain"))
}

/// The sentence for a refusal of the HTTP layer, with what it names when axum says it
/// (`missing field `division``, `line 1 column 2`).
fn words(lang: crate::locale::Lang, status: StatusCode, text: &str) -> String {
    let id = match status {
        StatusCode::BAD_REQUEST if text.contains("JSON") => "web-json-unreadable",
        StatusCode::BAD_REQUEST => "web-bad-request",
        StatusCode::NOT_FOUND => "web-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "web-method-not-allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "web-too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "web-not-json",
        StatusCode::UNPROCESSABLE_ENTITY => "web-json-shape",
        status if status.is_server_error() => "web-internal",
        _ => "web-bad-request",
    };
    let sentence = text_in(lang, id, &[]);
    let detail = match (quoted_after(text, "missing field "), place(text)) {
        (Some(field), _) => text_in(lang, "web-missing-field", &[("field", field.into())]),
        (None, Some((line, column))) => text_in(
            lang,
            "web-json-at",
            &[("line", line.into()), ("column", column.into())],
        ),
        (None, None) => return sentence,
    };
    format!("{sentence}{detail}")
}

/// The name in backquotes after `prefix`: serde's `missing field `division``.
fn quoted_after(text: &str, prefix: &str) -> Option<String> {
    let rest = text.split_once(prefix)?.1.strip_prefix('`')?;
    Some(rest.split_once('`')?.0.to_string())
}

/// serde_json's place of an error: `at line 3 column 14`.
fn place(text: &str) -> Option<(u64, u64)> {
    let rest = text.rsplit_once("at line ")?.1;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    #[test]
    fn what_axum_names_is_said_in_our_words() {
        let text = "Failed to deserialize the JSON body into the target type: missing field \
                    `division` at line 1 column 2";
        let words = words(Lang::Ja, StatusCode::UNPROCESSABLE_ENTITY, text);
        assert!(
            words.contains("division") && !words.contains("Failed"),
            "{words}"
        );
        let text = "Failed to parse the request body as JSON: expected value at line 3 column 14";
        let words = super::words(Lang::En, StatusCode::BAD_REQUEST, text);
        assert!(words.contains('3') && words.contains("14"), "{words}");
    }
}
