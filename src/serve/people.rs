//! The accounts through the browser, as `mokuhyo user` manages them in the terminal: list,
//! add, a new password, what an account may change, unlock, remove. The same users file code
//! ([`super::users`]): every change read, made and written back holding the file's lock,
//! atomically, readable by its owner only; the server reads the file again at the next
//! sign-in. Only an account that may change every division may do these.
//!
//! An account is sent and received as an object of its own fields: `divisions` and `all`,
//! and the approval right with its stamp box's title and the full name its seal prints, each
//! checked as `mokuhyo user add` checks them.

use super::auth::Signed;
use super::http::{Shared, blocking, internal, refusal, refused};
use super::users::{
    Access, Approver, Lockouts, Users, check_divisions, check_full_name, check_title,
};
use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::PathBuf;

/// One account as the API shows it: never its hash nor its session key.
#[derive(Debug, Serialize)]
pub struct Shown {
    pub name: String,
    pub all: bool,
    pub divisions: Vec<String>,
    pub approve: bool,
    pub title: String,
    pub full_name: String,
    /// Until when the name is locked after failed sign-ins (RFC 3339), if it is now.
    pub locked_until: Option<String>,
}

/// `POST /api/users`'s body.
#[derive(Debug, Deserialize)]
pub struct NewAccount {
    pub name: String,
    pub password: String,
    #[serde(default)]
    pub divisions: Vec<String>,
    #[serde(default)]
    pub all: bool,
    #[serde(default)]
    pub approve: bool,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub full_name: String,
}

/// `PUT /api/users/{name}`'s body: each key given is changed, the others kept.
#[derive(Debug, Default, Deserialize)]
pub struct Change {
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub divisions: Option<Vec<String>>,
    #[serde(default)]
    pub all: Option<bool>,
    #[serde(default)]
    pub unlock: bool,
    #[serde(default)]
    pub approve: Option<bool>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
}

/// The users file, when the signed-in account may manage accounts: otherwise the answer
/// (403 for a division's account, 404 when the server runs without accounts).
fn users_file(app: &super::App, signed: &Signed) -> Result<PathBuf, Box<Response>> {
    if !signed.has_all() {
        return Err(Box::new(refusal(
            StatusCode::FORBIDDEN,
            app.lang,
            "web-forbidden-all",
        )));
    }
    match &app.accounts {
        Some(accounts) => Ok(accounts.path().to_path_buf()),
        None => Err(Box::new(refusal(
            StatusCode::NOT_FOUND,
            app.lang,
            "web-no-users-file",
        ))),
    }
}

/// `GET /api/users`: every account, in the file's order.
pub async fn list(State(app): Shared, Extension(signed): Extension<Signed>) -> Response {
    let lang = app.lang;
    let path = match users_file(&app, &signed) {
        Ok(path) => path,
        Err(answer) => return *answer,
    };
    let listed = blocking(move || {
        let users = Users::load(&path)?;
        let lockouts = Lockouts::load(&path).unwrap_or_default();
        let shown: Vec<Shown> = (users.users.iter())
            .map(|user| Shown {
                name: user.name.clone(),
                all: user.all,
                divisions: user.divisions.clone(),
                approve: user.approve,
                title: user.title.clone(),
                full_name: user.full_name.clone(),
                locked_until: lockouts.until(&user.name).map(|t| t.to_rfc3339()),
            })
            .collect();
        Ok::<_, super::Error>(shown)
    });
    match listed.await {
        Some(Ok(shown)) => Json(shown).into_response(),
        Some(Err(error)) => refused_account(lang, error),
        None => internal(lang),
    }
}

/// An error of an account's change as its answer: a division no ward has in the page's own
/// words (the command's hint of `--force` is no use in a browser), else as [`refused`].
fn refused_account(lang: crate::locale::Lang, error: super::Error) -> Response {
    let unprocessable = |message: String| {
        let body = Json(json!({ "message": message }));
        (StatusCode::UNPROCESSABLE_ENTITY, body).into_response()
    };
    let (name, suggestion) = match &error {
        super::Error::UnknownDivision {
            name, suggestion, ..
        } => (name, suggestion),
        super::Error::UnknownTitle { title, titles, .. } => {
            let titles: Vec<String> = titles.iter().map(|t| format!("「{t}」")).collect();
            let args = [
                ("title", title.as_str().into()),
                ("titles", titles.join("、").into()),
            ];
            return unprocessable(crate::locale::text_in(
                lang,
                "web-account-no-such-title",
                &args,
            ));
        }
        super::Error::FullNameTooLong { .. } | super::Error::ApproveWithoutTitle { .. } => {
            return unprocessable(crate::locale::with(lang, || error.to_string()));
        }
        _ => return refused(lang, error),
    };
    let mut message = crate::locale::text_in(
        lang,
        "web-account-no-such-division",
        &[("name", name.as_str().into())],
    );
    if let Some(suggestion) = suggestion {
        let args = [("name", suggestion.as_str().into())];
        message.push_str(&crate::locale::text_in(
            lang,
            "web-account-did-you-mean",
            &args,
        ));
    }
    unprocessable(message)
}

/// The approval right, its stamp box and the seal's name, checked as `user add` checks them:
/// a title some ward's stamp boxes have (unchecked when no ward can be read), a full name
/// the seal can print, and a title for a right to approve.
/// The title is checked only when `title_given` (a box the wards since dropped does not stop
/// another change of the account).
fn approver(
    app: &super::App,
    name: &str,
    asked: Approver,
    title_given: bool,
) -> Result<Approver, super::Error> {
    let approver = Approver {
        approve: asked.approve,
        title: asked.title.trim().to_string(),
        full_name: asked.full_name.trim().to_string(),
    };
    check_full_name(&approver.full_name)?;
    if title_given && !approver.title.is_empty() {
        check_title(&app.root, &approver.title)?;
    }
    if approver.approve && approver.title.is_empty() {
        return Err(super::Error::ApproveWithoutTitle { name: name.into() });
    }
    Ok(approver)
}

/// What an account is to change: every division, or those named, each checked against the
/// divisions the wards have (422 for one no ward has, with the name it looks like).
fn access(app: &super::App, all: bool, divisions: Vec<String>) -> Result<Access, super::Error> {
    if all {
        return Ok(Access::All);
    }
    let divisions: Vec<String> = (divisions.into_iter())
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .collect();
    check_divisions(&app.root, &divisions)?;
    Ok(Access::Divisions(divisions))
}

/// `POST /api/users`: a new account (201); 409 when the name is taken, 422 for a division no
/// ward has, a short password or a name that cannot be one.
pub async fn add(
    State(app): Shared,
    Extension(signed): Extension<Signed>,
    Json(asked): Json<NewAccount>,
) -> Response {
    let lang = app.lang;
    let path = match users_file(&app, &signed) {
        Ok(path) => path,
        Err(answer) => return *answer,
    };
    let work = std::sync::Arc::clone(&app);
    let added = blocking(move || {
        let access = access(&work, asked.all, asked.divisions)?;
        let name = asked.name.trim().to_string();
        let (approve, title, full_name) = (asked.approve, asked.title, asked.full_name);
        let approver = approver(
            &work,
            &name,
            Approver {
                approve,
                title,
                full_name,
            },
            true,
        )?;
        Users::change(&path, |users| {
            users.add(&name, &asked.password, access)?;
            users.set_approver(&name, approver)
        })?;
        tracing::info!(who = %signed.name, name = %name, "log-user-added");
        Ok::<_, super::Error>(name)
    });
    match added.await {
        Some(Ok(name)) => (StatusCode::CREATED, Json(json!({ "name": name }))).into_response(),
        Some(Err(error)) => refused_account(lang, error),
        None => internal(lang),
    }
}

/// `PUT /api/users/{name}`: a new password, what the account may change, the name unlocked,
/// the approval right (taken away with `false`), title and full name; a password or rights
/// changed end the account's open sessions (the approval right is read at each step).
pub async fn change(
    State(app): Shared,
    Path(name): Path<String>,
    Extension(signed): Extension<Signed>,
    Json(asked): Json<Change>,
) -> Response {
    let lang = app.lang;
    let path = match users_file(&app, &signed) {
        Ok(path) => path,
        Err(answer) => return *answer,
    };
    let work = std::sync::Arc::clone(&app);
    let changed = blocking(move || {
        let new_access = match (asked.all, asked.divisions) {
            (Some(true), _) => Some(Access::All),
            (_, Some(divisions)) => Some(access(&work, false, divisions)?),
            (Some(false), None) => Some(Access::Divisions(Vec::new())),
            (None, None) => None,
        };
        let kept = Users::change(&path, |users| {
            let demoted = matches!(new_access, Some(Access::Divisions(_)));
            if demoted && last_with_all(users, &name) {
                return Ok(Err("web-account-last-all"));
            }
            let Some(user) = users.users.iter_mut().find(|u| u.name == name) else {
                return Err(super::Error::NoSuchUser { name: name.clone() });
            };
            let now = Approver {
                approve: asked.approve.unwrap_or(user.approve),
                title: asked.title.clone().unwrap_or_else(|| user.title.clone()),
                full_name: (asked.full_name.clone()).unwrap_or_else(|| user.full_name.clone()),
            };
            let approver = approver(&work, &name, now, asked.title.is_some())?;
            if let Some(access) = new_access {
                (user.all, user.divisions) = match access {
                    Access::All => (true, Vec::new()),
                    Access::Divisions(divisions) => (false, divisions),
                };
            }
            users.set_approver(&name, approver)?;
            match &asked.password {
                Some(password) => users.set_password(&name, password).map(Ok),
                None => Ok(Ok(())),
            }
        })?;
        if let Err(id) = kept {
            return Ok(Err(id));
        }
        if asked.unlock {
            Lockouts::unlock(&path, &name)?;
        }
        tracing::info!(who = %signed.name, name = %name, "log-user-changed");
        Ok::<_, super::Error>(Ok(name))
    });
    match changed.await {
        Some(Ok(Ok(name))) => Json(json!({ "name": name })).into_response(),
        Some(Ok(Err(id))) => refusal(StatusCode::CONFLICT, lang, id),
        Some(Err(error)) => refused_account(lang, error),
        None => internal(lang),
    }
}

/// Whether `name` is the only account that may change every division: removed or limited
/// to some divisions, nobody could set up the year in the browser any more.
fn last_with_all(users: &Users, name: &str) -> bool {
    let all: Vec<&str> = (users.users.iter().filter(|u| u.all))
        .map(|u| u.name.as_str())
        .collect();
    all == [name]
}

/// `DELETE /api/users/{name}`: the account removed; its sessions end with it. Not the
/// account signed in (409), nor the last one that may change every division (409).
pub async fn remove(
    State(app): Shared,
    Path(name): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Response {
    let lang = app.lang;
    let path = match users_file(&app, &signed) {
        Ok(path) => path,
        Err(answer) => return *answer,
    };
    let removed = blocking(move || {
        let kept = Users::change(&path, |users| {
            if name == signed.name {
                return Ok(Err("web-account-not-yourself"));
            }
            if last_with_all(users, &name) {
                return Ok(Err("web-account-last-all"));
            }
            users.remove(&name).map(Ok)
        })?;
        if kept.is_ok() {
            tracing::info!(who = %signed.name, name = %name, "log-user-removed");
        }
        Ok::<_, super::Error>(kept)
    });
    match removed.await {
        Some(Ok(Ok(()))) => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(Err(id))) => refusal(StatusCode::CONFLICT, lang, id),
        Some(Err(error)) => refused_account(lang, error),
        None => internal(lang),
    }
}
