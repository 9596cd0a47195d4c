//! Rendering general input, not the seed's: names the main font lacks, text full of Typst
//! syntax, and the command line on good and broken folders.

use crate::common;

use common::{FIELDS, Pdf, mokuhyo, squash, ward_with_cells};
use mokuhyo::pdf::build::{BuildOptions, build};
use std::path::Path;

fn build_one(sheets: &Path, out: &Path) -> Pdf {
    let options = BuildOptions::new(sheets, out);
    let report = build(common::renderer(), &options, &());
    assert!(
        !report.failed(),
        "{:?} {:?}",
        report.problems,
        report.failures
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.written.len(), 2);
    Pdf::open(&report.written[0])
}

#[test]
fn kanji_missing_from_biz_ud_come_from_the_fallback_font() {
    // 𠮷 (U+20BB7) is not in BIZ UDゴシック; 髙 and 﨑 are, as are the others here.
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/w");
    ward_with_cells(&sheets, |name| match name {
        "division" => "𠮷田出張所".to_string(),
        "goal" => "𠮷野家の前の髙﨑さん宅".to_string(),
        other => format!("{other}の内容"),
    });
    let pdf = build_one(&sheets, &dir.path().join("out"));
    let fonts = pdf.fonts();
    assert!(fonts.iter().all(|(_, embedded)| *embedded), "{fonts:?}");
    assert!(
        fonts.iter().any(|(n, _)| n.contains("NotoSansCJK")),
        "{fonts:?}"
    );
    let text = squash(&pdf.page_texts().concat());
    assert!(text.contains("𠮷田出張所"), "{text}");
    assert!(text.contains("𠮷野家の前の髙﨑さん宅"), "{text}");
}

#[test]
fn the_fallback_is_not_used_when_biz_ud_suffices() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/w");
    ward_with_cells(&sheets, |name| format!("{name}：髙﨑"));
    let pdf = build_one(&sheets, &dir.path().join("out"));
    assert!(
        pdf.fonts().iter().all(|(n, _)| n.contains("BIZUDGothic")),
        "{:?}",
        pdf.fonts()
    );
}

#[test]
fn typst_syntax_in_data_prints_as_itself() {
    let samples = [
        "#read(\"/etc/passwd\")",
        "$x^2$ と *強調* と _下線_",
        "<label> @ref = 見出し",
        "- 箇条 + 番号 / 項目 ~ チルダ",
        "// 注釈 /* ブロック */",
        "#let x = 1; #x",
        "\\ バックスラッシュ `code` [括弧]",
        "```raw```",
    ];
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/w");
    ward_with_cells(&sheets, |name| {
        let i = FIELDS.iter().position(|f| *f == name).unwrap();
        format!("{name}{}", samples[i % samples.len()])
    });
    let pdf = build_one(&sheets, &dir.path().join("out"));
    let text = squash(&pdf.page_texts().concat());
    for (i, field) in FIELDS.iter().enumerate() {
        let expected = squash(&format!("{field}{}", samples[i % samples.len()]));
        assert!(text.contains(&expected), "{expected} not in {text}");
    }
    assert!(!text.contains("root:"), "a file was read");
}

#[test]
fn cli_build_writes_and_lists_every_file() {
    let dir = tempfile::tempdir().unwrap();
    ward_with_cells(&dir.path().join("sheets/chuo"), |name| {
        format!("{name}の内容")
    });
    let out = mokuhyo(&["build"], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // The test ward is evaluated: its PDFs are the evaluated edition.
    assert!(lines[0].ends_with("01_divisionの内容_評価.pdf"), "{stdout}");
    assert!(
        lines[1].ends_with("テスト区_令和６年度_組織目標管理シート_評価.pdf"),
        "{stdout}"
    );
    assert!(
        dir.path()
            .join("output/chuo/01_divisionの内容_評価.pdf")
            .is_file()
    );

    // --division builds that division only: no volume, no folder for other wards.
    ward_with_cells(&dir.path().join("sheets/kita"), |name| format!("{name}北"));
    let out = mokuhyo(
        &["build", "--out", "only", "--division", "division北"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let folders: Vec<_> = std::fs::read_dir(dir.path().join("only"))
        .unwrap()
        .collect();
    assert_eq!(folders.len(), 1);
    assert!(
        dir.path()
            .join("only/kita/01_division北_評価.pdf")
            .is_file()
    );
}

#[test]
fn cli_check_reports_every_problem_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("sheets/chuo");
    ward_with_cells(&ward, |name| format!("{name}の内容"));
    // A second division with a bad rating, a third with a syntax error.
    let good = std::fs::read_to_string(ward.join("01.toml")).unwrap();
    let bad_rating = good
        .replace("order = 1", "order = 2")
        .replace("[[goals]]", "[[goals]]\nrating = \"A\"");
    std::fs::write(ward.join("02.toml"), bad_rating).unwrap();
    std::fs::write(ward.join("03.toml"), "order = 3\ndivision = \"総務課\n").unwrap();

    let out = mokuhyo(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("02.toml:") && stderr.contains("`goals[1].rating`"),
        "{stderr}"
    );
    assert!(stderr.contains("03.toml:2:"), "{stderr}");
    // 01.toml is sound: at most the warning that its goal is not rated.
    let of_01 = stderr.lines().filter(|l| l.contains("01.toml"));
    assert!(
        of_01.clone().all(|l| l.contains("goals[1].rating")),
        "{stderr}"
    );

    // build writes the sound division and the volume marked incomplete, and fails.
    let out = mokuhyo(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        dir.path()
            .join("output/chuo/01_divisionの内容_評価.pdf")
            .is_file()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("未完成") && stderr.contains("02.toml, 03.toml"),
        "{stderr}"
    );
}

#[test]
fn cli_data_prints_what_the_template_receives() {
    let dir = tempfile::tempdir().unwrap();
    ward_with_cells(&dir.path().join("sheets/chuo"), |name| {
        format!("{name}の内容")
    });
    let out = mokuhyo(&["data", "--sheets", "sheets/chuo"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["fiscal_year"], "令和６年度");
    assert_eq!(json["created"], "R6.4.1");
    assert_eq!(json["sheets"][0]["division"], "divisionの内容");
}
