//! The JSON, SVG and PDF endpoints (`docs/serve.md`). Each finds its ward and division by the
//! names in the URL ([`sheets`]), takes the division's lock, and does its work on a blocking
//! thread ([`preview`]).

use super::App;
use super::auth::Signed;
use super::http::{
    Shared, blocking, failure, find, find_ward, if_match, internal, locked_at, not_found,
    precondition_required, refusal, stale, unreadable, with_etag, write_recorded,
};
use super::limits;
use super::merging;
use super::preview::{self, ProblemView};
use super::read_only;
use super::sheets::{self, DivisionFile, WardDir};
use super::whole::Whole;
use crate::locale::Lang;
use crate::sheet::draft::{self, Draft};
use crate::sheet::fields::Level;
use crate::sheet::merge::Side;
use crate::sheet::model::{self, Severity};
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Runs `work` on a blocking thread with the lock of the division `file` held: one save,
/// preview or read at a time for each division. `None` when the work panicked.
async fn locked<T: Send + 'static>(
    app: &Arc<App>,
    (ward, file): (WardDir, DivisionFile),
    work: impl FnOnce(&App, WardDir, DivisionFile) -> T + Send + 'static,
) -> Option<T> {
    let path = file.path.clone();
    locked_at(app, &path, move |app| work(app, ward, file)).await
}

/// Runs `work` on the division a URL names, with its lock held, on a blocking thread: 404 when
/// the URL names none, 500 when the work panicked.
async fn on_division(
    app: &Arc<App>,
    (ward, division): (&str, &str),
    work: impl FnOnce(&App, WardDir, DivisionFile) -> Response + Send + 'static,
) -> Response {
    on_found(app, find(app, ward, division).await, work).await
}

/// [`on_division`] with the division already looked up.
async fn on_found(
    app: &Arc<App>,
    found: Option<(WardDir, DivisionFile)>,
    work: impl FnOnce(&App, WardDir, DivisionFile) -> Response + Send + 'static,
) -> Response {
    let Some(found) = found else {
        return not_found(app.lang);
    };
    locked(app, found, work)
        .await
        .unwrap_or_else(|| internal(app.lang))
}

/// `GET /api/wards`
pub async fn wards(State(app): Shared) -> Response {
    let lang = app.lang;
    match blocking(move || super::board::summaries(&app)).await {
        Some(wards) => Json(wards).into_response(),
        None => internal(lang),
    }
}

/// `GET /api/wards/{ward}/divisions/{division}`: the division's keys and its ETag; with
/// `.pdf` after the name, the division's PDF.
pub async fn division(
    State(app): Shared,
    Path((ward, division)): Path<(String, String)>,
    Query(stamps): Query<preview::Stamps>,
) -> Response {
    let found = find(&app, &ward, &division).await;
    if found.is_none()
        && let Some(name) = division.strip_suffix(".pdf")
    {
        let work = move |app: &App, ward, file: DivisionFile| {
            let bare = stamps.left_out();
            let built = preview::pdf(app, &ward, Some(&file.name), stamps);
            pdf_response(built, bare, app.lang)
        };
        return on_division(&app, (&ward, name), work).await;
    }
    let work = |app: &App, ward: WardDir, file: DivisionFile| match preview::read(&file.path) {
        Ok(read) => {
            // Its items with the ids the history keeps for this version.
            preview::catch_up_with(app, &ward, &read);
            let data = current_data(app, (&ward, &file), &read);
            with_etag(Json(data).into_response(), &read.etag)
        }
        Err(problems) => unreadable(&problems, app.lang),
    };
    on_found(&app, found, work).await
}

/// The division's keys as its file has them now, with its items' ids.
fn current_data(app: &App, (ward, file): (&WardDir, &DivisionFile), read: &preview::Read) -> Value {
    let name = file.file_name();
    app.history
        .identified((&ward.folder, &name), &read.etag, &read.draft)
}

/// `PUT /api/wards/{ward}/divisions/{division}` with `If-Match`: writes the draft into the
/// file when the file is still the version the person started from.
pub async fn save(
    State(app): Shared,
    Path((ward, division)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    headers: HeaderMap,
    Whole(draft): Whole<Draft>,
) -> Response {
    let lang = app.lang;
    let Some((ward, file)) = find(&app, &ward, &division).await else {
        return not_found(lang);
    };
    // Theirs now, and theirs after: a division is not renamed into someone else's.
    let place = (ward.folder.as_str(), file.name.as_str());
    if let Some(refused) = read_only::save_refusal(&signed, place, &draft.division, lang) {
        return refused;
    }
    let Some(if_match) = if_match(&headers) else {
        return precondition_required(lang);
    };
    let choices = match merging::choices(&headers, lang) {
        Ok(choices) => choices,
        Err(refused) => return *refused,
    };
    let save = move |app: &App, ward, file| {
        let sent = Sent {
            draft: &draft,
            if_match: &if_match,
            choices: &choices,
            otherwise: None,
        };
        save_now(app, (&ward, &file), &sent, &signed)
    };
    locked(&app, (ward, file), save)
        .await
        .unwrap_or_else(|| internal(lang))
}

/// `GET …/{division}/history`: every version of the division's file, newest first.
pub async fn history(
    State(app): Shared,
    Path((ward, division)): Path<(String, String)>,
) -> Response {
    let work = |app: &App, ward: WardDir, file: DivisionFile| {
        preview::catch_up(app, &ward, &file);
        match (app.history).versions::<Draft>(&ward.folder, &file.file_name()) {
            Ok(versions) => Json(versions).into_response(),
            Err(_) => internal(app.lang),
        }
    };
    on_division(&app, (&ward, &division), work).await
}

/// Which part of a version a restore puts back: `?at=` an item's ids, or ids and a field's
/// key, as a 409 names them; the whole version without it.
#[derive(Debug, Default, serde::Deserialize)]
pub struct RestorePart {
    #[serde(default)]
    at: Option<String>,
}

/// `POST …/{division}/history/{id}/restore` with `If-Match`: the version `id` (or one goal or
/// field of it, `?at=`) saved again, as a new save merged like any other (so that the
/// restore, too, can be undone).
pub async fn restore(
    State(app): Shared,
    Path((ward, division, id)): Path<(String, String, i64)>,
    Query(part): Query<RestorePart>,
    Extension(signed): Extension<Signed>,
    headers: HeaderMap,
) -> Response {
    let lang = app.lang;
    let Some(if_match) = if_match(&headers) else {
        return precondition_required(lang);
    };
    let choices = match merging::choices(&headers, lang) {
        Ok(choices) => choices,
        Err(refused) => return *refused,
    };
    let restore = move |app: &App, ward: WardDir, file: DivisionFile| {
        let name = file.file_name();
        let version = match (app.history).version::<Value>(&ward.folder, &name, id) {
            Ok(Some(version)) => version,
            Ok(None) => return not_found(lang),
            Err(_) => return internal(lang),
        };
        let sent = match restored(app, (&ward.folder, &name), &version.data, &part, &if_match) {
            Ok(sent) => sent,
            Err(refused) => return *refused,
        };
        let place = (ward.folder.as_str(), file.name.as_str());
        if let Some(refused) = read_only::save_refusal(&signed, place, &sent.division, lang) {
            return refused;
        }
        let sent = Sent {
            draft: &sent,
            if_match: &if_match,
            choices: &choices,
            otherwise: Some(Side::Mine),
        };
        let answer = save_now(app, (&ward, &file), &sent, &signed);
        if answer.status().is_success() {
            let file = file.file_name();
            tracing::info!(who = %signed.name, ward = %ward.folder, file = %file, id, "log-restored");
        }
        answer
    };
    on_division(&app, (&ward, &division), restore).await
}

/// What a restore sends: the version whole, or the version the restore started from (its
/// `If-Match`) with one goal or field of the version put back. 412 when that version is not
/// known to the history.
fn restored(
    app: &App,
    place: (&str, &str),
    then: &Value,
    part: &RestorePart,
    if_match: &str,
) -> Result<Draft, Box<Response>> {
    let data = match part.at.as_deref() {
        None => then.clone(),
        Some(at) if at.split('/').all(str::is_empty) => {
            let refused = refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                app.lang,
                "web-bad-restore-part",
            );
            return Err(Box::new(refused));
        }
        Some(at) => {
            let base = app.history.by_etag::<Value>(place, if_match).ok().flatten();
            let Some(base) = base else {
                let current = app.history.latest::<Value>(place).ok().flatten();
                let (etag, data) = current.map(|v| (v.etag, v.data)).unwrap_or_default();
                return Err(Box::new(stale(app.lang, &etag, &data)));
            };
            if !merging::names(Level::Division, (&base.data, then), at) {
                return Err(Box::new(not_found(app.lang)));
            }
            merging::put_back(Level::Division, &base.data, then, at)
        }
    };
    Ok(serde_json::from_value(data).unwrap_or_default())
}

/// A save as sent: the draft, the version it started from, the conflicts it settles.
struct Sent<'a> {
    draft: &'a Draft,
    if_match: &'a str,
    choices: &'a HashMap<String, Side>,
    /// The side of a conflict left unchosen: a restore's own (the version put back).
    otherwise: Option<Side>,
}

fn save_now(
    app: &App,
    (ward, file): (&WardDir, &DivisionFile),
    sent: &Sent,
    signed: &Signed,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() && super::setup::is_closed(&ward.dir) {
        return super::setup::closed_refusal(lang);
    }
    if let Some(refused) = limits::refusal(sent.draft, &file.path, lang) {
        return refused;
    }
    // From the version checked to the file written, no other program writes in the ward
    // (another `serve`, `import --force`): the check holds for the write.
    let held = match crate::lock::ward(&ward.dir) {
        Ok(held) => held,
        Err(failed) => return failure(lang, failed.into()),
    };
    let read = match preview::read(&file.path) {
        Ok(read) => read,
        Err(problems) => return unreadable(&problems, lang),
    };
    if let Some(refused) = super::approvals::save_refusal(ward, file, lang) {
        return refused;
    }
    // The version replaced, if the history has not seen it; then this one.
    preview::catch_up_with(app, ward, &read);
    let name = file.file_name();
    let place = (ward.folder.as_str(), name.as_str());
    let data = current_data(app, (ward, file), &read);
    let current = merging::Current {
        etag: &read.etag,
        data: &data,
    };
    let mine = serde_json::to_value(sent.draft).unwrap_or_default();
    let settled = match merging::settle(
        app,
        (place, Level::Division),
        &current,
        (&mine, sent.if_match),
        (sent.choices, sent.otherwise),
    ) {
        Ok(settled) => settled,
        Err(refused) => return *refused,
    };
    let draft: Draft = serde_json::from_value(settled.draft.clone()).unwrap_or_default();
    if let Some(refused) = limits::refusal(&draft, &file.path, lang) {
        return refused;
    }
    if let Some(other) = name_taken(app, (ward, file), &draft.division) {
        return name_conflict(lang, &draft.division, &other);
    }
    if let Some(refused) = read_only::unwritable_name(&draft.division, lang) {
        return refused;
    }
    let text = preview::text_identified(&read, &draft, &data);
    let etag = draft::etag(text.as_bytes());
    let unchanged = settled.changes_nothing(&etag, &read.etag);
    let recorded = as_written(&draft, &text);
    if !unchanged
        && let Some(failed) = write_recorded(
            app,
            place,
            &file.path,
            (&text, &etag),
            &signed.name,
            &recorded,
        )
    {
        return failed;
    }
    tracing::info!(who = %signed.name, ward = %ward.folder, file = %name, "log-saved");
    drop(held);
    let problems = preview::check(app, ward, file, lang);
    // The name the division is found by from now on.
    let name = sheets::shown_name(Some(&draft.division), &file.path);
    // With the draft as written (its items' ids) and the fields that came from others.
    let body = json!({ "etag": etag, "division": name, "problems": problems,
                       "merged": settled.theirs, "draft": draft });
    with_etag(Json(body).into_response(), &etag)
}

/// The draft as the history keeps it: what the file says from now on, not what was sent (a
/// value the file does not take, an empty order, is not recorded as written), with the items'
/// ids as sent.
fn as_written(draft: &Draft, text: &str) -> Draft {
    let Ok(document) = text.parse::<toml_edit::DocumentMut>() else {
        return draft.clone();
    };
    let written = draft::read(&document);
    Draft {
        order: written.order,
        ..draft.clone()
    }
}

/// The file of another division of the ward already called `name`, when a save would rename
/// `file` to it: two divisions of one name, and the page of one would open the other.
fn name_taken(
    app: &App,
    (ward, file): (&WardDir, &DivisionFile),
    name: &str,
) -> Option<DivisionFile> {
    if name.trim().is_empty() || model::same_division_name(name, &file.name) {
        return None;
    }
    sheets::division_files(&app.root, ward)
        .into_iter()
        .find(|other| other.path != file.path && model::same_division_name(name, &other.name))
}

/// 409: the name is another division's. Nothing was written.
fn name_conflict(lang: Lang, name: &str, other: &DivisionFile) -> Response {
    let file = other.file_name();
    let args = [("name", name.into()), ("file", file.as_str().into())];
    let message = crate::locale::text_in(lang, "web-division-name-taken", &args);
    (StatusCode::CONFLICT, Json(json!({ "message": message }))).into_response()
}

/// `POST …/{division}/preview` with a draft: its page and problems, nothing saved.
pub async fn preview(
    State(app): Shared,
    Path((ward, division)): Path<(String, String)>,
    Json(draft): Json<Draft>,
) -> Response {
    let work = move |app: &App, ward, file: DivisionFile| match preview::read(&file.path) {
        Ok(read) => {
            let text = preview::text_of(&read, &draft);
            let preview = preview::preview(app, &ward, &file, Some(&text), app.lang);
            Json(preview).into_response()
        }
        Err(problems) => unreadable(&problems, app.lang),
    };
    on_division(&app, (&ward, &division), work).await
}

/// `GET …/{division}/preview.svg`: the saved division's page.
pub async fn saved_preview(
    State(app): Shared,
    Path((ward, division)): Path<(String, String)>,
) -> Response {
    let work = |app: &App, ward, file| match preview::preview(app, &ward, &file, None, app.lang) {
        preview::Preview { svg: Some(svg), .. } => (
            [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
            svg,
        )
            .into_response(),
        preview => {
            let body = json!({ "problems": preview.problems });
            (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
        }
    };
    on_division(&app, (&ward, &division), work).await
}

/// `GET /api/wards/{ward}/volume.pdf`
pub async fn volume_pdf(
    State(app): Shared,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
    Query(stamps): Query<preview::Stamps>,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let work_app = Arc::clone(&app);
    let bare = stamps.left_out();
    let built = blocking(move || {
        let built = preview::pdf(&work_app, &ward, None, stamps);
        pdf_response(built, bare, lang)
    });
    let built = built.await;
    built.unwrap_or_else(|| internal(lang))
}

/// The PDF built, as a download named as the file `build` writes; one without stamp boxes
/// (`bare`) named so, not to be taken for the one to stamp.
fn pdf_response(
    built: Result<(std::path::PathBuf, Vec<u8>), preview::NoPdf>,
    bare: bool,
    lang: Lang,
) -> Response {
    match built {
        Ok((path, bytes)) => {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            let name = match bare {
                true => format!("{stem}_押印欄なし.pdf"),
                false => format!("{stem}.pdf"),
            };
            let encoded =
                percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC);
            let disposition =
                format!("attachment; filename=\"sheet.pdf\"; filename*=UTF-8''{encoded}");
            let mut response = Response::new(Body::from(bytes));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(preview::NoPdf::Refused(report)) => {
            let message = crate::locale::text_in(lang, "web-pdf-failed", &[]);
            let errors = (report.problems.iter()).filter(|p| p.severity == Severity::Error);
            let problems: Vec<ProblemView> = errors.map(|p| ProblemView::of(p, lang)).collect();
            let failures = crate::locale::with(lang, || report.failure_lines());
            let body = json!({ "message": message, "problems": problems, "failures": failures });
            (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
        }
        Err(preview::NoPdf::Io(error)) => {
            let message = crate::locale::with(lang, || error.to_string());
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(json!({ "message": message })),
            )
                .into_response()
        }
    }
}

/// `POST /api/build`: every ward built into the output folder, as `mokuhyo build` does.
pub async fn build_all(State(app): Shared, Extension(signed): Extension<Signed>) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let work_app = Arc::clone(&app);
    let work = move || {
        // The wards the pages show, no other: not one linked from outside the sheets folder.
        let options = crate::pdf::build::BuildOptions {
            within: Some(work_app.root.clone()),
            ..crate::pdf::build::BuildOptions::new(&work_app.root, &work_app.out)
        };
        let report = crate::pdf::build::build(&work_app.renderer, &options, &());
        let count = |s: Severity| report.problems.iter().filter(|p| p.severity == s).count();
        let failures: Vec<String> = crate::locale::with(lang, || report.failure_lines());
        json!({
            "out": work_app.out.display().to_string(),
            "written": report.written.len(),
            "errors": count(Severity::Error) + failures.len(),
            "warnings": count(Severity::Warning),
            "failures": failures,
        })
    };
    match blocking(work).await {
        Some(body) => Json(body).into_response(),
        None => internal(lang),
    }
}
