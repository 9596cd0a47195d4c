//! Data in and out the way wards work: `new`, `import`, `export`, the JSON Schemas, `watch`
//! and shell completions, each run as the command line runs it, on real files.

use crate::common;

use common::{files_under, mokuhyo, repo};
use mokuhyo::exchange::table;
use mokuhyo::sheet::model::{self, Ward};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What the sheets say, without where they were read from: every ward's name, year and
/// divisions, as JSON.
fn content(wards: &[Ward]) -> Vec<serde_json::Value> {
    let mut wards: Vec<&Ward> = wards.iter().collect();
    wards.sort_by_key(|w| (w.name.clone(), w.fiscal_year));
    wards
        .into_iter()
        .map(|w| {
            serde_json::json!({
                "ward": w.name,
                "fiscal_year": w.fiscal_year,
                "divisions": w.divisions,
            })
        })
        .collect()
}

fn load(dir: &Path) -> Vec<Ward> {
    let loaded = model::load_tree(dir);
    assert!(
        !loaded.has_errors(),
        "{}",
        loaded
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    loaded.wards
}

#[test]
fn export_then_import_gives_the_same_data_in_every_format() {
    let original = load(&repo().join("sheets"));
    assert_eq!(original.len(), 2, "both example wards: a city table");
    for format in ["csv", "xlsx", "json"] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("city.{format}"));
        let out = mokuhyo(
            &[
                "export",
                "--sheets",
                repo().join("sheets").to_str().unwrap(),
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let imported = dir.path().join("sheets");
        let out = mokuhyo(
            &[
                "import",
                file.to_str().unwrap(),
                "--out",
                imported.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        assert_eq!(
            content(&load(&imported)),
            content(&original),
            "{format}: the round trip changed the data"
        );
    }
}

#[test]
fn csv_is_utf8_with_a_bom_and_the_sheet_columns() {
    let dir = tempfile::tempdir().unwrap();
    let out = mokuhyo(
        &[
            "export",
            "--sheets",
            repo().join("sheets/higashi-r5").to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "a BOM, for Excel");
    let csv = text(&out.stdout[3..]);
    let header = csv.lines().next().unwrap();
    for column in [
        "部",
        "課",
        "No.",
        "組織目標",
        "位置づけ",
        "取組名称",
        "概要",
        "取組指標",
        "目標",
        "結果",
        "評価",
        "目標達成状況",
        "今後の方針",
    ] {
        assert!(
            header.split(',').any(|c| c == column),
            "{column} in {header}"
        );
    }
    assert!(csv.contains("\r\n"), "CRLF line ends");
    // One row per indicator of the ward.
    let ward = &load(&repo().join("sheets/higashi-r5"))[0];
    let indicators: usize = ward
        .divisions
        .iter()
        .flat_map(|d| &d.goals)
        .flat_map(|g| &g.actions)
        .map(|a| a.indicators.len().max(1))
        .sum();
    let rows = table::read_csv(&csv).unwrap().rows;
    assert_eq!(rows.len(), indicators);
}

#[test]
fn the_example_workbook_imports_as_the_higashi_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let out = mokuhyo(
        &[
            "import",
            repo().join("examples/higashi-r5.xlsx").to_str().unwrap(),
            "--out",
            "higashi",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        content(&load(&dir.path().join("higashi"))),
        content(&load(&repo().join("sheets/higashi-r5")))
    );
    // And it builds.
    let out = mokuhyo(
        &["build", "--sheets", "higashi", "--out", "pdf"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_dir(dir.path().join("pdf/higashi"))
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|e| e == "pdf"))
            .count(),
        9
    );
}

/// The example ward's rows written as a person fills a sheet with merged cells: the division's
/// and goal's cells only on the first row of each, empty below; columns in another order, with
/// the sheet's own header names, under a title row.
#[test]
fn rows_with_merged_cells_and_sheet_headers_group_by_their_shared_cells() {
    let wards = load(&repo().join("sheets/minato-r6"));
    let rows = table::rows(&wards);
    let header = "組織名（部）,組織名（準部・課・機関名）,ＮＯ．,組織目標,位置づけ,取組名称（事業名）,概要,取組指標,目標,結果,評価,目標達成状況,今後の方針,区,年度,施策指標,承認印";
    let order = [3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 1, 5, 17];
    let mut csv = format!("令和６年度 組織目標管理シート\n{header}\n");
    let mut previous: Option<&table::Row> = None;
    for row in &rows {
        let cells: Vec<String> = order
            .iter()
            .map(|&c| {
                let same_division = previous.is_some_and(|p| p.cells()[4] == row.cells()[4]);
                let same_goal =
                    same_division && previous.is_some_and(|p| p.cells()[6] == row.cells()[6]);
                let shared = match c {
                    0 | 1 | 3 | 4 | 5 | 17 => same_division,
                    6 | 7 | 8 | 14 | 15 | 16 => same_goal,
                    _ => false,
                };
                let same_action = same_goal
                    && previous.is_some_and(|p| {
                        p.cells()[9] == row.cells()[9] && p.cells()[10] == row.cells()[10]
                    });
                if shared || ((c == 9 || c == 10) && same_action) {
                    String::new()
                } else {
                    format!("\"{}\"", row.cells()[c].replace('"', "\"\""))
                }
            })
            .collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
        previous = Some(row);
    }
    let (imported, unplaced) = table::group(&table::read_csv(&csv).unwrap().rows);
    assert!(unplaced.is_empty(), "{unplaced:?}");
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].ward, "みなと区");
    assert_eq!(imported[0].fiscal_year, Some(2024));
    let expected = serde_json::to_value(&wards[0].divisions).unwrap();
    assert_eq!(
        serde_json::to_value(&imported[0].divisions).unwrap(),
        expected
    );
}

#[test]
fn rows_that_cannot_be_placed_are_reported_with_their_row_number() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "\u{FEFF}区,年度,部,課,No.,組織目標,取組名称,取組指標,目標\n\
               西区,2025,西区,,1,目標,取組,指標,1件\n\
               西区,2025,西区,企画課,1,目標一,取組,指標,1件\n\
               ,,,,1,目標二,取組,指標2,2件\n\
               ,,,,x,目標,取組,指標,1件\n\
               ,,,,3,目標三,取組,指標,1件\n\
               ,,,,,,,指標3,3件\n";
    std::fs::write(dir.path().join("nishi.csv"), csv).unwrap();
    let out = mokuhyo(&["import", "nishi.csv", "--out", "nishi"], dir.path());
    let stderr = text(&out.stderr);
    assert!(
        !out.status.success(),
        "unplaced rows fail the import: {stderr}"
    );
    assert!(stderr.contains("nishi.csv: row 2: no 課"), "{stderr}");
    assert!(
        stderr.contains("row 4: 組織目標 differs from that of row 3"),
        "{stderr}"
    );
    assert!(stderr.contains("row 5: No. `x`"), "{stderr}");
    assert!(
        stderr.contains("row 6: No. 3 comes before No. 2"),
        "{stderr}"
    );
    // Nothing is written: an import is all or nothing.
    assert!(stderr.contains("no file was written"), "{stderr}");
    assert!(!dir.path().join("nishi").exists());
    // With the table mended (the rows that cannot be placed taken out), it is written whole.
    let mended: String = csv
        .lines()
        .enumerate()
        .filter(|(i, _)| ![1, 3, 4, 5].contains(i))
        .map(|(_, line)| format!("{line}\n"))
        .collect();
    std::fs::write(dir.path().join("nishi.csv"), mended).unwrap();
    let out = mokuhyo(&["import", "nishi.csv", "--out", "nishi"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let wards = load(&dir.path().join("nishi"));
    let goals = &wards[0].divisions[0].goals;
    assert_eq!(goals.len(), 1);
    let names: Vec<&str> = goals[0].actions[0]
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["指標", "指標3"]);
    // A second import leaves the files alone, and says so.
    let again = mokuhyo(&["import", "nishi.csv", "--out", "nishi"], dir.path());
    assert!(text(&again.stderr).contains("exists already"));
}

#[test]
fn a_table_of_only_the_required_columns_imports_into_a_ward_folder() {
    // 課, No. and 組織目標 (and the action and indicator), as a division might keep them: no
    // 区, 年度 or 部.
    let dir = tempfile::tempdir().unwrap();
    let csv = "課,No.,組織目標,取組名称,取組指標,目標\n\
               企画課,1,目標一,取組,指標,1件\n\
               企画課,2,目標二,取組,指標,2件\n";
    std::fs::write(dir.path().join("kikaku.csv"), csv).unwrap();

    // Into a folder without ward.toml: the divisions are written, but the ward file cannot
    // be, and the import says so (about the folder, not about a row) and fails.
    let out = mokuhyo(&["import", "kikaku.csv", "--out", "bare"], dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("bare has no ward.toml and the table has no 区 and 年度"),
        "{stderr}"
    );
    assert!(!stderr.contains("row 0"), "{stderr}");
    assert!(
        stderr.contains("0 row(s) not placed; 1 file(s) not written"),
        "{stderr}"
    );
    assert!(dir.path().join("bare/01_企画課.toml").is_file());

    // Into a ward folder: the divisions are the ward's own (部 = the ward's name, as `new`
    // writes them), and they check clean.
    let ward = dir.path().join("nishi");
    std::fs::create_dir_all(&ward).unwrap();
    std::fs::write(
        ward.join("ward.toml"),
        "ward = \"西区\"\nfiscal_year = 2025\ncreated = 2025-04-01\n",
    )
    .unwrap();
    let out = mokuhyo(&["import", "kikaku.csv", "--out", "nishi"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let division = &load(&ward)[0].divisions[0];
    assert_eq!(division.department, "西区");
    assert_eq!(division.goals.len(), 2);
}

#[test]
fn a_shift_jis_csv_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "区,年度,部,課,No.,組織目標,取組名称,取組指標,目標\r\n西区,令和７年度,西区,企画課,１,目標の本文,取組,指標,1件\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(csv);
    std::fs::write(dir.path().join("sjis.csv"), &bytes).unwrap();
    let out = mokuhyo(&["import", "sjis.csv", "--out", "nishi"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ward = &load(&dir.path().join("nishi"))[0];
    assert_eq!((ward.name.as_str(), ward.fiscal_year), ("西区", 2025));
    assert_eq!(ward.divisions[0].goals[0].text, "目標の本文");
}

// ---------------------------------------------------------------------------------------------
// Schema.

/// A TOML file as the JSON a schema validates (dates as strings, as TOML language servers do).
fn toml_as_json(text: &str) -> serde_json::Value {
    fn convert(value: toml::Value) -> serde_json::Value {
        match value {
            toml::Value::String(s) => s.into(),
            toml::Value::Integer(i) => i.into(),
            toml::Value::Float(f) => f.into(),
            toml::Value::Boolean(b) => b.into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(items) => items.into_iter().map(convert).collect(),
            toml::Value::Table(table) => table
                .into_iter()
                .map(|(k, v)| (k, convert(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
    convert(toml::Value::Table(text.parse().unwrap()))
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("schema").join(name)).unwrap())
            .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect()
}

#[test]
fn the_committed_schemas_are_the_ones_the_model_generates() {
    let dir = tempfile::tempdir().unwrap();
    let out = mokuhyo(&["schema", "--out", "schema"], dir.path());
    assert!(out.status.success());
    for name in ["ward.schema.json", "division.schema.json"] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join("schema").join(name)).unwrap(),
            std::fs::read_to_string(repo().join("schema").join(name)).unwrap(),
            "schema/{name} is stale: run `cargo run -- schema` and commit it"
        );
    }
}

#[test]
fn every_shipped_sheet_validates_and_wrong_ones_do_not() {
    let ward = validator("ward.schema.json");
    let division = validator("division.schema.json");
    let files = toml_files(&repo().join("sheets"));
    assert!(files.len() >= 13);
    for file in files {
        let json = toml_as_json(&std::fs::read_to_string(&file).unwrap());
        let schema = if file.ends_with("ward.toml") {
            &ward
        } else {
            &division
        };
        let errors: Vec<String> = schema.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    let sound = std::fs::read_to_string(repo().join("sheets/minato-r6/01_総務課.toml")).unwrap();
    for wrong in [
        sound.replacen("text = ", "txt = ", 1),
        sound.replace("order = 1", "order = \"1\""),
        sound.replacen("rating = \"○\"", "rating = \"A\"", 1),
        sound.replacen("name = ", "title = ", 1),
        sound.replace("division = \"総務課\"", ""),
    ] {
        assert_ne!(wrong, sound);
        assert!(
            !division.is_valid(&toml_as_json(&wrong)),
            "accepted:\n{wrong}"
        );
    }
    let wrong_ward = "ward = \"東区\"\nfiscal_year = 2023\ncreated = \"四月一日\"\n";
    assert!(!ward.is_valid(&toml_as_json(wrong_ward)));
}

// ---------------------------------------------------------------------------------------------
// new.

#[test]
fn new_divisions_in_a_new_ward_each_get_their_own_order() {
    let dir = tempfile::tempdir().unwrap();
    let first = [
        "new",
        "w",
        "企画課",
        "--ward",
        "西区",
        "--fiscal-year",
        "2025",
    ];
    assert!(mokuhyo(&first, dir.path()).status.success());
    // The first file is still blank (no goal yet: it does not load), yet its place is taken.
    for name in ["総務課", "地域課"] {
        let out = mokuhyo(&["new", "w", name], dir.path());
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("w"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "ward.toml")
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["01_企画課.toml", "02_総務課.toml", "03_地域課.toml"]
    );
    // A name given twice is refused, blank or not.
    let again = mokuhyo(&["new", "w", "総務課"], dir.path());
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("already has a division 総務課"));
}

#[test]
fn new_scaffolds_a_ward_and_a_division_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let out = mokuhyo(
        &[
            "new",
            "sheets/nishi-r7",
            "企画課",
            "--ward",
            "西区",
            "--fiscal-year",
            "2025",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ward_dir = dir.path().join("sheets/nishi-r7");
    let file = ward_dir.join("01_企画課.toml");
    let scaffold = std::fs::read_to_string(&file).unwrap();
    let slots = scaffold
        .lines()
        .filter(|l| l.starts_with("[[goals]]"))
        .count();
    assert_eq!(slots, 5, "five goal slots");
    for key in [
        "order",
        "department",
        "division",
        "text",
        "plan_ref",
        "name",
        "summary",
        "target",
    ] {
        let line = scaffold
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{key} =")))
            .unwrap_or_else(|| panic!("no {key}"));
        assert!(line.contains("# "), "a comment explains {key}: {line}");
    }
    // The #:schema lines point at the schemas, which were written.
    for (path, schema) in [
        (&file, "division.schema.json"),
        (&ward_dir.join("ward.toml"), "ward.schema.json"),
    ] {
        let first = std::fs::read_to_string(path).unwrap();
        let target = first
            .lines()
            .next()
            .unwrap()
            .strip_prefix("#:schema ")
            .unwrap();
        assert!(target.ends_with(schema));
        assert!(ward_dir.join(target).is_file(), "{target}");
    }
    // Unfilled, it is not ready; the check says so.
    let check = mokuhyo(&["check", "--sheets", "sheets"], dir.path());
    assert!(!check.status.success());
    assert!(
        text(&check.stderr).contains("no goal yet"),
        "{}",
        text(&check.stderr)
    );
    // A goal's text alone is not enough: its action slot, left blank, is not an action.
    let text_only = scaffold.replacen("text = \"\"", "text = \"目標です。\"", 1);
    std::fs::write(&file, &text_only).unwrap();
    let check = mokuhyo(&["check", "--sheets", "sheets"], dir.path());
    assert!(
        text(&check.stderr).contains("the goal has no action"),
        "{}",
        text(&check.stderr)
    );
    // Filled in (the first slot), it builds; the empty slots are not goals.
    let filled = scaffold
        .replacen("text = \"\"", "text = \"目標です。\"", 1)
        .replacen("name = \"\"", "name = \"取組\"", 1)
        .replacen("name = \"\"", "name = \"指標\"", 1)
        .replacen("target = \"\"", "target = \"3件\"", 1);
    std::fs::write(&file, &filled).unwrap();
    let wards = load(&dir.path().join("sheets"));
    assert_eq!(wards[0].name, "西区");
    assert_eq!(wards[0].divisions[0].department, "西区");
    assert_eq!(wards[0].divisions[0].goals.len(), 1);
    assert!(validator("division.schema.json").is_valid(&toml_as_json(&filled)));
    // A second division goes after it; the same one again is refused.
    let out = mokuhyo(&["new", "sheets/nishi-r7", "総務課"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(ward_dir.join("02_総務課.toml").is_file());
    let out = mokuhyo(&["new", "sheets/nishi-r7", "企画課"], dir.path());
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        filled,
        "left alone"
    );
}

// ---------------------------------------------------------------------------------------------
// watch and completions.

#[test]
fn watch_rebuilds_when_a_sheet_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets");
    std::fs::create_dir_all(&sheets).unwrap();
    for name in ["ward.toml", "01_総務課.toml"] {
        std::fs::copy(
            repo().join("sheets/minato-r6").join(name),
            sheets.join(name),
        )
        .unwrap();
    }
    let log = dir.path().join("watch.log");
    let mut child = common::command()
        .args(["watch", "--sheets", "sheets", "--out", "out"])
        .current_dir(dir.path())
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let wait_for = |builds: usize| {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(120) {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            if log.matches("built ").count() >= builds {
                return log;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("no build {builds} within 2 minutes");
    };
    wait_for(1);
    // みなと区 is evaluated: its PDFs are the evaluated edition.
    let pdf = dir.path().join("out/sheets/01_総務課_評価.pdf");
    let before = std::fs::read(&pdf).unwrap();
    let file = sheets.join("01_総務課.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("総務課", "総務企画課");
    std::fs::write(&file, &text).unwrap();
    let log = wait_for(2);
    assert!(log.contains("built 2 PDF(s)"), "{log}");
    let renamed = dir.path().join("out/sheets/01_総務企画課_評価.pdf");
    assert!(renamed.is_file(), "{log}");
    assert_ne!(std::fs::read(&renamed).unwrap(), before);
    // A broken save is reported and the watch goes on; the next good save builds again.
    std::fs::write(&file, "order = \"one\"\n").unwrap();
    let log = wait_for(3);
    assert!(log.lines().last().unwrap().contains("with errors"), "{log}");
    std::fs::write(&file, text.replace("総務企画課", "総務課")).unwrap();
    let log = wait_for(4);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        !log.lines().last().unwrap().contains("with errors"),
        "{log}"
    );
    assert!(dir.path().join("out/sheets/01_総務課_評価.pdf").is_file());
}

#[test]
fn completions_and_help_cover_every_command() {
    const COMMANDS: [&str; 13] = [
        "build",
        "check",
        "status",
        "data",
        "new",
        "import",
        "export",
        "next-year",
        "schema",
        "watch",
        "serve",
        "user",
        "completions",
    ];
    let dir = tempfile::tempdir().unwrap();
    let out = mokuhyo(&["completions", "bash"], dir.path());
    assert!(out.status.success());
    let script = text(&out.stdout);
    let help = text(&mokuhyo(&["--help"], dir.path()).stdout);
    assert!(
        help.contains("Examples:") && help.contains("mokuhyo import"),
        "{help}"
    );
    let help = text(&mokuhyo(&["import", "--help"], dir.path()).stdout);
    assert!(help.contains("組織目標"), "{help}");
    // The commands the program has, as its --help lists them, are exactly these: a command
    // added without its examples fails here.
    let top_help = text(&mokuhyo(&["--help"], dir.path()).stdout);
    let listed: Vec<&str> = help_commands(&top_help);
    assert_eq!(listed, COMMANDS, "mokuhyo --help lists other commands");
    // Bash completes each of them as the first word.
    let first_words = script
        .lines()
        .find(|line| line.contains("opts=\"-h -V --help --version"))
        .unwrap_or_else(|| panic!("no top-level opts line in {script}"));
    for command in COMMANDS {
        assert!(
            first_words.split(['"', ' ']).any(|word| word == command),
            "{command} not completed: {first_words}"
        );
        let help = text(&mokuhyo(&[command, "--help"], dir.path()).stdout);
        assert!(
            help.contains("Examples:") && help.contains(&format!("mokuhyo {command}")),
            "{command} --help has no examples:\n{help}"
        );
    }
}

/// The command names of a `--help` text's `Commands:` section, without `help`.
fn help_commands(help: &str) -> Vec<&str> {
    help.lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect()
}

#[test]
fn strange_text_survives_csv_xlsx_and_json() {
    let mut wards = load(&repo().join("sheets/minato-r6"));
    let strange = [
        "\"quoted\", with commas\r\nand CRLF",
        "=SUM(A1:A2)",
        "  leading and trailing spaces  ",
        "#let x = $y$ <label> @ref //",
        "𠮷野家の髙﨑さん\t（タブ）",
        "0123",
        "1.50",
    ];
    let goal = &mut wards[0].divisions[0].goals[0];
    goal.text = strange.join("|");
    goal.status = strange[0].to_string();
    goal.actions[0].name = strange[1].to_string();
    goal.actions[0].summary = strange[2].to_string();
    goal.actions[0].indicators[0].target = strange[5].to_string();
    goal.actions[0].indicators[0].result = strange[6].to_string();
    wards[0].divisions[0].name = strange[3].to_string();
    let rows = table::rows(&wards);
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("t.csv", table::to_csv(&rows).unwrap()),
        ("t.xlsx", table::to_xlsx(&rows).unwrap()),
        ("t.json", table::to_json(&rows).unwrap()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (imported, unplaced) = table::group(&table::read(&path).unwrap().rows);
        assert!(unplaced.is_empty(), "{name}: {unplaced:?}");
        let back: Vec<String> = table::rows(&[Ward {
            divisions: imported.into_iter().next().unwrap().divisions,
            ..wards[0].clone()
        }])
        .into_iter()
        .map(|row| row.cells().join("\u{1}"))
        .collect();
        let expected: Vec<String> = rows.iter().map(|row| row.cells().join("\u{1}")).collect();
        // CSV and xlsx cells keep CRLF as LF (as the model reads any file).
        let expected: Vec<String> = expected.iter().map(|r| r.replace("\r\n", "\n")).collect();
        assert_eq!(back, expected, "{name}");
    }
}

#[test]
fn tables_that_are_not_tables_get_a_clear_error_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.csv", b"", "no header row"),
        (
            "noheader.csv",
            "名前,値\n東区,1\n".as_bytes(),
            "no header row",
        ),
        (
            "broken.xlsx",
            b"PK\x03\x04 not really a zip",
            "cannot open the workbook",
        ),
        (
            "notes.txt.docx",
            b"hello",
            "give a .xlsx, .csv or .json file",
        ),
        (
            "rows.json",
            b"{\"not\": \"an array\"}",
            "not an array of rows",
        ),
    ];
    for (name, bytes, expected) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = mokuhyo(&["import", name, "--out", "ward"], dir.path());
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{name}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!dir.path().join("ward").exists(), "{name}: nothing written");
    }
}

#[test]
fn a_fiscal_year_is_read_in_the_forms_people_write_and_one_that_is_not_is_named() {
    for (written, year) in [
        ("2025", 2025),
        ("2025年度", 2025),
        ("2025年", 2025),
        ("FY2025", 2025),
        ("令和7年度", 2025),
        ("R7", 2025),
        ("令和元年度", 2019),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let csv = format!(
            "区,年度,課,No.,組織目標,取組名称,取組指標,目標\n西区,{written},企画課,1,目標,取組,指標,1件\n"
        );
        std::fs::write(dir.path().join("t.csv"), csv).unwrap();
        let out = mokuhyo(&["import", "t.csv", "--out", "nishi"], dir.path());
        assert!(out.status.success(), "{written}: {}", text(&out.stderr));
        let ward = &load(&dir.path().join("nishi"))[0];
        assert_eq!(ward.fiscal_year, year, "{written}");
    }
    let dir = tempfile::tempdir().unwrap();
    let csv =
        "区,年度,課,No.,組織目標,取組名称,取組指標,目標\n西区,来年度,企画課,1,目標,取組,指標,1件\n";
    std::fs::write(dir.path().join("t.csv"), csv).unwrap();
    let out = mokuhyo(&["import", "t.csv", "--out", "nishi"], dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("row 2: 年度 `来年度` is not a fiscal year"),
        "{stderr}"
    );
    assert!(!dir.path().join("nishi").exists(), "nothing written");
}

#[test]
fn export_replaces_a_file_only_with_force_and_can_send_one_division() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = repo().join("sheets/higashi-r5");
    let sheets = sheets.to_str().unwrap();
    std::fs::write(dir.path().join("東区.csv"), "someone's table").unwrap();
    let args = ["export", "--sheets", sheets, "--out", "東区.csv"];
    let out = mokuhyo(&args, dir.path());
    assert!(!out.status.success());
    assert!(
        text(&out.stderr)
            .contains("東区.csv exists already and is left as it is: --force replaces it"),
        "{}",
        text(&out.stderr)
    );
    let kept = std::fs::read_to_string(dir.path().join("東区.csv")).unwrap();
    assert_eq!(kept, "someone's table");

    let mut forced = args.to_vec();
    forced.extend(["--force", "--division", "地域課", "--division", "保護課"]);
    let out = mokuhyo(&forced, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut table = csv::Reader::from_path(dir.path().join("東区.csv")).unwrap();
    let divisions: std::collections::BTreeSet<String> = (table.records())
        .map(|record| record.unwrap()[4].to_string())
        .collect();
    assert_eq!(
        divisions.into_iter().collect::<Vec<_>>(),
        ["保護課", "地域課"]
    );

    let out = mokuhyo(
        &["export", "--sheets", sheets, "--division", "企画課"],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--division 企画課: no division of that name"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn workbook_cells_are_taken_as_excel_displays_them() {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let dir = tempfile::tempdir().unwrap();
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
    // (indicator, target as typed and formatted, result): each a number with a format.
    let percent = Format::new().set_num_format("0.0%");
    let people = Format::new().set_num_format("#,##0\"人\"");
    let date = Format::new().set_num_format("yyyy/m/d");
    let era = Format::new().set_num_format("[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\"");
    let thousands = Format::new().set_num_format("#,##0");
    let rows: [(&str, f64, &Format, f64, &Format); 3] = [
        ("達成率", 0.805, &percent, 0.9, &percent),
        ("利用者数", 1200.0, &people, 1250.0, &thousands),
        ("完了日", 45747.0, &date, 45747.0, &era),
    ];
    for (i, (name, target, target_format, result, result_format)) in rows.iter().enumerate() {
        let row = 1 + i as u32;
        for (column, text) in [
            (0, "西区"),
            (1, "令和6年度"),
            (2, "企画課"),
            (3, "1"),
            (4, "目標"),
            (5, "取組"),
        ] {
            sheet.write_string(row, column, text).unwrap();
        }
        sheet.write_string(row, 6, *name).unwrap();
        sheet
            .write_number_with_format(row, 7, *target, target_format)
            .unwrap();
        sheet
            .write_number_with_format(row, 8, *result, result_format)
            .unwrap();
    }
    // A formula is taken by the value Excel saved with it.
    sheet.write_string(4, 6, "合計").unwrap();
    sheet
        .write_formula_with_format(4, 7, Formula::new("=H3+50").set_result("1250"), &people)
        .unwrap();
    workbook.save(dir.path().join("t.xlsx")).unwrap();

    let out = mokuhyo(&["import", "t.xlsx", "--out", "nishi"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ward = &load(&dir.path().join("nishi"))[0];
    assert_eq!(ward.fiscal_year, 2024);
    let indicators: Vec<(String, String, String)> = ward.divisions[0].goals[0].actions[0]
        .indicators
        .iter()
        .map(|i| (i.name.clone(), i.target.clone(), i.result.clone()))
        .collect();
    let expected = [
        ("達成率", "80.5%", "90.0%"),
        ("利用者数", "1,200人", "1,250"),
        ("完了日", "2025/3/31", "令和7年3月31日"),
        ("合計", "1,250人", ""),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(indicators, expected);
}

#[test]
fn force_never_replaces_a_file_with_less_than_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("minato");
    common::copy_ward(&repo().join("sheets/minato-r6"), &ward, "みなと区");
    let out = mokuhyo(
        &[
            "export", "--sheets", "minato", "--format", "csv", "--out", "all.csv",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = std::fs::read_to_string(dir.path().join("all.csv")).unwrap();
    let before: Vec<Vec<u8>> = toml_files(&ward)
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();

    // A table that lost a row (an indicator) and one whose results were cleared: refused.
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let write = |name: &str, records: &[csv::StringRecord]| {
        let mut writer = csv::Writer::from_path(dir.path().join(name)).unwrap();
        writer.write_record(&headers).unwrap();
        for record in records {
            writer.write_record(record).unwrap();
        }
        writer.flush().unwrap();
    };
    write("fewer.csv", &records[..records.len() - 1]);
    let result = headers.iter().position(|h| h == "結果").unwrap();
    let cleared: Vec<csv::StringRecord> = records
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, cell)| if i == result { "" } else { cell })
                .collect()
        })
        .collect();
    write("cleared.csv", &cleared);
    for (name, lost) in [("fewer.csv", "holds `goals["), ("cleared.csv", ".result`")] {
        let out = mokuhyo(&["import", name, "--out", "minato", "--force"], dir.path());
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{name}: {stderr}");
        assert!(
            stderr.contains("which the table has not: --force replaces"),
            "{stderr}"
        );
        assert!(stderr.contains(lost), "{name}: {stderr}");
        let after: Vec<Vec<u8>> = toml_files(&ward)
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect();
        assert_eq!(after, before, "{name}: nothing was written");
    }

    // A table with all the file holds, and a target changed: replaced.
    let target = headers.iter().position(|h| h == "目標").unwrap();
    let changed: Vec<csv::StringRecord> = records
        .iter()
        .enumerate()
        .map(|(n, r)| {
            r.iter()
                .enumerate()
                .map(|(i, cell)| if n == 0 && i == target { "99者" } else { cell })
                .collect()
        })
        .collect();
    write("changed.csv", &changed);
    let out = mokuhyo(
        &["import", "changed.csv", "--out", "minato", "--force"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = &load(&ward)[0].divisions[0];
    assert_eq!(first.goals[0].actions[0].indicators[0].target, "99者");
}

#[test]
fn a_column_no_one_knows_is_named_and_left_unread() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "区,年度,課,No.,組織目標,備考,取組名称,取組指標,Ｒ６目標\n\
               西区,2024,企画課,1,目標,メモ,取組,指標,1件\n";
    std::fs::write(dir.path().join("t.csv"), csv).unwrap();
    let out = mokuhyo(&["import", "t.csv", "--out", "nishi"], dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: column F 「備考」 is no column mokuhyo knows, and was not read"),
        "{stderr}"
    );
    // The printed heading Ｒ６目標 is the target's.
    let ward = &load(&dir.path().join("nishi"))[0];
    assert_eq!(
        ward.divisions[0].goals[0].actions[0].indicators[0].target,
        "1件"
    );
}

#[test]
fn an_action_changed_in_one_row_only_is_an_error_not_another_action() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "区,年度,課,No.,組織目標,取組名称,概要,取組指標,目標\n\
               西区,2024,企画課,1,目標,取組A,概要1,指標1,1件\n\
               西区,2024,企画課,1,目標,取組A,概要2,指標2,2件\n";
    std::fs::write(dir.path().join("t.csv"), csv).unwrap();
    let out = mokuhyo(&["import", "t.csv", "--out", "nishi"], dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("row 3: 概要 differs from that of the action 「取組A」 above"),
        "{stderr}"
    );
    assert!(!dir.path().join("nishi").exists(), "nothing written");
}

#[test]
fn a_formula_saved_without_its_value_is_told() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let rows = [
        ["課", "No.", "組織目標", "取組名称", "取組指標", "目標"],
        ["企画課", "1", "目標", "取組", "指標", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    sheet.write_formula(1, 5, "=1+1").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    // As a program that does not compute formulas saves them: no <v> after the <f>.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).unwrap();
        let name = entry.name().to_string();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(text).unwrap();
            let start = xml.find("<f>").unwrap();
            let end = xml[start..].find("</c>").unwrap() + start;
            let cell = &xml[start..end];
            let without = cell.split("<v>").next().unwrap().to_string();
            text = xml.replace(cell, &without).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    std::fs::write(dir.path().join("t.xlsx"), bytes).unwrap();
    std::fs::create_dir_all(dir.path().join("w")).unwrap();
    std::fs::write(
        dir.path().join("w/ward.toml"),
        "ward = \"西区\"\nfiscal_year = 2025\ncreated = 2025-04-01\n",
    )
    .unwrap();
    let out = mokuhyo(&["import", "t.xlsx", "--out", "w"], dir.path());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning: cell F2 of sheet Sheet1 has a formula saved without its value"),
        "{stderr}"
    );
}

#[test]
fn a_required_cell_left_empty_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "区,年度,課,No.,組織目標,取組名称,取組指標,目標\n西区,2024,企画課,1,,取組,指標,1件\n";
    std::fs::write(dir.path().join("t.csv"), csv).unwrap();
    let out = mokuhyo(&["import", "t.csv", "--out", "nishi"], dir.path());
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains(
            "row 2: 組織目標 is empty on the first row of No. 1 of 企画課: it is required"
        ),
        "{stderr}"
    );
    assert!(!dir.path().join("nishi").exists());
}

#[test]
fn new_reads_a_new_wards_name_and_year_from_its_folder_only_when_it_says_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = mokuhyo(&["new", "sheets/西区-r7", "企画課"], dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("the ward's name 「西区」 was read from the folder's name"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the fiscal year 2025 (令和７年度) was read"),
        "{stderr}"
    );
    let ward = std::fs::read_to_string(dir.path().join("sheets/西区-r7/ward.toml")).unwrap();
    assert!(
        ward.contains("ward = \"西区\"") && ward.contains("fiscal_year = 2025"),
        "{ward}"
    );

    // Romaji says no ward's name; a folder without a year says no year: asked for, and
    // nothing at all is written (not even the schemas).
    for (folder, flag) in [
        ("sheets/minami-r6", "--ward"),
        ("sheets/南区", "--fiscal-year"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = mokuhyo(&["new", folder, "企画課"], dir.path());
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{folder}");
        assert!(stderr.contains(&format!("give it with {flag}")), "{stderr}");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "{folder}"
        );
    }
}

#[test]
fn the_evaluation_summary_exports_for_a_ward_and_a_city() {
    use calamine::{Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let minato = repo().join("sheets/minato-r6");
    let args = [
        "export",
        "--summary",
        "--format",
        "xlsx",
        "--sheets",
        minato.to_str().unwrap(),
    ];
    let mut args = args.to_vec();
    args.extend(["--out", "評価集計.xlsx"]);
    let out = mokuhyo(&args, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut book = open_workbook_auto(dir.path().join("評価集計.xlsx")).unwrap();
    let range = book.worksheet_range("評価集計").unwrap();
    let rows: Vec<String> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    calamine::Data::Float(f) => format!("{}", (f * 1000.0).round() / 1000.0),
                    c => c.to_string(),
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    // No., the counts and the 達成率 are numbers, to add up and compare in Excel (the rate a
    // fraction, shown as a percentage).
    assert_eq!(
        rows,
        [
            "区,年度,No.,組織名（部）,組織名（準部・課・機関名）,○ 達成,△ 一部未達成,× 未達成,未評価,計,達成率,備考",
            "みなと区,令和６年度,1,みなと区役所,総務課,1,1,1,0,3,0.333,",
            "みなと区,令和６年度,2,みなと区役所,地域振興課,2,1,0,0,3,0.667,",
            "みなと区,令和６年度,3,みなと区役所,健康福祉課,2,1,0,0,3,0.667,",
            "みなと区,令和６年度,,,合計,5,3,1,0,9,0.556,",
        ]
    );
    for (row, column) in [(1, 2), (1, 5), (1, 9), (1, 10), (4, 10)] {
        assert!(
            matches!(
                range.get_value((row, column)),
                Some(calamine::Data::Float(_))
            ),
            "{row}, {column}"
        );
    }

    // A city: each ward's total, then all of them.
    let out = mokuhyo(&["export", "--summary", "--sheets", "sheets"], &repo());
    let csv = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        csv.contains("東区,令和５年度,,,合計,0,0,0,32,32,—,"),
        "{csv}"
    );
    assert!(
        // Over every goal of the city, those of the ward not yet evaluated too.
        csv.trim_end()
            .ends_with("全区,,,,合計,5,3,1,32,41,12.2%,未評価"),
        "{csv}"
    );
}
