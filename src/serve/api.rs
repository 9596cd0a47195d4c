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
use super::preview::{self, ProblemView};
use super::read_only;
use super::sheets::{self, DivisionFile, WardDir};
use super::whole::Whole;
use crate::locale::Lang;
use crate::sheet::draft::{self, Draft};
use crate::sheet::model::{self, Severity};
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;
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

/// One division in the ward list.
#[derive(Debug, Serialize)]
pub struct DivisionSummary {
    pub name: String,
    pub order: Option<u32>,
    pub file: String,
    pub errors: usize,
    pub warnings: usize,
    /// Goals with their 組織目標 written.
    pub goals: usize,
    /// Goals rated ○, △ or ×.
    pub rated: usize,
    /// When the file was last saved, `2026-04-10 09:30`.
    pub saved: String,
}

/// One ward in the ward list.
#[derive(Debug, Serialize)]
pub struct WardSummary {
    pub folder: String,
    pub name: String,
    /// 令和５年度, when `ward.toml` says.
    pub fiscal_year: String,
    /// Problems of `ward.toml` itself.
    pub errors: usize,
    pub warnings: usize,
    pub evaluated: bool,
    pub divisions: Vec<DivisionSummary>,
}

/// Every ward with its divisions and their state.
pub fn summaries(root: &std::path::Path) -> Vec<WardSummary> {
    sheets::wards(root)
        .into_iter()
        .map(|ward| summary(root, ward))
        .collect()
}

fn summary(root: &std::path::Path, ward: WardDir) -> WardSummary {
    let (loaded, problems) = model::load_ward(&ward.dir);
    let count = |file: &std::path::Path, severity: Severity| {
        let of_file = problems.iter().filter(|p| p.file == file);
        of_file.filter(|p| p.severity == severity).count()
    };
    let ward_file = ward.dir.join(model::WARD_FILE);
    let divisions = sheets::division_files(root, &ward)
        .into_iter()
        .map(|file| {
            let (goals, rated) = goal_counts(loaded.as_ref(), &file.path);
            DivisionSummary {
                order: file.order,
                file: file.file_name(),
                errors: count(&file.path, Severity::Error),
                warnings: count(&file.path, Severity::Warning),
                goals,
                rated,
                saved: saved_at(&file.path),
                name: file.name,
            }
        })
        .collect();
    WardSummary {
        name: loaded
            .as_ref()
            .map_or(ward.folder.clone(), |w| w.name.clone()),
        fiscal_year: (loaded.as_ref())
            .and_then(|w| crate::sheet::era::fiscal_year_label(w.fiscal_year).ok())
            .unwrap_or_default(),
        evaluated: loaded.as_ref().is_some_and(|w| w.evaluated.is_some()),
        errors: count(&ward_file, Severity::Error),
        warnings: count(&ward_file, Severity::Warning),
        folder: ward.folder,
        divisions,
    }
}

/// The goals written and rated in a division's file: from the ward as read, or, for a file
/// with errors (left out of it), from the file's keys as far as they can be read.
fn goal_counts(ward: Option<&model::Ward>, path: &std::path::Path) -> (usize, usize) {
    let sound = ward.and_then(|w| w.divisions.iter().find(|d| d.file == path));
    let (texts, ratings): (Vec<String>, Vec<String>) = match sound {
        Some(division) => (division.goals.iter())
            .map(|g| (g.text.clone(), g.rating.clone()))
            .unzip(),
        None => (preview::read(path)
            .map(|r| r.draft.goals)
            .unwrap_or_default()
            .into_iter())
        .map(|g| (g.text, g.rating))
        .unzip(),
    };
    let written = |texts: &[String]| texts.iter().filter(|t| !t.trim().is_empty()).count();
    (written(&texts), written(&ratings))
}

fn saved_at(path: &std::path::Path) -> String {
    let modified = std::fs::metadata(path).and_then(|m| m.modified());
    modified
        .map(|t| {
            let local: chrono::DateTime<chrono::Local> = t.into();
            local.format("%Y-%m-%d %H:%M").to_string()
        })
        .unwrap_or_default()
}

/// `GET /api/wards`
pub async fn wards(State(app): Shared) -> Response {
    let lang = app.lang;
    match blocking(move || summaries(&app.root)).await {
        Some(wards) => Json(wards).into_response(),
        None => internal(lang),
    }
}

/// `GET /api/wards/{ward}/divisions/{division}`: the division's keys and its ETag; with
/// `.pdf` after the name, the division's PDF.
pub async fn division(
    State(app): Shared,
    Path((ward, division)): Path<(String, String)>,
) -> Response {
    let found = find(&app, &ward, &division).await;
    if found.is_none()
        && let Some(name) = division.strip_suffix(".pdf")
    {
        let work = |app: &App, ward, file: DivisionFile| {
            pdf_response(preview::pdf(app, &ward, Some(&file.name)), app.lang)
        };
        return on_division(&app, (&ward, name), work).await;
    }
    let work = |app: &App, _, file: DivisionFile| match preview::read(&file.path) {
        Ok(read) => with_etag(Json(read.draft).into_response(), &read.etag),
        Err(problems) => unreadable(&problems, app.lang),
    };
    on_found(&app, found, work).await
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
    let save =
        move |app: &App, ward, file| save_now(app, (&ward, &file), &draft, &if_match, &signed);
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

/// `POST …/{division}/history/{id}/restore` with `If-Match`: the version `id` saved again, as
/// a new save (so that the restore, too, can be undone).
pub async fn restore(
    State(app): Shared,
    Path((ward, division, id)): Path<(String, String, i64)>,
    Extension(signed): Extension<Signed>,
    headers: HeaderMap,
) -> Response {
    let lang = app.lang;
    let Some(if_match) = if_match(&headers) else {
        return precondition_required(lang);
    };
    let restore = move |app: &App, ward: WardDir, file: DivisionFile| {
        let version = match (app.history).version::<Draft>(&ward.folder, &file.file_name(), id) {
            Ok(Some(version)) => version,
            Ok(None) => return not_found(lang),
            Err(_) => return internal(lang),
        };
        let place = (ward.folder.as_str(), file.name.as_str());
        if let Some(refused) = read_only::save_refusal(&signed, place, &version.data.division, lang)
        {
            return refused;
        }
        let answer = save_now(app, (&ward, &file), &version.data, &if_match, &signed);
        if answer.status().is_success() {
            let file = file.file_name();
            tracing::info!(who = %signed.name, ward = %ward.folder, file = %file, id, "log-restored");
        }
        answer
    };
    on_division(&app, (&ward, &division), restore).await
}

fn save_now(
    app: &App,
    (ward, file): (&WardDir, &DivisionFile),
    draft: &Draft,
    if_match: &str,
    signed: &Signed,
) -> Response {
    let lang = app.lang;
    if let Some(refused) = limits::refusal(draft, &file.path, lang) {
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
    if read.etag != if_match {
        return stale(lang, &read.etag, &read.draft);
    }
    if let Some(other) = name_taken(app, (ward, file), &draft.division) {
        return name_conflict(lang, &draft.division, &other);
    }
    if let Some(refused) = read_only::unwritable_name(&draft.division, lang) {
        return refused;
    }
    let text = preview::text_of(&read, draft);
    let etag = draft::etag(text.as_bytes());
    // The history keeps what the file says from now on, not what was sent: a value the file
    // does not take (an empty order) is not recorded as written.
    let written = text.parse::<toml_edit::DocumentMut>();
    let written = written.map_or_else(|_| draft.clone(), |document| draft::read(&document));
    // The version replaced, if the history has not seen it; then this one.
    preview::catch_up_with(app, ward, &read);
    let name = file.file_name();
    let place = (ward.folder.as_str(), name.as_str());
    if let Some(failed) = write_recorded(
        app,
        place,
        &file.path,
        (&text, &etag),
        &signed.name,
        &written,
    ) {
        return failed;
    }
    tracing::info!(who = %signed.name, ward = %ward.folder, file = %name, "log-saved");
    drop(held);
    let problems = preview::check(app, ward, file, lang);
    // The name the division is found by from now on.
    let name = sheets::shown_name(Some(&draft.division), &file.path);
    let body = json!({ "etag": etag, "division": name, "problems": problems });
    with_etag(Json(body).into_response(), &etag)
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
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let work_app = Arc::clone(&app);
    let built = blocking(move || pdf_response(preview::pdf(&work_app, &ward, None), lang)).await;
    built.unwrap_or_else(|| internal(lang))
}

fn pdf_response(
    built: Result<(std::path::PathBuf, Vec<u8>), preview::NoPdf>,
    lang: Lang,
) -> Response {
    match built {
        Ok((path, bytes)) => {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
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
