//! The planning section's year through the browser, as `new` and `next-year` do it in the
//! terminal: a new ward, a new division, next year's ward from this one, and a year closed
//! (read-only for division accounts) or reopened. Only an account that may change every
//! division may do these (`docs/serve.md`, "The planning section's year").
//!
//! Where "closed" lives: a small file, [`CLOSED`], in the ward folder. Beside the sheets, it
//! goes wherever the folder goes (a backup, a copy to another PC) and outlives a history made
//! again; it is no key of `ward.toml`, so the sheet's format, its schema, `check`, `build`
//! and the form workbook are untouched by it: closing is a rule of the server (who may save
//! through it), not part of the sheet. It says who closed the year and when.

use super::App;
use super::auth::Signed;
use super::http::{Shared, blocking, find_ward, internal, not_found, refusal, refused};
use super::sheets::WardDir;
use crate::locale::Lang;
use crate::sheet::{model, next_year, scaffold};
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use serde::Deserialize;
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;

/// The most a `PUT` body may hold, as axum's default limit for every other body.
const BODY_LIMIT: usize = 2 << 20;

/// The file in a ward folder that closes its year.
pub const CLOSED: &str = ".mokuhyo-closed.json";

/// Whether the year of the ward folder `dir` is closed.
pub fn is_closed(dir: &std::path::Path) -> bool {
    dir.join(CLOSED).is_file()
}

/// 403 for a save into a closed year, saying why and who may reopen it.
pub fn closed_refusal(lang: Lang) -> Response {
    refusal(StatusCode::FORBIDDEN, lang, "web-year-closed")
}

/// The reason a division page is read-only for `signed`, in the page's language: the year is
/// closed and the account is a division's. `None`: it may be changed.
pub fn read_only_reason(dir: &std::path::Path, signed: &Signed, lang: Lang) -> Option<String> {
    (!signed.has_all() && is_closed(dir))
        .then(|| crate::locale::text_in(lang, "web-year-closed", &[]))
}

/// Where the JSON Schemas go when no `schema` folder is found above a ward: `schema` in the
/// sheets folder (the server writes nothing outside it; `new` puts them in the folder it is
/// run in). Not a ward (no `ward.toml`): `build` and `check` pass it by.
fn schema_dir(app: &App) -> PathBuf {
    app.root.join("schema")
}

/// A ward folder's name as a URL and a folder can both carry it: one name, no `/`, `\`,
/// `..`, leading dot or control character.
fn usable_folder(name: &str) -> bool {
    let bad = |c: char| matches!(c, '/' | '\\' | ':') || c.is_control();
    !name.trim().is_empty()
        && name.trim() == name
        && !name.starts_with('.')
        && !name.chars().any(bad)
        && !name.chars().any(crate::output::is_invisible)
}

/// `POST /api/wards`'s body.
#[derive(Debug, Deserialize)]
pub struct NewWard {
    pub folder: String,
    pub ward: String,
    pub fiscal_year: i32,
    #[serde(default)]
    pub created: Option<chrono::NaiveDate>,
}

/// The longest ward folder name taken: a URL and a path on any system carry it.
const FOLDER_CHARS: usize = 64;

/// How many fiscal years after this one a new ward may be for.
const YEARS_AROUND: i32 = 5;
/// The first fiscal year a ward may be made for: 平成元年 (1989).
const FIRST_YEAR: i32 = 1989;

/// 422 for a new ward the sheets cannot have: a folder name no system takes (or Windows
/// keeps for itself, `CON`, `LPT1`), a year far from this one, a 作成日 outside its year.
fn unusable_ward(asked: &NewWard, lang: Lang) -> Option<Response> {
    let unprocessable = |id: &str, args: &[crate::locale::Arg]| {
        let message = crate::locale::text_in(lang, id, args);
        Some(
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "message": message })),
            )
                .into_response(),
        )
    };
    let folder = asked.folder.as_str();
    if !usable_folder(folder) {
        return unprocessable("web-bad-folder", &[]);
    }
    if folder.chars().count() > FOLDER_CHARS {
        return unprocessable("web-folder-too-long", &[("max", FOLDER_CHARS.into())]);
    }
    if reserved_on_windows(folder) {
        return unprocessable("web-folder-reserved", &[("name", folder.into())]);
    }
    let today = chrono::Local::now().date_naive();
    let this_year = today.year() - i32::from(today.month() < 4);
    // Past years back to 平成元年 may be recorded; a year far ahead is a slip of typing.
    let (first, last) = (FIRST_YEAR, this_year + YEARS_AROUND);
    if !(first..=last).contains(&asked.fiscal_year) {
        let args = [("first", first.into()), ("last", last.into())];
        return unprocessable("web-year-far", &args);
    }
    let year = asked.fiscal_year;
    let start = chrono::NaiveDate::from_ymd_opt(year, 4, 1)?;
    let end = chrono::NaiveDate::from_ymd_opt(year + 1, 3, 31)?;
    match asked.created {
        Some(created) if !(start..=end).contains(&created) => {
            let shown = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
            let args = [("start", shown(start).into()), ("end", shown(end).into())];
            unprocessable("web-created-outside-year", &args)
        }
        _ => None,
    }
}

/// Whether Windows keeps the name for a device (`CON`, `nul.txt`, `COM1`), or drops its
/// trailing dot or space: a folder it cannot make or would make under another name.
fn reserved_on_windows(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let upper = stem.to_ascii_uppercase();
    let numbered = |prefix: &str| {
        (upper.strip_prefix(prefix))
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    };
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || numbered("COM")
        || numbered("LPT")
        || name.ends_with('.')
        || name.ends_with(' ')
}

/// `POST /api/wards`: a new ward folder with its `ward.toml` (201 with its folder).
pub async fn new_ward(
    State(app): Shared,
    Extension(signed): Extension<Signed>,
    Json(asked): Json<NewWard>,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    if let Some(refused) = unusable_ward(&asked, lang) {
        return refused;
    }
    let work = Arc::clone(&app);
    let made = blocking(move || {
        // A sheets folder that is one ward takes no other inside it.
        if work.root.join(model::WARD_FILE).is_file() {
            return refusal(StatusCode::CONFLICT, lang, "web-sheets-is-a-ward");
        }
        let request = scaffold::NewWard {
            ward_dir: work.root.join(&asked.folder),
            ward: asked.ward,
            fiscal_year: asked.fiscal_year,
            created: asked.created,
            schema_dir: schema_dir(&work),
        };
        match scaffold::new_ward_folder(&request) {
            Ok(_) => {
                tracing::info!(who = %signed.name, ward = %asked.folder, "log-ward-made");
                let body = json!({ "folder": asked.folder });
                (StatusCode::CREATED, Json(body)).into_response()
            }
            Err(error) => refused(lang, error.into()),
        }
    });
    made.await.unwrap_or_else(|| internal(lang))
}

/// `POST /api/wards/{ward}/divisions`'s body.
#[derive(Debug, Deserialize)]
pub struct NewDivision {
    pub division: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub order: Option<u32>,
}

/// `POST /api/wards/{ward}/divisions`: a blank division file, as `new` writes it (201 with
/// its name, file and order; 409 when the ward has a division of that name).
pub async fn new_division(
    State(app): Shared,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
    Json(asked): Json<NewDivision>,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let work = Arc::clone(&app);
    let made = blocking(move || {
        if let Some(refused) = unusable_order(&work, &ward, asked.order) {
            return refused;
        }
        let request = scaffold::NewDivision {
            ward_dir: ward.dir.clone(),
            division: asked.division.trim().to_string(),
            department: asked.department.filter(|d| !d.trim().is_empty()),
            order: asked.order,
            ward: None,
            fiscal_year: None,
            schema_dir: schema_dir(&work),
        };
        match scaffold::new_division(&request) {
            Ok(done) => {
                let path = done.files.last().cloned().unwrap_or_default();
                let (order, _) = model::written_place(&path);
                let file = path.file_name().unwrap_or_default().to_string_lossy();
                credit_new_file(&work, &ward, &path, &signed);
                let division = request.division;
                tracing::info!(who = %signed.name, ward = %ward.folder, file = %file, "log-division-made");
                let body = json!({ "division": division, "file": file, "order": order });
                (StatusCode::CREATED, Json(body)).into_response()
            }
            Err(error) => refused(lang, error.into()),
        }
    });
    made.await.unwrap_or_else(|| internal(lang))
}

/// The refusal of a division's 順 asked for: 0 (no file `check` reads: 422) or one another
/// division has (409). `None`: not asked for (the next free one is taken), or free.
fn unusable_order(app: &App, ward: &WardDir, order: Option<u32>) -> Option<Response> {
    let order = order?;
    if order == 0 {
        return Some(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            app.lang,
            "web-division-order-zero",
        ));
    }
    let files = super::sheets::division_files(&app.root, ward);
    let holder = files.iter().find(|file| file.order == Some(order))?;
    let args = [
        ("order", i64::from(order).into()),
        ("division", holder.name.as_str().into()),
    ];
    let message = crate::locale::text_in(app.lang, "web-division-order-taken", &args);
    Some((StatusCode::CONFLICT, Json(json!({ "message": message }))).into_response())
}

/// The new division's file recorded in the history as saved by the account that made it (as
/// an import's are), not as a file that appeared from outside the browser.
fn credit_new_file(app: &App, ward: &WardDir, path: &std::path::Path, signed: &Signed) {
    let Ok(read) = super::preview::read(path) else {
        return;
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let place = (ward.folder.as_str(), name.as_ref());
    // A failure here loses no sheet: the watcher records the file, uncredited.
    if let Ok(id) = (app.history).record(place, &read.etag, &signed.name, &read.draft) {
        let _ = app.history.confirm(id);
    }
}

/// `POST /api/wards/{ward}/next-year`'s body.
#[derive(Debug, Default, Deserialize)]
pub struct NextYear {
    /// The new 作成日; 1 April of the new year when not given.
    #[serde(default)]
    pub created: Option<chrono::NaiveDate>,
    /// The new ward folder; this one's name with the next year when not given.
    #[serde(default)]
    pub folder: Option<String>,
}

/// `POST /api/wards/{ward}/next-year`: next fiscal year's ward from this one, as `next-year`
/// makes it (201 with the new folder).
pub async fn next_year(
    State(app): Shared,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
    Json(asked): Json<NextYear>,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let work = Arc::clone(&app);
    let made = blocking(move || {
        if work.root.join(model::WARD_FILE).is_file() {
            return refusal(StatusCode::CONFLICT, lang, "web-sheets-is-a-ward");
        }
        let folder = match asked.folder {
            Some(folder) => folder,
            None => next_folder(&ward),
        };
        if !usable_folder(&folder) {
            return refusal(StatusCode::UNPROCESSABLE_ENTITY, lang, "web-bad-folder");
        }
        let request = next_year::NextYear {
            from: ward.dir.clone(),
            to: work.root.join(&folder),
            created: asked.created,
            clear_targets: false,
        };
        match next_year::next_year(&request) {
            Ok(_) => {
                tracing::info!(who = %signed.name, ward = %folder, "log-ward-made");
                (StatusCode::CREATED, Json(json!({ "folder": folder }))).into_response()
            }
            Err(crate::sheet::Error::NotSound { errors, .. }) => {
                let args = [("count", errors.into())];
                let message = crate::locale::text_in(lang, "web-next-year-not-sound", &args);
                let body = Json(json!({ "message": message }));
                (StatusCode::UNPROCESSABLE_ENTITY, body).into_response()
            }
            Err(error) => refused(lang, error.into()),
        }
    });
    made.await.unwrap_or_else(|| internal(lang))
}

/// Next year's folder name: this one's with its year part one on (`higashi-r7` →
/// `higashi-r8`, `東区_2025` → `東区_2026`, `西区-令和7年度` → `西区-令和8年度`), or the
/// next year after it (`higashi` → `higashi-2026`).
fn next_folder(ward: &WardDir) -> String {
    let (loaded, _) = model::load_ward(&ward.dir);
    let year = loaded.map(|w| w.fiscal_year);
    next_folder_name(&ward.folder, year)
}

fn next_folder_name(folder: &str, year: Option<i32>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut bumped = false;
    let mut rest = folder;
    // Split keeping the separators, so that only the year part changes.
    while !rest.is_empty() {
        let end = rest.find(['-', '_', ' ']).map_or(rest.len(), |i| i.max(1));
        let (part, after) = rest.split_at(end);
        let next = crate::sheet::era::parse_fiscal_year(part)
            .filter(|found| year.is_none_or(|y| y == *found))
            .and_then(|found| bumped_part(part, found));
        match next {
            Some(next) if !bumped => {
                parts.push(next);
                bumped = true;
            }
            _ => parts.push(part.to_string()),
        }
        rest = after;
    }
    match (bumped, year) {
        (true, _) => parts.concat(),
        (false, Some(year)) => format!("{folder}-{}", year + 1),
        (false, None) => format!("{folder}-next"),
    }
}

/// A year part of a folder's name, one year on, written as it was.
fn bumped_part(part: &str, year: i32) -> Option<String> {
    if part.len() == 4 && part.chars().all(|c| c.is_ascii_digit()) {
        return Some((year + 1).to_string());
    }
    // r7, R7, 令和7年度: the era's year one on, in the part's own letters.
    let digits: String = part.chars().filter(char::is_ascii_digit).collect();
    let number: i32 = digits.parse().ok()?;
    let at = part.find(|c: char| c.is_ascii_digit())?;
    let (head, tail) = (&part[..at], &part[at + digits.len()..]);
    Some(format!("{head}{}{tail}", number + 1))
}

/// `PUT /api/wards/{ward}`: `{"closed": true|false}` closes or reopens the year; any other
/// body is the ward's settings ([`super::settings::save`]).
pub async fn put_ward(
    State(app): Shared,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
    request: Request,
) -> Response {
    use axum::handler::Handler;
    let lang = app.lang;
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return refusal(StatusCode::PAYLOAD_TOO_LARGE, lang, "web-too-large");
    };
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Closing {
        closed: bool,
    }
    let Ok(Closing { closed }) = serde_json::from_slice::<Closing>(&bytes) else {
        let request = Request::from_parts(parts, Body::from(bytes));
        return super::settings::save.call(request, app).await;
    };
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let done = blocking(move || {
        let path = ward.dir.join(CLOSED);
        let written = match closed {
            true => {
                let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                let text = json!({ "closed_by": signed.name, "closed_at": at }).to_string();
                crate::output::write_atomic(&path, text.as_bytes())
            }
            false => std::fs::remove_file(&path).or_else(|err| match err.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(err),
            }),
        };
        match written {
            Ok(()) => {
                let (who, folder) = (&signed.name, &ward.folder);
                match closed {
                    true => tracing::info!(who = %who, ward = %folder, "log-year-closed"),
                    false => tracing::info!(who = %who, ward = %folder, "log-year-reopened"),
                }
                Json(json!({ "closed": closed })).into_response()
            }
            Err(err) => super::http::failure(lang, crate::sheet::Error::write(&path, err).into()),
        }
    });
    done.await.unwrap_or_else(|| internal(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_years_folder_has_its_year_one_on() {
        assert_eq!(next_folder_name("higashi-r7", Some(2025)), "higashi-r8");
        assert_eq!(next_folder_name("東区_2025", Some(2025)), "東区_2026");
        assert_eq!(
            next_folder_name("西区-令和7年度", Some(2025)),
            "西区-令和8年度"
        );
        assert_eq!(next_folder_name("higashi", Some(2025)), "higashi-2026");
        assert!(usable_folder("higashi-r8"));
        for bad in ["", "../x", "a/b", ".hidden", " x", "a\u{200B}b"] {
            assert!(!usable_folder(bad), "{bad}");
        }
    }
}
