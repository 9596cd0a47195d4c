//! Whatever the files hold, mokuhyo answers clearly and prints text exactly: arbitrary text in
//! every field comes back out of the compiled sheet unchanged (property test), mangled files
//! never make it panic (property test over parse → validate → render), characters no font has
//! are reported, huge, empty and control-laden cells neither crash nor hang, and templates
//! cannot read outside their folder.
//!
//! The property tests run `MOKUHYO_PROPTEST_CASES` cases each (default 24), so CI's time for
//! them is bounded, from the seed `MOKUHYO_PROPTEST_SEED` (a number, or `random`; fixed by
//! default, so CI is repeatable). Failures proptest finds are kept in
//! `tests/proptest-regressions/robust.txt` (where proptest keeps them for a test binary's
//! module), replayed first on every run, and get a test of their own here.

use crate::common;

use common::{
    FIELDS, mokuhyo, placed_text, renderer, renderer_with_templates, squash, ward_with_cells,
    write_toml,
};
use mokuhyo::pdf::build::{BuildOptions, build};
use mokuhyo::pdf::data::{Edition, SheetData};
use mokuhyo::pdf::render::Renderer;
use mokuhyo::sheet::model::{Checks, Severity, load_ward, load_ward_with};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use std::path::Path;

fn config() -> ProptestConfig {
    let cases = std::env::var("MOKUHYO_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24);
    let rng_seed = match std::env::var("MOKUHYO_PROPTEST_SEED").as_deref() {
        Ok("random") => RngSeed::Random,
        Ok(seed) => RngSeed::Fixed(
            seed.parse()
                .expect("MOKUHYO_PROPTEST_SEED: a number or `random`"),
        ),
        Err(_) => RngSeed::Fixed(20_230_401),
    };
    ProptestConfig {
        cases,
        rng_seed,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

/// Compiles the one division of the ward at `dir` in-process: its pages and every piece of
/// text typst laid out, in order.
fn compile(dir: &Path) -> (usize, String) {
    let (ward, problems) = load_ward(dir);
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let ward = ward.unwrap();
    let edition = Edition::of(&ward).unwrap();
    let data = SheetData::new(&edition, &ward, &ward.divisions[0]);
    let (document, _) = renderer()
        .compile("sheet.typ", &data, ward.created)
        .unwrap();
    let text: String = placed_text(&document).into_iter().map(|p| p.text).collect();
    (document.pages().len(), text)
}

/// Characters laid out right to left (Arabic, Hebrew, …) and the bidi controls come back in
/// visual order, not file order, so the text-equality property leaves them out; the no-panic
/// property below keeps them. Control characters print as nothing and are tested apart.
/// Nonspacing combining marks are left out too: when a mark on a character needs another
/// font than its base, typst 0.15 repeats the base's text in the text layer (`2\u{301}件`
/// comes back as `2\u{301}2\u{301}件`) though the printed glyphs are right. So are the
/// invisible characters (white space, which line breaking moves, and the format and
/// default-ignorable ones: U+FEFF, joiners, soft hyphen, U+E01F0), which typst may leave out
/// of the text layer, and, for the same reason as the marks,
/// precomposed characters, which the shaper may draw decomposed when the font at hand lacks
/// them (Ӂ as Ж and a breve, correctly, while the text layer says ӁӁ; Ǔ in a small cell
/// prints once and is in the text layer twice).
fn comparable(c: char) -> bool {
    use unicode_bidi::BidiClass::*;
    let decomposed = unicode_normalization::char::is_combining_mark(c) || {
        let mut parts = 0;
        unicode_normalization::char::decompose_canonical(c, |_| parts += 1);
        // Kana with (han)dakuten and Hangul syllables are in the Japanese and CJK fonts.
        parts > 1 && !matches!(c, '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7A3}')
    };
    mokuhyo::sheet::model::needs_glyph(c)
        && !decomposed
        && !matches!(
            unicode_bidi::bidi_class(c),
            R | AL | AN | NSM | BN | RLE | RLO | LRE | LRO | PDF | RLI | LRI | FSI | PDI
        )
}

/// Text as people, editors and accidents write it: Typst syntax, Japanese, any character at
/// all, spaces and line breaks.
fn cell_text() -> impl Strategy<Value = String> {
    let syntax = prop::sample::select(vec![
        "#",
        "$",
        "*",
        "_",
        "<",
        ">",
        "@",
        "\\",
        "`",
        "[",
        "]",
        "=",
        "-",
        "+",
        "/",
        "~",
        "//",
        "/*",
        "*/",
        "\"",
        "'",
        "{",
        "}",
        "#read(\"/etc/passwd\")",
        "#let x = 1",
        "$x^2$",
        "<label>",
        "@ref",
        "```rust",
        "#{",
        "#(1+1)",
        "= 見出し",
        "- 項目",
        "+ 番号",
        "\\u{41}",
        "#import \"/data.json\"",
        "&amp;",
        "%s",
        "{{x}}",
    ])
    .prop_map(String::from);
    let piece = prop_oneof![
        3 => syntax,
        3 => "[ぁ-ゖァ-ヺ一-龯　、。「」（）０-９Ａ-Ｚ]{1,8}",
        3 => any::<char>().prop_filter("comparable", |c| comparable(*c)).prop_map(String::from),
        1 => "[0-9]{1,6}[件人者回%点]",
        1 => Just("\n".to_string()),
        1 => Just(" ".to_string()),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config())]

    /// Every field's text, whatever it holds, is laid out exactly as written: between markers
    /// put around it, the sheet's text (white space aside, which line breaking moves) is the
    /// field's own.
    #[test]
    fn any_text_in_any_field_prints_as_itself(values in prop::collection::vec(cell_text(), FIELDS.len())) {
        let dir = tempfile::tempdir().unwrap();
        let marked = |i: usize| format!("【{i}】{}【/{i}】", values[i]);
        ward_with_cells(dir.path(), |name| {
            marked(FIELDS.iter().position(|f| *f == name).unwrap())
        });
        let (_, text) = compile(dir.path());
        let text = squash(&text);
        for (i, field) in FIELDS.iter().enumerate() {
            let expected = squash(&marked(i));
            prop_assert!(text.contains(&expected), "{field}: {expected:?} not in {text:?}");
        }
    }

    /// A division file mangled anywhere (characters inserted, deleted or replaced) gives
    /// problems or a sheet, never a panic; what loads also compiles.
    #[test]
    fn mangled_files_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, any::<char>()), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        ward_with_cells(dir.path(), |name| format!("{name}の内容 #$*"));
        let path = dir.path().join("01.toml");
        let mut chars: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
        for (at, op, c) in edits {
            let i = at.index(chars.len() + 1);
            match op {
                0 => chars.insert(i, c),
                1 if i < chars.len() => { chars.remove(i); }
                _ if i < chars.len() => chars[i] = c,
                _ => chars.push(c),
            }
        }
        std::fs::write(&path, chars.iter().collect::<String>()).unwrap();
        let (ward, problems) = load_ward(dir.path());
        for problem in &problems {
            // Every problem is located in the file, says something, and is shown with its
            // place: `01.toml:LINE:COLUMN: …` (or `01.toml: …` for the file as a whole), the
            // line with a caret when it has a line.
            prop_assert!(!problem.message().is_empty());
            prop_assert_eq!(&problem.file, &path);
            let shown = problem.to_string();
            let place = match problem.at {
                Some(at) => format!("{}:{}:{}: ", path.display(), at.line, at.column),
                None => format!("{}: ", path.display()),
            };
            prop_assert!(shown.starts_with(&place), "{} does not start with {}", shown, place);
            if problem.at.is_some() && !problem.source_line.trim().is_empty() {
                prop_assert!(shown.lines().last().is_some_and(|l| l.ends_with('^')), "{}", shown);
            }
        }
        if let Some(ward) = ward
            && let Some(division) = ward.divisions.first()
        {
            let edition = Edition::of(&ward).unwrap();
            let data = SheetData::new(&edition, &ward, division);
            let compiled = renderer().compile("sheet.typ", &data, ward.created);
            prop_assert!(compiled.is_ok(), "{:?}", compiled.err());
        }
    }
}

#[test]
fn selectors_and_marks_after_numbers_stay_with_their_character() {
    // Found by the property test: the box that keeps a number with its unit cut a variation
    // selector from the unit before it, and typst dropped the selector.
    let cells = [
        "0点\u{FE00}0者",
        "3葛\u{E0100}飾区",
        "1\u{20E3}と2\u{FEFF}件",
        "5👨\u{200D}👩\u{200D}👧家族",
        // Marks inside a number: the run ends after the mark, the character keeps it.
        "1\u{FE0E}0件",
        "2,\u{200D}000人",
    ];
    let dir = tempfile::tempdir().unwrap();
    ward_with_cells(dir.path(), |name| {
        let i = FIELDS.iter().position(|f| *f == name).unwrap();
        format!("【{i}】{}【/{i}】", cells[i % cells.len()])
    });
    let (_, text) = compile(dir.path());
    for (i, _) in FIELDS.iter().enumerate() {
        let expected = format!("【{i}】{}【/{i}】", cells[i % cells.len()]);
        assert!(text.contains(&expected), "{expected:?} not in {text:?}");
    }
}

#[test]
fn controls_empty_cells_and_huge_cells_neither_crash_nor_hang() {
    // Control characters print as nothing; the rest of the cell prints.
    let dir = tempfile::tempdir().unwrap();
    let controls: String = (0u32..0x20)
        .chain(0x7F..0xA0)
        .filter_map(char::from_u32)
        .collect();
    ward_with_cells(dir.path(), |name| format!("{name}前{controls}後"));
    let (pages, text) = compile(dir.path());
    assert_eq!(pages, 1);
    assert!(squash(&text).contains("summary前"), "{text}");

    // Every cell empty.
    let dir = tempfile::tempdir().unwrap();
    ward_with_cells(dir.path(), |_| String::new());
    let mut division: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.path().join("01.toml")).unwrap()).unwrap();
    // The names may not be empty, and a goal with nothing but its text has no action (an
    // action or indicator with nothing in it is an empty slot, as `new` writes them):
    // reported, not a crash.
    division.insert("division".into(), "課".into());
    division.insert("department".into(), "部".into());
    let goal = division["goals"].as_array_mut().unwrap()[0]
        .as_table_mut()
        .unwrap();
    goal.insert("text".into(), "目標".into());
    write_toml(dir.path(), "01.toml", &division);
    let (_, problems) = load_ward(dir.path());
    assert!(
        problems
            .iter()
            .any(|p| p.message().contains("the goal has no action")),
        "{problems:#?}"
    );
    // With an action's and an indicator's name, every other cell may be empty.
    let goal = division["goals"].as_array_mut().unwrap()[0]
        .as_table_mut()
        .unwrap();
    let action = goal["actions"].as_array_mut().unwrap()[0]
        .as_table_mut()
        .unwrap();
    action.insert("name".into(), "取組".into());
    action["indicators"].as_array_mut().unwrap()[0]
        .as_table_mut()
        .unwrap()
        .insert("name".into(), "指標".into());
    write_toml(dir.path(), "01.toml", &division);
    assert_eq!(compile(dir.path()).0, 1);

    // A 100,000-character cell: set at the smallest size and continued over further pages.
    let dir = tempfile::tempdir().unwrap();
    let huge: String = "長い文章、".repeat(20_000);
    ward_with_cells(dir.path(), |name| {
        if name == "summary" {
            huge.clone()
        } else {
            name.to_string()
        }
    });
    let (pages, text) = compile(dir.path());
    assert!(pages > 5, "{pages} pages");
    // Every character is there (page breaks put the repeated headers between pieces).
    for c in ['長', '文', '章'] {
        assert_eq!(text.matches(c).count(), 20_000, "{c}");
    }
}

#[test]
fn characters_no_font_has_are_reported_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/w");
    ward_with_cells(&sheets, |name| match name {
        "summary" => "寿司🍣を".to_string(),
        "status" => "外字\u{E000}あり".to_string(),
        "goal" => "𠮷野家と髙橋と山﨑とӁ".to_string(),
        "target" => "\u{10FFFD}件".to_string(),
        name => name.to_string(),
    });
    let options = BuildOptions::new(&sheets, dir.path().join("out"));
    let report = build(renderer(), &options, &());
    assert!(!report.failed(), "warnings only: {:?}", report.failures);
    let found: Vec<_> = report
        .problems
        .iter()
        .map(|p| (p.severity, p.key.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Severity::Warning, "goals[1].status"),
            (Severity::Warning, "goals[1].actions[1].summary"),
            (
                Severity::Warning,
                "goals[1].actions[1].indicators[1].target"
            ),
            // Evaluated, and the goal not rated.
            (Severity::Warning, "goals[1].rating"),
        ],
        "{:#?}",
        report.problems
    );
    let summary = report.problems[1].to_string();
    assert!(summary.contains("'🍣' (U+1F363)"), "{summary}");
    assert!(summary.contains("in division, goal No. 1"), "{summary}");
    assert!(summary.contains("01.toml:"), "{summary}");
    // 𠮷, 髙 and 﨑 come from the fonts shipped, and Ӂ is drawn as Ж with a breve: none is
    // reported.
    assert!(
        !report
            .problems
            .iter()
            .any(|p| p.message().contains('𠮷') || p.message().contains('Ӂ'))
    );
    assert_eq!(report.written.len(), 2);

    // --strict: the same characters are errors, and the division is not built.
    let options = BuildOptions {
        strict: true,
        ..BuildOptions::new(&sheets, dir.path().join("strict"))
    };
    let report = build(renderer(), &options, &());
    assert!(report.failed());
    assert!(
        report
            .problems
            .iter()
            .all(|p| p.severity == Severity::Error)
    );
    assert!(!dir.path().join("strict/w/01_division.pdf").exists());
}

#[test]
fn a_font_added_with_font_path_covers_its_characters() {
    // Only the embedded fonts: U+E000 is not covered. With a font that has it, it is.
    let fonts = mokuhyo::pdf::fonts::FontSet::load(&[]).unwrap();
    assert!(!fonts.covers('\u{E000}'));
    assert!(fonts.covers('𠮷') && fonts.covers('髙') && fonts.covers('﨑'));
    let dir = tempfile::tempdir().unwrap();
    ward_with_cells(dir.path(), |_| "\u{E000}".to_string());
    let covers = |c: char| c == '\u{E000}' || fonts.covers(c);
    let checks = Checks {
        covers: Some(&covers),
        strict: true,
    };
    let (ward, problems) = load_ward_with(dir.path(), &checks);
    // Only that the ward is evaluated and its goal not rated: no character is reported.
    let unrated = |p: &mokuhyo::sheet::model::Problem| {
        use mokuhyo::sheet::problem::{Kind, RuleKind};
        p.kind == Kind::Rule(RuleKind::Unrated)
    };
    assert!(problems.iter().all(unrated), "{problems:#?}");
    assert_eq!(ward.unwrap().divisions.len(), 1);
}

/// A renderer whose templates folder holds `sheet.typ` with `body`, and a logo file.
fn renderer_with_template(dir: &Path, body: &str) -> Renderer {
    renderer_with_templates(dir, &[("sheet.typ", body), ("logo.txt", "区章")])
}

#[test]
fn templates_read_only_inside_their_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets/w");
    ward_with_cells(&sheets, |name| name.to_string());
    let (ward, _) = load_ward(&sheets);
    let ward = ward.unwrap();
    let edition = Edition::of(&ward).unwrap();
    let data = SheetData::new(&edition, &ward, &ward.divisions[0]);
    let compile = |body: &str| {
        renderer_with_template(dir.path(), body)
            .compile("sheet.typ", &data, ward.created)
            .map(|(document, _)| {
                placed_text(&document)
                    .into_iter()
                    .map(|p| p.text)
                    .collect::<String>()
            })
            .map_err(|err| err.to_string())
    };

    // A file of the templates folder can be read, by a relative or an absolute path.
    assert_eq!(compile("#read(\"logo.txt\")").unwrap(), "区章");
    assert_eq!(compile("#read(\"/templates/logo.txt\")").unwrap(), "区章");
    // The data, as the templates get it.
    assert!(
        compile("#json(\"/data.json\").division")
            .unwrap()
            .contains("division")
    );

    // Nothing else: an absolute path, a path up and out, a link out of the folder.
    let err = compile("#read(\"/etc/passwd\")").unwrap_err();
    assert!(
        err.contains("/etc/passwd cannot be read") && err.contains("templates"),
        "{err}"
    );
    let err = compile("#read(\"../../../../etc/passwd\")").unwrap_err();
    assert!(err.contains("would escape the project root"), "{err}");
    assert!(
        !err.contains("--root"),
        "no hint of typst-cli's options: {err}"
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("templates/link.txt")).unwrap();
        let err = compile("#read(\"link.txt\")").unwrap_err();
        assert!(err.contains("cannot be read"), "{err}");
    }
    let err = compile("#read(\"/sheets/w/ward.toml\")").unwrap_err();
    assert!(err.contains("cannot be read"), "{err}");
    // The error names the template's line, in the user's own file.
    assert!(err.contains("sheet.typ:1:"), "{err}");
    let real = dir
        .path()
        .join("templates/sheet.typ")
        .canonicalize()
        .unwrap();
    assert!(err.starts_with(&format!("{}:1:", real.display())), "{err}");
}

#[test]
fn check_shows_the_line_with_a_caret_and_every_problem_of_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("sheets/chuo");
    ward_with_cells(&ward, |name| format!("{name}の内容"));
    let good = std::fs::read_to_string(ward.join("01.toml")).unwrap();
    // Two problems in one file, one in another, and a character no font has in a third.
    std::fs::write(
        ward.join("02.toml"),
        good.replace("order = 1", "order = \"2\"")
            .replace("[[goals]]", "[[goal]]\ntext = \"x\"\n\n[[goals]]"),
    )
    .unwrap();
    std::fs::write(ward.join("03.toml"), good.replace("order = 1", "oder = 3")).unwrap();
    std::fs::write(
        ward.join("04.toml"),
        good.replace("order = 1", "order = 4")
            .replace("divisionの内容", "division4")
            .replace("summaryの内容", "summary🍣"),
    )
    .unwrap();

    let out = mokuhyo(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("02.toml:3:9: error: `order`: this is a string")
            && stderr.contains("write it without quotes: 2"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `goals`?"), "{stderr}");
    assert!(
        stderr
            .contains("03.toml:3:1: error: `oder`: unknown key `oder` here: did you mean `order`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("03.toml:1:1: error: `order`: the file has no `order`"),
        "{stderr}"
    );
    // The line, and a caret under the place.
    assert!(stderr.contains("\n 3 | oder = 3\n   | ^\n"), "{stderr}");
    assert!(
        stderr.contains("04.toml:") && stderr.contains("U+1F363"),
        "{stderr}"
    );
    // The warnings: the character, and the goals of 01 and 04 not rated in the evaluated edition.
    assert!(stderr.contains("4 error(s), 3 warning(s)"), "{stderr}");

    // --strict: the missing glyph is an error too.
    let out = mokuhyo(&["check", "--strict"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // (04 has an error now, and is left out: only 01's goal is said not rated.)
    assert!(stderr.contains("5 error(s), 1 warning(s)"), "{stderr}");
}

/// A reader that goes away (`mokuhyo data … | head`) ends the program quietly, with status 0
/// as for `cat`: no panic, no "Broken pipe" error. The pipe's reading end is closed before
/// the program starts, so its first write meets the closed pipe.
#[test]
fn a_closed_pipe_ends_quietly() {
    let sheets = common::repo().join("sheets");
    let ward = sheets.join("higashi-r5");
    let cases: [&[&str]; 4] = [
        &["data", "--sheets", ward.to_str().unwrap()],
        &[
            "export",
            "--sheets",
            sheets.to_str().unwrap(),
            "--format",
            "csv",
        ],
        &[
            "export",
            "--sheets",
            sheets.to_str().unwrap(),
            "--format",
            "json",
        ],
        &["completions", "bash"],
    ];
    for args in cases {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = common::command()
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}
