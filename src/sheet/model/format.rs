//! The files as written: the serde structs of `ward.toml` and of a division's file (every value
//! with its place in the file), their JSON Schemas, and parsing a file's text into them.

use super::glyphs::check_glyphs;
use super::shape::{self, Field};
use super::slips;
use super::{Checks, Problem};
use crate::sheet::problem::{Kind, Report, Severity, floor_char_boundary};
use schemars::JsonSchema;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;
use toml::de::DeTable;

/// `ward.toml`: 区（局）の共通情報。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "mokuhyo ward.toml",
    description = "区（局）の共通情報。同じフォルダーの他の .toml ファイルが各課のシートです。"
)]
pub(super) struct WardFile {
    /// 区名（または局名）: 東区
    #[schemars(with = "String", length(min = 1))]
    pub(super) ward: Spanned<String>,
    /// 年度（西暦、4月〜翌3月）: 2023 は令和５年度
    #[schemars(with = "i64", range(min = 1868, max = 9999))]
    pub(super) fiscal_year: Spanned<i64>,
    /// 作成日: 2023-04-01
    #[schemars(with = "String", extend("format" = "date"))]
    pub(super) created: Spanned<toml::value::Datetime>,
    /// 評価日（年度末の評価後に記入）: 2024-04-30
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub(super) evaluated: Option<Spanned<toml::value::Datetime>>,
    /// 中間評価なら true（年度末より前の評価日を警告しない。PDF は「_中間評価」）
    #[schemars(with = "Option<bool>")]
    pub(super) interim: Option<Spanned<bool>>,
    /// 承認印の欄（左が上位）: ["区長", "副区長", "課長"]
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) approval: Option<Spanned<Vec<String>>>,
}

/// One division's file: 一つの課の組織目標管理シート。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "mokuhyo division sheet",
    description = "一つの課（準部・機関）の組織目標管理シート。"
)]
pub(super) struct DivisionFile {
    /// 冊子の中での順番（1, 2, 3, …）
    #[schemars(with = "i64", range(min = 1))]
    pub(super) order: Spanned<i64>,
    /// 組織名（部）: 東区
    #[schemars(with = "String", length(min = 1))]
    pub(super) department: Spanned<String>,
    /// 組織名（準部・課・機関名）: 地域課
    #[schemars(with = "String", length(min = 1))]
    pub(super) division: Spanned<String>,
    /// 関連する施策の指標（1行に1つ）
    #[serde(default)]
    pub(super) policy_indicators: Vec<String>,
    /// この課だけの承認印の欄（区の設定の代わり）
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) approval: Option<Spanned<Vec<String>>>,
    /// 組織目標（No. 1〜5）
    #[schemars(with = "Vec<GoalFile>", length(min = 1), required)]
    pub(super) goals: Option<Spanned<Vec<Spanned<GoalFile>>>>,
}

/// 組織目標（シートの1行）
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct GoalFile {
    /// 組織目標の本文
    #[schemars(with = "String")]
    pub(super) text: Spanned<String>,
    /// 総合計画（実施計画）上の位置づけ: 行財3-2-③
    pub(super) plan_ref: Option<String>,
    /// 評価: ○（達成）、△（一部未達成）、×（未達成）
    #[schemars(with = "Option<String>", extend("enum" = ["○", "△", "×", "〇", "◯", "✕", "✖", "╳", "Ｘ", "ｘ", "X", "x", ""]))]
    pub(super) rating: Option<Spanned<String>>,
    /// 目標達成状況（年度末の評価後に記入）
    pub(super) status: Option<String>,
    /// 今後の方針（年度末の評価後に記入）
    pub(super) next_steps: Option<String>,
    /// 主な取組
    #[serde(default)]
    #[schemars(with = "Vec<ActionFile>")]
    pub(super) actions: Vec<Spanned<ActionFile>>,
}

/// 主な取組
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ActionFile {
    /// 取組名称（事業名）
    pub(super) name: String,
    /// 概要
    #[serde(default)]
    pub(super) summary: String,
    /// 取組指標
    #[serde(default)]
    #[schemars(with = "Vec<IndicatorFile>")]
    pub(super) indicators: Vec<Spanned<IndicatorFile>>,
}

/// 取組指標
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct IndicatorFile {
    /// 指標名
    pub(super) name: String,
    /// 目標（Ｒ５目標の欄）: 6地区
    pub(super) target: String,
    /// 結果（Ｒ５結果の欄、評価後に記入）
    pub(super) result: Option<String>,
}

/// The JSON Schema of `ward.toml`, for editors with a TOML language server.
pub fn ward_schema() -> serde_json::Value {
    schemars::schema_for!(WardFile).to_value()
}

/// The JSON Schema of a division's file.
pub fn division_schema() -> serde_json::Value {
    schemars::schema_for!(DivisionFile).to_value()
}

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
        report.error(span, &key, Kind::Syntax { message });
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
        Kind::MissingKey { .. } => syntax_errors.is_empty() && !mended.left_out.contains(&p.key),
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
            report.error(span, &key, Kind::Unreadable { message });
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
