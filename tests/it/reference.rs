//! Reference images: every page of the example wards' volumes (which hold every sheet) is
//! rendered with typst-render and compared with the PNGs committed under `tests/reference/`,
//! so any change of the layout shows and is approved on purpose.
//!
//! After a deliberate change, look at the new pages, then regenerate the references with
//!
//! ```sh
//! MOKUHYO_BLESS=1 cargo test --test it reference::
//! ```
//!
//! A failing comparison writes the page as rendered to `target/reference-actual/` to look at.

use crate::common;

use common::repo;
use mokuhyo::pdf::data::{Edition, VolumeData};
use mokuhyo::sheet::model::load_ward;
use tiny_skia::Pixmap;

/// A channel differing by more than this counts as a changed pixel (anti-aliasing noise
/// stays below it).
const CHANNEL_TOLERANCE: u8 = 8;
/// At most this many changed pixels per page (of 841 × 595).
const MAX_CHANGED_PIXELS: usize = 40;

fn pages_of(ward: &str) -> Vec<Pixmap> {
    let (ward, problems) = load_ward(&repo().join("sheets").join(ward));
    assert!(problems.is_empty(), "{problems:?}");
    let ward = ward.unwrap();
    let edition = Edition::of(&ward).unwrap();
    let data = VolumeData::new(&edition, &ward);
    rendered(&data, "volume.typ", ward.created)
}

fn rendered(data: &impl serde::Serialize, template: &str, date: chrono::NaiveDate) -> Vec<Pixmap> {
    let (document, _) = common::renderer().compile(template, data, date).unwrap();
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(1.0),
        ..Default::default()
    };
    document
        .pages()
        .iter()
        .map(|page| typst_render::render(page, &options))
        .collect()
}

/// みなと区's 地域振興課 approved in all three boxes (electronic seals), and its 総務課 submitted
/// and approved by its 課長 only (one seal, and 「案」 in the corner).
fn approval_pages() -> Vec<Pixmap> {
    use mokuhyo::pdf::data::SheetData;
    use mokuhyo::sheet::approval::{Stage, Stamp, Status};
    let (ward, _) = load_ward(&repo().join("sheets/minato-r6"));
    let ward = ward.unwrap();
    let stamp = |step: &str, name: &str, day: u32| Stamp {
        step: step.into(),
        who: name.into(),
        name: name.into(),
        at: format!("2025-05-{day:02}T10:00:00+09:00"),
    };
    let status = |stage, stamps| Status {
        stage,
        stamps,
        next: None,
        by: String::new(),
        at: String::new(),
        etag: String::new(),
        comment: String::new(),
        changed: false,
    };
    let all = vec![
        stamp("課長", "山田太郎", 1),
        stamp("副区長", "鈴木一郎", 2),
        stamp("区長", "佐藤花子", 7),
    ];
    let edition = Edition {
        approvals: Some(vec![
            ("地域振興課".into(), status(Stage::Approved, all)),
            (
                "総務課".into(),
                status(Stage::Submitted, vec![stamp("課長", "kacho", 1)]),
            ),
        ]),
        ..Edition::of(&ward).unwrap()
    };
    ["地域振興課", "総務課"]
        .iter()
        .flat_map(|name| {
            let division = ward.divisions.iter().find(|d| d.name == *name).unwrap();
            let data = SheetData::new(&edition, &ward, division);
            rendered(&data, "sheet.typ", ward.created)
        })
        .collect()
}

fn changed_pixels(a: &Pixmap, b: &Pixmap) -> usize {
    if (a.width(), a.height()) != (b.width(), b.height()) {
        return usize::MAX;
    }
    a.data()
        .chunks(4)
        .zip(b.data().chunks(4))
        .filter(|(p, q)| {
            p.iter()
                .zip(q.iter())
                .any(|(x, y)| x.abs_diff(*y) > CHANNEL_TOLERANCE)
        })
        .count()
}

fn check_ward(ward: &str) {
    check_pages(ward, pages_of(ward));
}

fn check_pages(ward: &str, pages: Vec<Pixmap>) {
    let dir = repo().join("tests/reference").join(ward);
    if std::env::var_os("MOKUHYO_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (i, page) in pages.iter().enumerate() {
            page.save_png(dir.join(format!("page-{:02}.png", i + 1)))
                .unwrap();
        }
        return;
    }
    let expected = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(
        pages.len(),
        expected,
        "{ward}: page count differs from tests/reference/{ward}"
    );
    let mut failures = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let name = format!("page-{:02}.png", i + 1);
        let reference = Pixmap::load_png(dir.join(&name)).unwrap();
        let changed = changed_pixels(page, &reference);
        if changed > MAX_CHANGED_PIXELS {
            let out = repo().join("target/reference-actual").join(ward);
            std::fs::create_dir_all(&out).unwrap();
            page.save_png(out.join(&name)).unwrap();
            failures.push(format!("{ward}/{name}: {changed} pixels differ"));
        }
    }
    assert!(
        failures.is_empty(),
        "layout changed (see target/reference-actual): {failures:?}"
    );
}

#[test]
fn higashi_pages_match_the_references() {
    check_ward("higashi-r5");
}

#[test]
fn minato_pages_match_the_references() {
    check_ward("minato-r6");
}

#[test]
fn approved_sheets_match_the_references() {
    check_pages("approval", approval_pages());
}
