//! The sheet as an Excel workbook laid out like the form: `export --format form` writes it,
//! `import` reads it back exactly. Real xlsx files, written and read back, and their XML parts
//! looked at for what a reader of cells cannot see (merges, validation, page setup, protection).

mod common;

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
