//! The data model: TOML files in `sheets/` → validated wards and divisions.
//!
//! A ward is a folder holding `ward.toml` and one TOML file per division (課). Files are read
//! into `*File` structs that keep the position of every value (`toml::Spanned`), checked, and
//! turned into [`Ward`] / [`Division`], which hold plain values only. Every problem found is a
//! [`Problem`] naming the file, line, column and key.

use crate::era;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The name of the file that makes a folder a ward.
pub const WARD_FILE: &str = "ward.toml";

/// A goal's `rating` (評価) as printed: ○ 達成, △ 一部未達成, × 未達成, or "" for none. Look-alikes typed on Japanese keyboards
/// are taken for the mark they look like: 〇 (U+3007 kanji zero) and ◯ (U+25EF large circle)
/// for ○; ✕, ✖, ╳, Ｘ, ｘ, X and x for ×. Anything else is `None`.
pub fn normalize_rating(mark: &str) -> Option<&'static str> {
    match mark.trim() {
        "" => Some(""),
        "○" | "〇" | "◯" => Some("○"),
        "△" => Some("△"),
        "×" | "✕" | "✖" | "╳" | "Ｘ" | "ｘ" | "X" | "x" => Some("×"),
        _ => None,
    }
}

/// The most approval stamp boxes a sheet has room for (about 20 mm each).
pub const MAX_STAMPS: usize = 8;

/// The number of goal rows (No. 1–5) the official sheet prints.
pub const FORM_ROWS: usize = 5;

// ---------------------------------------------------------------------------------------------
// The files as written.

/// `ward.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WardFile {
    ward: Spanned<String>,
    fiscal_year: Spanned<i64>,
    created: Spanned<toml::value::Datetime>,
    evaluated: Option<Spanned<toml::value::Datetime>>,
    approval: Option<Spanned<Vec<String>>>,
}

/// One division's file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DivisionFile {
    order: Spanned<i64>,
    department: Spanned<String>,
    division: Spanned<String>,
    #[serde(default)]
    policy_indicators: Vec<String>,
    approval: Option<Spanned<Vec<String>>>,
    goals: Option<Spanned<Vec<Spanned<GoalFile>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalFile {
    text: Spanned<String>,
    plan_ref: Option<String>,
    rating: Option<Spanned<String>>,
    status: Option<String>,
    next_steps: Option<String>,
    #[serde(default)]
    actions: Vec<Spanned<ActionFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionFile {
    name: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    indicators: Vec<Spanned<IndicatorFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorFile {
    name: String,
    target: String,
    result: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// The checked model.

/// A ward (区) or headquarters department: the unit bound into one volume.
#[derive(Debug, Clone, Serialize)]
pub struct Ward {
    /// The folder it was read from.
    #[serde(skip)]
    pub dir: PathBuf,
    /// 東区
    pub ward: String,
    /// The calendar year the fiscal year starts in: 2023 for 令和５年度.
    pub fiscal_year: i32,
    /// 作成日
    pub created: NaiveDate,
    /// 評価日, once the year-end evaluation is in.
    pub evaluated: Option<NaiveDate>,
    /// Titles of the approval stamp boxes (most senior first); empty for none.
    pub approval: Vec<String>,
    /// Its sound divisions, in `order`.
    pub divisions: Vec<Division>,
    /// False when some division file of the ward has an error (and is not in `divisions`).
    #[serde(skip)]
    pub complete: bool,
}

/// One division's (課) sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Division {
    /// The file it was read from.
    #[serde(skip)]
    pub file: PathBuf,
    pub order: u32,
    /// 組織名（部）
    pub department: String,
    /// 組織名（準部・課・機関名）
    pub division: String,
    /// （参考）関連する総合計画における政策指標, one entry per line.
    pub policy_indicators: Vec<String>,
    /// Approval stamp titles for this division, replacing the ward's.
    pub approval: Option<Vec<String>>,
    /// 組織目標, printed as No. 1, 2, …
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    /// 組織目標
    pub text: String,
    /// 総合計画（実施計画）上の位置づけ
    pub plan_ref: String,
    /// 評価: ○ / △ / × or empty.
    pub rating: String,
    /// 目標達成状況
    pub status: String,
    /// 今後の方針
    pub next_steps: String,
    /// 主な取組（事業）
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// 取組名称（事業名）
    pub name: String,
    /// 概要
    pub summary: String,
    /// 取組指標
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// 取組指標
    pub name: String,
    /// Ｒ５目標
    pub target: String,
    /// Ｒ５結果
    pub result: String,
}

// ---------------------------------------------------------------------------------------------
// Problems.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Something wrong with an input file, where it is, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line and column (in characters); 0 when the problem is the file as a whole.
    pub line: usize,
    pub column: usize,
    /// The key the problem is about, as a path: `goals[2].rating`.
    pub key: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        write!(f, ": {level}")?;
        if !self.key.is_empty() {
            write!(f, ": `{}`", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Collects the problems of one file, turning byte spans into line and column.
struct Report<'a> {
    file: &'a Path,
    text: &'a str,
    problems: Vec<Problem>,
}

impl<'a> Report<'a> {
    fn new(file: &'a Path, text: &'a str) -> Self {
        Self {
            file,
            text,
            problems: Vec::new(),
        }
    }

    fn push(&mut self, severity: Severity, span: Range<usize>, key: &str, message: String) {
        let (line, column) = line_column(self.text, span.start);
        self.problems.push(Problem {
            severity,
            file: self.file.to_path_buf(),
            line,
            column,
            key: key.to_string(),
            message,
        });
    }

    fn error(&mut self, span: Range<usize>, key: &str, message: impl Into<String>) {
        self.push(Severity::Error, span, key, message.into());
    }

    fn warning(&mut self, span: Range<usize>, key: &str, message: impl Into<String>) {
        self.push(Severity::Warning, span, key, message.into());
    }

    fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// 1-based line and column (counted in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// What reading a tree of sheets gives: the wards that are sound, and every problem found
/// (warnings included, also for the wards that were kept).
#[derive(Debug, Default)]
pub struct Loaded {
    pub wards: Vec<Ward>,
    pub problems: Vec<Problem>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Reads every ward under `root`: `root` itself when it holds a `ward.toml`, else each folder
/// directly below it that does. A ward whose `ward.toml` has an error is left out of `wards`;
/// a division with an error is left out of its ward.
pub fn load_tree(root: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let ward_dirs = match find_wards(root) {
        Ok(dirs) => dirs,
        Err(problem) => {
            loaded.problems.push(problem);
            return loaded;
        }
    };
    for dir in ward_dirs {
        let (ward, problems) = load_ward(&dir);
        loaded.problems.extend(problems);
        if let Some(ward) = ward {
            loaded.wards.push(ward);
        }
    }
    loaded
}

fn whole_file_problem(file: &Path, message: String) -> Problem {
    Problem {
        severity: Severity::Error,
        file: file.to_path_buf(),
        line: 0,
        column: 0,
        key: String::new(),
        message,
    }
}

fn find_wards(root: &Path) -> Result<Vec<PathBuf>, Problem> {
    if root.join(WARD_FILE).is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let entries = fs::read_dir(root)
        .map_err(|err| whole_file_problem(root, format!("cannot read the sheets folder: {err}")))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.join(WARD_FILE).is_file())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(whole_file_problem(
            root,
            format!(
                "no ward here: a ward is a folder with a `{WARD_FILE}` (e.g. sheets/higashi-r5/{WARD_FILE})"
            ),
        ));
    }
    Ok(dirs)
}

/// Reads one ward folder. Returns the ward when its `ward.toml` is sound, with every division
/// that is; `complete` says whether all were.
pub fn load_ward(dir: &Path) -> (Option<Ward>, Vec<Problem>) {
    let mut problems = Vec::new();
    let ward_path = dir.join(WARD_FILE);
    let header = read_text(&ward_path).and_then(|text| parse_ward(&ward_path, &text));
    let header = match header {
        Ok((header, found)) => {
            problems.extend(found);
            header
        }
        Err(found) => {
            problems.extend(found);
            None
        }
    };

    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|ext| ext == "toml")
                    && p.file_name().is_some_and(|n| n != WARD_FILE)
                    && p.is_file()
            })
            .collect(),
        Err(err) => {
            problems.push(whole_file_problem(
                dir,
                format!("cannot read the ward folder: {err}"),
            ));
            Vec::new()
        }
    };
    files.sort();
    if files.is_empty() {
        problems.push(whole_file_problem(
            dir,
            "this ward has no division: add one TOML file per division (課) beside ward.toml"
                .to_string(),
        ));
    }

    let mut divisions = Vec::new();
    let mut orders: BTreeMap<u32, (PathBuf, usize, usize)> = BTreeMap::new();
    for file in &files {
        let parsed = read_text(file).and_then(|text| parse_division(file, &text));
        match parsed {
            Ok((division, found, order_at)) => {
                problems.extend(found);
                let Some(division) = division else { continue };
                if let Some((first, line, column)) = orders.get(&division.order) {
                    // The later file loses its place; the error makes the ward incomplete.
                    problems.push(Problem {
                        severity: Severity::Error,
                        file: file.clone(),
                        line: order_at.0,
                        column: order_at.1,
                        key: "order".into(),
                        message: format!(
                            "order {} is taken already by {}:{line}:{column}: each division needs its own place in the volume",
                            division.order,
                            first.display()
                        ),
                    });
                } else {
                    orders.insert(division.order, (file.clone(), order_at.0, order_at.1));
                    divisions.push(division);
                }
            }
            Err(found) => problems.extend(found),
        }
    }
    divisions.sort_by_key(|d| d.order);

    let complete = !problems.iter().any(|p| p.severity == Severity::Error);
    let ward = header.map(|h| Ward {
        dir: dir.to_path_buf(),
        ward: h.ward,
        fiscal_year: h.fiscal_year,
        created: h.created,
        evaluated: h.evaluated,
        approval: h.approval,
        divisions,
        complete,
    });
    (ward, problems)
}

/// Reads a file as UTF-8 text (a BOM is dropped; CRLF line ends become LF).
fn read_text(path: &Path) -> Result<String, Vec<Problem>> {
    let bytes = fs::read(path).map_err(|err| {
        vec![whole_file_problem(
            path,
            format!("cannot read the file: {err}"),
        )]
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.replace("\r\n", "\n")),
        Err(err) => {
            let (line, column) = line_column(
                &String::from_utf8_lossy(&bytes[..err.valid_up_to()]),
                err.valid_up_to(),
            );
            Err(vec![Problem {
                severity: Severity::Error,
                file: path.to_path_buf(),
                line,
                column,
                key: String::new(),
                message: "the file is not UTF-8 text (perhaps Shift_JIS): save it as UTF-8 \
                          (メモ帳: 名前を付けて保存 → 文字コード UTF-8)"
                    .to_string(),
            }])
        }
    }
}

/// Parses TOML into `T`, turning a syntax or type error into a [`Problem`].
fn parse_toml<T: for<'de> Deserialize<'de>>(path: &Path, text: &str) -> Result<T, Vec<Problem>> {
    toml::from_str(text).map_err(|err| {
        let span = err.span().unwrap_or(0..0);
        let key = key_at(text, span.clone());
        let mut report = Report::new(path, text);
        report.error(span, &key, err.message().trim().to_string());
        report.problems
    })
}

/// The bare key written at `span`, if the span starts at a key.
fn key_at(text: &str, span: Range<usize>) -> String {
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

struct WardHeader {
    ward: String,
    fiscal_year: i32,
    created: NaiveDate,
    evaluated: Option<NaiveDate>,
    approval: Vec<String>,
}

/// Approval stamp titles: at most [`MAX_STAMPS`], none empty.
fn check_approval(
    report: &mut Report,
    approval: &Option<Spanned<Vec<String>>>,
) -> Option<Vec<String>> {
    let approval = approval.as_ref()?;
    let titles = approval.get_ref();
    if titles.len() > MAX_STAMPS {
        report.error(
            approval.span(),
            "approval",
            format!(
                "{} stamp boxes do not fit: at most {MAX_STAMPS}",
                titles.len()
            ),
        );
    }
    if titles.iter().any(|t| t.trim().is_empty()) {
        report.error(
            approval.span(),
            "approval",
            "a stamp box has an empty title",
        );
    }
    Some(titles.clone())
}

fn parse_ward(path: &Path, text: &str) -> Result<(Option<WardHeader>, Vec<Problem>), Vec<Problem>> {
    let file: WardFile = parse_toml(path, text)?;
    let mut report = Report::new(path, text);

    let ward = file.ward.get_ref().trim().to_string();
    if ward.is_empty() {
        report.error(
            file.ward.span(),
            "ward",
            "the ward's name is empty (e.g. ward = \"東区\")",
        );
    }

    let fiscal_year = match i32::try_from(*file.fiscal_year.get_ref()) {
        Ok(year) if era::fiscal_year_label(year).is_ok() && year <= 9999 => year,
        _ => {
            report.error(
                file.fiscal_year.span(),
                "fiscal_year",
                format!(
                    "{} is not a fiscal year this tool can print: write the calendar year the 年度 starts in, e.g. 2023 for 令和５年度",
                    file.fiscal_year.get_ref()
                ),
            );
            0
        }
    };

    let created = date_value(&mut report, &file.created, "created");
    let evaluated = file
        .evaluated
        .as_ref()
        .and_then(|d| date_value(&mut report, d, "evaluated"));
    if let (Some(created), Some(evaluated), Some(span)) = (
        created,
        evaluated,
        file.evaluated.as_ref().map(|e| e.span()),
    ) && evaluated < created
    {
        report.error(
            span,
            "evaluated",
            format!("評価日 {evaluated} is before 作成日 {created}"),
        );
    }

    let approval = check_approval(&mut report, &file.approval).unwrap_or_default();
    let failed = report.has_errors();
    let header = match (created, failed) {
        (Some(created), false) => Some(WardHeader {
            ward,
            fiscal_year,
            created,
            evaluated,
            approval,
        }),
        _ => None,
    };
    Ok((header, report.problems))
}

/// A TOML date as a calendar date inside the eras the sheet can print.
fn date_value(
    report: &mut Report,
    value: &Spanned<toml::value::Datetime>,
    key: &str,
) -> Option<NaiveDate> {
    let datetime = value.get_ref();
    let date = match (datetime.date, datetime.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
        _ => None,
    };
    let Some(date) = date else {
        report.error(
            value.span(),
            key,
            format!("`{datetime}` is not a plain date: write it as YYYY-MM-DD, e.g. 2023-04-01"),
        );
        return None;
    };
    if let Err(err) = era::short_date(date) {
        report.error(value.span(), key, err.to_string());
        return None;
    }
    Some(date)
}

/// Parses one division. On success also returns the line and column of its `order`.
type ParsedDivision = (Option<Division>, Vec<Problem>, (usize, usize));

fn parse_division(path: &Path, text: &str) -> Result<ParsedDivision, Vec<Problem>> {
    let file: DivisionFile = parse_toml(path, text)?;
    let mut report = Report::new(path, text);
    let order_at = line_column(text, file.order.span().start);

    let order = match u32::try_from(*file.order.get_ref()) {
        Ok(order) if order >= 1 => order,
        _ => {
            report.error(
                file.order.span(),
                "order",
                format!(
                    "{} is not a place in the volume: use 1, 2, 3, …",
                    file.order.get_ref()
                ),
            );
            0
        }
    };
    for (key, value) in [
        ("department", &file.department),
        ("division", &file.division),
    ] {
        if value.get_ref().trim().is_empty() {
            report.error(
                value.span(),
                key,
                format!("`{key}` is empty: the sheet needs the name"),
            );
        }
    }

    let mut goals = Vec::new();
    match &file.goals {
        None => report.error(
            0..0,
            "goals",
            "this division has no goal: add at least one [[goals]] table",
        ),
        Some(list) if list.get_ref().is_empty() => report.error(
            list.span(),
            "goals",
            "this division has no goal: add at least one [[goals]] table",
        ),
        Some(list) => {
            if list.get_ref().len() > FORM_ROWS {
                report.warning(
                    list.get_ref()[FORM_ROWS].span(),
                    "goals",
                    format!(
                        "{} goals: the official sheet has rows No. 1–{FORM_ROWS}; the extra ones print as further rows",
                        list.get_ref().len()
                    ),
                );
            }
            for (i, goal) in list.get_ref().iter().enumerate() {
                goals.push(check_goal(&mut report, i, goal));
            }
        }
    }

    let approval = check_approval(&mut report, &file.approval);
    let division = (!report.has_errors()).then(|| Division {
        file: path.to_path_buf(),
        order,
        department: file.department.into_inner(),
        division: file.division.into_inner(),
        policy_indicators: file.policy_indicators,
        approval,
        goals,
    });
    Ok((division, report.problems, order_at))
}

fn check_goal(report: &mut Report, i: usize, goal: &Spanned<GoalFile>) -> Goal {
    let key = format!("goals[{}]", i + 1);
    let g = goal.get_ref();
    if g.text.get_ref().trim().is_empty() {
        report.error(
            g.text.span(),
            &format!("{key}.text"),
            "the goal's text is empty",
        );
    }
    let rating = match &g.rating {
        None => String::new(),
        Some(r) => {
            let mark = r.get_ref().trim();
            match normalize_rating(mark) {
                Some(mark) => mark.to_string(),
                None => {
                    report.error(
                        r.span(),
                        &format!("{key}.rating"),
                        format!(
                            "`{mark}` is not a rating: use ○ (達成), △ (一部未達成) or × (未達成), or leave it out"
                        ),
                    );
                    String::new()
                }
            }
        }
    };
    let has_result = g.actions.iter().any(|a| {
        a.get_ref().indicators.iter().any(|i| {
            i.get_ref()
                .result
                .as_ref()
                .is_some_and(|r| !r.trim().is_empty())
        })
    });
    if let Some(r) = &g.rating
        && !rating.is_empty()
        && !has_result
    {
        report.warning(
            r.span(),
            &format!("{key}.rating"),
            "the goal is rated but none of its indicators has a `result` (Ｒ結果)",
        );
    }
    if g.actions.is_empty() {
        report.error(
            goal.span(),
            &key,
            "the goal has no action: add a [[goals.actions]] table (主な取組) under it",
        );
    }
    let mut actions = Vec::new();
    for (j, action) in g.actions.iter().enumerate() {
        let a = action.get_ref();
        if a.indicators.is_empty() {
            report.error(
                action.span(),
                &format!("{key}.actions[{}]", j + 1),
                "the action has no indicator: add a [[goals.actions.indicators]] table (取組指標) under it",
            );
        }
        actions.push(Action {
            name: a.name.clone(),
            summary: a.summary.clone(),
            indicators: a
                .indicators
                .iter()
                .map(|ind| {
                    let ind = ind.get_ref();
                    Indicator {
                        name: ind.name.clone(),
                        target: ind.target.clone(),
                        result: ind.result.clone().unwrap_or_default(),
                    }
                })
                .collect(),
        });
    }
    Goal {
        text: g.text.get_ref().clone(),
        plan_ref: g.plan_ref.clone().unwrap_or_default(),
        rating,
        status: g.status.clone().unwrap_or_default(),
        next_steps: g.next_steps.clone().unwrap_or_default(),
        actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    const WARD: &str = "ward = \"中央区\"\nfiscal_year = 2024\ncreated = 2024-04-01\n";
    const DIVISION: &str = r#"order = 1
department = "中央区役所"
division = "総務課"
policy_indicators = ["・指標"]

[[goals]]
text = "目標"
rating = "○"
  [[goals.actions]]
  name = "取組"
  summary = "概要"
    [[goals.actions.indicators]]
    name = "指標"
    target = "10件"
    result = "12件"
"#;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nあいう = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let offset = text.find('=').unwrap();
        assert_eq!(line_column(text, offset), (1, 3));
        let offset = text.rfind('=').unwrap();
        assert_eq!(line_column(text, offset), (2, 5));
    }

    #[test]
    fn a_sound_ward_loads() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        write(dir.path(), "01.toml", DIVISION);
        let (ward, problems) = load_ward(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        let ward = ward.unwrap();
        assert_eq!(ward.ward, "中央区");
        assert_eq!(
            ward.divisions[0].goals[0].actions[0].indicators[0].result,
            "12件"
        );
    }

    #[test]
    fn bom_and_crlf_are_read_normally() {
        let dir = tempfile::tempdir().unwrap();
        let crlf = |s: &str| s.replace('\n', "\r\n");
        fs::write(
            dir.path().join(WARD_FILE),
            format!("\u{FEFF}{}", crlf(WARD)),
        )
        .unwrap();
        let division = DIVISION.replace("summary = \"概要\"", "summary = '''\n一行目\n二行目'''");
        fs::write(
            dir.path().join("01.toml"),
            format!("\u{FEFF}{}", crlf(&division)),
        )
        .unwrap();
        let (ward, problems) = load_ward(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        let summary = &ward.unwrap().divisions[0].goals[0].actions[0].summary;
        assert_eq!(summary, "一行目\n二行目");
    }

    #[test]
    fn problems_name_file_line_column_and_key() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        let bad = DIVISION.replace("rating = \"○\"", "rating = \"◎\"");
        let path = write(dir.path(), "01.toml", &bad);
        let (ward, problems) = load_ward(dir.path());
        let ward = ward.unwrap();
        assert!(!ward.complete && ward.divisions.is_empty());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!(
            (p.file.as_path(), p.line, p.column),
            (path.as_path(), 8, 10)
        );
        assert_eq!(p.key, "goals[1].rating");
        assert!(
            p.to_string()
                .contains("01.toml:8:10: error: `goals[1].rating`"),
            "{p}"
        );
        assert!(p.message.contains("○"), "{p}");
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_located() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        write(
            dir.path(),
            "01.toml",
            &DIVISION.replace("[[goals]]", "[[goal]]"),
        );
        write(
            dir.path(),
            "02.toml",
            &DIVISION.replace("order = 1", "order = \"2\""),
        );
        write(
            dir.path(),
            "03.toml",
            &DIVISION.replace("order = 1", "order = 3"),
        );
        let (ward, problems) = load_ward(dir.path());
        let ward = ward.unwrap();
        assert!(!ward.complete);
        assert_eq!(
            ward.divisions.iter().map(|d| d.order).collect::<Vec<_>>(),
            [3]
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].file.ends_with("01.toml"));
        assert!(
            problems[0].message.contains("unknown field `goal`"),
            "{:?}",
            problems[0]
        );
        assert_eq!(problems[0].line, 6);
        assert!(problems[1].file.ends_with("02.toml"));
        assert_eq!((problems[1].line, problems[1].key.as_str()), (1, ""));
    }

    #[test]
    fn duplicate_order_and_missing_goals_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        write(dir.path(), "01.toml", DIVISION);
        write(dir.path(), "02.toml", DIVISION);
        let no_goals = DIVISION
            .split("[[goals]]")
            .next()
            .unwrap()
            .replace("order = 1", "order = 3");
        write(dir.path(), "03.toml", &no_goals);
        let (ward, problems) = load_ward(dir.path());
        let ward = ward.unwrap();
        assert!(!ward.complete);
        assert_eq!(ward.divisions.len(), 1);
        assert!(ward.divisions[0].file.ends_with("01.toml"));
        let keys: Vec<_> = problems.iter().map(|p| (p.key.as_str(), p.line)).collect();
        assert_eq!(keys, [("order", 1), ("goals", 1)], "{problems:?}");
        assert!(
            problems[0].message.contains("01.toml:1:9"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn ward_dates_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            WARD_FILE,
            "ward = \"中央区\"\nfiscal_year = 1492\ncreated = 2024-04-01\nevaluated = 2024-03-01\n",
        );
        write(dir.path(), "01.toml", DIVISION);
        let (ward, problems) = load_ward(dir.path());
        assert!(ward.is_none());
        let keys: Vec<_> = problems.iter().map(|p| (p.key.as_str(), p.line)).collect();
        assert_eq!(keys, [("fiscal_year", 2), ("evaluated", 4)], "{problems:?}");
    }

    #[test]
    fn ratings_and_their_look_alikes() {
        assert_eq!(normalize_rating("〇"), Some("○"));
        assert_eq!(normalize_rating("◯"), Some("○"));
        assert_eq!(normalize_rating(" △ "), Some("△"));
        assert_eq!(normalize_rating("x"), Some("×"));
        assert_eq!(normalize_rating("✕"), Some("×"));
        assert_eq!(normalize_rating("◎"), None);
        assert_eq!(normalize_rating("達成"), None);

        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        write(
            dir.path(),
            "01.toml",
            &DIVISION.replace("rating = \"○\"", "rating = \"〇\""),
        );
        // Rated without a result: a warning.
        let unrated = DIVISION
            .replace("order = 1", "order = 2")
            .replace("result = \"12件\"\n", "");
        write(dir.path(), "02.toml", &unrated);
        let (ward, problems) = load_ward(dir.path());
        let ward = ward.unwrap();
        assert_eq!(ward.divisions[0].goals[0].rating, "○");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].severity, Severity::Warning);
        assert_eq!(
            (problems[0].line, problems[0].key.as_str()),
            (8, "goals[1].rating")
        );
    }

    #[test]
    fn approval_stamps_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let ward = format!("{WARD}approval = [\"区長\", \"副区長\", \"課長\"]\n");
        write(dir.path(), WARD_FILE, &ward);
        let own = DIVISION.replace("[[goals]]", "approval = [\"所長\"]\n\n[[goals]]");
        write(dir.path(), "01.toml", &own);
        let too_many = DIVISION.replace("order = 1", "order = 2").replace(
            "[[goals]]",
            "approval = [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]\n[[goals]]",
        );
        write(dir.path(), "02.toml", &too_many);
        let (ward, problems) = load_ward(dir.path());
        let ward = ward.unwrap();
        assert_eq!(ward.approval, ["区長", "副区長", "課長"]);
        assert_eq!(
            ward.divisions[0].approval.as_deref(),
            Some(&["所長".to_string()][..])
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].key, "approval");
    }

    #[test]
    fn six_goals_warn_but_load() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        let goal = &DIVISION[DIVISION.find("[[goals]]").unwrap()..];
        write(
            dir.path(),
            "01.toml",
            &format!("{DIVISION}{}", goal.repeat(5)),
        );
        let (ward, problems) = load_ward(dir.path());
        assert_eq!(ward.unwrap().divisions[0].goals.len(), 6);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].severity, Severity::Warning);
    }

    #[test]
    fn shift_jis_is_refused_with_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        // 「総務課」 in Shift_JIS.
        let mut bytes = b"order = 1\ndivision = \"".to_vec();
        bytes.extend_from_slice(&[0x91, 0x8D, 0x96, 0xB1, 0x89, 0xDB]);
        bytes.extend_from_slice(b"\"\n");
        fs::write(dir.path().join("01.toml"), bytes).unwrap();
        let (_, problems) = load_ward(dir.path());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column), (2, 13));
        assert!(problems[0].message.contains("UTF-8"));
    }
}
