//! The sheet through the year: the evaluated edition (the fictional みなと区 ward), one page
//! per sheet whatever the text (shrinking down to the floor, then continuing with a warning),
//! approval stamps, and Japanese line breaking.

use crate::common;

use common::{Pdf, Placed, bookmarks, lay_out, renderer, repo, squash};
use mokuhyo::pdf::build::{BuildOptions, build};
use std::path::Path;

/// The size the table's cells are set in: that of the No. column's "1".
fn body_size(items: &[Placed]) -> f64 {
    items.iter().find(|p| p.text == "1").unwrap().size
}

#[test]
fn the_evaluated_edition_prints_results_ratings_and_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let options = BuildOptions::new(repo().join("sheets/minato-r6"), dir.path());
    let report = build(renderer(), &options, &());
    assert!(
        !report.failed() && report.problems.is_empty(),
        "{:?} {:?}",
        report.problems,
        report.failures
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);

    let sheet = squash(&Pdf::open(&report.written[0]).page_texts().concat());
    for part in [
        "評価日R7.4.30",
        "Ｒ６目標Ｒ６結果",
        "100日68日",
        "4.50点以上4.42点",
        "○全6地区で避難所運営ワークショップを開催し",
        "△接遇研修は計画どおり5回実施したが",
        "×改修工事で10月から12月まで",
        "工事の終了後、地域団体への周知を強化し",
        "𠮷田地区",
    ] {
        assert!(sheet.contains(part), "{part} not in {sheet}");
    }

    let volume = Pdf::open(report.written.last().unwrap());
    let pages: Vec<String> = volume.page_texts().iter().map(|p| squash(p)).collect();
    assert_eq!(pages.len(), 6, "cover, contents, summary, 3 sheets");
    assert!(pages[0].contains("令和７年４月３０日評価"));
    let summary = &pages[2];
    assert!(summary.starts_with("評価集計"), "{summary}");
    // No., department, division, ○, △, ×, not rated, total, 達成率 (○ ÷ rated).
    for row in [
        "1みなと区役所総務課1110333.3%",
        "2みなと区役所地域振興課2100366.7%",
        "3みなと区役所健康福祉課2100366.7%",
        "合計5310955.6%",
    ] {
        assert!(summary.contains(row), "{row} not in {summary}");
    }
    // The chart under the table, with its legend.
    assert!(
        summary.contains("○：達成△：一部未達成×：未達成"),
        "{summary}"
    );
    // Listed in the contents (page 3) and the bookmarks, before the sheets.
    assert!(pages[1].contains("ページ評価集計3"), "{}", pages[1]);
    assert_eq!(
        bookmarks(&volume),
        ["評価集計", "総務課", "地域振興課", "健康福祉課"]
    );
}

#[test]
fn an_unrated_ward_has_no_summary_page() {
    let dir = tempfile::tempdir().unwrap();
    let report = build(
        renderer(),
        &BuildOptions::new(repo().join("sheets/higashi-r5"), dir.path()),
        &(),
    );
    assert!(
        !report.failed(),
        "{:?} {:?}",
        report.problems,
        report.failures
    );
    let volume_path = report.written.last().unwrap();
    assert!(
        volume_path
            .to_string_lossy()
            .ends_with("組織目標管理シート.pdf"),
        "the last file written is the volume: {volume_path:?}"
    );
    let volume = Pdf::open(volume_path);
    let pages = volume.page_texts();
    assert_eq!(pages.len(), 10, "cover, contents, 8 sheets: no summary");
    assert!(
        pages[1].contains("目次") || pages[1].contains("地域課"),
        "{}",
        pages[1]
    );
    assert!(!pages.iter().any(|p| p.contains("評価集計")));
}

#[test]
fn approval_stamps_sit_top_right_in_order_and_only_where_asked() {
    let minato = lay_out(&repo().join("sheets/minato-r6"));
    for (division, _, items) in &minato {
        let titles: Vec<&Placed> = items
            .iter()
            .filter(|p| ["区長", "副区長", "課長", "係長"].contains(&p.text.as_str()))
            .collect();
        let expected = if division == "健康福祉課" { 4 } else { 3 };
        assert_eq!(titles.len(), expected, "{division}");
        // Left to right, most senior first, above the header block, in the right half.
        assert!(
            titles
                .windows(2)
                .all(|w| w[0].x < w[1].x && (w[0].y - w[1].y).abs() < 0.5)
        );
        assert_eq!(titles[0].text, "区長");
        let header = items.iter().find(|p| p.text == "年度").unwrap();
        assert!(titles.iter().all(|t| t.y < header.y && t.x > 841.89 / 2.0));
        // The last box ends at the right margin (10 mm = 28.35 pt); boxes are 20 mm wide.
        assert!(titles.last().unwrap().x > 841.89 - 28.35 - 56.7);
    }
    for (division, _, items) in lay_out(&repo().join("sheets/higashi-r5")) {
        assert!(
            !items.iter().any(|p| p.text == "区長"),
            "{division} has stamps"
        );
    }
}

#[test]
fn the_seed_sheets_fit_one_page_at_full_size() {
    for (division, pages, items) in lay_out(&repo().join("sheets/higashi-r5")) {
        assert_eq!(pages, 1, "{division}");
        assert_eq!(body_size(&items), 8.0, "{division}");
    }
}

/// A division whose five goals each carry `repeats` sentences of summary.
fn long_ward(dir: &Path, repeats: usize) {
    let ward = "ward = \"長文区\"\nfiscal_year = 2024\ncreated = 2024-04-01\n";
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("ward.toml"), ward).unwrap();
    let mut text = String::from("order = 1\ndepartment = \"長文区役所\"\ndivision = \"企画課\"\n");
    for i in 1..=5 {
        let summary = "地域の課題に応じた支援を関係機関と連携して行います。".repeat(repeats);
        text.push_str(&format!(
            "\n[[goals]]\ntext = \"目標{i}の本文です。\"\n  [[goals.actions]]\n  name = \"取組{i}\"\n  summary = \"{summary}\"\n    [[goals.actions.indicators]]\n    name = \"指標{i}\"\n    target = \"{i}0件\"\n"
        ));
    }
    std::fs::write(dir.join("01.toml"), text).unwrap();
}

fn pages_and_size(repeats: usize) -> (usize, f64) {
    let dir = tempfile::tempdir().unwrap();
    long_ward(dir.path(), repeats);
    let (_, pages, items) = lay_out(dir.path()).remove(0);
    (pages, body_size(&items))
}

#[test]
fn the_build_finds_the_size_the_template_would_measure() {
    // mokuhyo compiles each sheet at the size it finds (bisection on typst's page count) and
    // gives it to the template; the stock typst CLI has the template measure for itself. Both
    // give the same size and pages, from full size through shrinking to overflowing.
    use mokuhyo::pdf::build::fit_sheet;
    use mokuhyo::pdf::data::{Edition, SheetData};
    for repeats in [2, 6, 9, 12, 16, 20, 40] {
        let dir = tempfile::tempdir().unwrap();
        long_ward(dir.path(), repeats);
        let (_, measured_pages, items) = lay_out(dir.path()).remove(0);
        let (ward, _) = mokuhyo::sheet::model::load_ward(dir.path());
        let ward = ward.unwrap();
        let edition = Edition::of(&ward).unwrap();
        let mut data = SheetData::new(&edition, &ward, &ward.divisions[0]);
        let (document, _, size) = fit_sheet(renderer(), &mut data, ward.created, 0).unwrap();
        assert_eq!(
            (document.pages().len(), size),
            (measured_pages, body_size(&items)),
            "{repeats} repeats"
        );
        assert_eq!(body_size(&common::placed_text(&document)), size);
        // The build skips full size when the volume has shown it does not fit: the same.
        if size < 8.0 {
            let (skipped, _, size_skipped) =
                fit_sheet(renderer(), &mut data, ward.created, 1).unwrap();
            assert_eq!(
                (skipped.pages().len(), size_skipped),
                (document.pages().len(), size)
            );
        }
    }
}

#[test]
fn long_text_shrinks_to_the_floor_then_continues_with_a_warning() {
    // Shrinking: a little more text than fits at 8 pt is set smaller, still on one page.
    let (pages, size) = pages_and_size(2);
    assert_eq!((pages, size), (1, 8.0));
    let (pages, size) = pages_and_size(6);
    assert_eq!(pages, 1);
    assert!((6.0..8.0).contains(&size), "{size}");

    // The limit: the most text that still fits on one page; it is set at the floor.
    let (mut fits, mut over) = (6, 60);
    assert!(pages_and_size(over).0 > 1);
    while over - fits > 1 {
        let mid = (fits + over) / 2;
        if pages_and_size(mid).0 == 1 {
            fits = mid
        } else {
            over = mid
        }
    }
    let (pages, size) = pages_and_size(fits);
    assert_eq!(pages, 1);
    assert!(
        size <= 6.25,
        "at the limit the text is at the floor, not {size}"
    );
    let (pages, size) = pages_and_size(over);
    assert_eq!(
        (pages, size),
        (2, 6.0),
        "just over the limit: the floor, and a second page"
    );

    // Just over: the sheet continues, its header row repeated and the page marked, and the
    // build warns with the division and the goals where it breaks.
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets");
    long_ward(&sheets, over);
    let report = build(
        renderer(),
        &BuildOptions::new(&sheets, dir.path().join("out")),
        &(),
    );
    assert!(!report.failed());
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let warning = &report.warnings[0].to_string();
    assert!(
        warning.contains("01.toml") && warning.contains("企画課"),
        "{warning}"
    );
    assert!(
        warning.contains("does not fit on one page") && warning.contains("No. "),
        "{warning}"
    );
    let pdf = Pdf::open(&report.written[0]);
    let pages = pdf.page_texts();
    assert_eq!(pages.len(), 2);
    let second = squash(&pages[1]);
    assert!(
        second.starts_with("企画課組織目標管理シート（続き）"),
        "{second}"
    );
    assert!(
        second.contains("No.組織目標"),
        "header row repeated: {second}"
    );
    // Nothing was cut: every sentence of every goal is there (the second page's text without
    // its mark and repeated header joined to the first's).
    let header_end = "取組名称（事業名）概要";
    let rest = &second[second.find(header_end).unwrap() + header_end.len()..];
    let all = squash(&pages[0]) + rest;
    assert_eq!(
        all.matches("地域の課題に応じた支援を関係機関と連携して行います。")
            .count(),
        5 * over
    );
}

#[test]
fn japanese_line_breaking_rules_hold_in_narrow_cells() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("w");
    let text = "区民の声（要望・苦情）に、迅速に対応します。「窓口」では、ちょっとした相談にも応じ、44,000人、10者、4.50点、1,580人の実績があります。".repeat(3);
    common::ward_with_cells(&sheets, |_| text.clone());
    for (_, _, items) in lay_out(&sheets) {
        let mut lines = 0;
        for line in items.iter().filter(|p| p.text.chars().count() > 0) {
            let first = line.text.chars().next().unwrap();
            assert!(
                !"、。，．）」』】ぁぃぅぇぉっゃゅょァィゥェォッャュョ".contains(first),
                "line starts with {first}: {}",
                line.text
            );
            lines += 1;
        }
        assert!(lines > 50);
        // A number is never split from its unit, nor inside: look at each line and the line
        // under it in the same cell.
        for pair in items.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let next_line = (a.x - b.x).abs() < 0.5 && b.y > a.y && b.y - a.y < 1.6 * a.size;
            if !next_line {
                continue;
            }
            let (a, b) = (a.text.as_str(), b.text.as_str());
            let ends_in_digit = a
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_digit() || c == ',');
            let starts_unit =
                b.starts_with(['人', '者', '点']) || b.starts_with(|c: char| c.is_ascii_digit());
            assert!(!(ends_in_digit && starts_unit), "number broken: {a} | {b}");
        }
    }
}

#[test]
fn the_volume_sets_each_sheet_at_the_size_the_sheet_was_set_at() {
    // The volume is compiled on the guess that every sheet fits at full size; one that had
    // to shrink has the volume compiled again at its size, so it takes one page there too.
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets");
    long_ward(&sheets, 6);
    let short = std::fs::read_to_string(sheets.join("01.toml"))
        .unwrap()
        .replace("order = 1", "order = 2")
        .replace("企画課", "総務課")
        .replace(
            &"地域の課題に応じた支援を関係機関と連携して行います。".repeat(6),
            "短い概要です。",
        );
    std::fs::write(sheets.join("02.toml"), short).unwrap();
    for jobs in [1, 3] {
        let mut options = BuildOptions::new(&sheets, dir.path().join(format!("out{jobs}")));
        options.jobs = Some(jobs);
        let report = build(renderer(), &options, &());
        assert!(!report.failed(), "{:?}", report.failures);
        assert_eq!(report.written.len(), 3);
        let long = Pdf::open(&report.written[0]).page_texts();
        let volume = Pdf::open(&report.written[2]).page_texts();
        assert_eq!(long.len(), 1);
        assert_eq!(
            volume.len(),
            2 + 2,
            "cover, contents and one page per sheet"
        );
        assert!(
            squash(&volume[2]).contains(&squash(&long[0])),
            "the long sheet's page in the volume is the sheet's"
        );
    }
}

#[test]
fn no_stamps_leaves_the_stamp_boxes_out_for_the_council() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = repo().join("sheets/minato-r6");
    let mut options = BuildOptions::new(&sheets, dir.path().join("council"));
    options.no_stamps = true;
    let report = build(renderer(), &options, &());
    assert!(!report.failed(), "{:?}", report.failures);
    let stamps = ["区長", "副区長", "課長", "係長"];
    for path in &report.written {
        let text = Pdf::open(path).page_texts().concat();
        // 課長 is in no sheet's text but as a stamp box's title.
        for title in stamps {
            assert!(!text.contains(title), "{title} in {}", path.display());
        }
    }
    // Without it, the approval copy has them.
    let report = build(
        renderer(),
        &BuildOptions::new(&sheets, dir.path().join("approval")),
        &(),
    );
    let sheet = Pdf::open(&report.written[0]).page_texts().concat();
    assert!(sheet.contains("区長"), "{sheet}");
}

#[test]
fn a_goal_not_rated_counts_against_the_rate_and_is_a_warning() {
    use mokuhyo::sheet::model::Severity;
    use mokuhyo::sheet::problem::{Kind, RuleKind};
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("sheets/minato-r6");
    common::copy_ward(&repo().join("sheets/minato-r6"), &ward, "みなと区");
    // 地域振興課: ○, (not rated), ○.
    let file = ward.join("02_地域振興課.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("rating = \"△\"", "rating = \"\"", 1)).unwrap();

    // `check` warns, at the goal, and still passes.
    let out = common::mokuhyo(&["check", "--sheets", "sheets"], dir.path());
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains(
            "warning: `goals[2].rating`: the ward is evaluated, but this goal has no rating"
        ),
        "{said}"
    );

    // `build` too, and the volume's summary counts it: 2 ○ of 3 goals, 未評価 beside the rate.
    let report = build(
        renderer(),
        &BuildOptions::new(&ward, dir.path().join("out")),
        &(),
    );
    assert!(!report.failed(), "{:?}", report.failures);
    let unrated: Vec<_> = (report.problems.iter())
        .filter(|p| p.kind == Kind::Rule(RuleKind::Unrated))
        .collect();
    assert_eq!(unrated.len(), 1, "{:?}", report.problems);
    assert_eq!(unrated[0].severity, Severity::Warning);
    assert_eq!(
        (unrated[0].key.as_str(), unrated[0].division.as_deref()),
        ("goals[2].rating", Some("地域振興課"))
    );
    let volume = Pdf::open(report.written.last().unwrap());
    let summary = squash(&volume.page_texts()[2]);
    for row in [
        "1みなと区役所総務課1110333.3%",
        "2みなと区役所地域振興課2001366.7%未評価",
        "合計5211955.6%未評価",
    ] {
        assert!(summary.contains(row), "{row} not in {summary}");
    }
}

#[test]
fn a_target_or_result_of_only_spaces_is_a_warning() {
    use mokuhyo::sheet::problem::{Kind, RuleKind};
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("w");
    common::copy_ward(&repo().join("sheets/minato-r6"), &ward, "みなと区");
    let file = ward.join("01_総務課.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen("target = \"", "target = \"\u{3000} \" # was \"", 1);
    let at = text.find("result = \"").unwrap();
    let text = format!("{}result = \"  \"\n#{}", &text[..at], &text[at..]);
    std::fs::write(&file, text).unwrap();
    let (_, problems) = mokuhyo::sheet::model::load_ward(&ward);
    let blank: Vec<&str> = (problems.iter())
        .filter(|p| p.kind == Kind::Rule(RuleKind::OnlySpaces))
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(
        blank,
        [
            "goals[1].actions[1].indicators[1].target",
            "goals[1].actions[1].indicators[1].result"
        ],
        "{problems:?}"
    );
}
