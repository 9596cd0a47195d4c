//! The data model: TOML files in `sheets/` → checked wards and divisions.
//!
//! A ward is a folder holding `ward.toml` and one TOML file per division (課). Files are read
//! ([`load`]) into the structs of the file format ([`format`], which keep the position of every
//! value), checked against the shape of each table ([`shape`]) and the sheet's rules ([`rules`]),
//! and for characters no font can draw ([`glyphs`]), then turned into the checked types here,
//! [`Ward`] / [`Division`], which hold plain values only. Every problem found is a [`Problem`]
//! naming the file, line, column and key.

mod files;
mod format;
mod glyphs;
mod load;
mod rules;
mod shape;
mod slips;
#[cfg(test)]
mod tests;
pub mod write;

pub use crate::sheet::problem::{Position, Problem, Severity, line_column};
pub use files::{division_schema, ward_schema};

/// The `order` and `division` a division's file gives, read as far as its syntax allows: also
/// from a file with errors (a blank one `new` just wrote), so no place or name is given twice.
pub fn written_place(file: &std::path::Path) -> (Option<u32>, Option<String>) {
    let text = std::fs::read(file)
        .ok()
        .and_then(|bytes| crate::sheet::encoding::decode(&bytes).ok())
        .map(|decoded| decoded.text)
        .unwrap_or_default();
    (format::written_order(&text), format::division_name(&text))
}

/// Whether two divisions' names are one, as the check compares them: full-width and
/// half-width alike, spaces and invisible characters aside.
pub fn same_division_name(a: &str, b: &str) -> bool {
    load::name_key(a) == load::name_key(b)
}
pub use glyphs::needs_glyph;
pub use load::{
    Loaded, TomlName, find_wards, load_tree, load_tree_with, load_ward, load_ward_drafted,
    load_ward_planned, load_ward_with, toml_name,
};
pub(crate) use load::{list_sheet_files, name_key, read_file};

use crate::sheet::fields::{self, FIELDS, Level};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The typed model's `T` (a [`Division`], a [`Goal`], …) with the values of `item` (anything
/// that serialises with the file's keys: a file's struct, a draft) that are taken as written,
/// as the field table says ([`fields::texts`]): its members of other kinds (the order, the
/// stamps) at their defaults, for the caller to set once checked. No key is named here.
pub fn texts_of<T: DeserializeOwned + Default>(level: Level, item: &impl Serialize) -> T {
    let keys = serde_json::to_value(item).unwrap_or_default();
    serde_json::from_value(fields::texts(FIELDS, level, &keys)).unwrap_or_default()
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

/// A ward (区) or headquarters department: the unit bound into one volume.
#[derive(Debug, Clone, Serialize)]
pub struct Ward {
    /// The folder it was read from.
    #[serde(skip)]
    pub dir: PathBuf,
    /// The ward's name: 東区
    pub name: String,
    /// The calendar year the fiscal year starts in: 2023 for 令和５年度.
    pub fiscal_year: i32,
    /// 作成日
    pub created: NaiveDate,
    /// 評価日, once the year-end evaluation is in.
    pub evaluated: Option<NaiveDate>,
    /// Whether the evaluation is an interim one, made before the year ends (中間評価).
    pub interim: bool,
    /// Titles of the approval stamp boxes (most senior first); empty for none.
    pub approval: Vec<String>,
    /// `stamps = "paper"`: the stamp boxes print empty, for stamps put on paper.
    pub paper_stamps: bool,
    /// 提出期限: the date by which the divisions submit their sheets.
    pub deadline: Option<NaiveDate>,
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

/// One division's (課) sheet. It (de)serialises with the file's keys: as the template's data
/// (with the stamps the ward's settings give it, `pdf::data`), and from a file's or a draft's
/// keys ([`texts_of`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Division {
    /// The file it was read from.
    #[serde(skip)]
    pub file: PathBuf,
    pub order: u32,
    /// 組織名（部）
    pub department: String,
    /// The division's name, 組織名（準部・課・機関名）: 地域課
    #[serde(rename = "division")]
    pub name: String,
    /// （参考）関連する総合計画における政策指標, one entry per line.
    pub policy_indicators: Vec<String>,
    /// Approval stamp titles for this division, replacing the ward's (the template's data has
    /// the stamps it is printed with).
    #[serde(skip)]
    pub approval: Option<Vec<String>>,
    /// 組織目標, printed as No. 1, 2, …
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
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

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    /// 取組名称（事業名）
    pub name: String,
    /// 概要
    pub summary: String,
    /// 取組指標
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Indicator {
    /// 取組指標
    pub name: String,
    /// Ｒ５目標
    pub target: String,
    /// Ｒ５結果
    pub result: String,
}
