//! Helpers shared by the integration tests: reading the real PDFs (with lopdf and
//! pdf-extract, no poppler needed) and writing sheet folders.
#![allow(dead_code)]

use lopdf::{Document, Object};
use mokuhyo::pdf::render::{Renderer, Resources};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The program as built for these tests.
pub const MOKUHYO: &str = env!("CARGO_BIN_EXE_mokuhyo");

/// Runs the program with `args` in the folder `dir`, and waits for what it printed. Its
/// messages are in English (an English locale), as the tests read them.
pub fn mokuhyo(args: &[&str], dir: &Path) -> std::process::Output {
    command().args(args).current_dir(dir).output().unwrap()
}

/// The program with an English locale, whatever the machine's.
pub fn command() -> std::process::Command {
    let mut command = std::process::Command::new(MOKUHYO);
    command.env("LC_ALL", "en_US.UTF-8");
    command
}

/// Runs the program in the locale `locale` (`LANG`, with no `LC_ALL`, `LC_MESSAGES`,
/// `LC_CTYPE` or `LANGUAGE`).
pub fn mokuhyo_in(locale: &str, args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(MOKUHYO)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LC_CTYPE")
        .env_remove("LANGUAGE")
        .env("LANG", locale)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A copy of the ward `from` in `to`, as a ward named `name`.
pub fn copy_ward(from: &Path, to: &Path, name: &str) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "ward.toml" {
            let mut ward: toml::Table =
                toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            ward.insert("ward".into(), name.into());
            write_toml(to, "ward.toml", &ward);
        } else {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// Both example wards, file for file (comments and all), into `sheets/higashi-r5` and
/// `sheets/minato-r6` under `dir`.
pub fn copy_example_wards(dir: &Path) {
    for folder in ["higashi-r5", "minato-r6"] {
        let to = dir.join("sheets").join(folder);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(repo().join("sheets").join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One renderer (fonts parsed, templates loaded) for all the tests of a test binary.
pub fn renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| Renderer::new(&Resources::default()).unwrap())
}

/// A renderer with a templates folder `dir/templates` holding `files` (name, text): they
/// replace the embedded templates of the same name, or are added beside them.
pub fn renderer_with_templates(dir: &Path, files: &[(&str, &str)]) -> Renderer {
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    for (name, text) in files {
        std::fs::write(templates.join(name), text).unwrap();
    }
    Renderer::new(&Resources {
        templates: Some(templates),
        ..Resources::default()
    })
    .unwrap()
}

/// Every file under `dir`, in its sub-folders too, in no set order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Every division of the ward at `dir`, laid out in-process: (name, pages, text).
pub fn lay_out(dir: &Path) -> Vec<(String, usize, Vec<Placed>)> {
    use mokuhyo::pdf::data::{Edition, SheetData};
    use mokuhyo::sheet::model::{Severity, load_ward};
    let (ward, problems) = load_ward(dir);
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let ward = ward.unwrap();
    let edition = Edition::of(&ward).unwrap();
    ward.divisions
        .iter()
        .map(|d| {
            let data = SheetData::new(&edition, &ward, d);
            let (doc, _) = renderer()
                .compile("sheet.typ", &data, ward.created)
                .unwrap();
            (d.name.clone(), doc.pages().len(), placed_text(&doc))
        })
        .collect()
}

/// A PDF as a reader sees it.
pub struct Pdf {
    pub doc: Document,
    pub bytes: Vec<u8>,
}

impl Pdf {
    pub fn open(path: &Path) -> Self {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Self::from_bytes(bytes)
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        let doc = Document::load_mem(&bytes).expect("a PDF lopdf can read");
        Self { doc, bytes }
    }

    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// Width and height of every page's MediaBox, in points.
    pub fn page_sizes(&self) -> Vec<(f32, f32)> {
        self.doc
            .get_pages()
            .values()
            .map(|&id| {
                let page = self.doc.get_dictionary(id).unwrap();
                let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
                let n: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap()).collect();
                (n[2] - n[0], n[3] - n[1])
            })
            .collect()
    }

    /// Every font descriptor: (font name, whether the font program is embedded).
    pub fn fonts(&self) -> Vec<(String, bool)> {
        let mut fonts = Vec::new();
        for object in self.doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor".as_ref())
            {
                continue;
            }
            let name = dict
                .get(b"FontName")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .into_iter()
                .any(|key| dict.has(key));
            fonts.push((name, embedded));
        }
        fonts.sort();
        fonts
    }

    /// The text of each page, in content order.
    pub fn page_texts(&self) -> Vec<String> {
        pdf_extract::extract_text_from_mem_by_pages(&self.bytes).expect("text extraction")
    }

    /// A string of the document information dictionary (Title, Author, …).
    pub fn info(&self, key: &str) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let info = self.doc.get_dictionary(info.as_reference().ok()?).ok()?;
        let bytes = info.get(key.as_bytes()).ok()?.as_str().ok()?;
        Some(decode_text_string(bytes))
    }
}

/// A PDF text string: UTF-16BE with a BOM, else PDFDocEncoding (taken as Latin-1 here).
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Text without any white space, for comparing text whose lines wrap differently.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Writes a TOML value to `dir/name`.
pub fn write_toml(dir: &Path, name: &str, value: &toml::Table) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), toml::to_string(value).unwrap()).unwrap();
}

/// The fields of the form a division file fills, as [`ward_with_cells`] names them.
pub const FIELDS: [&str; 12] = [
    "division",
    "department",
    "policy",
    "goal",
    "plan_ref",
    "indicator",
    "target",
    "result",
    "action",
    "summary",
    "status",
    "next_steps",
];

/// A ward folder with one division whose every cell is given by `cell(name)`: each of
/// [`FIELDS`].
pub fn ward_with_cells(dir: &Path, cell: impl Fn(&str) -> String) {
    let ward: toml::Table = toml::from_str(
        "ward = \"テスト区\"\nfiscal_year = 2024\ncreated = 2024-04-01\nevaluated = 2025-04-30\n",
    )
    .unwrap();
    write_toml(dir, "ward.toml", &ward);
    let mut indicator = toml::Table::new();
    indicator.insert("name".into(), cell("indicator").into());
    indicator.insert("target".into(), cell("target").into());
    indicator.insert("result".into(), cell("result").into());
    let mut action = toml::Table::new();
    action.insert("name".into(), cell("action").into());
    action.insert("summary".into(), cell("summary").into());
    action.insert(
        "indicators".into(),
        vec![toml::Value::Table(indicator)].into(),
    );
    let mut goal = toml::Table::new();
    goal.insert("text".into(), cell("goal").into());
    goal.insert("plan_ref".into(), cell("plan_ref").into());
    goal.insert("status".into(), cell("status").into());
    goal.insert("next_steps".into(), cell("next_steps").into());
    goal.insert("actions".into(), vec![toml::Value::Table(action)].into());
    let mut division = toml::Table::new();
    division.insert("order".into(), 1.into());
    division.insert("department".into(), cell("department").into());
    division.insert("division".into(), cell("division").into());
    division.insert("policy_indicators".into(), vec![cell("policy")].into());
    division.insert("goals".into(), vec![toml::Value::Table(goal)].into());
    write_toml(dir, "01.toml", &division);
}

/// A run of text laid out on a page: where it starts, in points from the page's top left.
#[derive(Debug, Clone)]
pub struct Placed {
    pub page: usize,
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// The text size, in points.
    pub size: f64,
    /// Where it ends, in points from the page's left.
    pub end: f64,
}

/// Every line of text of a compiled document (the runs typst shapes separately joined where
/// one continues the other), with its position.
pub fn placed_text(document: &typst_layout::PagedDocument) -> Vec<Placed> {
    use typst::layout::{Frame, FrameItem, Point};
    fn walk(frame: &Frame, origin: Point, page: usize, out: &mut Vec<(Placed, f64)>) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                FrameItem::Group(group) => {
                    let shifted = at + Point::new(group.transform.tx, group.transform.ty);
                    walk(&group.frame, shifted, page, out);
                }
                FrameItem::Text(text) => {
                    let (x, y) = (at.x.to_pt(), at.y.to_pt());
                    let end = x + text.width().to_pt();
                    match out.last_mut() {
                        Some((last, last_end))
                            if last.page == page
                                && (last.y - y).abs() < 0.01
                                && (*last_end - x).abs() < 0.5 =>
                        {
                            last.text.push_str(&text.text);
                            last.end = end;
                            *last_end = end;
                        }
                        _ => out.push((
                            Placed {
                                page,
                                text: text.text.to_string(),
                                x,
                                y,
                                size: text.size.to_pt(),
                                end,
                            },
                            end,
                        )),
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for (i, page) in document.pages().iter().enumerate() {
        walk(&page.frame, Point::zero(), i, &mut out);
    }
    out.into_iter().map(|(placed, _)| placed).collect()
}

/// The bookmarks (outline) of a PDF, top level, in order.
pub fn bookmarks(pdf: &Pdf) -> Vec<String> {
    let doc = &pdf.doc;
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines").and_then(Object::as_reference) else {
        return Vec::new();
    };
    let mut titles = Vec::new();
    let mut next = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .ok()
        .cloned();
    while let Some(Object::Reference(id)) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = item.get(b"Title").unwrap().as_str().unwrap();
        titles.push(decode_text_string(title));
        next = item.get(b"Next").ok().cloned();
    }
    titles
}
