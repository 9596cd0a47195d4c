//! The Excel forms through the browser, as `export --format form` and `import --force` make
//! and read them: a ward's or a division's form workbook downloaded, and a filled one uploaded,
//! first as a preview of what it would change (in the sheet's words, per division), then
//! applied all or nothing. Every file an upload writes is a version in the history, saved by
//! the account that uploaded it. A division's account may download and upload its own
//! division's form only.

use super::App;
use super::auth::Signed;
use super::http::{Shared, blocking, find_ward, internal, not_found, refusal};
use super::sheets::WardDir;
use crate::exchange::{form, import};
use crate::locale::Lang;
use crate::sheet::draft::{self, Draft};
use crate::sheet::fields::{self, Change, FIELDS};
use crate::sheet::model;
use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::PathBuf;

/// The most an uploaded workbook may weigh.
pub const UPLOAD_LIMIT: usize = 20 << 20;

/// `GET …/form.xlsx`'s query.
#[derive(Debug, Default, Deserialize)]
pub struct FormQuery {
    #[serde(default)]
    pub division: Option<String>,
    #[serde(default)]
    pub blank: Option<String>,
}

/// `GET /api/wards/{ward}/form.xlsx[?division=…][&blank=1]`: the form workbook of the ward,
/// or of one division; with `blank`, its goal rows empty to fill in.
pub async fn download(
    State(app): Shared,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
    Query(query): Query<FormQuery>,
) -> Response {
    let lang = app.lang;
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let theirs = (query.division.as_deref()).is_some_and(|d| signed.may_change(&ward.folder, d));
    if !signed.has_all() && !theirs {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden");
    }
    let blank = matches!(query.blank.as_deref(), Some("1" | "true" | "yes"));
    let made = blocking(move || form_of(&ward, query.division.as_deref(), blank, lang));
    made.await.unwrap_or_else(|| internal(lang))
}

fn form_of(ward: &WardDir, division: Option<&str>, blank: bool, lang: Lang) -> Response {
    let loaded = model::load_tree(&ward.dir);
    // Every division whose file can be read at all (a blank one just added too), its problems
    // on the cover.
    let (mut wards, notes) = form::every_division(&loaded);
    if let Some(name) = division {
        for ward in &mut wards {
            ward.divisions.retain(|d| d.name == name);
        }
        wards.retain(|w| !w.divisions.is_empty());
        if wards.is_empty() {
            return not_found(lang);
        }
    }
    let bytes = match form::to_form_noted(&wards, blank, &notes) {
        Ok(bytes) => bytes,
        Err(error) => return super::http::failure(lang, error.into()),
    };
    // A blank form named so: not to be taken for the one filled in.
    let blank_mark = if blank { "_空" } else { "" };
    let name = match division {
        Some(division) => format!("{}_{division}{blank_mark}.xlsx", ward.folder),
        None => format!("{}{blank_mark}.xlsx", ward.folder),
    };
    attachment(bytes, &name, XLSX)
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A download, named `name` (in UTF-8, with an ASCII name for old browsers).
pub fn attachment(bytes: Vec<u8>, name: &str, kind: &'static str) -> Response {
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    let disposition = format!("attachment; filename=\"form.xlsx\"; filename*=UTF-8''{encoded}");
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `POST …/import`'s query.
#[derive(Debug, Default, Deserialize)]
pub struct ImportQuery {
    #[serde(default)]
    pub dry_run: Option<String>,
    /// What the upload is: `xlsx` (also `xlsm`, `xls`, `ods`), `csv` or `json`, as the name of
    /// the file chosen ends. Not given: the `Content-Type`, else the bytes, tell.
    #[serde(default)]
    pub format: Option<String>,
}

/// The extension the upload is read by (the table reader goes by it): the format asked for,
/// else the `Content-Type`, else what the bytes begin with; a workbook when nothing tells.
fn upload_extension(format: Option<&str>, content_type: Option<&str>, body: &[u8]) -> &'static str {
    let asked = format.map(|f| f.trim().trim_start_matches('.').to_ascii_lowercase());
    match asked.as_deref() {
        Some("csv" | "txt") => return "csv",
        Some("json") => return "json",
        Some("xlsm") => return "xlsm",
        Some("xls") => return "xls",
        Some("ods") => return "ods",
        Some("xlsx") => return "xlsx",
        _ => {}
    }
    let kind = content_type.unwrap_or_default().to_ascii_lowercase();
    if kind.starts_with("text/csv") {
        return "csv";
    }
    if kind.starts_with("application/json") {
        return "json";
    }
    let text = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[' | b'{') => "json",
        _ if body.starts_with(b"PK") => "xlsx",
        _ if body.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => "xls",
        // Text (UTF-8 or Shift_JIS: no NUL byte) is a table as `export` writes it.
        _ if !body.iter().take(8 << 10).any(|b| *b == 0) => "csv",
        _ => "xlsx",
    }
}

/// What an upload changes in one division, in the sheet's words.
#[derive(Debug, Serialize)]
pub struct DivisionChanges {
    pub division: String,
    pub file: String,
    /// A division the ward does not have yet.
    pub new: bool,
    /// The division's name before, when the upload renames it.
    pub renamed_from: Option<String>,
    pub changes: Vec<ChangeView>,
    /// What the upload would lose (a value emptied, an item removed): `import --force`
    /// refuses it, and so does the upload.
    pub lost: Option<String>,
}

/// One change: where (`目標2 評価`), and the value before and after; an item added or
/// removed is `added` or `removed`, a value `changed`.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    pub kind: &'static str,
    pub place: String,
    pub before: String,
    pub after: String,
}

/// `POST /api/wards/{ward}/import[?dry_run=1]` with a form workbook (or any table `import`
/// reads) as the body: 200 with the changes per division; with `dry_run`, nothing written.
/// Refused as `import --force` refuses (422, every reason said, nothing written).
pub async fn upload(
    State(app): Shared,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
    Query(query): Query<ImportQuery>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let lang = app.lang;
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let dry_run = matches!(query.dry_run.as_deref(), Some("1" | "true" | "yes"));
    let content_type =
        (headers.get(axum::http::header::CONTENT_TYPE)).and_then(|v| v.to_str().ok());
    let extension = upload_extension(query.format.as_deref(), content_type, &body);
    let lock_app = std::sync::Arc::clone(&app);
    // One upload of a ward at a time: its preview and its write see one state.
    let lock = lock_app.lock(&ward.dir);
    let _guard = lock.lock().await;
    let work = std::sync::Arc::clone(&app);
    let done = blocking(move || upload_now(&work, &ward, &signed, (&body, extension, dry_run)));
    done.await.unwrap_or_else(|| internal(lang))
}

fn upload_now(
    app: &App,
    ward: &WardDir,
    signed: &Signed,
    (body, extension, dry_run): (&[u8], &str, bool),
) -> Response {
    let lang = app.lang;
    if !signed.has_all() && super::setup::is_closed(&ward.dir) {
        return super::setup::closed_refusal(lang);
    }
    let Ok(temp) = tempfile::tempdir() else {
        return internal(lang);
    };
    let file = temp.path().join(format!("upload.{extension}"));
    if std::fs::write(&file, body).is_err() {
        return internal(lang);
    }
    let planned = match import::preview(&file, &ward.dir, true) {
        Ok(planned) => planned,
        Err(error) => return unreadable_upload(lang, &error, &file),
    };
    if planned.refused {
        return refused_upload(lang, &planned, &file);
    }
    let divisions = changes(&planned);
    // Theirs before and after: no other division's file renamed into theirs.
    let theirs = |d: &DivisionChanges| {
        let before = d.renamed_from.as_deref().unwrap_or(&d.division);
        signed.may_change(&ward.folder, &d.division) && signed.may_change(&ward.folder, before)
    };
    if !signed.has_all() && !divisions.iter().all(theirs) {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden");
    }
    if dry_run {
        let body = json!({ "dry_run": true, "divisions": divisions, "written": [] });
        return Json(body).into_response();
    }
    apply(app, ward, signed, (&file, &planned), divisions)
}

/// The upload applied: each file it writes recorded in the history as the uploader's save
/// (pending before the write, confirmed after: the watcher seeing the change finds it
/// there, and does not take it for a change made outside the browser).
fn apply(
    app: &App,
    ward: &WardDir,
    signed: &Signed,
    (file, planned): (&std::path::Path, &import::Imported),
    divisions: Vec<DivisionChanges>,
) -> Response {
    let lang = app.lang;
    let mut pending = Vec::new();
    for (path, text) in planned.planned.iter().filter(|(p, _)| is_division(p)) {
        let name = file_name(path);
        let etag = draft::etag(text.as_bytes());
        let place = (ward.folder.as_str(), name.as_str());
        if let Ok(id) = (app.history).record(place, &etag, &signed.name, &draft_of(text)) {
            pending.push(id);
        }
    }
    let done = import::import(file, &ward.dir, true);
    let ok = matches!(&done, Ok(done) if !done.refused);
    for id in pending {
        let _ = match ok {
            true => app.history.confirm(id),
            false => app.history.drop_pending(id),
        };
    }
    let done = match done {
        Ok(done) if !done.refused => done,
        Ok(done) => return refused_upload(lang, &done, file),
        Err(error) => return unreadable_upload(lang, &error, file),
    };
    let written: Vec<String> = done.written.iter().map(|p| file_name(p)).collect();
    tracing::info!(who = %signed.name, ward = %ward.folder, count = written.len(), "log-imported");
    let problems = upload_problems(&done, lang);
    let body = json!({
        "dry_run": false,
        "divisions": divisions,
        "written": written,
        "problems": problems,
    });
    Json(body).into_response()
}

fn is_division(path: &std::path::Path) -> bool {
    path.file_name().is_some_and(|n| n != model::WARD_FILE)
}

fn file_name(path: &std::path::Path) -> String {
    (path.file_name().unwrap_or_default().to_string_lossy()).into_owned()
}

fn draft_of(text: &str) -> Draft {
    text.parse::<toml_edit::DocumentMut>()
        .map(|document| draft::read(&document))
        .unwrap_or_default()
}

/// What the planned files change, division by division, against the files as they are (the
/// file a renamed division leaves, for a rename).
fn changes(planned: &import::Imported) -> Vec<DivisionChanges> {
    let files = planned.planned.iter().filter(|(p, _)| is_division(p));
    files
        .map(|(path, text)| {
            let from: PathBuf = (planned.renamed.iter())
                .find(|(_, to)| to == path)
                .map_or_else(|| path.clone(), |(from, _)| from.clone());
            // Empty goal slots (as `new` writes them) are no content: the import drops them,
            // as the form has none, and loses nothing.
            let before =
                (std::fs::read_to_string(&from).ok()).map(|t| draft_of(&t).without_blank_items());
            let after = draft_of(text).without_blank_items();
            let empty = Draft::default();
            let was = before.as_ref().unwrap_or(&empty);
            let changes = fields::differences(FIELDS, was, &after);
            let renamed_from = (before.as_ref())
                .map(|b| b.division.clone())
                .filter(|name| *name != after.division);
            DivisionChanges {
                renamed_from,
                division: after.division.clone(),
                file: file_name(path),
                new: before.is_none(),
                changes: changes.iter().filter_map(change_view).collect(),
                lost: fields::lost(FIELDS, was, &after).map(|key| place(&key)),
            }
        })
        .collect()
}

/// A change in the sheet's words: `goals[2].actions[1].text` is 目標2 取組1 の 取組.
fn change_view(change: &Change) -> Option<ChangeView> {
    match change {
        Change::Item { key, before, .. } => Some(ChangeView {
            kind: if *before { "removed" } else { "added" },
            place: place(key),
            before: String::new(),
            after: String::new(),
        }),
        Change::Value {
            key,
            field,
            before,
            after,
        } => Some(ChangeView {
            kind: "changed",
            place: format!("{} {}", place(key), field.label).trim().to_string(),
            before: before.clone(),
            after: after.clone(),
        }),
    }
}

/// `goals[2].actions[1].indicators[3].target` → `目標2 取組1 指標3`: the items of a key, as the
/// sheet numbers them (from 1).
fn place(key: &str) -> String {
    let mut words = Vec::new();
    for part in key.split('.') {
        let Some((name, rest)) = part.split_once('[') else {
            continue;
        };
        let number: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
        let label = match name {
            "goals" => "目標",
            "actions" => "取組",
            "indicators" => "指標",
            other => other,
        };
        words.push(format!("{label}{number}"));
    }
    words.join(" ")
}

/// 422: the workbook cannot be read as a table.
fn unreadable_upload(
    lang: Lang,
    error: &crate::exchange::Error,
    file: &std::path::Path,
) -> Response {
    let message = uploaded(lang, &crate::locale::with(lang, || error.to_string()), file);
    let body = Json(json!({ "message": message, "reasons": [] }));
    (StatusCode::UNPROCESSABLE_ENTITY, body).into_response()
}

/// 422: what keeps the upload from being applied (as `import --force` tells it), nothing
/// written.
fn refused_upload(lang: Lang, done: &import::Imported, file: &std::path::Path) -> Response {
    let reasons: Vec<String> = crate::locale::with(lang, || {
        (done.unplaced.iter())
            .map(|reason| reason_in_words(lang, reason, file))
            .collect()
    });
    let problems = upload_problems(done, lang);
    let message = crate::locale::text_in(lang, "web-import-refused", &[]);
    let body = json!({ "message": message, "reasons": reasons, "problems": problems });
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// A problem an upload brings, with the division it is in: a whole ward's workbook has many.
#[derive(Debug, Serialize)]
struct UploadProblem {
    division: String,
    #[serde(flatten)]
    view: super::preview::ProblemView,
}

fn upload_problems(done: &import::Imported, lang: Lang) -> Vec<UploadProblem> {
    (done.problems.iter())
        .map(|problem| UploadProblem {
            division: (problem.division.clone()).unwrap_or_else(|| file_name(&problem.file)),
            view: super::preview::ProblemView::of(problem, lang),
        })
        .collect()
}

/// A message of the import in the page's words: the temporary file the upload was saved in
/// (a path on the server, unknown to the person) called the uploaded file.
fn uploaded(lang: Lang, message: &str, file: &std::path::Path) -> String {
    let name = crate::locale::text_in(lang, "web-uploaded-file", &[]);
    message.replace(&file.display().to_string(), &name)
}

/// Why an upload is not applied, as the page says it: a division's file that would lose an
/// item by the division's name and the item's place (the terminal's words name the file's path,
/// its key and `--force`); the others with the upload called the uploaded file.
fn reason_in_words(
    lang: Lang,
    unplaced: &crate::exchange::table::Unplaced,
    file: &std::path::Path,
) -> String {
    use crate::exchange::table::RowFault;
    match &unplaced.reason {
        RowFault::WouldLose { path, key } => {
            let division = model::written_place(path)
                .1
                .unwrap_or_else(|| file_name(path));
            let args = [("division", division.into()), ("place", place(key).into())];
            crate::locale::text_in(lang, "web-upload-would-lose", &args)
        }
        _ => uploaded(lang, &unplaced.to_string(), file),
    }
}
