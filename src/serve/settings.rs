//! A ward's own settings, `ward.toml` (区名, 年度, 作成日, 評価日, 中間評価, 承認印の欄), as the
//! planning section edits them in the browser: read leniently and written back into the same
//! document with `toml_edit`, as a division is ([`draft`]). Only an account that may change
//! every division may change them: they reach every sheet of the ward.
//!
//! [`draft`]: crate::sheet::draft

use super::App;
use super::auth::Signed;
use super::http::{self, Shared};
use super::merging;
use super::preview;
use super::sheets::WardDir;
use super::whole::Whole;
use crate::sheet::draft::{self, set};
use crate::sheet::fields::Level;
use crate::sheet::merge::Side;
use crate::sheet::model::{Problem, WARD_FILE};
use crate::sheet::uncomment;
use axum::Json;
use axum::extract::{Extension, Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use toml_edit::{Array, DocumentMut, Item, Value};

/// `ward.toml`'s keys.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WardDraft {
    pub ward: String,
    /// `None` when the file has no whole number there.
    pub fiscal_year: Option<i64>,
    /// `2023-04-01`; a value that is not a date comes as its TOML text.
    pub created: String,
    /// Empty until the year is evaluated.
    pub evaluated: String,
    pub interim: bool,
    pub approval: Vec<String>,
}

/// `ward.toml` as read for the form.
pub type Read = preview::Read<WardDraft>;

/// Reads a ward's `ward.toml`; `Err` with its problems when it is not readable TOML.
pub fn read(ward: &WardDir) -> Result<Read, Vec<Problem>> {
    preview::read_as(&ward.dir.join(WARD_FILE), read_document)
}

fn read_document(document: &DocumentMut) -> WardDraft {
    let top = document.as_table();
    let value = |key: &str| top.get(key).and_then(Item::as_value);
    WardDraft {
        ward: draft::text(top, "ward"),
        fiscal_year: value("fiscal_year").and_then(Value::as_integer),
        created: draft::text(top, "created"),
        evaluated: draft::text(top, "evaluated"),
        interim: value("interim").and_then(Value::as_bool).unwrap_or(false),
        approval: draft::texts(top, "approval"),
    }
}

/// Writes `draft` into `document`, each value where it stands with its comment kept. The keys
/// a ward fills in later (評価日, 中間評価, 承認印の欄) are written where the file has them
/// commented out, as `new` writes them; an emptied 評価日 is commented out again (an empty
/// date is no date); 中間評価 is added only when set.
fn apply(document: &mut DocumentMut, draft: &WardDraft) {
    let before = uncomment::Before::of(document);
    let top = document.as_table_mut();
    set(top, "ward", Value::from(draft.ward.as_str()), true);
    if let Some(year) = draft.fiscal_year {
        set(top, "fiscal_year", Value::from(year), true);
    }
    set(top, "created", date(&draft.created), true);
    if !draft.evaluated.trim().is_empty() {
        set(top, "evaluated", date(&draft.evaluated), true);
    }
    set(top, "interim", Value::from(draft.interim), draft.interim);
    let approval: Array = draft.approval.iter().map(String::as_str).collect();
    let wanted = !draft.approval.is_empty();
    set(top, "approval", Value::Array(approval), wanted);
    uncomment::settle(document, &before);
    if draft.evaluated.trim().is_empty() {
        comment_out(document, "evaluated");
    }
}

/// Takes `key` out of the file, leaving it as a comment line at the end with its note, the
/// way `new` writes a key that is filled in later.
fn comment_out(document: &mut DocumentMut, key: &str) {
    let top = document.as_table_mut();
    let Some(Item::Value(value)) = top.remove(key) else {
        return;
    };
    let note = value
        .decor()
        .suffix()
        .and_then(|s| s.as_str())
        .unwrap_or("");
    let line = format!("# {key} = {}{note}\n", value.clone().decorated("", ""));
    let trailing = document.trailing().as_str().unwrap_or("").to_string();
    document.set_trailing(format!("{line}{trailing}"));
}

/// A TOML date when the text is one (`2024-04-30`); otherwise the text as a string, for the
/// checks to say what is wrong with it.
fn date(text: &str) -> Value {
    match text.trim().parse::<toml_edit::Datetime>() {
        Ok(date) => Value::from(date),
        Err(_) => Value::from(text),
    }
}

/// Brings the history up to `ward.toml` as it is on disk (see [`preview::catch_up`]).
pub fn catch_up(app: &App, ward: &WardDir) {
    if let Ok(read) = read(ward) {
        preview::catch_up_with(app, ward, &read);
    }
}

/// Runs `work` on a blocking thread with the lock of the ward's `ward.toml` held.
async fn locked<T: Send + 'static>(
    app: &Arc<App>,
    ward: WardDir,
    work: impl FnOnce(&App, WardDir) -> T + Send + 'static,
) -> Option<T> {
    let path = ward.dir.join(WARD_FILE);
    http::locked_at(app, &path, move |app| work(app, ward)).await
}

/// `GET /api/wards/{ward}`: `ward.toml`'s keys and its ETag.
pub async fn get(State(app): Shared, UrlPath(ward): UrlPath<String>) -> Response {
    let lang = app.lang;
    let Some(ward) = http::find_ward(&app, &ward).await else {
        return http::not_found(lang);
    };
    match locked(&app, ward, |_, ward| read(&ward)).await {
        Some(Ok(read)) => http::with_etag(Json(read.draft).into_response(), &read.etag),
        Some(Err(problems)) => http::unreadable(&problems, lang),
        None => http::internal(lang),
    }
}

/// `PUT /api/wards/{ward}` with `If-Match`: writes the settings into `ward.toml` when it is
/// still the version the person started from. Only for an account that may change every
/// division.
pub async fn save(
    State(app): Shared,
    UrlPath(ward): UrlPath<String>,
    Extension(signed): Extension<Signed>,
    headers: HeaderMap,
    Whole(draft): Whole<WardDraft>,
) -> Response {
    let lang = app.lang;
    let Some(ward) = http::find_ward(&app, &ward).await else {
        return http::not_found(lang);
    };
    if !signed.has_all() {
        return http::refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-ward");
    }
    let Some(if_match) = http::if_match(&headers) else {
        return http::precondition_required(lang);
    };
    let choices = match super::merging::choices(&headers, lang) {
        Ok(choices) => choices,
        Err(refused) => return *refused,
    };
    let sent = (draft, if_match, choices);
    let save = move |app: &App, ward| save_now(app, &ward, &sent, &signed);
    locked(&app, ward, save)
        .await
        .unwrap_or_else(|| http::internal(lang))
}

/// A save as sent: the settings, the version they started from, the conflicts settled.
type Sent = (WardDraft, String, HashMap<String, Side>);

fn save_now(
    app: &App,
    ward: &WardDir,
    (draft, if_match, choices): &Sent,
    signed: &Signed,
) -> Response {
    let lang = app.lang;
    // As a division's save: no other program writes in the ward between check and write.
    let held = match crate::lock::ward(&ward.dir) {
        Ok(held) => held,
        Err(failed) => return http::failure(lang, failed.into()),
    };
    let read = match read(ward) {
        Ok(read) => read,
        Err(problems) => return http::unreadable(&problems, lang),
    };
    preview::catch_up_with(app, ward, &read);
    let place = (ward.folder.as_str(), WARD_FILE);
    // From an earlier version: merged field by field with the versions saved since.
    let data = serde_json::to_value(&read.draft).unwrap_or_default();
    let current = merging::Current {
        etag: &read.etag,
        data: &data,
    };
    let mine = serde_json::to_value(draft).unwrap_or_default();
    let settled = merging::settle(
        app,
        (place, Level::Ward),
        &current,
        (&mine, if_match),
        (choices, None),
    );
    let settled = match settled {
        Ok(settled) => settled,
        Err(refused) => return *refused,
    };
    let draft: WardDraft = serde_json::from_value(settled.draft.clone()).unwrap_or_default();
    let text = read.text_with(|document| apply(document, &draft));
    let etag = draft::etag(text.as_bytes());
    let path = ward.dir.join(WARD_FILE);
    let written = (text.as_str(), etag.as_str());
    let unchanged = settled.changes_nothing(&etag, &read.etag);
    if !unchanged
        && let Some(failed) = http::write_recorded(app, place, &path, written, &signed.name, &draft)
    {
        return failed;
    }
    tracing::info!(who = %signed.name, ward = %ward.folder, file = WARD_FILE, "log-saved");
    drop(held);
    let problems = preview::check_ward(app, ward, lang);
    let body =
        json!({ "etag": etag, "problems": problems, "merged": settled.theirs, "draft": draft });
    http::with_etag(Json(body).into_response(), &etag)
}

/// `GET /api/wards/{ward}/history`: every version of `ward.toml`, newest first.
pub async fn history(State(app): Shared, UrlPath(ward): UrlPath<String>) -> Response {
    let lang = app.lang;
    let Some(ward) = http::find_ward(&app, &ward).await else {
        return http::not_found(lang);
    };
    let versions = locked(&app, ward, |app, ward| {
        catch_up(app, &ward);
        app.history.versions::<WardDraft>(&ward.folder, WARD_FILE)
    });
    match versions.await {
        Some(Ok(versions)) => Json(versions).into_response(),
        Some(Err(_)) | None => http::internal(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# 区の共通情報。\n\
        ward = \"東区\"\n\
        fiscal_year = 2023          # 年度（4月〜翌3月）: 令和５年度\n\
        created = 2023-04-01        # 作成日\n\
        # evaluated = 2024-04-30    # 評価日（年度末の評価後に記入）\n\
        approval = [\"区長\", \"課長\"]\n";

    fn round_trip(edit: impl FnOnce(&mut WardDraft)) -> (String, WardDraft) {
        let mut document: DocumentMut = FILE.parse().unwrap();
        let mut draft = read_document(&document);
        edit(&mut draft);
        apply(&mut document, &draft);
        let text = document.to_string();
        let back = read_document(&text.parse().unwrap());
        assert_eq!(back, draft, "{text}");
        (text, back)
    }

    #[test]
    fn an_unchanged_ward_is_written_back_as_it_was() {
        let (text, draft) = round_trip(|_| {});
        assert_eq!(text, FILE);
        assert_eq!(draft.created, "2023-04-01");
        assert_eq!(draft.fiscal_year, Some(2023));
        assert_eq!(draft.approval, ["区長", "課長"]);
    }

    #[test]
    fn an_evaluation_date_takes_the_place_of_its_comment_and_gives_it_back_when_emptied() {
        let (text, _) = round_trip(|d| {
            d.evaluated = "2024-04-30".into();
            d.interim = true;
        });
        assert!(
            text.contains(
                "created = 2023-04-01        # 作成日\n\
                 evaluated = 2024-04-30      # 評価日（年度末の評価後に記入）\n"
            ),
            "in place of its comment, the note in its column:\n{text}"
        );
        assert!(!text.contains("# evaluated"), "{text}");
        assert!(text.contains("\ninterim = true\n"), "{text}");
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert!(parsed["evaluated"].as_datetime().is_some());

        let mut document: DocumentMut = text.parse().unwrap();
        let mut draft = read_document(&document);
        draft.evaluated.clear();
        draft.interim = false;
        apply(&mut document, &draft);
        let text = document.to_string();
        assert!(
            text.contains("\n# evaluated = 2024-04-30      # 評価日（年度末の評価後に記入）\n"),
            "commented out again, with its note: {text}"
        );
        assert_eq!(read_document(&text.parse().unwrap()).evaluated, "");
        assert!(
            text.contains("interim = false"),
            "kept in its place: {text}"
        );
    }

    #[test]
    fn the_keys_new_writes_as_comments_are_filled_in_where_they_stand() {
        let file = crate::sheet::model::write::ward_file("西区", 2025, None);
        let mut document: DocumentMut = file.parse().unwrap();
        let mut draft = read_document(&document);
        draft.evaluated = "2026-04-30".into();
        draft.approval = vec!["区長".into(), "課長".into()];
        apply(&mut document, &draft);
        let text = document.to_string();
        let lines: Vec<&str> = text.lines().collect();
        let at = |start: &str| lines.iter().position(|l| l.starts_with(start));
        assert_eq!(
            at("evaluated = 2026-04-30"),
            at("created").map(|i| i + 1),
            "{text}"
        );
        let approval = at("approval = [\"区長\", \"課長\"]");
        assert_eq!(approval, at("evaluated").map(|i| i + 1), "{text}");
        assert!(
            !text.contains("# evaluated") && !text.contains("# approval"),
            "{text}"
        );
        assert!(text.contains("# 承認印の欄"), "the note kept: {text}");
        assert_eq!(read_document(&text.parse().unwrap()), draft);
    }

    #[test]
    fn a_date_that_is_no_date_is_kept_as_text_for_the_checks() {
        let (text, draft) = round_trip(|d| d.created = "令和5年4月1日".into());
        assert!(text.contains("created = \"令和5年4月1日\""), "{text}");
        assert_eq!(draft.created, "令和5年4月1日");
    }
}
