//! The answers every endpoint shares, as a leaf the endpoints depend on and that depends on
//! none of them: refusals with a message in the page's language (`{"message": …}`), 404, 500,
//! 412 and 428, the ETag header, looking a ward and a division up off the runtime's threads,
//! the locks of files, and a write recorded in the history.

use super::App;
use super::preview::ProblemView;
use super::sheets::{self, DivisionFile, WardDir};
use crate::locale::Lang;
use crate::output::write_atomic;
use crate::sheet::model;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;

pub type Shared = State<Arc<App>>;

/// A status with a message in the page's language, as JSON `{"message": …}`.
pub fn refusal(status: StatusCode, lang: Lang, id: &str) -> Response {
    let message = crate::locale::text_in(lang, id, &[]);
    (status, Json(json!({ "message": message }))).into_response()
}

pub fn not_found(lang: Lang) -> Response {
    refusal(StatusCode::NOT_FOUND, lang, "web-not-found")
}

/// Runs `work` on a blocking thread; a panic there is a 500, not a dead server.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(work).await.ok()
}

pub fn internal(lang: Lang) -> Response {
    refusal(StatusCode::INTERNAL_SERVER_ERROR, lang, "web-internal")
}

/// Runs `work` on a blocking thread with the lock of the file at `path` held.
pub async fn locked_at<T: Send + 'static>(
    app: &Arc<App>,
    path: &std::path::Path,
    work: impl FnOnce(&App) -> T + Send + 'static,
) -> Option<T> {
    let lock = app.lock(path);
    let _guard = lock.lock().await;
    let app = Arc::clone(app);
    blocking(move || work(&app)).await
}

/// The version a save starts from (`If-Match`); without it the save is refused with 428.
pub fn if_match(headers: &HeaderMap) -> Option<String> {
    let tag = headers.get(header::IF_MATCH)?.to_str().ok()?;
    Some(tag.trim().trim_start_matches("W/").to_string())
}

pub fn precondition_required(lang: Lang) -> Response {
    refusal(
        StatusCode::PRECONDITION_REQUIRED,
        lang,
        "web-if-match-required",
    )
}

/// The ward and division a URL names (`None`: 404), looked up on a blocking thread: finding
/// them reads the sheets folder and each division file of the ward. Nothing that touches the
/// disk, parses TOML, queries the history or hashes a password runs on the runtime's own
/// threads, which answer every request: one slow disk or large file must not stall them.
pub async fn find(app: &Arc<App>, ward: &str, division: &str) -> Option<(WardDir, DivisionFile)> {
    let (root, ward, division) = (app.root.clone(), ward.to_string(), division.to_string());
    let find = move || {
        let ward = sheets::ward(&root, &ward)?;
        let division = sheets::division(&root, &ward, &division)?;
        Some((ward, division))
    };
    blocking(find).await.flatten()
}

/// The ward folder a URL names (`None`: 404), looked up on a blocking thread.
pub async fn find_ward(app: &Arc<App>, ward: &str) -> Option<WardDir> {
    let (root, ward) = (app.root.clone(), ward.to_string());
    blocking(move || sheets::ward(&root, &ward)).await.flatten()
}

pub fn with_etag(mut response: Response, etag: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A file the form cannot show (not TOML, unreadable): 422 with its problems.
pub fn unreadable(problems: &[model::Problem], lang: Lang) -> Response {
    let problems: Vec<ProblemView> = problems.iter().map(|p| ProblemView::of(p, lang)).collect();
    let message = crate::locale::text_in(lang, "web-unreadable", &[]);
    let body = json!({ "message": message, "problems": problems });
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// An error that stopped an endpoint, as its answer: 500 with the error in the page's
/// language (`{"message": …}`).
#[derive(Debug)]
pub struct Failure {
    pub lang: Lang,
    pub error: super::Error,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let message = crate::locale::with(self.lang, || self.error.to_string());
        let body = Json(json!({ "message": message }));
        (StatusCode::INTERNAL_SERVER_ERROR, body).into_response()
    }
}

/// 500 with the error in the page's language ([`Failure`]).
pub fn failure(lang: Lang, error: super::Error) -> Response {
    Failure { lang, error }.into_response()
}

/// 412: someone saved first. Their version comes with it, for the page to show beside the
/// person's own.
pub fn stale(lang: Lang, etag: &str, current: &impl Serialize) -> Response {
    let message = crate::locale::text_in(lang, "web-saved-by-someone-else", &[]);
    let body = json!({ "message": message, "etag": etag, "current": current });
    with_etag(
        (StatusCode::PRECONDITION_FAILED, Json(body)).into_response(),
        etag,
    )
}

/// Writes `text` (whose ETag is `etag`) to the file at `path` atomically, recorded in the
/// history as saved by `who` (the name signed in) with `data`: pending before the file is replaced, confirmed
/// after, dropped when the write failed. `Some` answer to send when it failed.
pub fn write_recorded(
    app: &App,
    place: (&str, &str),
    path: &std::path::Path,
    (text, etag): (&str, &str),
    who: &str,
    data: &impl Serialize,
) -> Option<Response> {
    let lang = app.lang;
    let failed = |message: String| {
        let body = Json(json!({ "message": message }));
        Some((StatusCode::INTERNAL_SERVER_ERROR, body).into_response())
    };
    let id = match app.history.record(place, etag, who, data) {
        Ok(id) => id,
        Err(err) => {
            let path = app.root.join(super::history::FILE);
            return failed(crate::locale::with(lang, || {
                let reason = super::history::reason(&err);
                super::Error::History { path, reason }.to_string()
            }));
        }
    };
    if let Err(err) = write_atomic(path, text.as_bytes()) {
        let _ = app.history.drop_pending(id);
        return failed(crate::locale::with(lang, || {
            super::Error::write(path, err).to_string()
        }));
    }
    let _ = app.history.confirm(id);
    None
}

/// An error of what was asked, as its answer: 409 for a name or folder taken, 422 for what
/// cannot be (an empty name, a year outside the eras, a division no ward has, a short
/// password), 404 for an account that is not there, else 500; the message in the page's
/// language (`{"message": …}`).
pub fn refused(lang: Lang, error: super::Error) -> Response {
    use super::Error as E;
    use crate::sheet::Error as S;
    let status = match &error {
        E::Sheet(S::Exists { .. } | S::DivisionExists { .. }) | E::UserExists { .. } => {
            StatusCode::CONFLICT
        }
        E::Sheet(S::EmptyDivisionName | S::AskWard { .. } | S::Era(_))
        | E::UnknownDivision { .. }
        | E::BadUserName { .. }
        | E::PasswordTooShort { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        E::NoSuchUser { .. } => StatusCode::NOT_FOUND,
        _ => return failure(lang, error),
    };
    // What is there already, by the name the page shows (a folder's, a division's), never a
    // path on the server.
    let message = match &error {
        E::Sheet(S::Exists { path }) => {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            crate::locale::text_in(lang, "web-exists", &[("name", name.as_ref().into())])
        }
        E::Sheet(S::DivisionExists { name, .. }) => crate::locale::text_in(
            lang,
            "web-division-exists",
            &[("name", name.as_str().into())],
        ),
        E::UserExists { name } => {
            crate::locale::text_in(lang, "web-user-exists", &[("name", name.as_str().into())])
        }
        E::NoSuchUser { name } => {
            crate::locale::text_in(lang, "web-no-such-user", &[("name", name.as_str().into())])
        }
        E::Sheet(S::AskWard { .. }) => crate::locale::text_in(lang, "web-ask-ward", &[]),
        _ => crate::locale::with(lang, || error.to_string()),
    };
    (status, Json(json!({ "message": message }))).into_response()
}
