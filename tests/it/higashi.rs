//! The 令和５年度 東区 ward, built for real from `sheets/higashi-r5` into a temporary folder,
//! and the PDFs read back: page size and count, embedded fonts, and every piece of text of the
//! original sheets (`tests/fixtures/higashi-r5-sheets.txt`, the text extracted from them).

use crate::common;

use common::{Pdf, repo, squash};
use mokuhyo::pdf::build::{BuildOptions, BuildReport, build};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The divisions of the seed, in order.
const DIVISIONS: [&str; 8] = [
    "地域課",
    "区民生活課",
    "健康福祉課",
    "石山地域保健福祉センター",
    "保護課",
    "建設課",
    "総務課",
    "石山出張所",
];

struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    report: BuildReport,
}

/// One build of the ward, shared by the tests of this file.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let options = BuildOptions::new(repo().join("sheets/higashi-r5"), &out);
        let report = build(common::renderer(), &options, &());
        Built {
            _dir: dir,
            out,
            report,
        }
    })
}

fn sheet_pdf(i: usize) -> Pdf {
    Pdf::open(&built().report.written[i])
}

fn volume_pdf() -> Pdf {
    Pdf::open(built().report.written.last().unwrap())
}

#[test]
fn writes_eight_sheets_and_a_volume() {
    let b = built();
    assert!(
        !b.report.failed(),
        "{:?} {:?}",
        b.report.problems,
        b.report.failures
    );
    assert!(b.report.problems.is_empty(), "{:?}", b.report.problems);
    let names: Vec<String> = b
        .report
        .written
        .iter()
        .map(|p| {
            assert_eq!(p.parent().unwrap(), b.out.join("higashi-r5"));
            p.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    let mut expected: Vec<String> = DIVISIONS
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{:02}_{d}.pdf", i + 1))
        .collect();
    expected.push("東区_令和５年度_組織目標管理シート.pdf".to_string());
    assert_eq!(names, expected);
}

#[test]
fn every_sheet_is_one_landscape_a4_page() {
    for (i, division) in DIVISIONS.iter().enumerate() {
        let pdf = sheet_pdf(i);
        assert_eq!(pdf.page_count(), 1, "{division}");
        let (w, h) = pdf.page_sizes()[0];
        // A4 is 297 × 210 mm = 841.89 × 595.28 pt; landscape puts the long side across.
        assert!(
            (w - 841.89).abs() < 0.5 && (h - 595.28).abs() < 0.5,
            "{w}×{h}"
        );
    }
}

#[test]
fn the_volume_binds_all_sheets_in_order() {
    let pdf = volume_pdf();
    assert_eq!(
        pdf.page_count(),
        DIVISIONS.len() + 2,
        "cover, contents and the sheets"
    );
    assert!(pdf.page_sizes().iter().all(|&(w, h)| w > h));
    for (page, division) in pdf.page_texts()[2..].iter().zip(DIVISIONS) {
        let page = squash(page);
        assert!(
            page.contains(&format!("組織名（準部・課・機関名）{division}")),
            "{division}"
        );
    }
    assert_eq!(
        pdf.info("Title").as_deref(),
        Some("令和５年度 組織目標管理シート 東区")
    );
}

#[test]
fn fonts_are_embedded_subsets_of_biz_ud_gothic() {
    for pdf in (0..DIVISIONS.len()).map(sheet_pdf).chain([volume_pdf()]) {
        let fonts = pdf.fonts();
        assert!(!fonts.is_empty());
        for (name, embedded) in &fonts {
            assert!(embedded, "{name} is not embedded");
            // Subsets are named ABCDEF+Name.
            assert_eq!(name.find('+'), Some(6), "{name} is not a subset");
        }
        assert!(
            fonts
                .iter()
                .any(|(n, _)| n.ends_with("+BIZUDGothic-Regular")),
            "{fonts:?}"
        );
        assert!(
            fonts.iter().any(|(n, _)| n.ends_with("+BIZUDGothic-Bold")),
            "{fonts:?}"
        );
    }
}

#[test]
fn metadata_names_the_sheet_and_its_date() {
    let pdf = sheet_pdf(0);
    assert_eq!(
        pdf.info("Title").as_deref(),
        Some("令和５年度 組織目標管理シート 東区 地域課")
    );
    assert_eq!(pdf.info("Author").as_deref(), Some("東区"));
    let date = pdf.info("CreationDate").unwrap();
    assert!(date.starts_with("D:20230401"), "{date}");
}

/// The seed text, one section per sheet (each starts with the line 作成日), split into the
/// pieces the extraction separated by line breaks and spaces.
fn seed_pieces() -> Vec<Vec<String>> {
    let text =
        std::fs::read_to_string(repo().join("tests/fixtures/higashi-r5-sheets.txt")).unwrap();
    let text = format!("\n{}", text.replace("\r\n", "\n"));
    text.split("\n作成日\n")
        .filter(|s| !s.trim().is_empty())
        .map(|section| {
            let section = format!("作成日\n{section}");
            section.split_whitespace().map(str::to_string).collect()
        })
        .collect()
}

/// Whether `piece` is in `text`. The extraction ran a value and the next label of the form
/// together on one line in places (`R5.4.1（参考）`, `おける政策指標組織名（部）`): such a piece
/// counts when the value and the label both are.
fn contains_piece(text: &str, piece: &str) -> bool {
    const LABELS: [&str; 2] = ["（参考）", "組織名（部）"];
    text.contains(piece)
        || LABELS.iter().any(|label| {
            piece.strip_suffix(label).is_some_and(|value| {
                !value.is_empty() && text.contains(value) && text.contains(label)
            })
        })
}

#[test]
fn every_text_of_the_seed_is_in_its_divisions_pdf() {
    let sections = seed_pieces();
    assert_eq!(sections.len(), DIVISIONS.len());
    let volume_pages = volume_pdf().page_texts();
    for (i, pieces) in sections.iter().enumerate() {
        let sheet = squash(&sheet_pdf(i).page_texts().concat());
        assert!(sheet.contains(DIVISIONS[i]));
        let missing: Vec<&String> = pieces
            .iter()
            .filter(|p| !contains_piece(&sheet, p))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: not in the PDF: {missing:?}",
            DIVISIONS[i]
        );
        // The volume's page is the same sheet (after the cover and contents, with a page number).
        let numbered = format!("{sheet}{}/{}", i + 3, volume_pages.len());
        assert_eq!(squash(&volume_pages[i + 2]), numbered, "{}", DIVISIONS[i]);
    }
}

#[test]
fn typos_of_the_original_are_kept() {
    let all = squash(&volume_pdf().page_texts().concat());
    for typo in ["投稿してもらフォトコンテスト", "実施し,職員", "実現に向け"]
    {
        assert!(all.contains(typo), "{typo}");
    }
}

/// The laid-out text of one 東区 division's sheet, compiled in-process.
fn laid_out(division: &str) -> Vec<common::Placed> {
    let sheets = common::lay_out(&repo().join("sheets/higashi-r5"));
    sheets
        .into_iter()
        .find(|(name, _, _)| name == division)
        .unwrap()
        .2
}

fn find<'a>(items: &'a [common::Placed], start: &str) -> Vec<&'a common::Placed> {
    items.iter().filter(|p| p.text.starts_with(start)).collect()
}

/// The numbers printed in the No. column, top to bottom.
fn numbers(items: &[common::Placed]) -> Vec<String> {
    let no = find(items, "No.")[0];
    let mut column: Vec<&common::Placed> = items
        .iter()
        .filter(|p| {
            p.y > no.y && (p.x - no.x).abs() < 8.0 && p.text.chars().all(|c| c.is_ascii_digit())
        })
        .collect();
    column.sort_by(|a, b| a.y.total_cmp(&b.y));
    column.iter().map(|p| p.text.clone()).collect()
}

#[test]
fn merged_rows_come_out_merged() {
    // 区民生活課 No. 4: one No. cell and one goal cell beside two actions, each with its own
    // indicator; the form numbers five goals, not five table rows, so an empty No. 5 follows.
    let items = laid_out("区民生活課");
    assert_eq!(numbers(&items), ["1", "2", "3", "4", "5"]);
    let goal = find(&items, "生活環境の保全を図り");
    assert_eq!(goal.len(), 1);
    // The targets of the two indicators mark their rows.
    let first = find(&items, "110箇所");
    let second = find(&items, "23,000人");
    assert_eq!((first.len(), second.len()), (1, 1));
    assert!(
        (goal[0].y - first[0].y).abs() < 1.0,
        "the goal starts on the first sub-row"
    );
    assert!(
        second[0].y > first[0].y + 20.0,
        "the second action is a row further down"
    );
    assert!(first[0].x > goal[0].x && (first[0].x - second[0].x).abs() < 1.0);
    for (action, row) in [
        ("東区クリーン大作戦", &first),
        ("ボランティア清掃へ", &second),
    ] {
        let action = find(&items, action);
        assert_eq!(action.len(), 1);
        assert!(
            (action[0].y - row[0].y).abs() < 1.0,
            "each action beside its indicator"
        );
    }

    // 保護課 No. 2: goal, action and summary cells over two indicator rows.
    let items = laid_out("保護課");
    assert_eq!(numbers(&items), ["1", "2", "3", "4", "5"]);
    let goal = find(&items, "\u{3000}生活保護や低所得");
    let action = find(&items, "・子ども学習会");
    let first = find(&items, "25%");
    let second = find(&items, "20人");
    assert_eq!(
        (goal.len(), action.len(), first.len(), second.len()),
        (1, 1, 1, 1)
    );
    assert!((goal[0].y - first[0].y).abs() < 1.0 && (action[0].y - first[0].y).abs() < 1.0);
    assert!(second[0].y > first[0].y + 15.0);
    assert!((second[0].x - first[0].x).abs() < 1.0);

    // 地域課 sets four goals: an empty No. 5 row follows them.
    assert_eq!(numbers(&laid_out("地域課")), ["1", "2", "3", "4", "5"]);
}

#[test]
fn full_width_forms_and_ideographic_spaces_are_kept() {
    let all = volume_pdf().page_texts().concat();
    for s in [
        "行財１－１－①",
        "行財1－1－①",
        "行財1-1-①",
        "ＳＮＳ",
        "(Ⅱ-1-(1))",
        "（ＮＣＳＩＳ）",
    ] {
        assert!(squash(&all).contains(s), "{s}");
    }
    // A goal that starts with an indent (U+3000) keeps it.
    assert!(all.contains("\u{3000}ものづくりをはじめとする"));
}
