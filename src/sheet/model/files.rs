//! The file format as serde structs: `ward.toml` ([`WardFile`]) and a division's file
//! ([`DivisionFile`] with its goals, actions and indicators), each value with its place
//! (`Spanned`), and their JSON Schemas (schemars), from which the shape check reads each
//! table's keys and types. Parsing a file's text into them is [`super::format`]'s.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

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
    /// 承認印の欄に電子印を印刷しないなら "paper"（紙に押印）
    #[schemars(with = "Option<String>", extend("enum" = ["paper", "electronic"]))]
    pub(super) stamps: Option<Spanned<String>>,
    /// 提出期限
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub(super) deadline: Option<Spanned<toml::value::Datetime>>,
}

/// One division's file: 一つの課の組織目標管理シート。
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
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
    // Not written out when empty, so that the schema gives it no default (as before the
    // structs were serialised, to be read through the field table).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<ActionFile>")]
    pub(super) actions: Vec<Spanned<ActionFile>>,
}

/// 主な取組
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ActionFile {
    /// 取組名称（事業名）
    pub(super) name: String,
    /// 概要
    #[serde(default)]
    pub(super) summary: String,
    /// 取組指標
    // Not written out when empty, so that the schema gives it no default (as before the
    // structs were serialised, to be read through the field table).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<IndicatorFile>")]
    pub(super) indicators: Vec<Spanned<IndicatorFile>>,
}

/// 取組指標
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
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
