//! A save (or a restore) from an earlier version, merged with every version saved since
//! (`docs/serve.md`, "Two people, one sheet"): the version its `If-Match` names is looked up in
//! the history, and the save is merged field by field against it ([`crate::sheet::merge`]).
//! The items' ids live in the history, with each version; a version that reached the file
//! without them gets them here ([`crate::sheet::identity`]).

use super::App;
use crate::locale::Lang;
use crate::sheet::fields::{FIELDS, Level};
use crate::sheet::identity;
use crate::sheet::merge::{self, Conflict, Place, Side};
use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The header a save settles conflicts with: JSON, `{"<at>": "mine" | "theirs"}`, each
/// conflict by the `at` a 409 named it with.
pub const CHOICES: &str = "x-mokuhyo-choices";

/// The choices a request makes (none when the header is absent); 400 when the header is not
/// a JSON object of `"mine"` or `"theirs"` by place: a choice misread is a conflict settled
/// the wrong way.
pub fn choices(headers: &HeaderMap, lang: Lang) -> Result<HashMap<String, Side>, Box<Response>> {
    let Some(value) = headers.get(CHOICES) else {
        return Ok(HashMap::new());
    };
    (value.to_str().ok())
        .and_then(|text| serde_json::from_str(text).ok())
        .ok_or_else(|| {
            let refused = super::http::refusal(StatusCode::BAD_REQUEST, lang, "web-bad-choices");
            Box::new(refused)
        })
}

/// A save, settled: the draft to write, and the fields in it that came from others.
pub struct Settled {
    pub draft: Value,
    pub theirs: Vec<Place>,
    /// Merged from an earlier version (not the file as it is).
    pub merged: bool,
}

impl Settled {
    /// Whether writing `etag` (the text the settled draft gives) is to be skipped: a merge
    /// that changes nothing in the file now at `current`, kept as one version, not two.
    pub fn changes_nothing(&self, etag: &str, current: &str) -> bool {
        self.merged && etag == current
    }
}

/// The file as it is now: its ETag and its keys with their ids.
pub struct Current<'a> {
    pub etag: &'a str,
    pub data: &'a Value,
}

/// What a save of `sent` from the version `if_match` writes into the file `place` of `level`
/// (a division, or a ward's settings), now at `current`: `sent` itself when the file is still
/// that version; merged when the history holds that version; else 412 (the version is not
/// known), or 409 when a field was changed on both sides (nothing is to be written). A
/// conflict `choices` leave open takes the side `otherwise` names when it names one (a
/// restore: the version put back, what the person asked for).
pub fn settle(
    app: &App,
    (place, level): ((&str, &str), Level),
    current: &Current,
    (sent, if_match): (&Value, &str),
    (choices, otherwise): (&HashMap<String, Side>, Option<Side>),
) -> Result<Settled, Box<Response>> {
    let base = (app.history.by_etag::<Value>(place, if_match).ok().flatten()).map(|v| v.data);
    let mut mine = sent.clone();
    if current.etag == if_match {
        let previous = base.as_ref().unwrap_or(current.data);
        identity::identify(FIELDS, level, Some(previous), &mut mine);
        let theirs = Vec::new();
        return Ok(Settled {
            draft: mine,
            theirs,
            merged: false,
        });
    }
    let Some(base) = base else {
        return Err(Box::new(super::http::stale(
            app.lang,
            current.etag,
            current.data,
        )));
    };
    identity::identify(FIELDS, level, Some(&base), &mut mine);
    let mut merged = merge::merge(FIELDS, level, (&base, current.data, &mine), choices);
    if let Some(side) = otherwise.filter(|_| !merged.conflicts.is_empty()) {
        let mut all = choices.clone();
        for open in &merged.conflicts {
            all.entry(open.place.at.clone()).or_insert(side);
        }
        merged = merge::merge(FIELDS, level, (&base, current.data, &mine), &all);
    }
    if !merged.conflicts.is_empty() {
        let refused = conflict(app.lang, current, &merged.conflicts, &merged.theirs);
        return Err(Box::new(refused));
    }
    Ok(Settled {
        draft: merged.draft,
        theirs: merged.theirs,
        merged: true,
    })
}

/// 409: fields changed on both sides, each with its place, base, saved and sent value; the
/// file's version and keys, to save again from. Nothing was written.
fn conflict(lang: Lang, current: &Current, conflicts: &[Conflict], theirs: &[Place]) -> Response {
    let message = crate::locale::text_in(lang, "web-merge-conflict", &[]);
    let body = json!({
        "message": message,
        "etag": current.etag,
        "current": current.data,
        "conflicts": conflicts,
        "theirs": theirs,
    });
    let response = (StatusCode::CONFLICT, Json(body)).into_response();
    super::http::with_etag(response, current.etag)
}

/// Whether `at` names an item or a field of `base` or of `then` (a restore of nothing is 404).
pub fn names(level: Level, (base, then): (&Value, &Value), at: &str) -> bool {
    let parts: Vec<&str> = at.split('/').filter(|p| !p.is_empty()).collect();
    [base, then]
        .into_iter()
        .any(|data| merge::holds(FIELDS, level, data, &parts))
}

/// The keys of `base` with the part `at` (an item by its ids, or a field: ids then key, as a
/// 409 names them) put back as `then` has it: what restoring one goal or one field sends.
pub fn put_back(level: Level, base: &Value, then: &Value, at: &str) -> Value {
    let parts: Vec<&str> = at.split('/').filter(|p| !p.is_empty()).collect();
    merge::put_back(FIELDS, level, (base, then), &parts)
}
