//! Submission and approval in the browser (`docs/serve.md`): `POST …/{division}/submit`,
//! `/withdraw`, `/approve`, `/return` with `{"comment": …}`, and the ward's board,
//! `GET /api/wards/{ward}/status`. The flow and its record are the core's
//! ([`crate::sheet::approval`]); here is who may take which step: the division's own people
//! submit and withdraw, an account with the approval right and the title of the box that
//! approves next approves, any approver of the division returns.

use super::App;
use super::auth::Signed;
use super::http::{Shared, blocking, failure, find_ward, internal, locked_at, not_found};
use super::sheets::{DivisionFile, WardDir};
use super::users::User;
use crate::locale::{Arg, Lang, text_in};
use crate::sheet::approval::{self, Action, Edition, Event, Status, Store};
use crate::sheet::board;
use crate::sheet::model;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// The longest comment a return takes, in characters: a reason, not a document (it is carried
/// in every answer about the division and on the board).
pub const COMMENT_LIMIT: usize = 1000;

/// A return's body.
#[derive(Debug, Deserialize)]
pub struct Comment {
    #[serde(default)]
    pub comment: String,
}

// The steps without a body still read what a client sends (`{}`): a body left unread when
// the answer goes out can reset the connection before the client has read the answer.

/// `POST …/{division}/submit`
pub async fn submit(
    app: Shared,
    Path(names): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    _body: Bytes,
) -> Response {
    step(app.0, names, signed, Action::Submit, String::new()).await
}

/// `POST …/{division}/withdraw`
pub async fn withdraw(
    app: Shared,
    Path(names): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    _body: Bytes,
) -> Response {
    step(app.0, names, signed, Action::Withdraw, String::new()).await
}

/// `POST …/{division}/approve`
pub async fn approve(
    app: Shared,
    Path(names): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    _body: Bytes,
) -> Response {
    step(app.0, names, signed, Action::Approve, String::new()).await
}

/// `POST …/{division}/return` with `{"comment": …}`
pub async fn send_back(
    app: Shared,
    Path(names): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Json(comment): Json<Comment>,
) -> Response {
    step(app.0, names, signed, Action::Return, comment.comment).await
}

/// `GET …/{division}/approval`: where the division is in the flow, and what the person
/// signed in may do with it.
pub async fn status(
    app: Shared,
    Path((ward, division)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
) -> Response {
    let app = app.0;
    let Some(found) = super::http::find(&app, &ward, &division).await else {
        return not_found(app.lang);
    };
    let path = found.1.path.clone();
    let work = move |app: &App| match current(&found.0, &found.1) {
        Ok(now) => Json(view(app, &found, &signed, &now)).into_response(),
        Err(error) => failure(app.lang, super::Error::Sheet(error)),
    };
    (locked_at(&app, &path, work).await).unwrap_or_else(|| internal(app.lang))
}

/// `GET /api/wards/{ward}/status`: the ward's board.
pub async fn board(app: Shared, Path(ward): Path<String>) -> Response {
    let app = app.0;
    let lang = app.lang;
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let today = chrono::Local::now().date_naive();
    match blocking(move || board::board(&ward.dir, today)).await {
        Some(Ok(Some(board))) => Json(board).into_response(),
        Some(Ok(None)) => super::http::refusal(StatusCode::CONFLICT, lang, "web-ward-unreadable"),
        Some(Err(error)) => failure(lang, super::Error::Sheet(error)),
        None => internal(lang),
    }
}

/// A division's flow as it stands: its edition, its stamp boxes, its events and status.
pub struct Now {
    pub edition: Edition,
    pub titles: Vec<String>,
    pub status: Status,
    /// Every step taken in this edition, oldest first: who, when, which version.
    pub events: Vec<Event>,
    /// Read without errors: a sheet with errors cannot be submitted.
    pub sound: bool,
}

/// Where the division of `file` is in the flow of its ward's edition under way.
pub fn current(ward: &WardDir, file: &DivisionFile) -> Result<Now, crate::sheet::Error> {
    let (loaded, _) = model::load_ward(&ward.dir);
    let edition = (loaded.as_ref()).map_or(Edition::Plan, |w| Edition::of(w.evaluated, w.interim));
    let division = (loaded.as_ref()).and_then(|w| w.divisions.iter().find(|d| d.file == file.path));
    // The division's own stamp boxes, else the ward's.
    let titles = (division.and_then(|d| d.approval.clone()))
        .or_else(|| loaded.as_ref().map(|w| w.approval.clone()))
        .unwrap_or_default();
    let events = match Store::existing(&ward.dir).map_err(approval::failed(&ward.dir))? {
        Some(store) => (store.events(&file.name, edition)).map_err(approval::failed(&ward.dir))?,
        None => Vec::new(),
    };
    let etag = approval::etag_of(&file.path);
    Ok(Now {
        edition,
        status: Status::of(&events, &titles, etag.as_deref()),
        events,
        titles,
        sound: division.is_some(),
    })
}

/// Whether the division waits for approval, so that nothing may change it (its page reads
/// only): as [`save_refusal`] finds, without an answer.
pub fn waiting(ward: &WardDir, file: &DivisionFile) -> bool {
    ward.dir.join(approval::FILE).is_file()
        && current(ward, file).is_ok_and(|now| now.status.locked())
}

/// 409 when the division waits for approval: nothing may change it until it is returned or
/// withdrawn. Called by a save with the division's lock held.
pub fn save_refusal(ward: &WardDir, file: &DivisionFile, lang: Lang) -> Option<Response> {
    if !ward.dir.join(approval::FILE).is_file() {
        return None;
    }
    match current(ward, file) {
        Ok(now) if now.status.locked() => Some(refused(
            StatusCode::CONFLICT,
            lang,
            "web-approval-save-submitted",
            &[],
        )),
        Ok(_) => None,
        Err(error) => Some(failure(lang, super::Error::Sheet(error))),
    }
}

async fn step(
    app: Arc<App>,
    (ward, division): (String, String),
    signed: Signed,
    action: Action,
    comment: String,
) -> Response {
    let lang = app.lang;
    let Some(found) = super::http::find(&app, &ward, &division).await else {
        return not_found(lang);
    };
    // A closed year is read-only for a division's account: no step of the flow either.
    if !signed.has_all() && super::setup::is_closed(&found.0.dir) {
        return super::setup::closed_refusal(lang);
    }
    let path = found.1.path.clone();
    let work = move |app: &App| take_step(app, &found, &signed, action, comment.trim());
    (locked_at(&app, &path, work).await).unwrap_or_else(|| internal(lang))
}

/// Takes the step `action` on the division, when the person may and the flow allows; the
/// division's status after it.
fn take_step(
    app: &App,
    found: &(WardDir, DivisionFile),
    signed: &Signed,
    action: Action,
    comment: &str,
) -> Response {
    let (ward, file) = found;
    let lang = app.lang;
    let approver = match who_may(app, signed, found, action) {
        Ok(approver) => approver,
        Err(forbidden) => return forbidden.answer(&file.name, lang),
    };
    if action == Action::Return && comment.is_empty() {
        let id = "web-approval-comment-needed";
        return refused(StatusCode::UNPROCESSABLE_ENTITY, lang, id, &[]);
    }
    let length = comment.chars().count();
    if length > COMMENT_LIMIT {
        let args = [("limit", COMMENT_LIMIT.into()), ("length", length.into())];
        let id = "web-approval-comment-too-long";
        return refused(StatusCode::UNPROCESSABLE_ENTITY, lang, id, &args);
    }
    // One writer in the ward folder from the look at the record to the event written.
    let held = match crate::lock::ward(&ward.dir) {
        Ok(held) => held,
        Err(failed) => return failure(lang, failed.into()),
    };
    let now = match current(ward, file) {
        Ok(now) => now,
        Err(error) => return failure(lang, super::Error::Sheet(error)),
    };
    if action == Action::Submit && !now.sound {
        return refused(StatusCode::CONFLICT, lang, "web-approval-has-errors", &[]);
    }
    let title = approver.as_ref().map_or("", |u| u.title.as_str());
    if let Err(refusal) = now.status.allows(action, title) {
        let (id, args) = refusal.words();
        let args: Vec<Arg> = (args.into_iter()).map(|(k, v)| (k, v.into())).collect();
        return refused(StatusCode::CONFLICT, lang, &format!("web-{id}"), &args);
    }
    let event = Event {
        action,
        step: title.to_string(),
        who: signed.name.clone(),
        name: approver
            .as_ref()
            .map_or(signed.name.as_str(), User::seal_name)
            .to_string(),
        at: approval::now(),
        etag: approval::etag_of(&file.path).unwrap_or_default(),
        comment: comment.to_string(),
    };
    // A record made anew loses every earlier step silently when it was deleted: the
    // administrator is told in the log.
    let record_path = ward.dir.join(approval::FILE);
    let made = !record_path.exists();
    let recorded = Store::open(&ward.dir)
        .and_then(|store| store.record(&file.name, now.edition, &event))
        .map_err(approval::failed(&ward.dir));
    if let Err(error) = recorded {
        return failure(lang, super::Error::Sheet(error));
    }
    drop(held);
    if made {
        tracing::warn!(path = %record_path.display(), "log-approvals-made");
    }
    log(signed, ward, file, action);
    match current(ward, file) {
        Ok(after) => Json(view(app, found, signed, &after)).into_response(),
        Err(error) => failure(lang, super::Error::Sheet(error)),
    }
}

/// The step in the operations log.
fn log(signed: &Signed, ward: &WardDir, file: &DivisionFile, action: Action) {
    let (who, ward, division) = (&signed.name, &ward.folder, &file.name);
    match action {
        Action::Submit => tracing::info!(who, ward, division, "log-submitted"),
        Action::Withdraw => tracing::info!(who, ward, division, "log-withdrawn"),
        Action::Approve => tracing::info!(who, ward, division, "log-approved"),
        Action::Return => tracing::info!(who, ward, division, "log-returned"),
    }
}

/// Why a person may not take a step (403).
enum Forbidden {
    /// Not one of the division's people.
    NotTheirs,
    /// No account with the approval right.
    NoRight,
    /// An approver, of other divisions.
    NotYours,
}

impl Forbidden {
    fn answer(self, division: &str, lang: Lang) -> Response {
        let status = StatusCode::FORBIDDEN;
        match self {
            Forbidden::NotTheirs => refused(status, lang, "web-forbidden", &[]),
            Forbidden::NoRight => refused(status, lang, "web-approval-no-right", &[]),
            Forbidden::NotYours => {
                let args = [("division", division.to_string().into())];
                refused(status, lang, "web-approval-not-yours", &args)
            }
        }
    }
}

/// Whether the person signed in may take the step: the division's own people submit and
/// withdraw; approving and returning take an account with the approval right for the
/// division (its account, for the seal's name and the box's title).
fn who_may(
    app: &App,
    signed: &Signed,
    (ward, file): &(WardDir, DivisionFile),
    action: Action,
) -> Result<Option<User>, Forbidden> {
    if matches!(action, Action::Submit | Action::Withdraw) {
        if !signed.may_change(&ward.folder, &file.name) {
            return Err(Forbidden::NotTheirs);
        }
        return Ok(None);
    }
    let user = (app.accounts.as_ref())
        .filter(|_| signed.account)
        .and_then(|accounts| accounts.user(&signed.name));
    let Some(user) = user.filter(|u| u.approve) else {
        return Err(Forbidden::NoRight);
    };
    if !user.may_change(&ward.folder, &file.name) {
        return Err(Forbidden::NotYours);
    }
    Ok(Some(user))
}

/// A refusal with its message's arguments, as JSON `{"message": …}`.
fn refused(status: StatusCode, lang: Lang, id: &str, args: &[Arg]) -> Response {
    let message = text_in(lang, id, args);
    (status, Json(json!({ "message": message }))).into_response()
}

/// The division's status as the page shows it, with what the person may do.
fn view(
    app: &App,
    (ward, file): &(WardDir, DivisionFile),
    signed: &Signed,
    now: &Now,
) -> serde_json::Value {
    let own = signed.may_change(&ward.folder, &file.name);
    let user = (app.accounts.as_ref())
        .filter(|_| signed.account)
        .and_then(|accounts| accounts.user(&signed.name));
    let approver = user.filter(|u| u.approve && u.may_change(&ward.folder, &file.name));
    let allowed = |action: Action, title: &str| now.status.allows(action, title).is_ok();
    let title = approver.as_ref().map_or("", |u| u.title.as_str());
    json!({
        "edition": now.edition,
        "titles": now.titles,
        "status": now.status,
        "events": now.events,
        "may": {
            "submit": own && now.sound && allowed(Action::Submit, ""),
            "withdraw": own && allowed(Action::Withdraw, ""),
            "approve": approver.is_some() && allowed(Action::Approve, title),
            "return": approver.is_some() && allowed(Action::Return, title),
        },
    })
}
