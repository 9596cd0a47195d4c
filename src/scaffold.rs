//! `new`: a division file ready to fill in, with the five goal slots of the sheet and a short
//! Japanese comment on every key; and the ward's `ward.toml` when the ward folder is new. Each
//! file starts with a `#:schema` line, so editors with a TOML language server (Even Better
//! TOML, taplo) check and complete the keys as staff type.

use crate::error::Error;
use crate::model::{self, FORM_ROWS};
use crate::output::{division_file, write_atomic};
use std::path::{Component, Path, PathBuf};

/// What to scaffold.
pub struct NewDivision {
    /// The ward's folder (made, with its `ward.toml`, when it does not exist).
    pub ward_dir: PathBuf,
    /// 課: the division's name.
    pub division: String,
    /// 部: the department; the ward's name when not given.
    pub department: Option<String>,
    /// Its place in the volume; after the last division when not given.
    pub order: Option<u32>,
    /// For a new ward: its name (the folder's name when not given) and fiscal year.
    pub ward: Option<String>,
    pub fiscal_year: i32,
    /// Where the JSON Schemas are, or are to be written when no `schema` folder is found
    /// above the ward folder.
    pub schema_dir: PathBuf,
}

/// The files written.
pub struct Scaffolded {
    pub files: Vec<PathBuf>,
}

/// The name of the schema files in a schema folder.
pub const WARD_SCHEMA: &str = "ward.schema.json";
pub const DIVISION_SCHEMA: &str = "division.schema.json";

/// Writes both JSON Schemas into `dir`.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|err| Error::create_folder(dir, err))?;
    let mut written = Vec::new();
    for (name, schema) in [
        (WARD_SCHEMA, model::ward_schema()),
        (DIVISION_SCHEMA, model::division_schema()),
    ] {
        let path = dir.join(name);
        let mut text = serde_json::to_string_pretty(&schema)?;
        text.push('\n');
        write_atomic(&path, text.as_bytes()).map_err(|err| Error::write(&path, err))?;
        written.push(path);
    }
    Ok(written)
}

pub fn new_division(request: &NewDivision) -> Result<Scaffolded, Error> {
    let division = request.division.trim();
    if division.is_empty() {
        return Err(Error::EmptyDivisionName);
    }
    let mut files = Vec::new();
    let ward_dir = &request.ward_dir;
    let ward_file = ward_dir.join(model::WARD_FILE);
    let schema_dir = find_schema_dir(ward_dir).unwrap_or_else(|| request.schema_dir.clone());
    if !schema_dir.join(DIVISION_SCHEMA).is_file() {
        files.extend(write_schemas(&schema_dir)?);
    }

    let ward_name = if ward_file.is_file() {
        let (ward, problems) = model::load_ward(ward_dir);
        match ward {
            Some(ward) => ward.name,
            None => {
                let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
                return Err(Error::WardUnreadable {
                    path: ward_file,
                    first,
                });
            }
        }
    } else {
        std::fs::create_dir_all(ward_dir).map_err(|err| Error::create_folder(ward_dir, err))?;
        let name = request
            .ward
            .clone()
            .unwrap_or_else(|| folder_name(ward_dir));
        let text = ward_text(
            &name,
            request.fiscal_year,
            Some(&schema_ref(ward_dir, &schema_dir, WARD_SCHEMA)),
        );
        write_new(&ward_file, &text)?;
        files.push(ward_file.clone());
        name
    };

    // The divisions already there: their orders and names.
    let (ward, _) = model::load_ward(ward_dir);
    let existing = ward.map(|w| w.divisions).unwrap_or_default();
    if existing.iter().any(|d| d.name == division) {
        return Err(Error::DivisionExists {
            ward: ward_dir.clone(),
            name: division.to_string(),
        });
    }
    let order = request
        .order
        .unwrap_or_else(|| existing.iter().map(|d| d.order).max().unwrap_or(0) + 1);
    let department = request.department.clone().unwrap_or(ward_name);
    let path = ward_dir.join(division_file(order, division, "toml"));
    let text = division_text(
        order,
        &department,
        division,
        &schema_ref(ward_dir, &schema_dir, DIVISION_SCHEMA),
    );
    write_new(&path, &text)?;
    files.push(path);
    Ok(Scaffolded { files })
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    if path.exists() {
        let path = path.to_path_buf();
        return Err(Error::Exists { path });
    }
    write_atomic(path, text.as_bytes()).map_err(|err| Error::write(path, err))
}

fn folder_name(dir: &Path) -> String {
    std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "区".to_string())
}

/// What a `#:schema` line in `ward_dir` names for the schema `name` (`ward.schema.json`, …),
/// when a `schema` folder is in it or above it.
pub fn schema_for(ward_dir: &Path, name: &str) -> Option<String> {
    find_schema_dir(ward_dir).map(|dir| schema_ref(ward_dir, &dir, name))
}

/// A `schema` folder with the division schema in it, in `dir` or a folder above it.
fn find_schema_dir(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).ok()?;
    start
        .ancestors()
        .map(|a| a.join("schema"))
        .find(|s| s.join(DIVISION_SCHEMA).is_file())
}

/// The `#:schema` path of `name` in `schema_dir`, relative to a file in `ward_dir`, with `/`.
fn schema_ref(ward_dir: &Path, schema_dir: &Path, name: &str) -> String {
    let (Ok(from), Ok(to)) = (
        std::path::absolute(ward_dir),
        std::path::absolute(schema_dir),
    ) else {
        return schema_dir.join(name).to_string_lossy().replace('\\', "/");
    };
    let from: Vec<Component> = from
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let to: Vec<Component> = to
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        // Another drive: the absolute path.
        return schema_dir.join(name).to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.push(name.to_string());
    parts.join("/")
}

/// `s` as a TOML string, quoted and escaped.
pub(crate) fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A new `ward.toml`, with a `#:schema` line when there is a `schema` to name.
pub fn ward_text(ward: &str, fiscal_year: i32, schema: Option<&str>) -> String {
    let label = crate::era::fiscal_year_label(fiscal_year).unwrap_or_default();
    let schema = schema
        .map(|reference| format!("#:schema {reference}\n"))
        .unwrap_or_default();
    format!(
        "{schema}\
         # 区（または局）の共通情報。同じフォルダーの他の .toml ファイルが各課のシートです。\n\
         ward = {}                 # 区名（局名）\n\
         fiscal_year = {fiscal_year}          # 年度（西暦、4月〜翌3月）: {label}\n\
         created = {fiscal_year}-04-01        # 作成日（シートの作成日）\n\
         # evaluated = {}-04-30    # 評価日（年度末の評価後に # を外して記入）\n\
         # approval = [\"区長\", \"副区長\", \"課長\"]   # 承認印の欄（左が上位）。要らなければこのまま\n",
        quote(ward),
        fiscal_year + 1
    )
}

/// A new division file with [`FORM_ROWS`] goal slots. Slots left blank are not goals: fill in
/// as many as the division has.
fn division_text(order: u32, department: &str, division: &str, schema: &str) -> String {
    let mut text = format!(
        "#:schema {schema}\n\
         # {division}の組織目標管理シート。\"\" の間に記入します。改行は \\n と書きます。\n\
         # 目標は5つまで。使わない [[goals]] は空のままで構いません（シートに出ません）。\n\
         order = {order}                  # 冊子の中での順番（1, 2, 3, …）\n\
         department = {}      # 組織名（部）\n\
         division = {}        # 組織名（準部・課・機関名）\n\
         policy_indicators = []     # 関連する施策の指標: [\"・…の割合\", \"・…の数\"]\n",
        quote(department),
        quote(division)
    );
    for no in 1..=FORM_ROWS {
        text.push_str(&format!(
            "\n[[goals]]   # No. {no}\n\
             text = \"\"                  # 組織目標\n\
             plan_ref = \"\"              # 総合計画（実施計画）上の位置づけ: 行財3-2-③\n\
             # rating = \"\"              # 評価: ○ / △ / ×（年度末に記入）\n\
             # status = \"\"              # 目標達成状況（年度末に記入）\n\
             # next_steps = \"\"          # 今後の方針（年度末に記入）\n\
             \x20 [[goals.actions]]        # 主な取組（取組ごとに繰り返す）\n\
             \x20 name = \"\"              # 取組名称（事業名）\n\
             \x20 summary = \"\"           # 概要\n\
             \x20   [[goals.actions.indicators]]   # 取組指標（指標ごとに繰り返す）\n\
             \x20   name = \"\"            # 指標名\n\
             \x20   target = \"\"          # 目標: 6地区\n\
             \x20   # result = \"\"        # 結果（年度末に記入）\n"
        ));
    }
    text
}
