//! Problems as the browser shows them: in the sheet's words, never the file's. Each has its
//! place in the form's labels (組織目標 1 › 主な取組 1 › 取組名称（事業名）), taken from the
//! field table; where the terminal's message names TOML tables and keys (「[[goals.actions]]
//! の表を書き加えてください」), the page has its own (`web-problem-…` in the catalogues), pointing
//! at the field to fill in first. The terminal (`check`, `build`) keeps its words, with lines
//! and keys: there the person has the file open.

use crate::locale::{Arg, Lang, text_in};
use crate::sheet::fields::{self, FIELDS, Field, Level, Phase};
use crate::sheet::problem::{Kind, Problem};
use fluent_bundle::FluentValue;

/// The settings page's words for `ward.toml`'s keys (the field table gives the division
/// form's only).
const WARD_WORDS: &[(&str, &str)] = &[
    ("ward", "web-ward-name"),
    ("fiscal_year", "web-fiscal-year"),
    ("created", "web-created"),
    ("evaluated", "web-evaluated-date"),
    ("interim", "web-interim"),
    ("approval", "web-approval"),
];

/// Messages that say an item is missing below a key: shown at the first field of the first
/// such item, the one to fill in first (`goals` → `goals[1].text`).
const FILL_FIRST: &[&str] = &[
    "problem-no-goal-yet",
    "problem-no-action",
    "problem-no-indicator",
];

/// A problem for the page: the key of the field it is shown at, that field's place in the
/// sheet's words, and the message.
pub struct PageWords {
    pub key: String,
    pub place: String,
    pub message: String,
}

/// `problem` in the page's words, in `lang`.
pub fn page_words(problem: &Problem, lang: Lang) -> PageWords {
    let ward_file = problem.file.file_name() == Some(crate::sheet::model::WARD_FILE.as_ref());
    let id = problem.kind.message_id();
    let key = match FILL_FIRST.contains(&id) && !ward_file {
        true => fill_first(&problem.key).unwrap_or_else(|| problem.key.clone()),
        false => problem.key.clone(),
    };
    let place = place(&key, ward_file, lang);
    let extra: Arg = match &problem.kind {
        // The other division by its name: the server's folders are nothing to the clerk.
        Kind::OrderTaken { by, .. } => ("by", FluentValue::from(division_of(by))),
        _ => ("place", FluentValue::from(place.clone())),
    };
    let message =
        (problem.kind.page_words(lang, "web-", extra)).unwrap_or_else(|| problem.kind.words(lang));
    PageWords {
        key,
        place,
        message,
    }
}

/// Where `key` is, in the form's words: `goals[1].actions[2].name` → 組織目標 1 › 主な取組 2 ›
/// 取組名称（事業名）; `evaluated` of `ward.toml` → its label on the settings page. Empty for
/// the file as a whole.
pub fn place(key: &str, ward_file: bool, lang: Lang) -> String {
    if ward_file {
        let name = key.split(['.', '[']).next().unwrap_or_default();
        return (WARD_WORDS.iter())
            .find(|(k, _)| *k == name)
            .map(|(_, id)| text_in(lang, id, &[]))
            .unwrap_or_default();
    }
    let mut level = Level::Division;
    let mut words = Vec::new();
    for part in key.split('.').filter(|p| !p.is_empty()) {
        let (name, no) = item_part(part);
        let Some(field) = fields::find(FIELDS, level, name) else {
            break;
        };
        match (field.kind, no) {
            (fields::Kind::Items(below), Some(no)) => {
                let no: Arg = ("no", FluentValue::from(no));
                words.push(text_in(lang, &format!("web-{}", level_word(below)), &[no]));
                level = below;
            }
            _ => words.push(field_words(field, lang)),
        }
    }
    words.join(" › ")
}

/// The name the division of the file `path` goes by (as its page is found).
fn division_of(path: &std::path::Path) -> String {
    let (_, written) = crate::sheet::model::written_place(path);
    super::sheets::shown_name(written.as_deref(), path)
}

/// `actions[2]` → (`actions`, 2); `name` → (`name`, none).
fn item_part(part: &str) -> (&str, Option<usize>) {
    match part.split_once('[') {
        Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
        None => (part, None),
    }
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::Ward => "ward-settings",
        Level::Division => "header",
        Level::Goal => "goal",
        Level::Action => "action",
        Level::Indicator => "indicator",
    }
}

fn field_words(field: &Field, lang: Lang) -> String {
    match field.words {
        "" => field.label.to_string(),
        words => text_in(lang, &format!("web-{words}"), &[]),
    }
}

/// The first field of the first item below `key`: `goals` (the items) → `goals[1].text`;
/// `goals[2]` (an item) → `goals[2].actions[1].name`. `None` when `key` has no items below.
fn fill_first(key: &str) -> Option<String> {
    let mut level = Level::Division;
    let mut items_here = None;
    for part in key.split('.').filter(|p| !p.is_empty()) {
        let (name, no) = item_part(part);
        let field = fields::find(FIELDS, level, name)?;
        let fields::Kind::Items(below) = field.kind else {
            return None;
        };
        level = below;
        items_here = no.is_none().then_some(below);
    }
    let (prefix, level) = match items_here {
        Some(below) => (format!("{key}[1]"), below),
        None => {
            let items =
                fields::of(FIELDS, level).find(|f| matches!(f.kind, fields::Kind::Items(_)))?;
            let fields::Kind::Items(below) = items.kind else {
                return None;
            };
            let at = if key.is_empty() {
                String::new()
            } else {
                format!("{key}.")
            };
            (format!("{at}{}[1]", items.key), below)
        }
    };
    let first = fields::of(FIELDS, level)
        .find(|f| f.phase == Phase::Plan && !matches!(f.kind, fields::Kind::Items(_)))?;
    Some(format!("{prefix}.{}", first.key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_said_in_the_forms_labels() {
        assert_eq!(
            place("goals[1].actions[2].name", false, Lang::Ja),
            "組織目標 1 › 主な取組 2 › 取組名称（事業名）"
        );
        assert_eq!(place("goals[3].text", false, Lang::Ja), "組織目標 3 › 本文");
        assert_eq!(
            place("division", false, Lang::Ja),
            "組織名（準部・課・機関名）"
        );
        assert_eq!(place("", false, Lang::Ja), "");
        assert!(place("evaluated", true, Lang::Ja).starts_with("評価日"));
        assert_eq!(
            place("goals[1].actions[1].indicators[2].target", false, Lang::En),
            "Goal 1 › Action 1 › Indicator 2 › target"
        );
    }

    #[test]
    fn what_is_missing_is_shown_at_the_field_to_fill_first() {
        assert_eq!(fill_first("goals").as_deref(), Some("goals[1].text"));
        assert_eq!(
            fill_first("goals[2]").as_deref(),
            Some("goals[2].actions[1].name")
        );
        assert_eq!(
            fill_first("goals[2].actions[3]").as_deref(),
            Some("goals[2].actions[3].indicators[1].name")
        );
        assert_eq!(fill_first("goals[2].text"), None);
    }
}
