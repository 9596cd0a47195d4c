//! The files as written: the serde structs of `ward.toml` and of a division's file (every value
//! with its place in the file), their JSON Schemas, and parsing a file's text into them.

use super::glyphs::check_glyphs;
use super::shape::{self, Field};
use super::slips;
use super::{Checks, Problem};
use crate::sheet::problem::FormatKind;
use crate::sheet::problem::{Kind, Report, Severity, floor_char_boundary};
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use toml::de::DeTable;

/// Parses TOML into `T`. Every slip of typing is reported and mended first ([`slips`]), then
/// every syntax error of what is left; every key and type that does not fit `fields`
/// ([`shape`]), and every character no font can draw. What is sound is read into `T` even when
/// the file has errors, so that the sheet's rules can be checked on it too: an unknown key on
/// one line does not hide a bad rating on another.
pub(super) fn parse_toml<T: for<'de> Deserialize<'de>>(
    path: &Path,
    text: &str,
    fields: &'static [Field],
    checks: &Checks,
) -> Parsed<T> {
    let mut report = Report::new(path, text);
    let mended = slips::mend(&mut report, text, fields);
    let mut problems = report.problems;
    let mut report = Report::mapped(path, text, &mended.text, &mended.map);
    let (first, syntax_errors) = DeTable::parse_recoverable(&mended.text);
    for err in &syntax_errors {
        let span = err.span().unwrap_or(0..0);
        let (line, _) = report.line_column(report.offset(span.start));
        if mended.lines.contains(&line) {
            continue; // Its slip is told already, in plainer words.
        }
        let key = key_at(&mended.text, span.clone());
        let message = err.message().trim().to_string();
        report.error(span, &key, Kind::Format(FormatKind::Syntax { message }));
    }
    let division = (first.get_ref().get("division"))
        .and_then(|v| v.get_ref().as_str())
        .filter(|name| !name.trim().is_empty())
        .map(str::to_string);
    // What the parser guessed on a broken line is no reading of it: the lines with syntax
    // errors are left out, and the rest is read again.
    let readable = blank_lines(&mended.text, &syntax_errors);
    let (mut table, more_errors) = match syntax_errors.is_empty() {
        true => (first, Vec::new()),
        false => DeTable::parse_recoverable(&readable),
    };
    if more_errors.is_empty() {
        shape::check(&mut report, table.get_ref(), 0..0, fields, "");
        if let Some(covers) = checks.covers {
            let name = division.as_deref().unwrap_or_default();
            check_glyphs(
                &mut report,
                table.get_ref(),
                "",
                name,
                covers,
                checks.strict,
            );
        }
    }
    // A key on a line the parser could not read, or left out for its slip, is not missing.
    report.problems.retain(|p| match p.kind {
        Kind::Format(FormatKind::MissingKey { .. }) => {
            syntax_errors.is_empty() && !mended.left_out.contains(&p.key)
        }
        _ => true,
    });
    problems.append(&mut report.problems);
    let sound = !problems.iter().any(|p| p.severity == Severity::Error);
    let mut placeholders = Vec::new();
    shape::prune(table.get_mut(), fields, "", &mut placeholders);
    let value = match T::deserialize(toml::de::Deserializer::from(table)) {
        Ok(_) if !more_errors.is_empty() => None,
        Ok(value) => Some(value),
        Err(_) if !sound => None, // Too little is sound to read: the errors are told.
        Err(err) => {
            // The shape check should have found it; said all the same.
            let span = err.span().unwrap_or(0..0);
            let key = key_at(&mended.text, span.clone());
            let message = err.message().trim().to_string();
            report.error(span, &key, Kind::Format(FormatKind::Unreadable { message }));
            problems.append(&mut report.problems);
            None
        }
    };
    let sound = value.is_some() && !problems.iter().any(|p| p.severity == Severity::Error);
    Parsed {
        value,
        sound,
        problems,
        division,
        placeholders,
        mended: mended.text,
        map: mended.map,
    }
}

/// `text` with the lines of `errors` made blank (spaces, so that every offset stays).
fn blank_lines<'a>(text: &'a str, errors: &[toml::de::Error]) -> std::borrow::Cow<'a, str> {
    if errors.is_empty() {
        return text.into();
    }
    let mut bytes = text.as_bytes().to_vec();
    for err in errors {
        let at = err.span().map_or(0, |span| span.start.min(text.len()));
        let at = floor_char_boundary(text, at);
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        bytes[start..end].fill(b' ');
    }
    String::from_utf8(bytes)
        .expect("spaces in place of whole lines")
        .into()
}

/// A file parsed into `T`: the value, read as far as it is sound; whether the whole file is;
/// every problem found; and the `division` it names, read as far as its syntax allows (for the
/// place of its problems). The value's spans are offsets of `mended`, which `map` takes back
/// to the file.
pub(super) struct Parsed<T> {
    pub(super) value: Option<T>,
    /// No error: the value is the whole file.
    pub(super) sound: bool,
    pub(super) problems: Vec<Problem>,
    pub(super) division: Option<String>,
    /// The keys read as empty texts because they are missing or on a broken line: the rules
    /// say nothing about them.
    pub(super) placeholders: Vec<String>,
    pub(super) mended: String,
    pub(super) map: crate::sheet::problem::LineMap,
}

impl<T> Parsed<T> {
    /// A report for the problems the sheet's rules find in the value.
    pub(super) fn report<'a>(&'a self, path: &'a Path, text: &'a str) -> Report<'a> {
        Report::mapped(path, text, &self.mended, &self.map)
    }
}

/// The `division` a file's text names, read as far as its syntax allows (for `new`, which
/// must not give a name twice).
pub(super) fn division_name(text: &str) -> Option<String> {
    let (table, _) = DeTable::parse_recoverable(text);
    let name = table.get_ref().get("division")?.get_ref().as_str()?;
    Some(name.to_string()).filter(|name| !name.trim().is_empty())
}

/// The `order` a file's text gives, read as far as its syntax allows.
pub(super) fn written_order(text: &str) -> Option<u32> {
    let (table, _) = DeTable::parse_recoverable(text);
    let order = table.get_ref().get("order")?.get_ref().as_integer()?;
    u32::from_str_radix(order.as_str(), order.radix()).ok()
}

/// The bare key written at `span`, if the span starts at a key.
pub(super) fn key_at(text: &str, span: Range<usize>) -> String {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let rest = &text[start..];
    let key: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let after = rest[key.len()..].trim_start_matches([' ', '\t']);
    if !key.is_empty() && after.starts_with('=') {
        key
    } else {
        String::new()
    }
}
