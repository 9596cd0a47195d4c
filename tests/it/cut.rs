//! A ward's volume is laid out once and each sheet that fits on one page at full size is cut
//! out of it (see `src/pdf/build.rs`): those files must be the very files the sheet compiled on
//! its own gives, and a user's own `sheet.typ` or `volume.typ` must not be cut around.

use crate::common;

use common::{Pdf, renderer, renderer_with_templates, repo, squash};
use mokuhyo::pdf::build::{BuildOptions, BuildReport, build, division_file_name};
use mokuhyo::pdf::render::Renderer;
use std::path::{Path, PathBuf};

/// The 東区 divisions, and three more: one set smaller to fit, one over two pages even at
/// the smallest size, and one with Typst syntax and rare kanji in it.
fn mixed_ward(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(repo().join("sheets/higashi-r5")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let sentence = "地域の課題に応じた支援を関係機関と連携して行います。";
    for (order, name, repeats) in [(9, "長文課", 6), (10, "超長文課", 60), (11, "記号課", 1)]
    {
        let mut text =
            format!("order = {order}\ndepartment = \"東区役所\"\ndivision = \"{name}\"\n");
        for i in 1..=5 {
            let summary = if order == 11 {
                "#set page(width: 1cm) $x$ *太字* <label> @ref 𠮷野家 髙島屋 \\\\".to_string()
            } else {
                sentence.repeat(repeats)
            };
            text.push_str(&format!(
                "\n[[goals]]\ntext = \"目標{i}\"\n  [[goals.actions]]\n  name = \"取組{i}\"\n  summary = '''{summary}'''\n    [[goals.actions.indicators]]\n    name = \"指標{i}\"\n    target = \"{i}0件\"\n"
            ));
        }
        std::fs::write(dir.join(format!("{order:02}_{name}.toml")), text).unwrap();
    }
}

fn build_with(renderer: &Renderer, sheets: &Path, out: &Path, only: &[&str]) -> BuildReport {
    let mut options = BuildOptions::new(sheets, out);
    options.only = only.iter().map(|s| s.to_string()).collect();
    let report = build(renderer, &options, &());
    assert!(!report.failed(), "{:?}", report.failures);
    report
}

fn sheets_of(report: &BuildReport) -> Vec<PathBuf> {
    report
        .written
        .iter()
        .filter(|p| !p.to_string_lossy().contains("組織目標管理シート"))
        .cloned()
        .collect()
}

/// Builds each division of the ward at `sheets` alone (no volume: nothing is cut) and checks
/// its PDF is, byte for byte, the one of the whole build `whole`.
fn assert_each_alone_is_the_same(sheets: &Path, whole: &BuildReport, out: &Path) {
    let (ward, _) = mokuhyo::sheet::model::load_ward(sheets);
    let ward = ward.unwrap();
    let edition = mokuhyo::pdf::data::Edition::of(&ward).unwrap();
    let written = sheets_of(whole);
    assert_eq!(written.len(), ward.divisions.len());
    for division in &ward.divisions {
        let name = division.name.as_str();
        let alone = build_with(renderer(), sheets, &out.join(name), &[name]);
        assert_eq!((alone.cut, alone.written.len()), (0, 1));
        let file = division_file_name(division.order, name, &edition);
        let cut = written.iter().find(|p| p.ends_with(&file)).unwrap();
        assert!(
            std::fs::read(cut).unwrap() == std::fs::read(&alone.written[0]).unwrap(),
            "{} differs from the sheet compiled alone",
            cut.display()
        );
    }
}

#[test]
fn sheets_cut_from_the_volume_are_the_sheets_compiled_alone() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/ward");
    mixed_ward(&sheets);
    let whole = build_with(renderer(), &sheets, &dir.path().join("whole"), &[]);
    let written = sheets_of(&whole);
    assert_eq!(written.len(), 11);
    // The 8 東区 sheets and 記号課 fit at full size and are cut; 長文課 (smaller) and 超長文課
    // (more than a page) are compiled on their own.
    assert_eq!(whole.cut, 9, "{written:?}");
    // The volume mixes text sizes: build says which sheet was set smaller, and at what size.
    let smaller: Vec<String> = (whole.warnings.iter())
        .filter_map(|w| match w {
            mokuhyo::pdf::build::Warning::SetSmaller { division, size, .. } => {
                Some(format!("{division} {size}"))
            }
            _ => None,
        })
        .collect();
    assert_eq!(smaller.len(), 1, "{smaller:?}");
    assert!(smaller[0].starts_with("長文課 "), "{smaller:?}");

    assert_each_alone_is_the_same(&sheets, &whole, &dir.path().join("alone"));

    // What a reader gets from a cut sheet: one page, no volume page number, its own title.
    let pdf = Pdf::open(&written[0]);
    assert_eq!(pdf.page_count(), 1);
    assert_eq!(
        pdf.info("Title").unwrap(),
        "令和５年度 組織目標管理シート 東区 地域課"
    );
    // 地域課's department is the ward itself: said once.
    assert_eq!(
        pdf.info("Subject").unwrap(),
        "令和５年度 東区 地域課の組織目標と取組指標"
    );
    // The volume has every sheet, numbered: cover, contents, 10 one-page sheets and the
    // pages of 超長文課; the cut sheet has not the volume's page number.
    let long = written
        .iter()
        .find(|p| p.to_string_lossy().contains("超長文課"))
        .map(|p| Pdf::open(p).page_count())
        .unwrap();
    assert!(long > 1);
    let volume = Pdf::open(whole.written.last().unwrap());
    let total = 2 + 10 + long;
    assert_eq!(volume.page_count(), total);
    assert!(squash(&volume.page_texts()[2]).contains(&format!("3/{total}")));
    let text = squash(&pdf.page_texts()[0]);
    assert!(!text.contains(&format!("/{total}")), "{text}");
}

#[test]
fn an_evaluated_ward_with_stamps_and_a_summary_page_is_cut_alike() {
    // みなと区: approval stamps on every sheet, ratings, and the volume's 評価集計 page before
    // the sheets.
    let dir = tempfile::tempdir().unwrap();
    let sheets = repo().join("sheets/minato-r6");
    let whole = build_with(renderer(), &sheets, &dir.path().join("whole"), &[]);
    assert_eq!(whole.cut, 3);
    assert_each_alone_is_the_same(&sheets, &whole, &dir.path().join("alone"));
}

#[test]
fn a_users_own_sheet_or_volume_template_is_compiled_not_cut() {
    for replaced in ["sheet.typ", "volume.typ"] {
        let dir = tempfile::tempdir().unwrap();
        let shipped = std::fs::read_to_string(repo().join("templates").join(replaced)).unwrap();
        // A page footer of the user's on every sheet, or on the volume's pages.
        let own = shipped.replace(
            "#show: setup\n",
            "#show: setup\n#set page(footer: align(right, text(size: 6pt)[区独自の欄]))\n",
        );
        assert_ne!(own, shipped);
        let renderer = renderer_with_templates(dir.path(), &[(replaced, &own)]);
        let report = build_with(
            &renderer,
            &repo().join("sheets/higashi-r5"),
            &dir.path().join("out"),
            &[],
        );
        assert_eq!(report.cut, 0, "{replaced}");
        let sheet = squash(&Pdf::open(&report.written[0]).page_texts()[0]);
        assert_eq!(
            sheet.contains("区独自の欄"),
            replaced == "sheet.typ",
            "{replaced}: {sheet}"
        );
    }
}

#[test]
fn a_division_that_breaks_the_template_leaves_the_others_and_an_incomplete_volume() {
    // The volume is laid out first; when a division's sheet fails in it, every sheet is
    // compiled on its own, which tells which fails, and the volume is made without it.
    let dir = tempfile::tempdir().unwrap();
    let form = std::fs::read_to_string(repo().join("templates/form.typ")).unwrap();
    let broken = form.replace(
        "#let sheet(d) = {\n",
        "#let sheet(d) = {\n  if d.division == \"保護課\" { panic(\"保護課は組めません\") }\n",
    );
    assert_ne!(broken, form);
    let renderer = renderer_with_templates(dir.path(), &[("form.typ", &broken)]);
    let out = dir.path().join("out");
    let report = build(
        &renderer,
        &BuildOptions::new(repo().join("sheets/higashi-r5"), &out),
        &(),
    );
    assert!(report.failed());
    assert_eq!(report.cut, 0);
    let failures = report.failure_lines().join("\n");
    assert!(
        failures.contains("05_保護課.toml") && failures.contains("保護課は組めません"),
        "{failures}"
    );
    assert!(failures.contains("未完成"), "{failures}");
    let sheets = sheets_of(&report);
    assert_eq!(sheets.len(), 7, "{sheets:?}");
    assert!(!out.join("higashi-r5/05_保護課.pdf").exists());
    let volume = Pdf::open(report.written.last().unwrap());
    assert_eq!(volume.page_count(), 2 + 7);
    assert!(squash(&volume.page_texts()[0]).contains("未完成"));
}
