//! A division renamed or removed by the planning section. A rename changes the name in the
//! file and the file's name (`01_地域課.toml` → `01_地域振興課.toml`), and the history follows
//! it; a removal moves the file aside into the ward's `.removed` folder (never deleted: its
//! text and its history stay), where `build` and `check` do not look.

use super::App;
use super::auth::Signed;
use super::http::{Shared, find, internal, locked_at, not_found, refusal, refused};
use super::sheets::{self, DivisionFile, WardDir};
use crate::sheet::model;
use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

/// The folder of a ward that removed divisions' files are moved into.
pub const REMOVED: &str = ".removed";

/// `POST …/divisions/{division}/rename`'s body.
#[derive(Debug, Deserialize)]
pub struct Rename {
    pub division: String,
}

/// `POST /api/wards/{ward}/divisions/{division}/rename`: the division's new name, in its
/// file and its file's name; 409 when another division has it.
pub async fn rename(
    State(app): Shared,
    Path((ward, division)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Json(asked): Json<Rename>,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let Some((ward, file)) = find(&app, &ward, &division).await else {
        return not_found(lang);
    };
    let name = asked.division.trim().to_string();
    let path = file.path.clone();
    let done = locked_at(&app, &path, move |app| {
        rename_now(app, (&ward, &file), &name, &signed)
    });
    done.await.unwrap_or_else(|| internal(lang))
}

fn rename_now(
    app: &App,
    (ward, file): (&WardDir, &DivisionFile),
    name: &str,
    signed: &Signed,
) -> Response {
    let lang = app.lang;
    if name.is_empty() {
        return refused(lang, crate::sheet::Error::EmptyDivisionName.into());
    }
    let others = sheets::division_files(&app.root, ward);
    let taken = |other: &DivisionFile| {
        other.path != file.path && model::same_division_name(&other.name, name)
    };
    if others.iter().any(taken) {
        let error = crate::sheet::Error::DivisionExists {
            ward: ward.dir.clone(),
            name: name.to_string(),
        };
        return refused(lang, error.into());
    }
    let held = match crate::lock::ward(&ward.dir) {
        Ok(held) => held,
        Err(failed) => return refused(lang, failed.into()),
    };
    let read = match super::preview::read(&file.path) {
        Ok(read) => read,
        Err(problems) => return super::http::unreadable(&problems, lang),
    };
    let mut draft = read.draft.clone();
    draft.division = name.to_string();
    let text = super::preview::text_of(&read, &draft);
    let order = file.order.unwrap_or(0);
    let new_name = crate::output::division_file(order, name, "toml");
    let to = ward.dir.join(&new_name);
    if to != file.path && to.exists() {
        let error = crate::sheet::Error::Exists { path: to };
        return refused(lang, error.into());
    }
    let (old_name, folder) = (file.file_name(), ward.folder.as_str());
    // The version before, if the history has not seen it; then every version follows the
    // file to its new name, and the rename is a save of its own.
    super::preview::catch_up_with(app, ward, &read);
    if app
        .history
        .rename_file(folder, &old_name, &new_name)
        .is_err()
    {
        return internal(lang);
    }
    let etag = crate::sheet::draft::etag(text.as_bytes());
    let place = (folder, new_name.as_str());
    if let Some(failed) =
        super::http::write_recorded(app, place, &to, (&text, &etag), &signed.name, &draft)
    {
        let _ = app.history.rename_file(folder, &new_name, &old_name);
        return failed;
    }
    if to != file.path
        && let Err(err) = std::fs::remove_file(&file.path)
    {
        return super::http::failure(lang, crate::sheet::Error::write(&file.path, err).into());
    }
    drop(held);
    tracing::info!(who = %signed.name, ward = %folder, file = %new_name, "log-division-renamed");
    Json(json!({ "division": name, "file": new_name })).into_response()
}

/// `POST /api/wards/{ward}/divisions/{division}/remove`: the division's file moved into the
/// ward's [`REMOVED`] folder (204); its history is kept.
pub async fn remove(
    State(app): Shared,
    Path((ward, division)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let Some((ward, file)) = find(&app, &ward, &division).await else {
        return not_found(lang);
    };
    let path = file.path.clone();
    let done = locked_at(&app, &path, move |_| {
        let _held = match crate::lock::ward(&ward.dir) {
            Ok(held) => held,
            Err(failed) => return refused(lang, failed.into()),
        };
        let aside = ward.dir.join(REMOVED);
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let to = aside.join(format!("{}.{stamp}", file.file_name()));
        let moved = std::fs::create_dir_all(&aside).and_then(|()| std::fs::rename(&file.path, &to));
        if let Err(err) = moved {
            return super::http::failure(lang, crate::sheet::Error::write(&to, err).into());
        }
        let name = file.file_name();
        tracing::info!(who = %signed.name, ward = %ward.folder, file = %name, "log-division-removed");
        StatusCode::NO_CONTENT.into_response()
    });
    done.await.unwrap_or_else(|| internal(lang))
}
