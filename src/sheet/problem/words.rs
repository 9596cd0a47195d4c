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
        Kind::Syntax { message } => (syntax_id(message), vec![("message", data(message))]),
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
        Kind::UnknownStamps { written } => {
            ("problem-unknown-stamps", vec![("written", data(written))])
        }
        Kind::EmptyWardName => ("problem-empty-ward-name", vec![]),
        Kind::BadFiscalYear { year } => ("problem-bad-fiscal-year", vec![("year", data(year))]),
        Kind::EvaluatedBeforeCreated { evaluated, created } => (
            "problem-evaluated-before-created",
            vec![("evaluated", data(evaluated)), ("created", data(created))],
        ),
        Kind::CreatedOutsideYear { created, year } => (
            "problem-created-outside-year",
            vec![
                ("created", data(created)),
                (
                    "year",
                    data(crate::sheet::era::fiscal_year_label(*year).unwrap_or_default()),
                ),
            ],
        ),
        Kind::EvaluatedBeforeYearEnd {
            evaluated,
            year_end,
        } => (
            "problem-evaluated-before-year-end",
            vec![("evaluated", data(evaluated)), ("year_end", data(year_end))],
        ),
        Kind::FarFiscalYear { year, this_year } => (
            "problem-far-fiscal-year",
            vec![("year", number(*year)), ("this_year", number(*this_year))],
        ),
        Kind::EvaluationWithoutDate => ("problem-evaluation-without-date", vec![]),
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

/// The message for a syntax error of the TOML parser, by what its words say is wrong (they are
/// its data, kept in the message): the ones a clerk meets have their own words and hint.
fn syntax_id(message: &str) -> &'static str {
    let what = message.split(", expected").next().unwrap_or(message);
    match what {
        "key with no value" | "missing value" | "missing value for key" => "syntax-no-value",
        "missing assignment between key-value pairs" => "syntax-no-equals",
        "string values must be quoted" => "syntax-unquoted",
        "invalid basic string" | "missing escaped value" | "too few unicode value digits" => {
            "syntax-bad-string"
        }
        "invalid unquoted key" | "unquoted keys cannot be empty" => "syntax-bad-key",
        "unclosed array table" | "unclosed table" => "syntax-unclosed-header",
        "unclosed array" | "missing comma between array elements" | "missing array opening" => {
            "syntax-array"
        }
        "duplicate key" => "syntax-duplicate-key",
        "unexpected content"
        | "unexpected key or value"
        | "unexpected content between comment and newline"
        | "extra assignment between key-value pairs"
        | "extra `=`" => "syntax-extra",
        "invalid value" | "unexpected leading zero" | "`_` may only go between digits" => {
            "syntax-bad-value"
        }
        _ => "problem-syntax",
    }
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
        Expected::Flag => "expected-flag",
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
        Expected::Flag => "true",
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Each kind's place in [`every_kind`]: a kind added to [`Kind`] fails to compile here
    /// until it has one, and the test below fails until it has its example.
    fn index(kind: &Kind) -> usize {
        match kind {
            Kind::CannotReadSheets { .. } => 0,
            Kind::NoWard => 1,
            Kind::CannotReadWard { .. } => 2,
            Kind::NoDivision => 3,
            Kind::CannotReadFile { .. } => 4,
            Kind::NotAFile => 5,
            Kind::TooLarge { .. } => 6,
            Kind::NotASheetFile { .. } => 7,
            Kind::RenameToToml { .. } => 8,
            Kind::NotUtf8 { .. } => 9,
            Kind::NotText => 10,
            Kind::BrokenUtf16 { .. } => 11,
            Kind::BadShiftJisByte => 12,
            Kind::MoreProblems { .. } => 13,
            Kind::OrderTaken { .. } => 14,
            Kind::DuplicateDivision { .. } => 15,
            Kind::Syntax { .. } => 16,
            Kind::Unreadable { .. } => 17,
            Kind::UnknownKey { .. } => 18,
            Kind::MissingKey { .. } => 19,
            Kind::WrongType { .. } => 20,
            Kind::NotATable { .. } => 21,
            Kind::OneTable { .. } => 22,
            Kind::FullWidthEquals => 23,
            Kind::FullWidthSpace => 24,
            Kind::Unquoted { .. } => 25,
            Kind::CurlyQuotes { .. } => 26,
            Kind::NewlineInString { .. } => 27,
            Kind::FullWidthDigits { .. } => 28,
            Kind::FullWidthBrackets { .. } => 29,
            Kind::FullWidthHash => 30,
            Kind::JapaneseKey { .. } => 31,
            Kind::TooManyStamps { .. } => 32,
            Kind::EmptyStamp => 33,
            Kind::EmptyWardName => 34,
            Kind::BadFiscalYear { .. } => 35,
            Kind::EvaluatedBeforeCreated { .. } => 36,
            Kind::InvisibleInName { .. } => 37,
            Kind::NotAPlainDate { .. } => 38,
            Kind::BeforeEras { .. } => 39,
            Kind::BadOrder { .. } => 40,
            Kind::EmptyName { .. } => 41,
            Kind::NoGoal => 42,
            Kind::NoGoalYet => 43,
            Kind::TooManyGoals { .. } => 44,
            Kind::ExtraGoals { .. } => 45,
            Kind::EmptyGoalText => 46,
            Kind::NotARating { .. } => 47,
            Kind::RatedWithoutResult => 48,
            Kind::NoAction => 49,
            Kind::TooManyActions { .. } => 50,
            Kind::TooManyIndicators { .. } => 51,
            Kind::NoIndicator => 52,
            Kind::NoGlyph { .. } => 53,
            Kind::Controls { .. } => 54,
            Kind::CreatedOutsideYear { .. } => 55,
            Kind::EvaluatedBeforeYearEnd { .. } => 56,
            Kind::FarFiscalYear { .. } => 57,
            Kind::EvaluationWithoutDate => 58,
            Kind::UnknownStamps { .. } => 59,
        }
    }

    fn every_kind() -> Vec<Kind> {
        let text = |s: &str| s.to_string();
        let place = TextPlace {
            division: text("地域課"),
            goal: Some(2),
            key: text("goals[2].text"),
        };
        let date = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        vec![
            Kind::CannotReadSheets { reason: text("r") },
            Kind::NoWard,
            Kind::CannotReadWard { reason: text("r") },
            Kind::NoDivision,
            Kind::CannotReadFile { reason: text("r") },
            Kind::NotAFile,
            Kind::TooLarge { mib: 9, max_mib: 4 },
            Kind::NotASheetFile {
                what: NotAFileKind::DanglingLink,
            },
            Kind::RenameToToml { stem: text("01") },
            Kind::NotUtf8 {
                encoding: text("Shift_JIS"),
            },
            Kind::NotText,
            Kind::BrokenUtf16 {
                encoding: text("UTF-16LE"),
            },
            Kind::BadShiftJisByte,
            Kind::MoreProblems { count: 3 },
            Kind::OrderTaken {
                order: 2,
                by: PathBuf::from("02.toml"),
                line: 1,
                column: 9,
            },
            Kind::DuplicateDivision {
                name: text("地域課"),
                first: PathBuf::from("01.toml"),
            },
            Kind::Syntax { message: text("m") },
            Kind::Syntax {
                message: text("duplicate key"),
            },
            Kind::Unreadable { message: text("m") },
            Kind::UnknownKey {
                key: text("goal"),
                table: None,
                suggestion: Some(text("goals")),
                keys: vec![text("order"), text("goals")],
            },
            Kind::MissingKey {
                key: text("text"),
                table: Some(text("goals")),
                expected: Expected::Text,
            },
            Kind::WrongType {
                found: Found::String,
                expected: Expected::Integer,
                unquoted: Some(text("3")),
            },
            Kind::NotATable {
                found: Found::Integer,
            },
            Kind::OneTable {
                table: text("goals"),
            },
            Kind::FullWidthEquals,
            Kind::FullWidthSpace,
            Kind::Unquoted {
                key: text("target"),
                value: text("10者"),
            },
            Kind::CurlyQuotes {
                key: text("text"),
                quote: text("“"),
            },
            Kind::NewlineInString {
                key: text("status"),
            },
            Kind::FullWidthDigits {
                written: text("３"),
                digits: text("3"),
            },
            Kind::FullWidthBrackets {
                written: text("［［goals］］"),
                header: text("[[goals]]"),
            },
            Kind::FullWidthHash,
            Kind::JapaneseKey {
                key: text("評価"),
                suggestion: Some(text("rating")),
                keys: vec![text("text"), text("rating")],
            },
            Kind::TooManyStamps { count: 9, max: 8 },
            Kind::EmptyStamp,
            Kind::UnknownStamps {
                written: text("紙"),
            },
            Kind::EmptyWardName,
            Kind::BadFiscalYear { year: 1700 },
            Kind::EvaluatedBeforeCreated {
                evaluated: date,
                created: date,
            },
            Kind::InvisibleInName {
                name: text("地域\u{200B}課"),
            },
            Kind::NotAPlainDate {
                written: text("2024-04-01T10:00:00"),
            },
            Kind::BeforeEras {
                date: text("1800-01-01"),
            },
            Kind::BadOrder { order: 0 },
            Kind::EmptyName {
                key: text("division"),
            },
            Kind::NoGoal,
            Kind::NoGoalYet,
            Kind::TooManyGoals {
                count: 101,
                max: 100,
            },
            Kind::ExtraGoals { count: 6, rows: 5 },
            Kind::EmptyGoalText,
            Kind::NotARating { mark: text("◎") },
            Kind::RatedWithoutResult,
            Kind::NoAction,
            Kind::TooManyActions { max: 100 },
            Kind::TooManyIndicators { max: 100 },
            Kind::NoIndicator,
            Kind::NoGlyph {
                chars: vec!['🍣'],
                place: place.clone(),
            },
            Kind::Controls {
                chars: vec!['\u{7}'],
                place,
            },
            Kind::CreatedOutsideYear {
                created: date,
                year: 2023,
            },
            Kind::EvaluatedBeforeYearEnd {
                evaluated: date,
                year_end: date,
            },
            Kind::FarFiscalYear {
                year: 2052,
                this_year: 2025,
            },
            Kind::EvaluationWithoutDate,
        ]
    }

    #[test]
    fn every_kind_has_its_words_in_both_languages() {
        let kinds = every_kind();
        let mut indices: Vec<usize> = kinds.iter().map(index).collect();
        indices.sort();
        indices.dedup();
        assert_eq!(
            indices,
            (0..=59).collect::<Vec<_>>(),
            "one example of each kind"
        );
        for kind in &kinds {
            // A missing message or argument fails in `text_in` (a debug assertion).
            let (ja, en) = (kind.words(Lang::Ja), kind.words(Lang::En));
            assert!(
                !ja.contains("problem-") && !en.contains("problem-"),
                "{kind:?}"
            );
            assert_ne!(ja, en, "{kind:?}");
            assert!(!en.contains('\u{2068}'), "no isolation marks: {en:?}");
        }
    }

    #[test]
    fn arguments_are_put_in_the_words_of_the_language() {
        let kind = Kind::WrongType {
            found: Found::String,
            expected: Expected::Integer,
            unquoted: Some("3".into()),
        };
        assert_eq!(
            kind.words(Lang::Ja),
            "この値は文字列ですが、「1」のように引用符なしの整数で書いてください。引用符を外して 3 と書きます。"
        );
        assert_eq!(
            kind.words(Lang::En),
            "this is a string, but it must be a whole number without quotes, such as 1 (write it \
             without quotes: 3)"
        );
        let kind = Kind::UnknownKey {
            key: "goal".into(),
            table: None,
            suggestion: None,
            keys: vec!["order".into(), "goals".into()],
        };
        assert_eq!(
            kind.words(Lang::En),
            "unknown key `goal` here (the keys here are order, goals)"
        );
        assert_eq!(
            kind.words(Lang::Ja),
            "ここにキー `goal` はありません。（使えるキー：order, goals）"
        );
    }
}
