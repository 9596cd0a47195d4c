//! Why a page is shown to read only: everything a save of it would be refused for, known when
//! the page opens, so that the person reads a note saying why instead of typing into a form
//! that fails on save. One reason today (another division's sheet); a year closed by the
//! planning section is another of the same kind.

use super::auth::Signed;
use super::http::refusal;
use super::preview::ProblemView;
use super::users::Access;
use crate::locale::{Lang, text_in};
use crate::sheet::fields::DIVISION;
use crate::sheet::model::{self, Severity};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why a division's page may be read but not saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnly {
    /// The account may change other divisions only.
    OtherDivision,
    /// The sheet is submitted and waits for approval: it changes only once withdrawn or
    /// returned.
    Submitted,
}

impl ReadOnly {
    /// The reason in words, for the note on the page: with the divisions `signed` may change.
    pub fn words(self, signed: &Signed, lang: Lang) -> String {
        let id = match self {
            ReadOnly::OtherDivision => "web-read-only-other-division",
            ReadOnly::Submitted => "web-read-only-submitted",
        };
        let yours = match &signed.access {
            Access::All => String::new(),
            Access::Divisions(names) => {
                let names: Vec<String> = names.iter().map(|n| format!("「{n}」")).collect();
                names.join("、")
            }
        };
        text_in(lang, id, &[("divisions", yours.into())])
    }
}

/// Why the division `division` of the ward folder `ward` is read only for `signed`; `None`
/// when they may save it.
pub fn division(signed: &Signed, ward: &str, division: &str) -> Option<ReadOnly> {
    if !signed.may_change(ward, division) {
        return Some(ReadOnly::OtherDivision);
    }
    None
}

/// What keeps `signed` from saving the division `division` of the ward folder `ward` under the
/// name `name`: `None` when nothing does. Another division's sheet, or a rename into another
/// division's name, is a refusal of rights (403). A name that is the division's own but for
/// its spaces, widths or invisible characters (「地域課 」) is no rename: rights compare names
/// as the ward does, and the page tells the slip at the field. An empty name is a problem of
/// the form (422, nothing written) for an account of some divisions only: the division would
/// go by its file's name, which is none of theirs, and they could not put it right. A name with
/// a space around it or an invisible character in it is refused later ([`unwritable_name`]).
pub fn save_refusal(
    signed: &Signed,
    (ward, division): (&str, &str),
    name: &str,
    lang: Lang,
) -> Option<Response> {
    let forbidden = || Some(refusal(StatusCode::FORBIDDEN, lang, "web-forbidden"));
    if !signed.may_change(ward, division) {
        return forbidden();
    }
    if name.trim().is_empty() {
        let ids = ("web-name-empty", "web-name-empty-refused");
        return (!signed.has_all()).then(|| name_problem(lang, ids, &[]));
    }
    if !model::same_division_name(name, division) && !signed.may_change(ward, name) {
        return forbidden();
    }
    None
}

/// 422 when `name` has a space before or after it, or an invisible character in it: written,
/// it would give the division a name (and a page address) that looks like its old one and is
/// not. For every account; checked once the name is known to be no other division's (409).
pub fn unwritable_name(name: &str, lang: Lang) -> Option<Response> {
    if name.trim() != name {
        return Some(name_problem(
            lang,
            ("web-name-spaces", "web-name-refused"),
            &[],
        ));
    }
    let invisible = crate::output::invisible_points(name);
    if invisible.is_empty() {
        return None;
    }
    let args = [("chars", invisible.into())];
    Some(name_problem(
        lang,
        ("web-name-invisible", "web-name-refused"),
        &args,
    ))
}

/// 422: the division's name as it cannot be written (empty, spaced), told at its field (`id`),
/// and why nothing was written (`answer`).
fn name_problem(lang: Lang, (id, answer): (&str, &str), args: &[crate::locale::Arg]) -> Response {
    let problem = ProblemView {
        severity: Severity::Error,
        key: DIVISION.to_string(),
        place: super::sheet_words::place(DIVISION, false, lang),
        line: None,
        column: None,
        message: text_in(lang, id, args),
    };
    let message = text_in(lang, answer, &[]);
    let body = serde_json::json!({ "message": message, "problems": [problem] });
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}
