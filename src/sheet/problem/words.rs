//! The problems in words: the one place where a [`Kind`] becomes a sentence, by its message in
//! the catalogue of the chosen language (`locales/*.ftl`) with its arguments.

use super::kind::{
    CharacterKind, Expected, FileKind, FormatKind, Found, Kind, NotAFileKind, RuleKind, SlipKind,
    TextPlace,
};
use crate::locale::{Arg, Lang, text_in};
use fluent_bundle::FluentValue;
use std::path::Path;

impl Kind {
    /// The problem in words, in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        let (id, args) = self.message();
        text_in(lang, id, &args_in(lang, args))
    }

    /// The id of the message the problem is told by (`problem-no-action`).
    pub fn message_id(&self) -> &'static str {
        self.message().0
    }

    /// The problem in another place's words, when the catalogue has them: the message
    /// `prefix` + its id (`web-problem-no-action`, the browser's), with its arguments and
    /// `extra` (which replaces an argument of its name). `None` when there is no such message.
    pub fn page_words(&self, lang: Lang, prefix: &str, extra: Arg<'static>) -> Option<String> {
        let (id, args) = self.message();
        let id = format!("{prefix}{id}");
        if !crate::locale::has(lang, &id) {
            return None;
        }
        let mut args = args_in(lang, args);
        args.retain(|(name, _)| *name != extra.0);
        args.push(extra);
        Some(text_in(lang, &id, &args))
    }

    /// The message id and its arguments. Arguments that are words themselves (what a value is,
    /// where a text is) are [`Word`]s, put in the language when the message is.
    fn message(&self) -> Words {
        match self {
            Kind::Files(kind) => files(kind),
            Kind::Format(kind) => format(kind),
            Kind::Slip(kind) => slips(kind),
            Kind::Rule(kind) => rules(kind),
            Kind::Characters(kind) => characters(kind),
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
            Kind::TooManyGoals { count: n, max } => (
                "problem-too-many-goals",
                vec![("count", count(*n)), ("max", count(*max))],
            ),
            Kind::TooManyActions { max } => {
                ("problem-too-many-actions", vec![("max", count(*max))])
            }
            Kind::TooManyIndicators { max } => {
                ("problem-too-many-indicators", vec![("max", count(*max))])
            }
        }
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

/// A message id and its arguments.
type Words = (&'static str, Vec<(&'static str, Word)>);

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
fn files(kind: &FileKind) -> Words {
    match kind {
        FileKind::CannotReadSheets { reason } => {
            ("problem-cannot-read-sheets", vec![("reason", data(reason))])
        }
        FileKind::NoWard => ("problem-no-ward", vec![]),
        FileKind::CannotReadWard { reason } => {
            ("problem-cannot-read-ward", vec![("reason", data(reason))])
        }
        FileKind::NoDivision => ("problem-no-division", vec![]),
        FileKind::CannotReadFile { reason } => {
            ("problem-cannot-read-file", vec![("reason", data(reason))])
        }
        FileKind::NotAFile => ("problem-not-a-file", vec![]),
        FileKind::TooLarge { mib, max_mib } => (
            "problem-too-large",
            vec![
                ("mib", number(*mib as f64)),
                ("max_mib", number(*max_mib as f64)),
            ],
        ),
        FileKind::NotASheetFile { what } => {
            let what = match what {
                NotAFileKind::Folder => "folder",
                NotAFileKind::DanglingLink => "dangling_link",
                NotAFileKind::Special => "special",
            };
            ("problem-not-a-sheet-file", vec![("what", data(what))])
        }
        FileKind::RenameToToml { stem } => ("problem-rename-to-toml", vec![("stem", data(stem))]),
        FileKind::NotUtf8 { encoding } => ("problem-not-utf8", vec![("encoding", data(encoding))]),
        FileKind::NotText => ("problem-not-text", vec![]),
        FileKind::BrokenUtf16 { encoding } => {
            ("problem-broken-utf16", vec![("encoding", data(encoding))])
        }
        FileKind::BadShiftJisByte => ("problem-bad-shift-jis-byte", vec![]),
        FileKind::MoreProblems { count: n } => {
            ("problem-more-problems", vec![("count", count(*n))])
        }
        FileKind::DuplicateDivision { name, first } => (
            "problem-duplicate-division",
            vec![("name", data(name)), ("first", path(first))],
        ),
        FileKind::NestedWard { folder } => ("problem-nested-ward", vec![("folder", path(folder))]),
    }
}

/// What is wrong with the TOML: its syntax, keys and types.
fn format(kind: &FormatKind) -> Words {
    match kind {
        FormatKind::Syntax { message } => (syntax_id(message), vec![("message", data(message))]),
        FormatKind::Unreadable { message } => {
            ("problem-unreadable", vec![("message", data(message))])
        }
        FormatKind::UnknownKey {
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
        FormatKind::MissingKey {
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
        FormatKind::WrongType {
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
        FormatKind::NotATable { found } => (
            "problem-not-a-table",
            vec![
                ("found", Word::Found(*found)),
                ("expected", Word::Expected(Expected::Tables)),
            ],
        ),
        FormatKind::OneTable { table } => ("problem-one-table", vec![("table", data(table))]),
    }
}

/// The slips of typing with a Japanese input method.
fn slips(kind: &SlipKind) -> Words {
    match kind {
        SlipKind::FullWidthEquals => ("problem-full-width-equals", vec![]),
        SlipKind::FullWidthSpace => ("problem-full-width-space", vec![]),
        SlipKind::Unquoted { key, value } => (
            "problem-unquoted",
            vec![("key", data(key)), ("value", data(value))],
        ),
        SlipKind::CurlyQuotes { key, quote } => (
            "problem-curly-quotes",
            vec![("key", data(key)), ("quote", data(quote))],
        ),
        SlipKind::NewlineInString { key } => {
            ("problem-newline-in-string", vec![("key", data(key))])
        }
        SlipKind::FullWidthDigits { written, digits } => (
            "problem-full-width-digits",
            vec![("written", data(written)), ("digits", data(digits))],
        ),
        SlipKind::FullWidthBrackets { written, header } => (
            "problem-full-width-brackets",
            vec![("written", data(written)), ("header", data(header))],
        ),
        SlipKind::FullWidthHash => ("problem-full-width-hash", vec![]),
        SlipKind::JapaneseKey {
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
    }
}

/// What breaks one of the sheet's rules.
fn rules(kind: &RuleKind) -> Words {
    match kind {
        RuleKind::TooManyStamps { count: n, max } => (
            "problem-too-many-stamps",
            vec![("count", count(*n)), ("max", count(*max))],
        ),
        RuleKind::EmptyStamp => ("problem-empty-stamp", vec![]),
        RuleKind::UnknownStamps { written } => {
            ("problem-unknown-stamps", vec![("written", data(written))])
        }
        RuleKind::EmptyWardName => ("problem-empty-ward-name", vec![]),
        RuleKind::BadFiscalYear { year } => ("problem-bad-fiscal-year", vec![("year", data(year))]),
        RuleKind::EvaluatedBeforeCreated { evaluated, created } => (
            "problem-evaluated-before-created",
            vec![("evaluated", data(evaluated)), ("created", data(created))],
        ),
        RuleKind::CreatedOutsideYear { created, year } => (
            "problem-created-outside-year",
            vec![
                ("created", data(created)),
                (
                    "year",
                    data(crate::sheet::era::fiscal_year_label(*year).unwrap_or_default()),
                ),
            ],
        ),
        RuleKind::EvaluatedBeforeYearEnd {
            evaluated,
            year_end,
        } => (
            "problem-evaluated-before-year-end",
            vec![("evaluated", data(evaluated)), ("year_end", data(year_end))],
        ),
        RuleKind::FarFiscalYear { year, this_year } => (
            "problem-far-fiscal-year",
            vec![("year", number(*year)), ("this_year", number(*this_year))],
        ),
        RuleKind::EvaluationWithoutDate => ("problem-evaluation-without-date", vec![]),
        RuleKind::InvisibleInName { name } => (
            "problem-invisible-in-name",
            vec![
                ("name", data(seen(name))),
                ("chars", data(crate::output::invisible_points(name))),
            ],
        ),
        RuleKind::NotAPlainDate { written } => {
            ("problem-not-a-plain-date", vec![("written", data(written))])
        }
        RuleKind::BeforeEras { date } => ("problem-before-eras", vec![("date", data(date))]),
        RuleKind::BadOrder { order } => ("problem-bad-order", vec![("order", data(order))]),
        RuleKind::EmptyName { key } => ("problem-empty-name", vec![("key", data(key))]),
        RuleKind::NoGoal => ("problem-no-goal", vec![]),
        RuleKind::NoGoalYet => ("problem-no-goal-yet", vec![]),
        RuleKind::ExtraGoals { count: n, rows } => (
            "problem-extra-goals",
            vec![("count", count(*n)), ("rows", count(*rows))],
        ),
        RuleKind::EmptyGoalText => ("problem-empty-goal-text", vec![]),
        RuleKind::NotARating { mark } => ("problem-not-a-rating", vec![("mark", data(mark))]),
        RuleKind::RatedWithoutResult => ("problem-rated-without-result", vec![]),
        RuleKind::Unrated => ("problem-unrated", vec![]),
        RuleKind::OnlySpaces => ("problem-only-spaces", vec![]),
        RuleKind::NoAction => ("problem-no-action", vec![]),
        RuleKind::NoIndicator => ("problem-no-indicator", vec![]),
    }
}

/// Characters that would not print.
fn characters(kind: &CharacterKind) -> Words {
    match kind {
        CharacterKind::NoGlyph { chars, place } => (
            "problem-no-glyph",
            vec![
                ("chars", data(list_chars(chars))),
                ("count", count(chars.len())),
                ("place", Word::Place(place.clone())),
            ],
        ),
        CharacterKind::Controls { chars, place } => (
            "problem-controls",
            vec![
                ("chars", data(list_chars(chars))),
                ("place", Word::Place(place.clone())),
            ],
        ),
    }
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

/// A name as the person sees it: without its invisible characters.
fn seen(name: &str) -> String {
    name.chars()
        .filter(|c| !crate::output::is_invisible(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn every_kind() -> Vec<Kind> {
        let text = |s: &str| s.to_string();
        let place = TextPlace {
            division: text("地域課"),
            goal: Some(2),
            key: text("goals[2].text"),
        };
        let date = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        vec![
            Kind::Files(FileKind::CannotReadSheets { reason: text("r") }),
            Kind::Files(FileKind::NoWard),
            Kind::Files(FileKind::CannotReadWard { reason: text("r") }),
            Kind::Files(FileKind::NoDivision),
            Kind::Files(FileKind::CannotReadFile { reason: text("r") }),
            Kind::Files(FileKind::NotAFile),
            Kind::Files(FileKind::TooLarge { mib: 9, max_mib: 4 }),
            Kind::Files(FileKind::NotASheetFile {
                what: NotAFileKind::DanglingLink,
            }),
            Kind::Files(FileKind::RenameToToml { stem: text("01") }),
            Kind::Files(FileKind::NotUtf8 {
                encoding: text("Shift_JIS"),
            }),
            Kind::Files(FileKind::NotText),
            Kind::Files(FileKind::BrokenUtf16 {
                encoding: text("UTF-16LE"),
            }),
            Kind::Files(FileKind::BadShiftJisByte),
            Kind::Files(FileKind::MoreProblems { count: 3 }),
            Kind::OrderTaken {
                order: 2,
                by: PathBuf::from("02.toml"),
                line: 1,
                column: 9,
            },
            Kind::Files(FileKind::DuplicateDivision {
                name: text("地域課"),
                first: PathBuf::from("01.toml"),
            }),
            Kind::Format(FormatKind::Syntax { message: text("m") }),
            Kind::Format(FormatKind::Syntax {
                message: text("duplicate key"),
            }),
            Kind::Format(FormatKind::Unreadable { message: text("m") }),
            Kind::Format(FormatKind::UnknownKey {
                key: text("goal"),
                table: None,
                suggestion: Some(text("goals")),
                keys: vec![text("order"), text("goals")],
            }),
            Kind::Format(FormatKind::MissingKey {
                key: text("text"),
                table: Some(text("goals")),
                expected: Expected::Text,
            }),
            Kind::Format(FormatKind::WrongType {
                found: Found::String,
                expected: Expected::Integer,
                unquoted: Some(text("3")),
            }),
            Kind::Format(FormatKind::NotATable {
                found: Found::Integer,
            }),
            Kind::Format(FormatKind::OneTable {
                table: text("goals"),
            }),
            Kind::Slip(SlipKind::FullWidthEquals),
            Kind::Slip(SlipKind::FullWidthSpace),
            Kind::Slip(SlipKind::Unquoted {
                key: text("target"),
                value: text("10者"),
            }),
            Kind::Slip(SlipKind::CurlyQuotes {
                key: text("text"),
                quote: text("“"),
            }),
            Kind::Slip(SlipKind::NewlineInString {
                key: text("status"),
            }),
            Kind::Slip(SlipKind::FullWidthDigits {
                written: text("３"),
                digits: text("3"),
            }),
            Kind::Slip(SlipKind::FullWidthBrackets {
                written: text("［［goals］］"),
                header: text("[[goals]]"),
            }),
            Kind::Slip(SlipKind::FullWidthHash),
            Kind::Slip(SlipKind::JapaneseKey {
                key: text("評価"),
                suggestion: Some(text("rating")),
                keys: vec![text("text"), text("rating")],
            }),
            Kind::Rule(RuleKind::TooManyStamps { count: 9, max: 8 }),
            Kind::Rule(RuleKind::EmptyStamp),
            Kind::Rule(RuleKind::UnknownStamps {
                written: text("紙"),
            }),
            Kind::Rule(RuleKind::EmptyWardName),
            Kind::Rule(RuleKind::BadFiscalYear { year: 1700 }),
            Kind::Rule(RuleKind::EvaluatedBeforeCreated {
                evaluated: date,
                created: date,
            }),
            Kind::Rule(RuleKind::InvisibleInName {
                name: text("地域\u{200B}課"),
            }),
            Kind::Rule(RuleKind::NotAPlainDate {
                written: text("2024-04-01T10:00:00"),
            }),
            Kind::Rule(RuleKind::BeforeEras {
                date: text("1800-01-01"),
            }),
            Kind::Rule(RuleKind::BadOrder { order: 0 }),
            Kind::Rule(RuleKind::EmptyName {
                key: text("division"),
            }),
            Kind::Rule(RuleKind::NoGoal),
            Kind::Rule(RuleKind::NoGoalYet),
            Kind::TooManyGoals {
                count: 101,
                max: 100,
            },
            Kind::Rule(RuleKind::ExtraGoals { count: 6, rows: 5 }),
            Kind::Rule(RuleKind::EmptyGoalText),
            Kind::Rule(RuleKind::NotARating { mark: text("◎") }),
            Kind::Rule(RuleKind::RatedWithoutResult),
            Kind::Rule(RuleKind::NoAction),
            Kind::TooManyActions { max: 100 },
            Kind::TooManyIndicators { max: 100 },
            Kind::Rule(RuleKind::NoIndicator),
            Kind::Characters(CharacterKind::NoGlyph {
                chars: vec!['🍣'],
                place: place.clone(),
            }),
            Kind::Characters(CharacterKind::Controls {
                chars: vec!['\u{7}'],
                place,
            }),
            Kind::Rule(RuleKind::CreatedOutsideYear {
                created: date,
                year: 2023,
            }),
            Kind::Rule(RuleKind::EvaluatedBeforeYearEnd {
                evaluated: date,
                year_end: date,
            }),
            Kind::Rule(RuleKind::FarFiscalYear {
                year: 2052,
                this_year: 2025,
            }),
            Kind::Rule(RuleKind::EvaluationWithoutDate),
            Kind::Rule(RuleKind::Unrated),
            Kind::Rule(RuleKind::OnlySpaces),
            Kind::Files(FileKind::NestedWard {
                folder: PathBuf::from("higashi-r5/higashi-r6"),
            }),
        ]
    }

    #[test]
    fn every_kind_has_its_words_in_both_languages() {
        let kinds = every_kind();
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

    /// A kind is the same JSON whatever its group: its name under `kind`, its arguments beside.
    #[test]
    fn a_kind_as_json_names_itself_whatever_its_group() {
        let json = |kind: Kind| serde_json::to_value(kind).unwrap();
        assert_eq!(
            json(Kind::Files(FileKind::TooLarge { mib: 9, max_mib: 4 })),
            serde_json::json!({"kind": "too_large", "mib": 9, "max_mib": 4})
        );
        assert_eq!(
            json(Kind::Rule(RuleKind::NoGoal)),
            serde_json::json!({"kind": "no_goal"})
        );
        assert_eq!(
            json(Kind::TooManyActions { max: 100 }),
            serde_json::json!({"kind": "too_many_actions", "max": 100})
        );
    }

    /// Every problem message of the catalogue has its example above: the exhaustive `match`es
    /// give every kind a message (a kind without one does not compile), the examples show
    /// each message in both languages.
    #[test]
    fn every_problem_message_has_an_example() {
        let ids: std::collections::BTreeSet<&str> =
            every_kind().iter().map(|kind| kind.message().0).collect();
        let catalogue = include_str!("../../../locales/en.ftl");
        let missing: Vec<&str> = (catalogue.lines())
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id))
            .filter(|id| id.starts_with("problem-") && !ids.contains(id))
            .collect();
        assert!(
            missing.is_empty(),
            "messages without an example: {missing:?}"
        );
    }

    #[test]
    fn an_invisible_character_is_named_by_its_code_point_in_the_name_as_seen() {
        let kind = Kind::Rule(RuleKind::InvisibleInName {
            name: "地域\u{200B}課\u{200B}".into(),
        });
        let ja = kind.words(Lang::Ja);
        assert!(
            ja.starts_with("「地域課」に見えない文字（U+200B）が入っています。"),
            "{ja}"
        );
        assert!(!ja.contains("<U+") && !ja.contains('\u{200B}'), "{ja}");
        assert!(kind.words(Lang::En).contains("(U+200B)"));
    }

    #[test]
    fn arguments_are_put_in_the_words_of_the_language() {
        let kind = Kind::Format(FormatKind::WrongType {
            found: Found::String,
            expected: Expected::Integer,
            unquoted: Some("3".into()),
        });
        assert_eq!(
            kind.words(Lang::Ja),
            "この値は文字列ですが、「1」のように引用符なしの整数で書いてください。引用符を外して 3 と書きます。"
        );
        assert_eq!(
            kind.words(Lang::En),
            "this is a string, but it must be a whole number without quotes, such as 1 (write it \
             without quotes: 3)"
        );
        let kind = Kind::Format(FormatKind::UnknownKey {
            key: "goal".into(),
            table: None,
            suggestion: None,
            keys: vec!["order".into(), "goals".into()],
        });
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
