//! The problems in English words: the one place where a [`Kind`] becomes a sentence.

use super::kind::{Expected, Found, Kind, NotAFileKind, TextPlace};
use std::fmt;

const SAVE_AS_UTF8: &str = "(メモ帳: 名前を付けて保存 → 文字コード UTF-8)";

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One group of kinds after another: each writes the kinds that are its own.
        files(self, f)
            .or_else(|| format(self, f))
            .or_else(|| rules(self, f))
            .or_else(|| characters(self, f))
            .unwrap_or(Ok(()))
    }
}

/// What is wrong with a folder or a file as a whole.
fn files(kind: &Kind, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
    Some(match kind {
        Kind::CannotReadSheets { reason } => {
            write!(f, "cannot read the sheets folder: {reason}")
        }
        Kind::NoWard => write!(
            f,
            "no ward here: a ward is a folder with a `ward.toml` (e.g. sheets/higashi-r5/ward.toml)"
        ),
        Kind::CannotReadWard { reason } => write!(f, "cannot read the ward folder: {reason}"),
        Kind::NoDivision => write!(
            f,
            "this ward has no division: add one TOML file per division (課) beside ward.toml"
        ),
        Kind::CannotReadFile { reason } => write!(f, "cannot read the file: {reason}"),
        Kind::NotAFile => write!(
            f,
            "this is not a file (a folder, a pipe or a device): a sheet is a TOML file"
        ),
        Kind::TooLarge { mib, max_mib } => write!(
            f,
            "the file is {mib} MiB; a sheet's file is a few KiB, and at most {max_mib} MiB is \
             read: is this the right file?"
        ),
        Kind::NotASheetFile { what } => {
            let what = match what {
                NotAFileKind::Folder => "a folder, not a file",
                NotAFileKind::DanglingLink => "a link to a file that is not there",
                NotAFileKind::Special => "not a file (a pipe or a device)",
            };
            write!(
                f,
                "this looks like a division's file but is {what}: it is left out"
            )
        }
        Kind::RenameToToml { stem } => write!(
            f,
            "read as a division's file; rename it `{stem}.toml` so that every tool takes it for one"
        ),
        Kind::NotUtf8 { encoding } => write!(
            f,
            "the file is in {encoding}, not UTF-8; it was read as {encoding}, but other tools \
             may not: save it as UTF-8 {SAVE_AS_UTF8}"
        ),
        Kind::NotText => write!(
            f,
            "the file is neither UTF-8 nor Shift_JIS text, so its characters cannot be read \
             without guessing: save it as UTF-8 {SAVE_AS_UTF8}"
        ),
        Kind::BrokenUtf16 { encoding } => write!(
            f,
            "the file starts like {encoding} but has a broken character here: save it as UTF-8"
        ),
        Kind::BadShiftJisByte => write!(
            f,
            "the file is Shift_JIS text up to here, where a byte is neither Shift_JIS nor \
             UTF-8: mend the character here, or save the file as UTF-8 {SAVE_AS_UTF8}"
        ),
        Kind::MoreProblems { count } => write!(
            f,
            "{count} more problem(s) in this file are not shown: mend these first"
        ),
        Kind::OrderTaken {
            order,
            by,
            line,
            column,
        } => write!(
            f,
            "order {order} is taken already by {}:{line}:{column}: each division needs its own \
             place in the volume",
            by.display()
        ),
        Kind::DuplicateDivision { name, first } => write!(
            f,
            "the division `{name}` is in {} already: each division of a ward has one file \
             (merge them, or rename one)",
            first.display()
        ),
        _ => return None,
    })
}

/// What is wrong with the TOML: its syntax, keys and types.
fn format(kind: &Kind, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
    Some(match kind {
        Kind::Syntax { message } | Kind::Unreadable { message } => write!(f, "{message}"),
        Kind::UnknownKey {
            key,
            table,
            suggestion,
            keys,
        } => {
            let place = match table {
                Some(table) => format!("in `{table}`"),
                None => "here".to_string(),
            };
            let near = match suggestion {
                Some(near) => format!(": did you mean `{near}`?"),
                None => String::new(),
            };
            let keys = keys.join(", ");
            write!(
                f,
                "unknown key `{key}` {place}{near} (the keys {place} are {keys})"
            )
        }
        Kind::MissingKey {
            key,
            table,
            expected,
        } => {
            let place = match table {
                Some(table) => format!("this `{table}` table"),
                None => "the file".to_string(),
            };
            write!(
                f,
                "{place} has no `{key}`: add `{key} = {}`",
                example(*expected)
            )
        }
        Kind::WrongType {
            found,
            expected,
            unquoted,
        } => {
            let unquoted = match unquoted {
                Some(value) => format!(" (write it without quotes: {value})"),
                None => String::new(),
            };
            write!(
                f,
                "this is {}, but it must be {}{unquoted}",
                a_type(*found),
                hint(*expected)
            )
        }
        Kind::NotATable { found } => write!(
            f,
            "this is {}, not a table: {}",
            a_type(*found),
            hint(Expected::Tables)
        ),
        Kind::OneTable { table } => write!(
            f,
            "this is one table ([{table}], or made by a [[{table}.…]] header with no \
             [[{table}]] before it), but it must be one or more [[{table}]] tables: start each \
             with [[{table}]]"
        ),
        _ => return None,
    })
}

/// What breaks one of the sheet's rules.
fn rules(kind: &Kind, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
    Some(match kind {
        Kind::TooManyStamps { count, max } => {
            write!(f, "{count} stamp boxes do not fit: at most {max}")
        }
        Kind::EmptyStamp => write!(f, "a stamp box has an empty title"),
        Kind::EmptyWardName => write!(f, "the ward's name is empty (e.g. ward = \"東区\")"),
        Kind::BadFiscalYear { year } => write!(
            f,
            "{year} is not a fiscal year this tool can print: write the calendar year the 年度 \
             starts in, e.g. 2023 for 令和５年度"
        ),
        Kind::EvaluatedBeforeCreated { evaluated, created } => {
            write!(f, "評価日 {evaluated} is before 作成日 {created}")
        }
        Kind::InvisibleInName { name } => write!(
            f,
            "`{}` has invisible characters (shown as <U+…>): they print as nothing and are \
             left out of file names; delete them",
            crate::output::visible(name)
        ),
        Kind::NotAPlainDate { written } => write!(
            f,
            "`{written}` is not a plain date: write it as YYYY-MM-DD, e.g. 2023-04-01"
        ),
        Kind::BeforeEras { date } => write!(
            f,
            "{date} is before 1873-01-01 (明治6年), the earliest date this tool can print as an \
             era date"
        ),
        Kind::BadOrder { order } => {
            write!(f, "{order} is not a place in the volume: use 1, 2, 3, …")
        }
        Kind::EmptyName { key } => write!(f, "`{key}` is empty: the sheet needs the name"),
        Kind::NoGoal => write!(
            f,
            "this division has no goal: add at least one [[goals]] table"
        ),
        Kind::NoGoalYet => write!(
            f,
            "this division has no goal yet: fill in the text of at least one [[goals]] table"
        ),
        Kind::TooManyGoals { count, max } => write!(
            f,
            "{count} goals: a sheet holds at most {max} (the official sheet has 5); split the \
             division's goals"
        ),
        Kind::ExtraGoals { count, rows } => write!(
            f,
            "{count} goals: the official sheet has rows No. 1–{rows}; the extra ones print as \
             further rows"
        ),
        Kind::EmptyGoalText => write!(f, "the goal's text is empty"),
        Kind::NotARating { mark } => write!(
            f,
            "`{mark}` is not a rating: use ○ (達成), △ (一部未達成) or × (未達成), or leave it out"
        ),
        Kind::RatedWithoutResult => write!(
            f,
            "the goal is rated but none of its indicators has a `result` (Ｒ結果)"
        ),
        Kind::NoAction => write!(
            f,
            "the goal has no action: add a [[goals.actions]] table (主な取組) under it"
        ),
        Kind::TooManyActions { max } => {
            write!(
                f,
                "more than {max} actions in one goal: no sheet can print them"
            )
        }
        Kind::TooManyIndicators { max } => {
            write!(
                f,
                "more than {max} indicators in one action: no sheet can print them"
            )
        }
        Kind::NoIndicator => write!(
            f,
            "the action has no indicator: add a [[goals.actions.indicators]] table (取組指標) \
             under it"
        ),
        _ => return None,
    })
}

/// Characters that would not print.
fn characters(kind: &Kind, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
    Some(match kind {
        Kind::NoGlyph { chars, place } => {
            let (it, they) = if chars.len() == 1 {
                ("it", "it")
            } else {
                ("them", "they")
            };
            write!(
                f,
                "{} {}: no font has {it}, so {they} would print as an empty box: write {it} \
                 with ordinary characters (外字 → a standard kanji or a note), or add a font \
                 that has {it} with --font-path",
                list_chars(chars),
                describe(place)
            )
        }
        Kind::Controls { chars, place } => write!(
            f,
            "{} {}: control characters print as nothing; delete them",
            list_chars(chars),
            describe(place)
        ),
        _ => return None,
    })
}

fn a_type(found: Found) -> &'static str {
    match found {
        Found::String => "a string",
        Found::Integer => "an integer",
        Found::Float => "a decimal number",
        Found::Boolean => "true/false",
        Found::Date => "a date",
        Found::Array => "an array",
        Found::Table => "a table",
    }
}

fn hint(expected: Expected) -> &'static str {
    match expected {
        Expected::Text => "text in quotes, such as \"地域課\"",
        Expected::Integer => "a whole number without quotes, such as 1",
        Expected::Date => "a date without quotes, such as 2023-04-01",
        Expected::Texts => "a list of texts in quotes, such as [\"…\", \"…\"]",
        Expected::Tables => "one or more [[…]] tables",
    }
}

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
fn describe(place: &TextPlace) -> String {
    let mut text = String::from("in ");
    if !place.division.is_empty() {
        text.push_str(&place.division);
        text.push_str(", ");
    }
    if let Some(no) = &place.goal {
        text.push_str(&format!("goal No. {no}, "));
    }
    text.push_str(&format!("`{}`", place.key));
    text
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
