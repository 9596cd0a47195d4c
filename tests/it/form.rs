//! The sheet as an Excel workbook laid out like the form: `export --format form` writes it,
//! `import` reads it back exactly. Real xlsx files, written and read back, and their XML parts
//! looked at for what a reader of cells cannot see (merges, validation, page setup, protection).

use crate::common;

use common::{mokuhyo, repo};
use proptest::prelude::*;
use std::io::Read;
use std::path::Path;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The sheets of `dir` as `export --format json` gives them.
fn json_of(sheets: &Path, dir: &Path) -> String {
    let out = mokuhyo(
        &[
            "export",
            "--sheets",
            sheets.to_str().unwrap(),
            "--format",
            "json",
        ],
        dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// Exports `sheets` as a form workbook, imports it into a new folder, and gives both JSONs.
fn round_trip(sheets: &Path, dir: &Path) -> (String, String) {
    let book = dir.join("form.xlsx");
    let args = [
        "export",
        "--sheets",
        sheets.to_str().unwrap(),
        "--format",
        "form",
        "--out",
    ];
    let mut args = args.to_vec();
    args.push(book.to_str().unwrap());
    let out = mokuhyo(&args, dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back = dir.join("back");
    let out = mokuhyo(
        &[
            "import",
            book.to_str().unwrap(),
            "--out",
            back.to_str().unwrap(),
        ],
        dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    (json_of(sheets, dir), json_of(&back, dir))
}

/// The text of a part of a workbook (`xl/worksheets/sheet2.xml`).
fn part(book: &Path, name: &str) -> String {
    let file = std::fs::File::open(book).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn both_example_wards_come_back_exactly() {
    for ward in ["higashi-r5", "minato-r6"] {
        let dir = tempfile::tempdir().unwrap();
        let (before, after) = round_trip(&repo().join("sheets").join(ward), dir.path());
        assert_eq!(before, after, "{ward}");
    }
}

#[test]
fn a_city_of_wards_comes_back_each_to_its_ward() {
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = round_trip(&repo().join("sheets"), dir.path());
    // The ward folders are made anew, named after their wards: compared whatever their order.
    let rows = |json: &str| {
        let rows: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
        let mut rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        rows.sort();
        rows
    };
    assert_eq!(rows(&before), rows(&after));
    assert_eq!(dir.path().join("back").read_dir().unwrap().count(), 2);
}

#[test]
fn the_form_is_laid_out_like_the_printed_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("みなと区.xlsx");
    let sheets = repo().join("sheets/minato-r6");
    let out = mokuhyo(
        &[
            "export",
            "--sheets",
            sheets.to_str().unwrap(),
            "--format",
            "form",
            "--out",
            book.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // The cover first, then a worksheet per division, named after it.
    let workbook = part(&book, "xl/workbook.xml");
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(names, ["はじめに", "総務課", "地域振興課", "健康福祉課"]);
    // The table's two header rows print on every page.
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("地域振興課!$7:$8"),
        "{workbook}"
    );

    // 地域振興課: goal 2 has one action with one indicator, goal 1 one; so goal 1 is row 9
    // alone and 2 is row 10. The headers are merged as the sheet's.
    let sheet = part(&book, "xl/worksheets/sheet3.xml");
    for merged in [
        "A1:K1", "A7:A8", "B7:B8", "C7:E7", "F7:H7", "I7:I8", "G3:H5", "I3:K5",
    ] {
        assert!(
            sheet.contains(&format!("<mergeCell ref=\"{merged}\"/>")),
            "{merged}"
        );
    }
    // A drop-down of ○ △ × on 評価.
    assert!(sheet.contains("type=\"list\""), "{sheet}");
    assert!(sheet.contains("<formula1>\"○,△,×\"</formula1>"), "{sheet}");
    assert!(sheet.contains("sqref=\"I9:"), "{sheet}");
    // Landscape A4, one page wide; protected (no password), rows may be inserted.
    assert!(sheet.contains("paperSize=\"9\""), "{sheet}");
    assert!(sheet.contains("orientation=\"landscape\""), "{sheet}");
    assert!(sheet.contains("fitToHeight=\"0\""), "{sheet}");
    assert!(sheet.contains("<sheetProtection "), "{sheet}");
    assert!(sheet.contains("insertRows=\"0\""), "{sheet}");
    assert!(!sheet.contains("password"), "{sheet}");
    // The font of the sheet; label cells locked, input cells not.
    let styles = part(&book, "xl/styles.xml");
    assert!(styles.contains("BIZ UDゴシック"), "{styles}");
    assert!(styles.contains("locked=\"0\""), "{styles}");

    // The year's own labels, read back with a reader of cells.
    use calamine::{Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(&book).unwrap();
    let range = workbook.worksheet_range("地域振興課").unwrap();
    let cell = |row: u32, column: u32| {
        range
            .get_value((row, column))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(cell(0, 0), "令和６年度 組織目標管理シート");
    assert_eq!(cell(7, 3), "Ｒ６目標");
    assert_eq!(cell(7, 4), "Ｒ６結果");
    assert_eq!(cell(8, 0), "1");
    assert_eq!(cell(8, 8), "○");
    assert_eq!(cell(4, 2), "地域振興課");
    let cover = workbook.worksheet_range("はじめに").unwrap();
    let row: Vec<String> = (0..8)
        .map(|c| cover.get_value((12, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        row,
        [
            "総務課",
            "みなと区",
            "2024",
            "1",
            "総務課",
            "みなと区役所",
            "",
            "01_総務課.toml"
        ]
    );
}

#[test]
fn a_blank_form_has_the_header_and_five_empty_goal_slots() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("blank.xlsx");
    let sheets = repo().join("sheets/minato-r6");
    let out = mokuhyo(
        &[
            "export",
            "--sheets",
            sheets.to_str().unwrap(),
            "--format",
            "form",
            "--blank",
            "--division",
            "総務課",
            "--out",
            book.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    use calamine::{Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(&book).unwrap();
    assert_eq!(workbook.sheet_names(), ["はじめに", "総務課"]);
    let range = workbook.worksheet_range("総務課").unwrap();
    let numbers: Vec<String> = (8..13)
        .map(|row| range.get_value((row, 0)).unwrap().to_string())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5"]);
    for row in 8..13 {
        for column in 1..11 {
            let value = range.get_value((row, column)).map(|v| v.to_string());
            assert!(value.unwrap_or_default().is_empty(), "{row},{column}");
        }
    }
    // Imported as it is, it has no goal yet: the division file says so when checked.
    let out = mokuhyo(
        &["import", book.to_str().unwrap(), "--out", "back"],
        dir.path(),
    );
    assert!(!out.status.success());
}

#[test]
fn a_form_refuses_to_replace_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("form.xlsx"), "kept").unwrap();
    let sheets = repo().join("sheets/minato-r6");
    let args = [
        "export",
        "--sheets",
        sheets.to_str().unwrap(),
        "--format",
        "form",
        "--out",
        "form.xlsx",
    ];
    let out = mokuhyo(&args, dir.path());
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read(dir.path().join("form.xlsx")).unwrap(),
        b"kept"
    );
}

/// A ward of `divisions`, each goals × actions × indicators as given, every text from `texts`.
fn write_ward(dir: &Path, divisions: &[Vec<Vec<usize>>], texts: &[String]) {
    let mut next = texts.iter().cycle();
    let mut text = || next.next().unwrap().clone();
    std::fs::write(
        dir.join("ward.toml"),
        "ward = \"生成区\"\nfiscal_year = 2024\ncreated = 2024-04-01\nevaluated = 2025-04-30\n",
    )
    .unwrap();
    for (i, goals) in divisions.iter().enumerate() {
        let mut division = toml::Table::new();
        division.insert("order".into(), ((i + 1) as i64).into());
        division.insert("department".into(), "生成区".into());
        division.insert("division".into(), format!("第{}課", i + 1).into());
        division.insert("policy_indicators".into(), vec![text(), text()].into());
        let goals: Vec<toml::Value> = goals
            .iter()
            .map(|actions| {
                let mut goal = toml::Table::new();
                goal.insert("text".into(), text().into());
                goal.insert("plan_ref".into(), text().into());
                goal.insert("rating".into(), "△".into());
                goal.insert("status".into(), text().into());
                goal.insert("next_steps".into(), text().into());
                let actions: Vec<toml::Value> = actions
                    .iter()
                    .map(|&indicators| {
                        let mut action = toml::Table::new();
                        action.insert("name".into(), text().into());
                        action.insert("summary".into(), text().into());
                        let indicators: Vec<toml::Value> = (0..indicators)
                            .map(|_| {
                                let mut indicator = toml::Table::new();
                                indicator.insert("name".into(), text().into());
                                indicator.insert("target".into(), text().into());
                                indicator.insert("result".into(), text().into());
                                indicator.into()
                            })
                            .collect();
                        action.insert("indicators".into(), indicators.into());
                        action.into()
                    })
                    .collect();
                goal.insert("actions".into(), actions.into());
                goal.into()
            })
            .collect();
        division.insert("goals".into(), goals.into());
        let file = dir.join(format!("{:02}.toml", i + 1));
        std::fs::write(file, toml::to_string(&division).unwrap()).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any ward, however its goals, actions and indicators are shaped and whatever its texts
    /// hold (numbers, units, line breaks, leading spaces), comes back from the form exactly.
    #[test]
    fn generated_wards_come_back_exactly(
        divisions in prop::collection::vec(
            prop::collection::vec(prop::collection::vec(1..4usize, 1..4), 1..7),
            1..4,
        ),
        texts in prop::collection::vec(
            prop_oneof![
                "[ぁ-ゖ一-龯、。「」（）]{1,12}",
                "[0-9]{1,4}(件|人|%|者)",
                Just("　全角スペースで始まる".to_string()),
                Just("一行目\n二行目".to_string()),
                Just("=SUM(A1)".to_string()),
                Just("0012".to_string()),
                Just("80.5%".to_string()),
            ],
            5..20,
        ),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let sheets = dir.path().join("sheets");
        std::fs::create_dir_all(&sheets).unwrap();
        write_ward(&sheets, &divisions, &texts);
        let (before, after) = round_trip(&sheets, dir.path());
        prop_assert_eq!(before, after);
    }
}

#[test]
fn a_form_filled_in_by_a_division_replaces_its_file_and_keeps_the_ward_file() {
    // The division added an indicator and an action to goal 1, a goal in an empty slot, and
    // the year-end evaluation: as Excel saves it after rows are inserted into the merged
    // goal, the form of the edited sheets.
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("minato-r6");
    common::copy_ward(&repo().join("sheets/minato-r6"), &ward, "みなと区");
    let edited = dir.path().join("edited");
    common::copy_ward(&ward, &edited, "みなと区");
    let file = edited.join("01_総務課.toml");
    let sheet = std::fs::read_to_string(&file).unwrap();
    let first_action = sheet.find("[[goals.actions]]").unwrap();
    let next_goal = sheet[first_action..].find("[[goals]]").unwrap() + first_action;
    let added = "    [[goals.actions.indicators]]\n    name = \"追加した指標\"\n    target = \"3回\"\n    result = \"4回\"\n  [[goals.actions]]\n  name = \"追加した取組\"\n  summary = \"概要\"\n    [[goals.actions.indicators]]\n    name = \"その指標\"\n    target = \"80.5%\"\n";
    let sheet = format!("{}{added}\n{}", &sheet[..next_goal], &sheet[next_goal..]);
    let sheet = sheet
        + "\n[[goals]]\ntext = \"新しい目標\"\nrating = \"○\"\nstatus = \"達成した\"\n  [[goals.actions]]\n  name = \"取組\"\n    [[goals.actions.indicators]]\n    name = \"指標\"\n    target = \"1,200人\"\n    result = \"1,250人\"\n";
    std::fs::write(&file, sheet).unwrap();
    let book = dir.path().join("総務課.xlsx");
    let out = mokuhyo(
        &[
            "export",
            "--sheets",
            edited.to_str().unwrap(),
            "--format",
            "form",
            "--division",
            "総務課",
            "--out",
            book.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let ward_file = std::fs::read(ward.join("ward.toml")).unwrap();
    let args = [
        "import",
        book.to_str().unwrap(),
        "--out",
        ward.to_str().unwrap(),
    ];
    let refused = mokuhyo(&args, dir.path());
    assert!(
        !refused.status.success(),
        "the file exists: --force is needed"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    let out = mokuhyo(&forced, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(json_of(&ward, dir.path()), json_of(&edited, dir.path()));
    assert_eq!(std::fs::read(ward.join("ward.toml")).unwrap(), ward_file);
}

// ---------------------------------------------------------------------------------------------
// Workbooks as clerks send them back: a worksheet copied to keep a draft, tabs renamed or
// hidden, a cell changed, saved in another date system. Each made from a real exported form by
// changing its parts as Excel saves such a change.

/// A workbook's parts, to be changed and saved again.
pub(crate) struct Book {
    parts: Vec<(String, Vec<u8>)>,
}

impl Book {
    pub(crate) fn open(path: &Path) -> Book {
        let file = std::fs::File::open(path).unwrap();
        let mut archive = zip::ZipArchive::new(file).unwrap();
        let parts = (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).unwrap();
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes).unwrap();
                (entry.name().to_string(), bytes)
            })
            .collect();
        Book { parts }
    }

    pub(crate) fn save(&self, path: &Path) {
        use std::io::Write;
        let file = std::fs::File::create(path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in &self.parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }

    fn text(&self, name: &str) -> String {
        let (_, bytes) = self.parts.iter().find(|(n, _)| n == name).unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    }

    fn set(&mut self, name: &str, text: String) {
        match self.parts.iter_mut().find(|(n, _)| n == name) {
            Some((_, bytes)) => *bytes = text.into_bytes(),
            None => self.parts.push((name.to_string(), text.into_bytes())),
        }
    }

    /// Replaces `from` by `to` in a part, once at least.
    fn replace(&mut self, name: &str, from: &str, to: &str) {
        let text = self.text(name);
        assert!(text.contains(from), "{from} not in {name}");
        self.set(name, text.replace(from, to));
    }

    /// The part of the worksheet whose tab is `tab`: `xl/worksheets/sheet2.xml`.
    fn sheet_part(&self, tab: &str) -> String {
        let workbook = self.text("xl/workbook.xml");
        let element = format!("<sheet name=\"{tab}\" ");
        let at = workbook.find(&element).unwrap();
        let id = workbook[at..].split("r:id=\"").nth(1).unwrap();
        let id = id.split('"').next().unwrap();
        let rels = self.text("xl/_rels/workbook.xml.rels");
        let at = rels.find(&format!("Id=\"{id}\"")).unwrap();
        let target = rels[at..].split("Target=\"").nth(1).unwrap();
        format!("xl/{}", target.split('"').next().unwrap())
    }

    /// The tab `from` renamed `to`, as Excel renames it (its print titles with it).
    fn rename_tab(&mut self, from: &str, to: &str) {
        self.replace(
            "xl/workbook.xml",
            &format!("<sheet name=\"{from}\" "),
            &format!("<sheet name=\"{to}\" "),
        );
        let workbook = self.text("xl/workbook.xml");
        self.set(
            "xl/workbook.xml",
            workbook.replace(&format!("{from}!"), &format!("{to}!")),
        );
    }

    /// Tabs `a` and `b` swapped.
    fn swap_tabs(&mut self, a: &str, b: &str) {
        self.rename_tab(a, "swapping");
        self.rename_tab(b, a);
        self.rename_tab("swapping", b);
    }

    /// The worksheet `tab` hidden.
    fn hide(&mut self, tab: &str) {
        self.replace(
            "xl/workbook.xml",
            &format!("<sheet name=\"{tab}\" "),
            &format!("<sheet name=\"{tab}\" state=\"hidden\" "),
        );
    }

    /// A copy of the worksheet `tab`, as Excel's 移動またはコピー makes it: the tab `name`, last.
    fn copy_sheet(&mut self, tab: &str, name: &str, hidden: bool) {
        let part = self.sheet_part(tab);
        let xml = self.text(&part).replace("tabSelected=\"1\"", "");
        let copy = "xl/worksheets/sheet99.xml";
        self.set(copy, xml);
        let state = if hidden { "state=\"hidden\" " } else { "" };
        self.replace(
            "xl/workbook.xml",
            "</sheets>",
            &format!("<sheet name=\"{name}\" {state}sheetId=\"99\" r:id=\"rId99\"/></sheets>"),
        );
        self.replace(
            "xl/_rels/workbook.xml.rels",
            "</Relationships>",
            "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet99.xml\"/></Relationships>",
        );
        self.replace(
            "[Content_Types].xml",
            "</Types>",
            "<Override PartName=\"/xl/worksheets/sheet99.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>",
        );
    }

    /// The cell `cell` (`C5`) of the worksheet `tab` made to hold `text`, its format kept.
    pub(crate) fn set_cell(&mut self, tab: &str, cell: &str, text: &str) {
        let part = self.sheet_part(tab);
        let xml = self.text(&part);
        let start = xml.find(&format!("<c r=\"{cell}\"")).unwrap();
        let rest = &xml[start..];
        let open_end = rest.find('>').unwrap();
        let end = if rest[..open_end].ends_with('/') {
            open_end + 1
        } else {
            rest.find("</c>").unwrap() + "</c>".len()
        };
        let style = rest[..open_end]
            .split(" s=\"")
            .nth(1)
            .map(|s| format!(" s=\"{}\"", s.split('"').next().unwrap()))
            .unwrap_or_default();
        let new = format!("<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{text}</t></is></c>");
        self.set(&part, format!("{}{new}{}", &xml[..start], &rest[end..]));
    }

    /// The cell `cell` of the worksheet `tab` made to hold the number `value` in the number
    /// format `format` (a new custom format of the styles; `None`: General).
    fn set_number(&mut self, tab: &str, cell: &str, value: f64, format: Option<&str>) {
        let style = match format {
            None => String::new(),
            Some(code) => format!(" s=\"{}\"", self.add_format(code)),
        };
        let part = self.sheet_part(tab);
        let xml = self.text(&part);
        let start = xml.find(&format!("<c r=\"{cell}\"")).unwrap();
        let rest = &xml[start..];
        let open_end = rest.find('>').unwrap();
        let end = if rest[..open_end].ends_with('/') {
            open_end + 1
        } else {
            rest.find("</c>").unwrap() + "</c>".len()
        };
        let new = format!("<c r=\"{cell}\"{style}><v>{value}</v></c>");
        self.set(&part, format!("{}{new}{}", &xml[..start], &rest[end..]));
    }

    /// A cell format of the custom number format `code`, added to the styles; its index.
    fn add_format(&mut self, code: &str) -> usize {
        let styles = self.text("xl/styles.xml");
        let id = 164 + styles.matches("<numFmt ").count();
        let code = code.replace('&', "&amp;").replace('"', "&quot;");
        let fmt = format!("<numFmt numFmtId=\"{id}\" formatCode=\"{code}\"/>");
        let styles = match styles.find("</numFmts>") {
            Some(at) => format!("{}{fmt}{}", &styles[..at], &styles[at..]),
            None => {
                let at = styles.find("<fonts").unwrap();
                let fmts = format!("<numFmts count=\"1\">{fmt}</numFmts>");
                format!("{}{fmts}{}", &styles[..at], &styles[at..])
            }
        };
        let xfs = styles.find("<cellXfs").unwrap();
        let end = xfs + styles[xfs..].find("</cellXfs>").unwrap();
        let index = styles[xfs..end].matches("<xf ").count();
        let xf = format!(
            "<xf numFmtId=\"{id}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        );
        self.set(
            "xl/styles.xml",
            format!("{}{xf}{}", &styles[..end], &styles[end..]),
        );
        index
    }
}

/// Exports the ward `ward` as a form workbook `book`.
fn export_form(ward: &Path, book: &Path, dir: &Path) {
    let out = mokuhyo(
        &[
            "export",
            "--sheets",
            ward.to_str().unwrap(),
            "--format",
            "form",
            "--out",
            book.to_str().unwrap(),
        ],
        dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Imports `book` into `ward` with `--force`.
fn import_forced(book: &Path, ward: &Path, dir: &Path) -> std::process::Output {
    let args = [
        "import",
        book.to_str().unwrap(),
        "--out",
        ward.to_str().unwrap(),
        "--force",
    ];
    mokuhyo(&args, dir)
}

/// Every file of a folder, by name, with its bytes.
fn files_of(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    (std::fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().path())
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

/// 東区 (higashi-r5), file for file, in `dir/higashi`, and its form workbook `dir/form.xlsx`.
fn higashi_and_its_form(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let ward = dir.join("higashi");
    common::copy_ward(&repo().join("sheets/higashi-r5"), &ward, "東区");
    let book = dir.join("form.xlsx");
    export_form(&ward, &book, dir);
    (ward, book)
}

#[test]
fn a_copied_worksheet_shown_or_hidden_is_an_error_naming_both_and_nothing_is_written() {
    for hidden in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (ward, book) = higashi_and_its_form(dir.path());
        let mut changed = Book::open(&book);
        changed.copy_sheet("区民生活課", "区民生活課 (2)", hidden);
        changed.save(&book);
        let before = files_of(&ward);
        let out = import_forced(&book, &ward, dir.path());
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "hidden {hidden}: {stderr}");
        assert!(
            stderr.contains("「区民生活課」") && stderr.contains("「区民生活課 (2)」"),
            "both worksheets are named: {stderr}"
        );
        assert_eq!(
            stderr.matches("are both of").count(),
            1,
            "told once: {stderr}"
        );
        assert_eq!(files_of(&ward), before, "nothing is written");
    }
    // The same, as openpyxl copies and hides a worksheet (of みなと区's form).
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("minato");
    common::copy_ward(&repo().join("sheets/minato-r6"), &ward, "みなと区");
    let before = files_of(&ward);
    let book = repo().join("tests/fixtures/copied-sheet-openpyxl.xlsx");
    let out = import_forced(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("「総務課」") && stderr.contains("「総務課 (2)」"),
        "{stderr}"
    );
    assert!(text(&out.stdout).is_empty(), "{}", text(&out.stdout));
    assert_eq!(files_of(&ward), before, "nothing is written");
}

#[test]
fn a_hidden_worksheet_is_read_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let mut changed = Book::open(&book);
    changed.hide("区民生活課");
    changed.save(&book);
    let back = dir.path().join("back");
    let out = mokuhyo(
        &[
            "import",
            book.to_str().unwrap(),
            "--out",
            back.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(back.join("02_区民生活課.toml").exists());
    assert_eq!(json_of(&back, dir.path()), json_of(&ward, dir.path()));
}

#[test]
fn swapped_tabs_or_a_changed_order_never_make_a_second_file_of_a_division() {
    /// A change to a workbook, named.
    type Change = (&'static str, fn(&mut Book));
    let changes: [Change; 2] = [
        ("swapped tabs", |book| {
            book.swap_tabs("地域課", "区民生活課")
        }),
        // The cover's 順 of 地域課 (its first worksheet), 1 made 9.
        ("a 順 on the cover", |book| {
            book.set_cell("はじめに", "D13", "9")
        }),
    ];
    for (change, apply) in changes {
        let dir = tempfile::tempdir().unwrap();
        let (ward, book) = higashi_and_its_form(dir.path());
        let mut changed = Book::open(&book);
        apply(&mut changed);
        changed.save(&book);
        let names: Vec<String> = files_of(&ward).into_keys().collect();
        let out = import_forced(&book, &ward, dir.path());
        assert!(out.status.success(), "{change}: {}", text(&out.stderr));
        let after: Vec<String> = files_of(&ward).into_keys().collect();
        assert_eq!(after, names, "{change}: no file beside the old ones");
        let out = mokuhyo(&["check", "--sheets", ward.to_str().unwrap()], dir.path());
        assert!(out.status.success(), "{change}: {}", text(&out.stderr));
    }
}

#[test]
fn a_division_renamed_in_its_worksheet_renames_its_file_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let mut changed = Book::open(&book);
    changed.set_cell("地域課", "C5", "地域活動課");
    changed.save(&book);
    let before = files_of(&ward);
    let args = [
        "import",
        book.to_str().unwrap(),
        "--out",
        ward.to_str().unwrap(),
    ];
    let out = mokuhyo(&args, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("「地域活動課」") && stderr.contains("01_地域活動課.toml"),
        "the rename is told: {stderr}"
    );
    assert_eq!(
        files_of(&ward),
        before,
        "nothing is written without --force"
    );

    let old = std::fs::read_to_string(ward.join("01_地域課.toml")).unwrap();
    let out = import_forced(&book, &ward, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("renamed"),
        "{}",
        text(&out.stdout)
    );
    assert!(!ward.join("01_地域課.toml").exists());
    let renamed = std::fs::read_to_string(ward.join("01_地域活動課.toml")).unwrap();
    assert_eq!(
        renamed,
        old.replace("division = \"地域課\"", "division = \"地域活動課\""),
        "the file is the old one with its new name"
    );
    assert_eq!(files_of(&ward).len(), before.len());
}

#[test]
fn an_unchanged_form_writes_nothing_and_a_changed_cell_keeps_the_comments() {
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("minato");
    common::copy_ward(&repo().join("sheets/minato-r6"), &ward, "みなと区");
    let file = ward.join("01_総務課.toml");
    let commented = format!(
        "#:schema ../schema/division.schema.json\n# 総務課のシート（メモ）\n\n{}",
        std::fs::read_to_string(&file)
            .unwrap()
            .replace("result = \"6地区\"", "result = \"6地区\"   # 実績")
    );
    std::fs::write(&file, &commented).unwrap();
    let book = dir.path().join("form.xlsx");
    export_form(&ward, &book, dir.path());

    let before = files_of(&ward);
    let out = import_forced(&book, &ward, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains("wrote"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(files_of(&ward), before, "no file is rewritten");

    // The first indicator's result of 総務課 (row 9, column E), changed.
    let mut changed = Book::open(&book);
    changed.set_cell("総務課", "E9", "5地区");
    changed.save(&book);
    let out = import_forced(&book, &ward, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = files_of(&ward);
    for (name, bytes) in &before {
        if name != "01_総務課.toml" {
            assert_eq!(&after[name], bytes, "{name} is not written");
        }
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        commented.replace("result = \"6地区\"   # 実績", "result = \"5地区\"   # 実績"),
        "only the value changed"
    );
}

#[test]
fn a_new_folder_takes_the_wards_dates_from_the_cover() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("form.xlsx");
    export_form(&repo().join("sheets/minato-r6"), &book, dir.path());
    let mut changed = Book::open(&book);
    changed.set_cell("はじめに", "C10", "2024-05-07");
    changed.save(&book);
    let back = dir.path().join("back");
    let out = mokuhyo(
        &[
            "import",
            book.to_str().unwrap(),
            "--out",
            back.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ward: toml::Table =
        toml::from_str(&std::fs::read_to_string(back.join("ward.toml")).unwrap()).unwrap();
    assert_eq!(ward["created"].to_string(), "2024-05-07");
    assert_eq!(ward["evaluated"].to_string(), "2025-04-30");

    // A cover date that is no date is named with its cell, and nothing is written.
    changed.set_cell("はじめに", "D10", "年度末");
    changed.save(&book);
    let empty = dir.path().join("empty");
    let out = mokuhyo(
        &[
            "import",
            book.to_str().unwrap(),
            "--out",
            empty.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("はじめに D10"),
        "{}",
        text(&out.stderr)
    );
    assert!(!empty.exists());
}

#[test]
fn a_workbook_of_the_1904_date_system_reads_its_dates_as_shown() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mac.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let headers = [
        "区",
        "年度",
        "課",
        "No.",
        "組織目標",
        "取組名称",
        "取組指標",
        "目標",
        "結果",
    ];
    for (i, header) in headers.iter().enumerate() {
        sheet.write_string(0, i as u16, *header).unwrap();
    }
    for (i, cell) in [
        "西区",
        "2024",
        "企画課",
        "1",
        "目標",
        "取組",
        "完了日",
        "年度内",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, i as u16, *cell).unwrap();
    }
    // 2025/3/31, counted from 1904 as Excel for Mac saves it (45747 from 1900).
    let date = Format::new().set_num_format("yyyy/m/d");
    sheet
        .write_number_with_format(1, 8, 45747.0 - 1462.0, &date)
        .unwrap();
    workbook.save(&book).unwrap();
    let mut mac = Book::open(&book);
    mac.replace(
        "xl/workbook.xml",
        "<workbookPr ",
        "<workbookPr date1904=\"1\" ",
    );
    mac.save(&book);

    // And as openpyxl saves a workbook of the 1904 system.
    let fixture = repo().join("tests/fixtures/date1904-openpyxl.xlsx");
    for (book, out) in [("mac.xlsx", "nishi"), (fixture.to_str().unwrap(), "other")] {
        let out = dir.path().join(out);
        let args = ["import", book, "--out", out.to_str().unwrap()];
        let done = mokuhyo(&args, dir.path());
        assert!(done.status.success(), "{}", text(&done.stderr));
        let file = std::fs::read_to_string(out.join("01_企画課.toml")).unwrap();
        assert!(file.contains("result = \"2025/3/31\""), "{book}: {file}");
    }
}

#[test]
fn a_workbook_with_a_password_is_told_so_in_the_clerks_language() {
    // Encrypted by msoffcrypto-tool (password "mokuhyo"), as Excel encrypts a workbook.
    let dir = tempfile::tempdir().unwrap();
    let book = repo().join("tests/fixtures/password.xlsx");
    let args = ["import", book.to_str().unwrap(), "--out", "nishi"];
    let out = common::mokuhyo_in("ja_JP.UTF-8", &args, dir.path());
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("パスワード"), "{stderr}");
    assert!(!stderr.contains("password protected"), "{stderr}");
    assert!(!dir.path().join("nishi").exists());
}

#[test]
fn the_form_is_made_for_a_division_new_has_just_written() {
    let dir = tempfile::tempdir().unwrap();
    for (division, rest) in [
        ("建設課", &["--ward", "西区", "--fiscal-year", "2025"][..]),
        ("企画課", &[][..]),
    ] {
        let mut args = vec!["new", "nishi", division];
        args.extend(rest);
        let out = mokuhyo(&args, dir.path());
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let ward = dir.path().join("nishi");
    let book = dir.path().join("建設課.xlsx");
    let out = mokuhyo(
        &[
            "export",
            "--sheets",
            "nishi",
            "--format",
            "form",
            "--division",
            "建設課",
            "--out",
            book.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    use calamine::{Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(&book).unwrap();
    assert_eq!(workbook.sheet_names(), ["はじめに", "建設課"]);
    let range = workbook.worksheet_range("建設課").unwrap();
    let cell = |row: u32, column: u32| {
        (range.get_value((row, column)))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(cell(4, 2), "建設課");
    let numbers: Vec<String> = (8..13).map(|row| cell(row, 0)).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5"], "blank goal rows");
    // The file's problems are on the cover, under the list of worksheets.
    let cover = workbook.worksheet_range("はじめに").unwrap();
    let rows: Vec<Vec<String>> = cover
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let at = rows
        .iter()
        .position(|r| r[0].starts_with("ファイルの問題"))
        .expect("the problems are listed");
    assert_eq!(rows[at + 1][0], "建設課");
    assert!(rows[at + 1][1].starts_with("エラー"), "{:?}", rows[at + 1]);

    // The whole ward's form has both.
    let all = dir.path().join("all.xlsx");
    export_form(&ward, &all, dir.path());
    let workbook = open_workbook_auto(&all).unwrap();
    assert_eq!(workbook.sheet_names(), ["はじめに", "建設課", "企画課"]);

    // Filled in on the first day and imported: the file new wrote, its values in place.
    let mut filled = Book::open(&book);
    for (cell, value) in [
        ("B9", "道路の安全を守ります。"),
        ("C9", "補修した道路"),
        ("D9", "12路線"),
        ("G9", "道路の補修"),
    ] {
        filled.set_cell("建設課", cell, value);
    }
    filled.save(&book);
    let file = ward.join("01_建設課.toml");
    let scaffold = std::fs::read_to_string(&file).unwrap();
    let out = import_forced(&book, &ward, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        written.lines().next(),
        scaffold.lines().next(),
        "#:schema kept"
    );
    assert!(
        written.contains("text = \"道路の安全を守ります。\""),
        "{written}"
    );
    assert!(written.contains("# 組織目標"), "comments kept: {written}");
}

/// Imports `book` into `ward` without `--force`.
fn import_plain(book: &Path, ward: &Path, dir: &Path) -> std::process::Output {
    let args = [
        "import",
        book.to_str().unwrap(),
        "--out",
        ward.to_str().unwrap(),
    ];
    mokuhyo(&args, dir)
}

#[test]
fn a_file_that_cannot_be_read_as_a_division_is_never_replaced_not_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    // A fourth goal added by hand, its text's closing `"` forgotten.
    let file = ward.join("03_健康福祉課.toml");
    let mut written = std::fs::read_to_string(&file).unwrap();
    written.push_str("\n[[goals]]\ntext = \"手で足した目標\n");
    std::fs::write(&file, &written).unwrap();
    let before = files_of(&ward);
    for out in [
        import_forced(&book, &ward, dir.path()),
        import_plain(&book, &ward, dir.path()),
    ] {
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(
            stderr.contains("03_健康福祉課.toml cannot be read as a sound division file")
                && stderr.contains("line "),
            "the file and its first problem, with its line: {stderr}"
        );
        assert!(!stderr.contains("--force replaces it"), "{stderr}");
        assert_eq!(files_of(&ward), before, "nothing is written");
    }
}

#[test]
fn a_binary_file_named_as_a_division_file_is_told_unreadable_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let file = ward.join("01_地域課.toml");
    let garbage: Vec<u8> = (0..512u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80)
        .collect();
    std::fs::write(&file, &garbage).unwrap();
    let before = files_of(&ward);
    for out in [
        import_forced(&book, &ward, dir.path()),
        import_plain(&book, &ward, dir.path()),
    ] {
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(
            stderr.contains("01_地域課.toml cannot be read as a sound division file"),
            "{stderr}"
        );
        assert!(!stderr.contains("--force replaces it"), "{stderr}");
        assert_eq!(files_of(&ward), before, "nothing is written");
    }
}

#[test]
fn a_folder_or_a_link_to_nothing_named_as_a_division_file_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let file = ward.join("05_保護課.toml");
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let out = import_forced(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("05_保護課.toml is not a file"), "{stderr}");
    assert!(file.is_dir());
    #[cfg(unix)]
    {
        std::fs::remove_dir(&file).unwrap();
        std::os::unix::fs::symlink("nowhere.toml", &file).unwrap();
        for out in [
            import_plain(&book, &ward, dir.path()),
            import_forced(&book, &ward, dir.path()),
        ] {
            let stderr = text(&out.stderr);
            assert!(!out.status.success(), "{stderr}");
            assert!(stderr.contains("05_保護課.toml is not a file"), "{stderr}");
            let link = std::fs::symlink_metadata(&file).unwrap();
            assert!(link.file_type().is_symlink(), "the link is left as it was");
        }
    }
}

#[test]
fn an_import_that_would_bring_errors_into_the_ward_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    // 地域課's 順 on the cover made 3, which 健康福祉課 has.
    let mut changed = Book::open(&book);
    changed.set_cell("はじめに", "D13", "3");
    changed.save(&book);
    let before = files_of(&ward);
    let out = import_forced(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("03_健康福祉課.toml"), "{stderr}");
    assert!(
        stderr.contains("importing would bring the 1 error(s) above"),
        "{stderr}"
    );
    assert!(text(&out.stdout).is_empty(), "{}", text(&out.stdout));
    assert_eq!(files_of(&ward), before, "nothing is written");
}

#[test]
fn a_division_renamed_in_its_cell_and_its_tab_is_the_rename_of_the_file_of_its_order() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    for cover_too in [false, true] {
        let mut changed = Book::open(&book);
        changed.set_cell("区民生活課", "C5", "市民生活課");
        changed.rename_tab("区民生活課", "市民生活課");
        if cover_too {
            changed.set_cell("はじめに", "A14", "市民生活課");
            changed.set_cell("はじめに", "E14", "市民生活課");
        }
        let renamed = dir.path().join("renamed.xlsx");
        changed.save(&renamed);
        let before = files_of(&ward);
        let out = import_plain(&renamed, &ward, dir.path());
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(
            stderr.contains("「市民生活課」") && stderr.contains("02_市民生活課.toml"),
            "the rename is told: {stderr}"
        );
        assert_eq!(files_of(&ward), before, "nothing without --force");

        let out = import_forced(&renamed, &ward, dir.path());
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("renamed"));
        let after: Vec<String> = files_of(&ward).into_keys().collect();
        assert!(
            after.contains(&"02_市民生活課.toml".to_string()),
            "{after:?}"
        );
        assert!(
            !after.contains(&"02_区民生活課.toml".to_string()),
            "{after:?}"
        );
        assert_eq!(after.len(), before.len(), "no second file of the division");
        // Back to the first name for the next round.
        std::fs::rename(
            ward.join("02_市民生活課.toml"),
            ward.join("02_区民生活課.toml"),
        )
        .unwrap();
        let file = ward.join("02_区民生活課.toml");
        let written = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, written.replace("市民生活課", "区民生活課")).unwrap();
    }
}

#[test]
fn a_workbook_of_another_ward_or_year_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let before = files_of(&ward);
    let changes = [("A10", "みなと区", "みなと区"), ("B10", "2024", "2024")];
    for (cell, value, told) in changes {
        let mut changed = Book::open(&book);
        changed.set_cell("はじめに", cell, value);
        let other = dir.path().join("other.xlsx");
        changed.save(&other);
        let out = import_forced(&other, &ward, dir.path());
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{cell}: {stderr}");
        assert!(
            stderr.contains(&format!("はじめに {cell}"))
                && stderr.contains(told)
                && stderr.contains("東区 2023年度"),
            "{cell}: both are named: {stderr}"
        );
        assert_eq!(files_of(&ward), before, "{cell}: nothing is written");
    }
    // みなと区's form (its cover and rows) into 東区's folder.
    let minato = dir.path().join("minato.xlsx");
    export_form(&repo().join("sheets/minato-r6"), &minato, dir.path());
    let out = import_forced(&minato, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("みなと区"), "{stderr}");
    assert_eq!(files_of(&ward), before, "nothing is written");
}

#[test]
fn a_copied_worksheet_with_an_empty_division_cell_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let mut changed = Book::open(&book);
    changed.copy_sheet("区民生活課", "区民生活課 (2)", false);
    changed.set_cell("区民生活課 (2)", "C5", "");
    changed.save(&book);
    let before = files_of(&ward);
    let out = import_forced(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("区民生活課 (2)") && stderr.contains("(C5) is empty"),
        "its own tab and cell: {stderr}"
    );
    assert!(
        !stderr.contains("石山出張所"),
        "not the worksheet above: {stderr}"
    );
    assert_eq!(
        stderr.matches("(C5) is empty").count(),
        1,
        "told once: {stderr}"
    );
    assert_eq!(files_of(&ward), before, "nothing is written");
}

#[test]
fn dates_of_the_workbook_that_ward_toml_does_not_have_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let mut changed = Book::open(&book);
    changed.set_cell("はじめに", "C10", "2023/4/3");
    changed.set_cell("地域課", "F3", "R5.4.2");
    changed.save(&book);
    let before = files_of(&ward);
    let out = import_forced(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for told in ["はじめに C10", "\"2023/4/3\"", "地域課 F3", "\"R5.4.2\""] {
        assert!(stderr.contains(told), "{told}: {stderr}");
    }
    assert_eq!(stderr.matches("ward.toml does not").count(), 0, "{stderr}");
    assert_eq!(files_of(&ward), before, "ward.toml is not written");
    // The dates ward.toml has are not told.
    let (_, book) = higashi_and_its_form(&dir.path().join("again"));
    let out = import_forced(&book, &ward, dir.path());
    assert!(
        !text(&out.stderr).contains("ward.toml"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_date_cell_in_a_date_and_time_american_or_general_format_is_compared_as_its_date() {
    // 2024-04-30, which ward.toml (no 評価日) does not have: shown as openpyxl's default, as
    // m/d/yyyy and under General.
    for (format, shown) in [
        (Some("yyyy-mm-dd h:mm:ss"), "2024-04-30 0:00:00"),
        (Some("m/d/yyyy"), "4/30/2024"),
        (None, "45412"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (ward, book) = higashi_and_its_form(dir.path());
        let mut changed = Book::open(&book);
        changed.set_number("はじめに", "D10", 45412.0, format);
        changed.set_number("地域課", "F4", 45412.0, format);
        changed.save(&book);
        let before = files_of(&ward);
        let out = import_forced(&book, &ward, dir.path());
        let stderr = text(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        for told in ["はじめに D10", "地域課 F4", &format!("\"{shown}\"")] {
            assert!(stderr.contains(told), "{told}: {stderr}");
        }
        assert_eq!(files_of(&ward), before, "ward.toml is not written");
    }
    // The same date as ward.toml's 作成日 (2023-04-01) is not told, however it is shown.
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let mut changed = Book::open(&book);
    changed.set_number("はじめに", "C10", 45017.0, Some("yyyy-mm-dd h:mm:ss"));
    changed.set_number("地域課", "F3", 45017.0, None);
    changed.save(&book);
    let out = import_forced(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("ward.toml"), "{stderr}");
}

#[test]
fn a_file_that_is_no_workbook_is_told_so_in_the_clerks_language() {
    let dir = tempfile::tempdir().unwrap();
    let (_, book) = higashi_and_its_form(dir.path());
    let bytes = std::fs::read(&book).unwrap();
    let files: [(&str, &[u8]); 4] = [
        ("csv.xlsx", b"\xef\xbb\xbf\xe5\x8c\xba,\xe8\xaa\xb2\n1,2\n"),
        ("empty.xlsx", b""),
        ("truncated.xlsx", &bytes[..bytes.len() / 2]),
        ("random.xlsx", &[0x5a; 3000]),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let args = ["import", name, "--out", "w"];
        let out = common::mokuhyo_in("ja_JP.UTF-8", &args, dir.path());
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{name}: {stderr}");
        assert!(
            stderr.contains(name)
                && stderr.contains("Excel のブック（.xlsx）ではないか、壊れている"),
            "{name}: {stderr}"
        );
        assert!(
            !stderr.contains("Zip") && !stderr.contains("EOCD"),
            "{stderr}"
        );
        assert!(!dir.path().join("w").exists());
    }
    // A workbook encrypted with a password, named .xls.
    let encrypted = dir.path().join("encrypted.xls");
    std::fs::copy(repo().join("tests/fixtures/password.xlsx"), &encrypted).unwrap();
    let args = ["import", "encrypted.xls", "--out", "w"];
    let out = common::mokuhyo_in("ja_JP.UTF-8", &args, dir.path());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("パスワード") && !stderr.contains("Cfb"),
        "{stderr}"
    );
}

#[test]
fn an_unchanged_file_is_no_reason_to_ask_for_force() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let before = files_of(&ward);
    let out = import_plain(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("--force"), "{stderr}");
    assert!(
        stderr.contains("0 file(s) written; 8 files exist already as the table has them"),
        "{stderr}"
    );
    assert_eq!(text(&out.stdout).matches("left as it is").count(), 8);
    assert_eq!(files_of(&ward), before);
    // One changed: only its file needs --force.
    let mut changed = Book::open(&book);
    changed.set_cell("総務課", "E9", "5件");
    changed.save(&book);
    let out = import_plain(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("--force replaces it").count(), 1, "{stderr}");
    assert!(stderr.contains("07_総務課.toml"), "{stderr}");
    let out = import_forced(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("1 file(s) written; 7 files exist already"),
        "{stderr}"
    );
}

#[test]
fn a_rename_by_order_that_could_be_of_two_divisions_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    // Two worksheets renamed, cell, tab and cover, both given 順 2 on the cover.
    let mut changed = Book::open(&book);
    for (tab, name, row) in [
        ("区民生活課", "市民生活課", 14),
        ("健康福祉課", "福祉課", 15),
    ] {
        changed.set_cell(tab, "C5", name);
        changed.rename_tab(tab, name);
        changed.set_cell("はじめに", &format!("A{row}"), name);
        changed.set_cell("はじめに", &format!("E{row}"), name);
        changed.set_cell("はじめに", &format!("D{row}"), "2");
    }
    changed.save(&book);
    let before = files_of(&ward);
    let out = import_forced(&book, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("市民生活課 (order 2) could be the rename of more than one division")
            && stderr.contains("福祉課"),
        "{stderr}"
    );
    assert_eq!(files_of(&ward), before, "nothing is written");
}

#[test]
fn a_goal_written_in_an_empty_slot_gets_its_headers_as_new_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    // 区民生活課 has four goals: row 14 is the empty slot No. 5.
    let mut changed = Book::open(&book);
    for (cell, value) in [
        ("B14", "新しい目標"),
        ("C14", "新しい指標"),
        ("D14", "5件"),
        ("G14", "新しい取組"),
    ] {
        changed.set_cell("区民生活課", cell, value);
    }
    changed.save(&book);
    let out = import_forced(&book, &ward, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(ward.join("02_区民生活課.toml")).unwrap();
    assert!(written.contains("text = \"新しい目標\""), "{written}");
    assert!(!written.contains("[[ "), "{written}");
    assert!(
        written.contains("\n    [[goals.actions.indicators]]\n    name = \"新しい指標\""),
        "{written}"
    );
}

/// The names of what a folder holds, files and folders alike.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = (std::fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_first_worksheet_renamed_in_its_cell_and_its_tab_stays_of_the_workbooks_ward() {
    // The first worksheet has no row above to take its 区 from, and the cover no longer lists
    // it: it is still of the cover's one ward, and so the rename of the file of its 順.
    let dir = tempfile::tempdir().unwrap();
    let (ward, book) = higashi_and_its_form(dir.path());
    let mut changed = Book::open(&book);
    changed.set_cell("地域課", "C5", "地域振興課");
    changed.rename_tab("地域課", "地域振興課");
    let renamed = dir.path().join("renamed.xlsx");
    changed.save(&renamed);
    let before = names_in(&ward);
    let out = import_forced(&renamed, &ward, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = names_in(&ward);
    assert!(
        after.contains(&"01_地域振興課.toml".to_string()),
        "{after:?}"
    );
    assert!(!after.contains(&"01_地域課.toml".to_string()), "{after:?}");
    assert_eq!(
        after.len(),
        before.len(),
        "no second file, no folder: {after:?}"
    );
}

#[test]
fn a_workbook_of_several_wards_is_not_written_into_one_wards_folder() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_example_wards(dir.path());
    let city = dir.path().join("city.xlsx");
    export_form(&dir.path().join("sheets"), &city, dir.path());
    let ward = dir.path().join("sheets/higashi-r5");
    let before = files_of(&ward);
    let out = import_forced(&city, &ward, dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("2024"), "the other ward is named: {stderr}");
    assert_eq!(names_in(&ward), before.keys().cloned().collect::<Vec<_>>());
    assert_eq!(files_of(&ward), before, "nothing is written");
}
