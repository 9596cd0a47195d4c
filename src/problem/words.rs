//! The problems in words: the one place where a [`Kind`] becomes a sentence, by its message in
//! the catalogue of the chosen language (`locales/*.ftl`) with its arguments.

use super::kind::{Expected, Found, Kind, NotAFileKind, TextPlace};
use crate::locale::{Arg, Lang, text_in};
use fluent_bundle::FluentValue;
use std::path::Path;

impl Kind {
    /// The problem in words, in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        let (id, args) = self.message();
        text_in(lang, id, &args_in(lang, args))
    }

    /// The message id and its arguments. Arguments that are words themselves (what a value is,
    /// where a text is) are [`Word`]s, put in the language when the message is.
    fn message(&self) -> (&'static str, Vec<(&'static str, Word)>) {
        files(self)
            .or_else(|| format(self))
            .or_else(|| slips(self))
            .or_else(|| rules(self))
            .or_else(|| characters(self))
            .expect("every kind has its message")
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(crate::locale::current()))
    }
}

/// A message argument: data as it is, or a word of the catalogue.
enum Word {
    Data(String),
    Number(f64),
    Found(Found),
    Expected(Expected),
    Place(TextPlace),
}

type Message = Option<(&'static str, Vec<(&'static str, Word)>)>;

fn data(value: impl std::fmt::Display) -> Word {
    Word::Data(value.to_string())
}

fn number(value: impl Into<f64>) -> Word {
    Word::Number(value.into())
}

fn count(value: usize) -> Word {
    Word::Number(value as f64)
}

/// `None` shows as the catalogue's `[none]` variant.
fn optional(value: &Option<String>) -> Word {
    data(value.as_deref().unwrap_or("none"))
}

fn path(value: &Path) -> Word {
    data(crate::output::visible(&value.display().to_string()))
}

fn args_in(lang: Lang, args: Vec<(&'static str, Word)>) -> Vec<Arg<'static>> {
    args.into_iter()
        .map(|(name, word)| {
            let value = match word {
                Word::Data(text) => FluentValue::from(text),
                Word::Number(n) => FluentValue::from(n),
                Word::Found(found) => text_in(lang, found_id(found), &[]).into(),
                Word::Expected(expected) => text_in(lang, expected_id(expected), &[]).into(),
                Word::Place(place) => place_words(lang, &place).into(),
            };
            (name, value)
        })
        .collect()
}

/// What is wrong with a folder or a file as a whole.
fn files(kind: &Kind) -> Message {
    Some(match kind {
        Kind::CannotReadSheets { reason } => {
            ("problem-cannot-read-sheets", vec![("reason", data(reason))])
        }
        Kind::NoWard => ("problem-no-ward", vec![]),
        Kind::CannotReadWard { reason } => {
            ("problem-cannot-read-ward", vec![("reason", data(reason))])
        }
        Kind::NoDivision => ("problem-no-division", vec![]),
        Kind::CannotReadFile { reason } => {
            ("problem-cannot-read-file", vec![("reason", data(reason))])
        }
        Kind::NotAFile => ("problem-not-a-file", vec![]),
        Kind::TooLarge { mib, max_mib } => (
            "problem-too-large",
            vec![
                ("mib", number(*mib as f64)),
                ("max_mib", number(*max_mib as f64)),
            ],
        ),
        Kind::NotASheetFile { what } => {
            let what = match what {
                NotAFileKind::Folder => "folder",
                NotAFileKind::DanglingLink => "dangling_link",
                NotAFileKind::Special => "special",
            };
            ("problem-not-a-sheet-file", vec![("what", data(what))])
        }
        Kind::RenameToToml { stem } => ("problem-rename-to-toml", vec![("stem", data(stem))]),
        Kind::NotUtf8 { encoding } => ("problem-not-utf8", vec![("encoding", data(encoding))]),
        Kind::NotText => ("problem-not-text", vec![]),
        Kind::BrokenUtf16 { encoding } => {
            ("problem-broken-utf16", vec![("encoding", data(encoding))])
        }
        Kind::BadShiftJisByte => ("problem-bad-shift-jis-byte", vec![]),
        Kind::MoreProblems { count: n } => ("problem-more-problems", vec![("count", count(*n))]),
        Kind::OrderTaken {
            order,
            by,
            line,
            column,
        } => (
            "problem-order-taken",
            vec![
                ("order", number(*order)),
                ("by", path(by)),
                ("line", count(*line)),
                ("column", count(*column)),
            ],
        ),
        Kind::DuplicateDivision { name, first } => (
            "problem-duplicate-division",
            vec![("name", data(name)), ("first", path(first))],
        ),
        _ => return None,
    })
}

/// What is wrong with the TOML: its syntax, keys and types.
fn format(kind: &Kind) -> Message {
    Some(match kind {
        Kind::Syntax { message } => ("problem-syntax", vec![("message", data(message))]),
        Kind::Unreadable { message } => ("problem-unreadable", vec![("message", data(message))]),
        Kind::UnknownKey {
            key,
            table,
            suggestion,
            keys,
        } => (
            "problem-unknown-key",
            vec![
                ("key", data(key)),
                ("table", optional(table)),
                ("suggestion", optional(suggestion)),
                ("keys", data(keys.join(", "))),
            ],
        ),
        Kind::MissingKey {
            key,
            table,
            expected,
        } => (
            "problem-missing-key",
            vec![
                ("key", data(key)),
                ("table", optional(table)),
                ("example", data(example(*expected))),
            ],
        ),
        Kind::WrongType {
            found,
            expected,
            unquoted,
        } => (
            "problem-wrong-type",
            vec![
                ("found", Word::Found(*found)),
                ("expected", Word::Expected(*expected)),
                ("unquoted", optional(unquoted)),
            ],
        ),
        Kind::NotATable { found } => (
            "problem-not-a-table",
            vec![
                ("found", Word::Found(*found)),
                ("expected", Word::Expected(Expected::Tables)),
            ],
        ),
        Kind::OneTable { table } => ("problem-one-table", vec![("table", data(table))]),
        _ => return None,
    })
}

/// The slips of typing with a Japanese input method.
fn slips(kind: &Kind) -> Message {
    Some(match kind {
        Kind::FullWidthEquals => ("problem-full-width-equals", vec![]),
        Kind::FullWidthSpace => ("problem-full-width-space", vec![]),
        Kind::Unquoted { key, value } => (
            "problem-unquoted",
            vec![("key", data(key)), ("value", data(value))],
        ),
        Kind::CurlyQuotes { key, quote } => (
            "problem-curly-quotes",
            vec![("key", data(key)), ("quote", data(quote))],
        ),
        Kind::NewlineInString { key } => ("problem-newline-in-string", vec![("key", data(key))]),
        Kind::FullWidthDigits { written, digits } => (
            "problem-full-width-digits",
            vec![("written", data(written)), ("digits", data(digits))],
        ),
        Kind::FullWidthBrackets { written, header } => (
            "problem-full-width-brackets",
            vec![("written", data(written)), ("header", data(header))],
        ),
        Kind::FullWidthHash => ("problem-full-width-hash", vec![]),
        Kind::JapaneseKey {
            key,
            suggestion,
            keys,
        } => (
            "problem-japanese-key",
            vec![
                ("key", data(key)),
                ("suggestion", optional(suggestion)),
                ("keys", data(keys.join(", "))),
            ],
        ),
        _ => return None,
    })
}

/// What breaks one of the sheet's rules.
fn rules(kind: &Kind) -> Message {
    Some(match kind {
        Kind::TooManyStamps { count: n, max } => (
            "problem-too-many-stamps",
            vec![("count", count(*n)), ("max", count(*max))],
        ),
        Kind::EmptyStamp => ("problem-empty-stamp", vec![]),
        Kind::EmptyWardName => ("problem-empty-ward-name", vec![]),
        Kind::BadFiscalYear { year } => ("problem-bad-fiscal-year", vec![("year", data(year))]),
        Kind::EvaluatedBeforeCreated { evaluated, created } => (
            "problem-evaluated-before-created",
            vec![("evaluated", data(evaluated)), ("created", data(created))],
        ),
        Kind::InvisibleInName { name } => (
            "problem-invisible-in-name",
            vec![("name", data(crate::output::visible(name)))],
        ),
        Kind::NotAPlainDate { written } => {
            ("problem-not-a-plain-date", vec![("written", data(written))])
        }
        Kind::BeforeEras { date } => ("problem-before-eras", vec![("date", data(date))]),
        Kind::BadOrder { order } => ("problem-bad-order", vec![("order", data(order))]),
        Kind::EmptyName { key } => ("problem-empty-name", vec![("key", data(key))]),
        Kind::NoGoal => ("problem-no-goal", vec![]),
        Kind::NoGoalYet => ("problem-no-goal-yet", vec![]),
        Kind::TooManyGoals { count: n, max } => (
            "problem-too-many-goals",
            vec![("count", count(*n)), ("max", count(*max))],
        ),
        Kind::ExtraGoals { count: n, rows } => (
            "problem-extra-goals",
            vec![("count", count(*n)), ("rows", count(*rows))],
        ),
        Kind::EmptyGoalText => ("problem-empty-goal-text", vec![]),
        Kind::NotARating { mark } => ("problem-not-a-rating", vec![("mark", data(mark))]),
        Kind::RatedWithoutResult => ("problem-rated-without-result", vec![]),
        Kind::NoAction => ("problem-no-action", vec![]),
        Kind::TooManyActions { max } => ("problem-too-many-actions", vec![("max", count(*max))]),
        Kind::TooManyIndicators { max } => {
            ("problem-too-many-indicators", vec![("max", count(*max))])
        }
        Kind::NoIndicator => ("problem-no-indicator", vec![]),
        _ => return None,
    })
}

/// Characters that would not print.
fn characters(kind: &Kind) -> Message {
    Some(match kind {
        Kind::NoGlyph { chars, place } => (
            "problem-no-glyph",
            vec![
                ("chars", data(list_chars(chars))),
                ("count", count(chars.len())),
                ("place", Word::Place(place.clone())),
            ],
        ),
        Kind::Controls { chars, place } => (
            "problem-controls",
            vec![
                ("chars", data(list_chars(chars))),
                ("place", Word::Place(place.clone())),
            ],
        ),
        _ => return None,
    })
}

fn found_id(found: Found) -> &'static str {
    match found {
        Found::String => "found-string",
        Found::Integer => "found-integer",
        Found::Float => "found-float",
        Found::Boolean => "found-boolean",
        Found::Date => "found-date",
        Found::Array => "found-array",
        Found::Table => "found-table",
    }
}

fn expected_id(expected: Expected) -> &'static str {
    match expected {
        Expected::Text => "expected-text",
        Expected::Integer => "expected-integer",
        Expected::Date => "expected-date",
        Expected::Texts => "expected-texts",
        Expected::Tables => "expected-tables",
    }
}

/// What to write for a missing key: the same in every language.
fn example(expected: Expected) -> &'static str {
    match expected {
        Expected::Text => "\"…\"",
        Expected::Integer => "1",
        Expected::Date => "2023-04-01",
        Expected::Texts => "[\"…\"]",
        Expected::Tables => "[[…]]",
    }
}

/// "in 地域課, goal No. 2, `goals[2].actions[1].summary`".
fn place_words(lang: Lang, place: &TextPlace) -> String {
    let division = Some(place.division.clone()).filter(|d| !d.is_empty());
    let goal = place.goal.map(|no| no.to_string());
    let args = [
        (
            "division",
            FluentValue::from(division.unwrap_or("none".into())),
        ),
        ("goal", FluentValue::from(goal.unwrap_or("none".into()))),
        ("key", FluentValue::from(place.key.clone())),
    ];
    text_in(lang, "text-place", &args)
}

/// `'🍣' (U+1F363), '' (U+E000)`.
fn list_chars(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| {
            if c.is_control() {
                format!("U+{:04X}", *c as u32)
            } else {
                format!("'{c}' (U+{:04X})", *c as u32)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
