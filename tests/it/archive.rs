//! The volume and the PDFs as council reports and the archive need them: cover, contents,
//! page numbers, bookmarks, metadata, reproducible bytes, PDF/A and PDF/UA, tags, atomic
//! writes and safe file names.

use crate::common;

use common::{Pdf, bookmarks, files_under, renderer, repo, squash, ward_with_cells};
use lopdf::Object;
use mokuhyo::pdf::build::{BuildOptions, BuildReport, build};
use mokuhyo::pdf::render::{PdfSettings, parse_standard};
use std::path::{Path, PathBuf};

fn build_higashi(out: &Path, pdf: PdfSettings) -> BuildReport {
    let mut options = BuildOptions::new(repo().join("sheets/higashi-r5"), out);
    options.pdf = pdf;
    let report = build(renderer(), &options, &());
    assert!(
        !report.failed(),
        "{:?} {:?}",
        report.problems,
        report.failures
    );
    report
}

fn volume(report: &BuildReport) -> Pdf {
    Pdf::open(report.written.last().unwrap())
}

#[test]
fn the_volume_has_a_cover_contents_page_numbers_and_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let report = build_higashi(dir.path(), PdfSettings::default());
    let pdf = volume(&report);
    assert_eq!(pdf.page_count(), 10);
    let pages: Vec<String> = pdf.page_texts().iter().map(|p| squash(p)).collect();

    for part in [
        "令和５年度",
        "組織目標管理シート",
        "東区",
        "令和５年４月１日作成",
        "全８課",
    ] {
        assert!(pages[0].contains(part), "cover lacks {part}: {}", pages[0]);
    }
    assert!(pages[1].contains("目次"));
    let divisions = [
        ("東区", "地域課"),
        ("東区", "区民生活課"),
        ("東区役所", "健康福祉課"),
        ("東区役所", "石山地域保健福祉センター"),
        ("東区", "保護課"),
        ("東区役所", "建設課"),
        ("東区役所", "総務課"),
        ("東区役所", "石山出張所"),
    ];
    for (i, (department, division)) in divisions.iter().enumerate() {
        // Contents: No., department, division, page.
        let entry = format!("{}{department}{division}{}", i + 1, i + 3);
        assert!(
            pages[1].contains(&entry),
            "contents lack {entry}: {}",
            pages[1]
        );
        // The division's sheet is on that page.
        assert!(pages[i + 2].contains(&format!("（準部・課・機関名）{division}")));
    }
    // Every page numbered but the cover, which is counted.
    assert!(!pages[0].ends_with("/10"), "the cover: {}", pages[0]);
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(
            page.ends_with(&format!("{}/10", i + 1)),
            "page {}: {page}",
            i + 1
        );
    }

    let names: Vec<&str> = divisions.iter().map(|(_, d)| *d).collect();
    assert_eq!(bookmarks(&pdf), names);
    let labels = pdf.doc.catalog().unwrap().get(b"PageLabels").unwrap();
    assert!(matches!(
        labels,
        Object::Dictionary(_) | Object::Reference(_)
    ));

    // A division's own PDF is the sheet alone, without volume page numbers.
    for (i, path) in report.written[..8].iter().enumerate() {
        let sheet = squash(&Pdf::open(path).page_texts().concat());
        assert_eq!(format!("{sheet}{}/10", i + 3), pages[i + 2]);
    }
}

#[test]
fn metadata_comes_from_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/w");
    ward_with_cells(&sheets, |name| format!("{name}名"));
    // An evaluated edition: its date is the 評価日.
    let ward =
        "ward = \"テスト区\"\nfiscal_year = 2024\ncreated = 2024-04-01\nevaluated = 2025-04-30\n";
    std::fs::write(sheets.join("ward.toml"), ward).unwrap();
    let report = build(
        renderer(),
        &BuildOptions::new(&sheets, dir.path().join("out")),
        &(),
    );
    assert!(!report.failed(), "{:?}", report.failures);
    let sheet = Pdf::open(&report.written[0]);
    assert_eq!(
        sheet.info("Title").unwrap(),
        "令和６年度 組織目標管理シート（評価） テスト区 division名"
    );
    assert_eq!(sheet.info("Author").unwrap(), "テスト区, department名");
    assert!(sheet.info("Subject").unwrap().contains("division名"));
    assert!(
        sheet
            .info("Keywords")
            .unwrap()
            .contains("組織目標管理シート")
    );
    assert!(
        sheet
            .info("CreationDate")
            .unwrap()
            .starts_with("D:20250430")
    );
    let lang = sheet
        .doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    assert_eq!(lang, b"ja-JP");
    let volume = Pdf::open(&report.written[1]);
    assert_eq!(
        volume.info("Title").unwrap(),
        "令和６年度 組織目標管理シート（評価） テスト区"
    );
    assert!(squash(&volume.page_texts()[0]).contains("令和７年４月３０日評価"));
}

#[test]
fn the_same_input_gives_the_same_bytes_whatever_the_clock_zone_or_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for (i, (zone, jobs)) in [
        ("UTC", "1"),
        ("Asia/Tokyo", "2"),
        ("America/Los_Angeles", "5"),
    ]
    .iter()
    .enumerate()
    {
        let out = dir.path().join(format!("out{i}"));
        let status = common::command()
            .args(["build", "--sheets"])
            .arg(repo().join("sheets"))
            .arg("--out")
            .arg(&out)
            .args(["--jobs", jobs])
            .env("TZ", zone)
            .env(
                "SOURCE_DATE_EPOCH",
                (1_700_000_000 + i * 86_400 * 400).to_string(),
            )
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        outputs.push(contents_under(&out));
    }
    assert_eq!(outputs[0].len(), 9 + 4, "both example wards");
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

/// The PDFs under `dir` with their bytes (the build's manifest of what it wrote, with the
/// files' times, is not output to compare).
fn contents_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in files_under(dir) {
        if entry
            .file_name()
            .is_some_and(|n| n == mokuhyo::pdf::tidy::MANIFEST)
        {
            continue;
        }
        files.push((
            entry.strip_prefix(dir).unwrap().to_path_buf(),
            std::fs::read(&entry).unwrap(),
        ));
    }
    files.sort();
    files
}

#[test]
fn pdf_a_2b_and_pdf_ua_1_pass_typsts_checks() {
    for (name, marker) in [
        ("a-2b", "pdfaid:part>2<"),
        ("a-2u", "pdfaid:conformance>U<"),
        ("ua-1", "pdfuaid:part>1<"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let settings = PdfSettings::new(&[parse_standard(name).unwrap()], true).unwrap();
        let report = build_higashi(dir.path(), settings);
        assert_eq!(report.written.len(), 9, "{name}");
        for path in &report.written {
            let bytes = std::fs::read(path).unwrap();
            let found = bytes.windows(marker.len()).any(|w| w == marker.as_bytes());
            assert!(found, "{name}: {} has no {marker}", path.display());
        }
    }
    assert!(
        parse_standard("a-9z")
            .unwrap_err()
            .to_string()
            .contains("a-2b")
    );
    // Standards that cannot be combined are refused before anything is compiled.
    let clash = [
        parse_standard("a-2b").unwrap(),
        parse_standard("a-3b").unwrap(),
    ];
    assert!(
        PdfSettings::new(&clash, true)
            .unwrap_err()
            .to_string()
            .starts_with("--pdf-standard")
    );
}

#[test]
fn tags_are_on_by_default_with_table_header_cells_and_can_be_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let tagged = build_higashi(&dir.path().join("tagged"), PdfSettings::default());
    let untagged = build_higashi(
        &dir.path().join("untagged"),
        PdfSettings::new(&[], false).unwrap(),
    );
    let count = |pdf: &Pdf, name: &[u8]| {
        pdf.doc
            .objects
            .values()
            .filter(|o| {
                o.as_dict()
                    .is_ok_and(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(name))
            })
            .count()
    };
    let sheet = Pdf::open(&tagged.written[0]);
    assert!(sheet.doc.catalog().unwrap().has(b"StructTreeRoot"));
    // The two header rows of the goal table: 7 cells above, 6 below.
    assert_eq!(count(&sheet, b"TH"), 13);
    assert!(count(&sheet, b"TD") > 40);
    let plain = Pdf::open(&untagged.written[0]);
    assert!(!plain.doc.catalog().unwrap().has(b"StructTreeRoot"));
    let size = |r: &BuildReport| std::fs::metadata(r.written.last().unwrap()).unwrap().len();
    assert!(size(&untagged) < size(&tagged));
}

#[test]
fn a_failed_build_keeps_the_good_pdfs_and_marks_the_volume_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/higashi-r5");
    std::fs::create_dir_all(&sheets).unwrap();
    for entry in std::fs::read_dir(repo().join("sheets/higashi-r5")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, sheets.join(path.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("out");
    let first = build(renderer(), &BuildOptions::new(&sheets, &out), &());
    assert!(!first.failed());
    let before = contents_under(&out);
    let volume_pages = volume(&first).page_count();

    // Break 健康福祉課: its file no longer parses; change 地域課 so it is rewritten.
    let broken = sheets.join("03_健康福祉課.toml");
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(&broken, text.replacen("division = ", "division == ", 1)).unwrap();
    let chiiki = sheets.join("01_地域課.toml");
    let text = std::fs::read_to_string(&chiiki).unwrap();
    std::fs::write(&chiiki, text.replace("10者", "11者")).unwrap();

    let second = build(renderer(), &BuildOptions::new(&sheets, &out), &());
    assert!(second.failed());
    assert_eq!(
        second.written.len(),
        8,
        "the seven sound divisions and the volume"
    );
    assert!(
        second
            .failure_lines()
            .iter()
            .any(|f| f.contains("未完成") && f.contains("03_健康福祉課.toml")),
        "{:?}",
        second.failures
    );
    let after = contents_under(&out);
    assert_eq!(
        after.len(),
        before.len(),
        "no stray temporary files: {after:?}"
    );
    for ((name, old), (name_after, new)) in before.iter().zip(&after) {
        assert_eq!(name, name_after);
        let name = name.to_string_lossy();
        if name.contains("健康福祉課") {
            assert_eq!(old, new, "{name} was touched");
        } else if name.contains("地域課") || name.contains("組織目標管理シート") {
            assert_ne!(old, new, "{name} was not rebuilt");
        }
    }

    // The volume says on its cover and contents that it is incomplete, and why; it has one
    // sheet fewer, and its title says so too.
    let incomplete = volume(&second);
    assert_eq!(incomplete.page_count(), volume_pages - 1);
    let pages = incomplete.page_texts();
    assert!(squash(&pages[0]).contains("未完成"), "{}", pages[0]);
    let contents = squash(&pages[1]);
    assert!(contents.contains("03_健康福祉課.toml"), "{contents}");
    // In Japanese, as the volume is, with its line and column.
    assert!(
        contents.contains("3:11:余分な文字があります。"),
        "the parse error is listed: {contents}"
    );
    assert!(
        !pages[2..].concat().contains("健康福祉課"),
        "no sheet of it"
    );
    assert!(incomplete.info("Title").unwrap().contains("未完成"));

    // Mended, the next build writes the whole volume again.
    std::fs::write(
        &broken,
        std::fs::read(repo().join("sheets/higashi-r5/03_健康福祉課.toml")).unwrap(),
    )
    .unwrap();
    let third = build(renderer(), &BuildOptions::new(&sheets, &out), &());
    assert!(!third.failed(), "{:?}", third.failures);
    assert_eq!(volume(&third).page_count(), volume_pages);
}

#[test]
fn a_ward_without_divisions_gets_no_volume_but_one_whose_files_all_fail_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    let ward_toml = "ward = \"空区\"\nfiscal_year = 2025\ncreated = 2025-04-01\n";
    let empty = dir.path().join("sheets/empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("ward.toml"), ward_toml).unwrap();
    let broken = dir.path().join("sheets/broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("ward.toml"), ward_toml.replace("空区", "壊区")).unwrap();
    std::fs::write(broken.join("01_総務課.toml"), "order = \"one\"\n").unwrap();

    let out = dir.path().join("out");
    let report = build(
        renderer(),
        &BuildOptions::new(dir.path().join("sheets"), &out),
        &(),
    );
    assert!(report.failed());
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.message().contains("this ward has no division")),
        "{:?}",
        report.problems
    );
    // Nothing to bind: no folder, no volume of no sheet.
    assert!(!out.join("empty").exists());
    // Every file failing: the volume says so, so that no earlier volume stays looking current.
    assert_eq!(report.written.len(), 1, "{:?}", report.written);
    let pdf = Pdf::open(&report.written[0]);
    assert!(pdf.info("Title").unwrap().contains("未完成"));
    assert!(squash(&pdf.page_texts()[1]).contains("01_総務課.toml"));
}

#[test]
fn file_names_are_safe_whatever_the_data_says() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/w");
    ward_with_cells(&sheets, |_| "x".to_string());
    let template = std::fs::read_to_string(sheets.join("01.toml")).unwrap();
    let names = [
        "../../escape",
        "CON",
        "a/b\\\\c:d*e?f<g>h|i",
        "..",
        " 末尾の点. ",
    ];
    for (i, name) in names.iter().enumerate() {
        let text = template
            .replace("order = 1", &format!("order = {}", i + 1))
            .replace("division = \"x\"", &format!("division = \"{name}\""));
        std::fs::write(sheets.join(format!("{:02}.toml", i + 1)), text).unwrap();
    }
    let out = dir.path().join("out");
    let report = build(renderer(), &BuildOptions::new(&sheets, &out), &());
    assert!(
        !report.failed(),
        "{:?} {:?}",
        report.problems,
        report.failures
    );
    let written: Vec<String> = report
        .written
        .iter()
        .map(|p| {
            assert_eq!(p.parent().unwrap(), out.join("w"), "{}", p.display());
            p.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    assert_eq!(
        written[..5],
        [
            "01_.._.._escape_評価.pdf",
            "02_CON_評価.pdf",
            "03_a_b_c_d_e_f_g_h_i_評価.pdf",
            "04__評価.pdf",
            "05_ 末尾の点_評価.pdf"
        ]
    );
    let pdfs = |p: &&PathBuf| p.extension().is_some_and(|e| e == "pdf");
    assert_eq!(
        files_under(dir.path())
            .iter()
            .filter(|p| p.starts_with(&out))
            .filter(pdfs)
            .count(),
        6
    );
    assert_eq!(
        files_under(dir.path()).iter().filter(pdfs).count(),
        6,
        "nothing written elsewhere"
    );
    assert_eq!(
        files_under(dir.path()).len(),
        6 + 1 + names.len() + 1,
        "the PDFs, the manifest, the sheets and ward.toml: nothing else"
    );
}
