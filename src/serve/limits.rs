//! A draft past what a sheet holds ([`MAX_ITEMS`] goals, actions of a goal, indicators of an
//! action) is refused before it is written: the file would only be said to be too long when
//! read, and every page and the history would carry its megabytes.

use super::preview::ProblemView;
use crate::locale::Lang;
use crate::sheet::draft::Draft;
use crate::sheet::model::{MAX_ITEMS, Problem};
use crate::sheet::problem::Kind;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::path::Path;

/// 422 with the limit `draft` goes past, as reading `file` would say it; `None` within them.
pub fn refusal(draft: &Draft, file: &Path, lang: Lang) -> Option<Response> {
    let problem = beyond(draft, file)?;
    let message = crate::locale::text_in(lang, "web-over-limit", &[]);
    let problems = [ProblemView::of(&problem, lang)];
    let body = json!({ "message": message, "problems": problems });
    Some((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
}

/// The first limit `draft` goes past, with the key reading the file would name.
fn beyond(draft: &Draft, file: &Path) -> Option<Problem> {
    let at = |key: String, kind| Problem {
        key,
        ..Problem::whole_file(file, kind)
    };
    let count = draft.goals.len();
    if count > MAX_ITEMS {
        return Some(at(
            "goals".into(),
            Kind::TooManyGoals {
                count,
                max: MAX_ITEMS,
            },
        ));
    }
    for (i, goal) in draft.goals.iter().enumerate() {
        let key = format!("goals[{}]", i + 1);
        if goal.actions.len() > MAX_ITEMS {
            let key = format!("{key}.actions[{}]", MAX_ITEMS + 1);
            return Some(at(key, Kind::TooManyActions { max: MAX_ITEMS }));
        }
        for (j, action) in goal.actions.iter().enumerate() {
            if action.indicators.len() > MAX_ITEMS {
                let key = format!("{key}.actions[{}]", j + 1);
                return Some(at(key, Kind::TooManyIndicators { max: MAX_ITEMS }));
            }
        }
    }
    None
}
