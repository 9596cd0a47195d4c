//! The body of a PUT, whole. A PUT replaces a file's keys, so a key left out would be written
//! empty (a division without its goals, a ward without its name): it is refused (422 naming
//! the key, nothing written). The drafts themselves stay lenient (`#[serde(default)]`): the
//! history's stored versions, some older than a key, are read with them.

use axum::Json;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A JSON body with every key of `T`, at every depth.
pub struct Whole<T>(pub T);

impl<T, S> FromRequest<S> for Whole<T>
where
    T: DeserializeOwned + Serialize,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(sent) = Json::<Value>::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let read: T = serde_json::from_value(sent.clone()).map_err(|err| refused(&err))?;
        // What `T` reads with its defaults, written back: every key it has, to look for in
        // what was sent.
        let full = serde_json::to_value(&read).map_err(|err| refused(&err))?;
        match missing(&sent, &full, "") {
            // In serde's words, as axum says a missing field: put in ours by `plain_errors`.
            Some(key) => Err(refused(&format!("missing field `{key}`"))),
            None => Ok(Whole(read)),
        }
    }
}

/// A 422 with axum's plain text, for [`super::plain_errors`] to say in the server's words.
fn refused(reason: &dyn std::fmt::Display) -> Response {
    let text = format!("Failed to deserialize the JSON body into the target type: {reason}");
    (StatusCode::UNPROCESSABLE_ENTITY, text).into_response()
}

/// The first key of `full` that `sent` lacks, as a path (`goals[0].actions`).
fn missing(sent: &Value, full: &Value, at: &str) -> Option<String> {
    match (sent, full) {
        (Value::Object(sent), Value::Object(full)) => full.iter().find_map(|(key, value)| {
            let path = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            match sent.get(key) {
                None => Some(path),
                Some(given) => missing(given, value, &path),
            }
        }),
        (Value::Array(sent), Value::Array(full)) => (sent.iter().zip(full).enumerate())
            .find_map(|(i, (given, value))| missing(given, value, &format!("{at}[{i}]"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_key_left_out_at_any_depth_is_named() {
        let full = json!({"a": 1, "b": [{"c": 1, "d": [{"e": 1}]}]});
        assert_eq!(missing(&full, &full, ""), None);
        let sent = json!({"a": 1});
        assert_eq!(missing(&sent, &full, ""), Some("b".into()));
        let sent = json!({"a": 1, "b": [{"c": 1, "d": [{}]}]});
        assert_eq!(missing(&sent, &full, ""), Some("b[0].d[0].e".into()));
    }
}
