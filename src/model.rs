//! The data model: TOML files in `sheets/` → validated wards and divisions.
//!
//! A ward is a folder holding `ward.toml` and one TOML file per division (課). Files are read
//! into `*File` structs that keep the position of every value (`toml::Spanned`), checked, and
//! turned into [`Ward`] / [`Division`], which hold plain values only. Every problem found is a
//! [`Problem`] naming the file, line, column and key.

use crate::encoding;
use crate::era;
pub use crate::problem::{Problem, Severity, line_column};
use crate::problem::{Report, floor_char_boundary, line_text};
use crate::shape::{self, Field};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

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

/// `ward.toml`: 区（局）の共通情報。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "mokuhyo ward.toml",
    description = "区（局）の共通情報。同じフォルダーの他の .toml ファイルが各課のシートです。"
)]
struct WardFile {
    /// 区名（または局名）: 東区
    #[schemars(with = "String", length(min = 1))]
    ward: Spanned<String>,
    /// 年度（西暦、4月〜翌3月）: 2023 は令和５年度
    #[schemars(with = "i64", range(min = 1868, max = 9999))]
    fiscal_year: Spanned<i64>,
    /// 作成日: 2023-04-01
    #[schemars(with = "String", extend("format" = "date"))]
    created: Spanned<toml::value::Datetime>,
    /// 評価日（年度末の評価後に記入）: 2024-04-30
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    evaluated: Option<Spanned<toml::value::Datetime>>,
    /// 承認印の欄（左が上位）: ["区長", "副区長", "課長"]
    #[schemars(with = "Option<Vec<String>>")]
    approval: Option<Spanned<Vec<String>>>,
}

/// One division's file: 一つの課の組織目標管理シート。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "mokuhyo division sheet",
    description = "一つの課（準部・機関）の組織目標管理シート。"
)]
struct DivisionFile {
    /// 冊子の中での順番（1, 2, 3, …）
    #[schemars(with = "i64", range(min = 1))]
    order: Spanned<i64>,
    /// 組織名（部）: 東区
    #[schemars(with = "String", length(min = 1))]
    department: Spanned<String>,
    /// 組織名（準部・課・機関名）: 地域課
    #[schemars(with = "String", length(min = 1))]
    division: Spanned<String>,
    /// 関連する施策の指標（1行に1つ）
    #[serde(default)]
    policy_indicators: Vec<String>,
    /// この課だけの承認印の欄（区の設定の代わり）
    #[schemars(with = "Option<Vec<String>>")]
    approval: Option<Spanned<Vec<String>>>,
    /// 組織目標（No. 1〜5）
    #[schemars(with = "Vec<GoalFile>", length(min = 1), required)]
    goals: Option<Spanned<Vec<Spanned<GoalFile>>>>,
}

/// 組織目標（シートの1行）
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct GoalFile {
    /// 組織目標の本文
    #[schemars(with = "String")]
    text: Spanned<String>,
    /// 総合計画（実施計画）上の位置づけ: 行財3-2-③
    plan_ref: Option<String>,
    /// 評価: ○（達成）、△（一部未達成）、×（未達成）
    #[schemars(with = "Option<String>", extend("enum" = ["○", "△", "×", "〇", "◯", "✕", "✖", "╳", "Ｘ", "ｘ", "X", "x", ""]))]
    rating: Option<Spanned<String>>,
    /// 目標達成状況（年度末の評価後に記入）
    status: Option<String>,
    /// 今後の方針（年度末の評価後に記入）
    next_steps: Option<String>,
    /// 主な取組
    #[serde(default)]
    #[schemars(with = "Vec<ActionFile>")]
    actions: Vec<Spanned<ActionFile>>,
}

/// 主な取組
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ActionFile {
    /// 取組名称（事業名）
    name: String,
    /// 概要
    #[serde(default)]
    summary: String,
    /// 取組指標
    #[serde(default)]
    #[schemars(with = "Vec<IndicatorFile>")]
    indicators: Vec<Spanned<IndicatorFile>>,
}

/// 取組指標
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct IndicatorFile {
    /// 指標名
    name: String,
    /// 目標（Ｒ５目標の欄）: 6地区
    target: String,
    /// 結果（Ｒ５結果の欄、評価後に記入）
    result: Option<String>,
}

/// The JSON Schema of `ward.toml`, for editors with a TOML language server.
pub fn ward_schema() -> serde_json::Value {
    schemars::schema_for!(WardFile).to_value()
}

/// The JSON Schema of a division's file.
pub fn division_schema() -> serde_json::Value {
    schemars::schema_for!(DivisionFile).to_value()
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
    /// The division files of the ward that have an error (and are not in `divisions`).
    #[serde(skip)]
    pub failed: Vec<PathBuf>,
}

impl Ward {
    /// Whether every division file of the ward was read without error.
    pub fn complete(&self) -> bool {
        self.failed.is_empty()
    }
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
    load_tree_with(root, &Checks::default())
}

/// What reading checks beyond the files themselves.
#[derive(Clone, Copy, Default)]
pub struct Checks<'a> {
    /// Whether some font can draw a character: every character of the data that none can is
    /// reported (it would print as an empty box, "tofu").
    pub covers: Option<&'a (dyn Fn(char) -> bool + Sync)>,
    /// `--strict`: such characters are errors, not warnings.
    pub strict: bool,
}

/// [`load_tree`] with the checks of `checks`.
pub fn load_tree_with(root: &Path, checks: &Checks) -> Loaded {
    let mut loaded = Loaded::default();
    let ward_dirs = match find_wards(root) {
        Ok(dirs) => dirs,
        Err(problem) => {
            loaded.problems.push(problem);
            return loaded;
        }
    };
    for dir in ward_dirs {
        let (ward, problems) = load_ward_with(&dir, checks);
        loaded.problems.extend(problems);
        if let Some(ward) = ward {
            loaded.wards.push(ward);
        }
    }
    loaded
}

fn whole_file_problem(file: &Path, message: String) -> Problem {
    Problem::whole_file(file, message)
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
    load_ward_with(dir, &Checks::default())
}

/// [`load_ward`] with the checks of `checks`.
pub fn load_ward_with(dir: &Path, checks: &Checks) -> (Option<Ward>, Vec<Problem>) {
    let mut problems = Vec::new();
    let ward_path = dir.join(WARD_FILE);
    let header = read_text(&ward_path, &mut problems).and_then(|text| {
        let (header, found) = parse_ward(&ward_path, &text, checks);
        problems.extend(found);
        header
    });

    let listing = match fs::read_dir(dir) {
        Ok(entries) => list_sheet_files(entries.filter_map(|e| e.ok().map(|e| e.path()))),
        Err(err) => {
            problems.push(whole_file_problem(
                dir,
                format!("cannot read the ward folder: {err}"),
            ));
            Listing::default()
        }
    };
    problems.extend(listing.problems);
    let files = listing.files;
    if files.is_empty() {
        problems.push(whole_file_problem(
            dir,
            "this ward has no division: add one TOML file per division (課) beside ward.toml"
                .to_string(),
        ));
    }

    let mut divisions = Vec::new();
    let mut failed = listing.unreadable;
    let mut orders: BTreeMap<u32, (PathBuf, usize, usize)> = BTreeMap::new();
    let mut names: BTreeMap<String, PathBuf> = BTreeMap::new();
    for file in &files {
        let mut found = Vec::new();
        let parsed = read_text(file, &mut found).map(|text| parse_division(file, &text, checks));
        let division = parsed.and_then(|(division, more, order_at)| {
            found.extend(more);
            let division = division?;
            if let Some((first, line, column)) = orders.get(&division.order) {
                // The later file loses its place in the volume.
                found.push(Problem {
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
                    source_line: order_at.2,
                });
                return None;
            }
            let name = name_key(&division.division);
            if let Some(first) = names.get(&name) {
                found.push(Problem {
                    key: "division".into(),
                    ..whole_file_problem(
                        file,
                        format!(
                            "the division `{}` is in {} already: each division of a ward has one file (merge them, or rename one)",
                            division.division,
                            first.display()
                        ),
                    )
                });
                return None;
            }
            orders.insert(division.order, (file.clone(), order_at.0, order_at.1));
            names.insert(name, file.clone());
            Some(division)
        });
        match division {
            Some(division) => divisions.push(division),
            None => failed.push(file.clone()),
        }
        found.sort_by_key(|p| (p.line, p.column));
        problems.extend(bounded(file, found));
    }
    divisions.sort_by_key(|d| d.order);

    let ward = header.map(|h| Ward {
        dir: dir.to_path_buf(),
        ward: h.ward,
        fiscal_year: h.fiscal_year,
        created: h.created,
        evaluated: h.evaluated,
        approval: h.approval,
        divisions,
        failed,
    });
    (ward, problems)
}

/// The most bytes of a sheet file that are read: a sheet's file is a few KiB; 4 MiB holds a
/// 100,000-character cell several times over.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// The most goals a sheet, actions a goal and indicators an action may have: far more than
/// one page holds (the form has five goals), few enough that a file of 100,000 goals is an
/// error at once rather than an hour of layout.
pub const MAX_ITEMS: usize = 100;

/// The most problems shown for one file: past that, one more says how many were left out (a
/// file that is not TOML at all would give one per line).
pub const MAX_PROBLEMS_PER_FILE: usize = 50;

/// The problems of one file, at most [`MAX_PROBLEMS_PER_FILE`] of them, errors first.
fn bounded(file: &Path, mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() <= MAX_PROBLEMS_PER_FILE {
        return problems;
    }
    let left_out = problems.len() - MAX_PROBLEMS_PER_FILE;
    problems.sort_by_key(|p| p.severity);
    problems.truncate(MAX_PROBLEMS_PER_FILE);
    problems.sort_by_key(|p| (p.line, p.column));
    problems.push(whole_file_problem(
        file,
        format!("{left_out} more problem(s) in this file are not shown: mend these first"),
    ));
    problems
}

/// A division's name as compared for duplicates: full-width and half-width alike, without
/// spaces or invisible characters.
fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc()
        .filter(|c| !c.is_whitespace() && !crate::output::is_invisible(*c))
        .collect()
}

/// The files of a ward folder that are sheets, and what stands in the way of others.
#[derive(Default)]
struct Listing {
    /// Division files to read, in name order.
    files: Vec<PathBuf>,
    /// Files that look like sheets but cannot be read (a folder named `x.toml`, a link to
    /// nothing, a pipe): each reported, and left out of the volume, which says so.
    unreadable: Vec<PathBuf>,
    problems: Vec<Problem>,
}

/// Sorts a ward folder's entries: `*.toml` in any case, also with the spaces or the `.txt`
/// that Windows editors add (`地域課.toml.txt`, メモ帳's default), are division files, the
/// odd ones with a warning to rename them; `ward.toml` is not one.
fn list_sheet_files(paths: impl Iterator<Item = PathBuf>) -> Listing {
    let mut listing = Listing::default();
    for path in paths {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let lower = name.to_lowercase();
        let trimmed = lower.trim_end();
        let plain = trimmed.ends_with(".toml");
        let with_txt = trimmed.ends_with(".toml.txt");
        if !(plain || with_txt) || trimmed == WARD_FILE || name.starts_with('.') {
            continue;
        }
        if !path.is_file() {
            let what = match fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_dir() => "a folder, not a file",
                Ok(meta) if meta.file_type().is_symlink() => "a link to a file that is not there",
                _ => "not a file (a pipe or a device)",
            };
            listing.problems.push(whole_file_problem(
                &path,
                format!("this looks like a division's file but is {what}: it is left out"),
            ));
            listing.unreadable.push(path);
            continue;
        }
        if with_txt || trimmed.len() != lower.len() || !name.ends_with(".toml") {
            let base = name.trim_end();
            let cut = if with_txt {
                ".toml.txt".len()
            } else {
                ".toml".len()
            };
            let stem = base.get(..base.len().saturating_sub(cut)).unwrap_or(base);
            listing.problems.push(Problem {
                severity: Severity::Warning,
                ..whole_file_problem(
                    &path,
                    format!(
                        "read as a division's file; rename it `{stem}.toml` so that every tool takes it for one"
                    ),
                )
            });
        }
        listing.files.push(path);
    }
    listing.files.sort();
    listing.unreadable.sort();
    listing
}

/// Reads a file's text (UTF-8, or another encoding [`encoding::decode`] can read without
/// guessing, with a warning); `None` with the problem when it cannot be read.
fn read_text(path: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    // Asked first, so that a FIFO or a device is never opened (reading one would wait
    // forever) and a huge file is never read into memory.
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            problems.push(whole_file_problem(
                path,
                "this is not a file (a folder, a pipe or a device): a sheet is a TOML file".into(),
            ));
            return None;
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            problems.push(whole_file_problem(
                path,
                format!(
                    "the file is {} MiB; a sheet's file is a few KiB, and at most {} MiB is read: \
                     is this the right file?",
                    meta.len() >> 20,
                    MAX_FILE_BYTES >> 20
                ),
            ));
            return None;
        }
        _ => {}
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            problems.push(whole_file_problem(
                path,
                format!("cannot read the file: {err}"),
            ));
            return None;
        }
    };
    match encoding::decode(&bytes) {
        Ok(decoded) => {
            if let Some(name) = decoded.encoding {
                let mut problem = whole_file_problem(
                    path,
                    format!(
                        "the file is in {name}, not UTF-8; it was read as {name}, but other \
                         tools may not: save it as UTF-8 (メモ帳: 名前を付けて保存 → 文字コード UTF-8)"
                    ),
                );
                problem.severity = Severity::Warning;
                problems.push(problem);
            }
            Some(decoded.text)
        }
        Err(undecodable) => {
            let prefix = &undecodable.valid_prefix;
            let (line, column) = line_column(prefix, prefix.len());
            problems.push(Problem {
                line,
                column,
                message: undecodable.message,
                ..whole_file_problem(path, String::new())
            });
            None
        }
    }
}

/// Parses TOML into `T`: every syntax error; then, when the syntax is sound, every key and
/// type that does not fit `fields` ([`shape`]), and every character no font can draw.
fn parse_toml<T: for<'de> Deserialize<'de>>(
    path: &Path,
    text: &str,
    fields: &[Field],
    checks: &Checks,
) -> (Option<T>, Vec<Problem>) {
    let mut report = Report::new(path, text);
    let (table, syntax_errors) = DeTable::parse_recoverable(text);
    for err in &syntax_errors {
        let span = err.span().unwrap_or(0..0);
        let key = key_at(text, span.clone());
        report.error(span, &key, err.message().trim().to_string());
    }
    if syntax_errors.is_empty() {
        shape::check(&mut report, table.get_ref(), 0..0, fields, "");
    }
    if let Some(covers) = checks.covers {
        let division = table
            .get_ref()
            .get("division")
            .and_then(|v| v.get_ref().as_str())
            .unwrap_or_default()
            .to_string();
        check_glyphs(
            &mut report,
            table.get_ref(),
            "",
            &division,
            covers,
            checks.strict,
        );
    }
    if report.has_errors() {
        return (None, report.problems);
    }
    match T::deserialize(toml::de::Deserializer::from(table)) {
        Ok(value) => (Some(value), report.problems),
        Err(err) => {
            // The shape check should have found it; said all the same.
            let span = err.span().unwrap_or(0..0);
            let key = key_at(text, span.clone());
            report.error(span, &key, err.message().trim().to_string());
            (None, report.problems)
        }
    }
}

/// Reports the characters of every string in `table` that no font can draw (`covers` says which
/// can), and control characters, which print as nothing. One problem per value, listing its
/// characters, at the first of them.
fn check_glyphs(
    report: &mut Report,
    table: &DeTable,
    path: &str,
    division: &str,
    covers: &dyn Fn(char) -> bool,
    strict: bool,
) {
    for (key, value) in table.iter() {
        let key_path = shape::join(path, key.get_ref());
        check_value_glyphs(report, value, &key_path, division, covers, strict);
    }
}

fn check_value_glyphs(
    report: &mut Report,
    value: &Spanned<DeValue>,
    key_path: &str,
    division: &str,
    covers: &dyn Fn(char) -> bool,
    strict: bool,
) {
    match value.get_ref() {
        DeValue::Table(table) => check_glyphs(report, table, key_path, division, covers, strict),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{key_path}[{}]", i + 1);
                check_value_glyphs(report, item, &item_path, division, covers, strict);
            }
        }
        DeValue::String(s) => {
            let mut missing: Vec<char> = Vec::new();
            let mut controls: Vec<char> = Vec::new();
            for c in s.chars() {
                if c.is_control() {
                    if c != '\n' && c != '\t' && !controls.contains(&c) {
                        controls.push(c);
                    }
                } else if needs_glyph(c) && !drawable(c, covers) && !missing.contains(&c) {
                    missing.push(c);
                }
            }
            let place = describe_place(key_path, division);
            if let Some(&first) = missing.first() {
                let span = char_span(report.text, value.span(), first);
                let message = format!(
                    "{} {place}: no font has {}, so {} would print as an empty box: write \
                     {} with ordinary characters (外字 → a standard kanji or a note), or add a \
                     font that has {} with --font-path",
                    list_chars(&missing),
                    if missing.len() == 1 { "it" } else { "them" },
                    if missing.len() == 1 { "it" } else { "they" },
                    if missing.len() == 1 { "it" } else { "them" },
                    if missing.len() == 1 { "it" } else { "them" },
                );
                if strict {
                    report.error(span, key_path, message);
                } else {
                    report.warning(span, key_path, message);
                }
            }
            if let Some(&first) = controls.first() {
                let span = char_span(report.text, value.span(), first);
                report.warning(
                    span,
                    key_path,
                    format!(
                        "{} {place}: control characters print as nothing; delete them",
                        list_chars(&controls)
                    ),
                );
            }
        }
        _ => {}
    }
}

/// Whether a character is drawn at all: whitespace, controls and the invisible format
/// characters (variation selectors, including the 異体字 selectors of Japanese names, joiners,
/// direction marks) need no glyph of their own.
pub fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'))
}

/// Whether a character can be drawn: a font has it, or it decomposes into characters the
/// fonts have (Ӂ is drawn as Ж with a breve, as the shaper does when no font has Ӂ itself).
fn drawable(c: char, covers: &dyn Fn(char) -> bool) -> bool {
    use unicode_normalization::char::decompose_canonical;
    if covers(c) {
        return true;
    }
    let mut parts = Vec::new();
    decompose_canonical(c, |part| parts.push(part));
    parts.len() > 1 && parts.iter().all(|&part| covers(part))
}

/// `goals[2].actions[1].summary` in 地域課 → "in 地域課, goal No. 2 (goals[2].actions[1].summary)".
fn describe_place(key_path: &str, division: &str) -> String {
    let mut place = String::from("in ");
    if !division.is_empty() {
        place.push_str(division);
        place.push_str(", ");
    }
    if let Some(no) = key_path
        .strip_prefix("goals[")
        .and_then(|rest| rest.split(']').next())
    {
        place.push_str(&format!("goal No. {no}, "));
    }
    place.push_str(&format!("`{key_path}`"));
    place
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

/// Where `c` is written inside the value at `span` (when written as itself, not as an escape);
/// else the value's own place.
fn char_span(text: &str, span: Range<usize>, c: char) -> Range<usize> {
    let raw = text.get(span.clone()).unwrap_or_default();
    match raw.find(c) {
        Some(at) => span.start + at..span.start + at + c.len_utf8(),
        None => span,
    }
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

fn parse_ward(path: &Path, text: &str, checks: &Checks) -> (Option<WardHeader>, Vec<Problem>) {
    let (file, mut problems) = parse_toml::<WardFile>(path, text, shape::WARD, checks);
    let Some(file) = file else {
        return (None, problems);
    };
    let mut report = Report::new(path, text);

    let ward = file.ward.get_ref().trim().to_string();
    if ward.is_empty() {
        report.error(
            file.ward.span(),
            "ward",
            "the ward's name is empty (e.g. ward = \"東区\")",
        );
    }

    warn_invisible(&mut report, &file.ward, "ward");

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
    problems.extend(report.problems);
    (header, problems)
}

/// Warns of invisible characters in a name (a bidi override that turns text around, a
/// zero-width space pasted from the web): they are left out of file names, and shown here.
fn warn_invisible(report: &mut Report, value: &Spanned<String>, key: &str) {
    let name = value.get_ref();
    if name.chars().any(crate::output::is_invisible) {
        report.warning(
            value.span(),
            key,
            format!(
                "`{}` has invisible characters (shown as <U+…>): they print as nothing and are \
                 left out of file names; delete them",
                crate::output::visible(name)
            ),
        );
    }
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

/// Parses one division. Also returns the line, column and text of the line of its `order`.
type ParsedDivision = (Option<Division>, Vec<Problem>, (usize, usize, String));

fn parse_division(path: &Path, text: &str, checks: &Checks) -> ParsedDivision {
    let (file, mut problems) = parse_toml::<DivisionFile>(path, text, shape::DIVISION, checks);
    let Some(file) = file else {
        return (None, problems, (0, 0, String::new()));
    };
    let mut report = Report::new(path, text);
    let (line, column) = line_column(text, file.order.span().start);
    let order_at = (line, column, line_text(text, line).to_string());

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
        warn_invisible(&mut report, value, key);
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
            // Slots left blank (as `mokuhyo new` writes five) are not goals.
            let filled = filled_slots(list.get_ref(), blank_goal);
            if filled.is_empty() {
                report.error(
                    list.span(),
                    "goals",
                    "this division has no goal yet: fill in the text of at least one [[goals]] table",
                );
            }
            if let Some((_, extra)) = filled.get(MAX_ITEMS) {
                report.error(
                    extra.span(),
                    "goals",
                    format!(
                        "{} goals: a sheet holds at most {MAX_ITEMS} (the official sheet has {FORM_ROWS}); split the division's goals",
                        filled.len()
                    ),
                );
            } else if let Some((_, extra)) = filled.get(FORM_ROWS) {
                report.warning(
                    extra.span(),
                    "goals",
                    format!(
                        "{} goals: the official sheet has rows No. 1–{FORM_ROWS}; the extra ones print as further rows",
                        filled.len()
                    ),
                );
            }
            for (i, goal) in filled {
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
    problems.extend(report.problems);
    (division, problems, order_at)
}

/// A goal slot with nothing written in it: every text, action and indicator empty.
/// The slots of `items` that are filled in, with their index in the file: slots left blank
/// (as `mokuhyo new` writes them) are not there.
fn filled_slots<T>(items: &[Spanned<T>], blank: fn(&T) -> bool) -> Vec<(usize, &Spanned<T>)> {
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| !blank(item.get_ref()))
        .collect()
}

fn blank_goal(g: &GoalFile) -> bool {
    let blank_option = |s: &Option<String>| s.as_deref().is_none_or(blank);
    blank(g.text.get_ref())
        && blank_option(&g.plan_ref)
        && g.rating.as_ref().is_none_or(|r| blank(r.get_ref()))
        && blank_option(&g.status)
        && blank_option(&g.next_steps)
        && g.actions.iter().all(|a| blank_action(a.get_ref()))
}

/// An action slot with nothing written in it.
fn blank_action(a: &ActionFile) -> bool {
    blank(&a.name) && blank(&a.summary) && a.indicators.iter().all(|i| blank_indicator(i.get_ref()))
}

/// An indicator slot with nothing written in it.
fn blank_indicator(i: &IndicatorFile) -> bool {
    blank(&i.name) && blank(&i.target) && i.result.as_deref().is_none_or(blank)
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
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
    // Action and indicator slots left blank (as `mokuhyo new` writes them) are not there.
    let filled_actions = filled_slots(&g.actions, blank_action);
    if filled_actions.is_empty() {
        report.error(
            goal.span(),
            &key,
            "the goal has no action: add a [[goals.actions]] table (主な取組) under it",
        );
    }
    if let Some((j, extra)) = filled_actions.get(MAX_ITEMS) {
        report.error(
            extra.span(),
            &format!("{key}.actions[{}]", j + 1),
            format!("more than {MAX_ITEMS} actions in one goal: no sheet can print them"),
        );
    }
    let mut actions = Vec::new();
    for (j, action) in filled_actions {
        let a = action.get_ref();
        let indicators: Vec<Indicator> = a
            .indicators
            .iter()
            .map(|ind| ind.get_ref())
            .filter(|ind| !blank_indicator(ind))
            .map(|ind| Indicator {
                name: ind.name.clone(),
                target: ind.target.clone(),
                result: ind.result.clone().unwrap_or_default(),
            })
            .collect();
        if indicators.len() > MAX_ITEMS {
            report.error(
                action.span(),
                &format!("{key}.actions[{}]", j + 1),
                format!("more than {MAX_ITEMS} indicators in one action: no sheet can print them"),
            );
        }
        if indicators.is_empty() {
            report.error(
                action.span(),
                &format!("{key}.actions[{}]", j + 1),
                "the action has no indicator: add a [[goals.actions.indicators]] table (取組指標) under it",
            );
        }
        actions.push(Action {
            name: a.name.clone(),
            summary: a.summary.clone(),
            indicators,
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
        assert!(!ward.complete() && ward.divisions.is_empty());
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
        assert!(!ward.complete());
        assert_eq!(
            ward.divisions.iter().map(|d| d.order).collect::<Vec<_>>(),
            [3]
        );
        // 01: `goal` is unknown, and the [[goals.actions]] after it make `goals` one table.
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].file.ends_with("01.toml"));
        assert!(
            problems[0]
                .message
                .contains("unknown key `goal` here: did you mean `goals`?"),
            "{}",
            problems[0]
        );
        assert_eq!(problems[0].line, 6);
        assert_eq!((problems[1].line, problems[1].key.as_str()), (9, "goals"));
        assert!(problems[1].message.contains("start each with [[goals]]"));
        assert!(problems[2].file.ends_with("02.toml"));
        assert_eq!((problems[2].line, problems[2].key.as_str()), (1, "order"));
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
        assert!(!ward.complete());
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
            .replace("総務課", "地域課")
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
    fn shift_jis_is_read_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        // The division file with 「総務課」 in Shift_JIS, as メモ帳 saves "ANSI".
        let sjis = DIVISION.replace("総務課", "\u{0}");
        let mut bytes = Vec::new();
        for part in sjis.split('\u{0}') {
            if !bytes.is_empty() {
                bytes.extend_from_slice(&[0x91, 0x8D, 0x96, 0xB1, 0x89, 0xDB]);
            }
            // The rest of the file in Shift_JIS too: encoding_rs encodes it.
            bytes.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(part).0);
        }
        fs::write(dir.path().join("01.toml"), bytes).unwrap();
        let (ward, problems) = load_ward(dir.path());
        assert_eq!(ward.unwrap().divisions[0].division, "総務課");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].severity, Severity::Warning);
        assert!(problems[0].message.contains("Shift_JIS"), "{}", problems[0]);
    }

    #[test]
    fn bytes_that_are_no_known_text_are_refused_with_their_place() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        let mut bytes = b"order = 1\ndivision = \"".to_vec();
        bytes.extend_from_slice(&[0xFF, 0xFE, 0x80]);
        bytes.extend_from_slice(b"\"\n");
        fs::write(dir.path().join("01.toml"), bytes).unwrap();
        let (ward, problems) = load_ward(dir.path());
        assert_eq!(ward.unwrap().failed.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column), (2, 13));
        assert!(problems[0].message.contains("UTF-8"));
    }

    #[test]
    fn every_problem_of_a_file_is_reported_at_once() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        let bad = DIVISION
            .replace("order = 1", "order = \"1\"")
            .replace("department = \"中央区役所\"\n", "")
            .replace("[[goals]]", "[[goal]]\ntext = \"x\"\n[[goals]]")
            .replace("rating = \"○\"", "rating = \"○\"\nplan-ref = \"行財1\"")
            .replace("target = \"10件\"", "target = 10");
        let path = write(dir.path(), "01.toml", &bad);
        let (ward, problems) = load_ward(dir.path());
        assert_eq!(ward.unwrap().failed, [path]);
        let found: Vec<_> = problems.iter().map(|p| (p.line, p.key.as_str())).collect();
        assert_eq!(
            found,
            [
                (1, "department"),
                (1, "order"),
                (5, "goal"),
                (10, "goals[1].plan-ref"),
                (16, "goals[1].actions[1].indicators[1].target"),
            ],
            "{problems:#?}"
        );
        let text = |i: usize| problems[i].to_string();
        assert!(text(0).contains("has no `department`"), "{}", text(0));
        assert!(
            text(1).contains("write it without quotes: 1"),
            "{}",
            text(1)
        );
        assert!(text(2).contains("did you mean `goals`?"), "{}", text(2));
        assert!(text(3).contains("did you mean `plan_ref`?"), "{}", text(3));
        assert!(text(4).contains("must be text in quotes"), "{}", text(4));
        // The line itself, with a caret under the place.
        assert!(
            text(4).ends_with("\n 16 |     target = 10\n    |              ^"),
            "{}",
            text(4)
        );
    }

    #[test]
    fn several_syntax_errors_are_reported_in_one_run() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        let bad = DIVISION
            .replace("division = \"総務課\"", "division = \"総務課")
            .replace("name = \"取組\"", "name = 取組");
        write(dir.path(), "01.toml", &bad);
        let (_, problems) = load_ward(dir.path());
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 10], "{problems:#?}");
    }

    #[test]
    fn characters_no_font_has_are_reported_where_they_are() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), WARD_FILE, WARD);
        let odd = DIVISION
            .replace("summary = \"概要\"", "summary = \"概要🍣と\u{E000}、🍣\"")
            .replace("name = \"指標\"", "name = \"指\\u0007標\"");
        write(dir.path(), "01.toml", &odd);
        // A "font" that has only the CJK ideographs and kana.
        let covers = |c: char| c < '\u{E000}';
        let mut checks = Checks {
            covers: Some(&covers),
            strict: false,
        };
        let (ward, problems) = load_ward_with(dir.path(), &checks);
        assert_eq!(ward.unwrap().divisions.len(), 1, "warnings only");
        let found: Vec<_> = problems
            .iter()
            .map(|p| (p.severity, p.line, p.column, p.key.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Severity::Warning, 11, 16, "goals[1].actions[1].summary"),
                // Written as an escape: the place of the value.
                (
                    Severity::Warning,
                    13,
                    12,
                    "goals[1].actions[1].indicators[1].name"
                ),
            ],
            "{problems:#?}"
        );
        let message = &problems[0].message;
        assert!(
            message.contains("'🍣' (U+1F363), '\u{E000}' (U+E000)"),
            "{message}"
        );
        assert!(message.contains("in 総務課, goal No. 1"), "{message}");
        assert!(problems[1].message.contains("U+0007"), "{}", problems[1]);

        checks.strict = true;
        let (ward, problems) = load_ward_with(dir.path(), &checks);
        assert!(ward.unwrap().divisions.is_empty());
        assert_eq!(problems[0].severity, Severity::Error);
        // The control character stays a warning: it is not a missing glyph.
        assert_eq!(problems[1].severity, Severity::Warning);
    }

    /// The field names serde's derive gives a struct: its `deserialize_struct` is asked for
    /// them, by a deserializer that only listens.
    fn serde_fields<T: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
        use serde::de::{Error, Visitor, value};
        struct Probe<'a>(&'a mut Vec<&'static str>);
        impl<'de> serde::Deserializer<'de> for Probe<'_> {
            type Error = value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, value::Error> {
                Err(value::Error::custom("not a struct"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, value::Error> {
                self.0.extend(fields);
                Err(value::Error::custom("listened"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
                byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
                identifier ignored_any
            }
        }
        let mut fields = Vec::new();
        let _ = T::deserialize(Probe(&mut fields));
        fields.sort();
        fields
    }

    #[test]
    fn the_shape_lists_exactly_the_keys_serde_reads() {
        let keys = |fields: &[shape::Field]| {
            let mut keys: Vec<_> = fields.iter().map(|f| f.key).collect();
            keys.sort();
            keys
        };
        assert_eq!(keys(shape::WARD), serde_fields::<WardFile>());
        assert_eq!(keys(shape::DIVISION), serde_fields::<DivisionFile>());
        assert_eq!(keys(shape::GOAL), serde_fields::<GoalFile>());
        assert_eq!(keys(shape::ACTION), serde_fields::<ActionFile>());
        assert_eq!(keys(shape::INDICATOR), serde_fields::<IndicatorFile>());
    }
}
