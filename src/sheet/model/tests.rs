//! The model's unit tests: reading, the rules, and the problems they give.
use super::*;
use crate::sheet::problem::{FormatKind, RuleKind};
use std::fs;
use std::path::Path;

/// The line a problem is on; 0 for a problem with the file as a whole.
fn line(p: &Problem) -> usize {
    p.at.map_or(0, |at| at.line)
}

/// The column a problem is at; 0 for a problem with the file as a whole.
fn column(p: &Problem) -> usize {
    p.at.map_or(0, |at| at.column)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

const WARD: &str =
    "ward = \"中央区\"\nfiscal_year = 2024\ncreated = 2024-04-01\nevaluated = 2025-04-30\n";
const DIVISION: &str = r#"order = 1
department = "中央区役所"
division = "総務課"
policy_indicators = ["・指標"]

[[goals]]
text = "目標"
rating = "○"
  [[goals.actions]]
  name = "取組"
  summary = "概要"
    [[goals.actions.indicators]]
    name = "指標"
    target = "10件"
    result = "12件"
"#;

#[test]
fn a_sound_ward_loads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    write(dir.path(), "01.toml", DIVISION);
    let (ward, problems) = load_ward(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    let ward = ward.unwrap();
    assert_eq!(ward.name, "中央区");
    assert_eq!(
        ward.divisions[0].goals[0].actions[0].indicators[0].result,
        "12件"
    );
}

#[test]
fn bom_and_crlf_are_read_normally() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = |s: &str| s.replace('\n', "\r\n");
    fs::write(
        dir.path().join(WARD_FILE),
        format!("\u{FEFF}{}", crlf(WARD)),
    )
    .unwrap();
    let division = DIVISION.replace("summary = \"概要\"", "summary = '''\n一行目\n二行目'''");
    fs::write(
        dir.path().join("01.toml"),
        format!("\u{FEFF}{}", crlf(&division)),
    )
    .unwrap();
    let (ward, problems) = load_ward(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    let summary = &ward.unwrap().divisions[0].goals[0].actions[0].summary;
    assert_eq!(summary, "一行目\n二行目");
}

#[test]
fn problems_name_file_line_column_and_key() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    let bad = DIVISION.replace("rating = \"○\"", "rating = \"◎\"");
    let path = write(dir.path(), "01.toml", &bad);
    let (ward, problems) = load_ward(dir.path());
    let ward = ward.unwrap();
    assert!(!ward.complete() && ward.divisions.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert_eq!(
        (p.file.as_path(), line(p), column(p)),
        (path.as_path(), 8, 10)
    );
    assert_eq!(p.key, "goals[1].rating");
    assert!(
        p.to_string()
            .contains("01.toml:8:10: error: `goals[1].rating`"),
        "{p}"
    );
    assert!(p.message().contains("○"), "{p}");
}

#[test]
fn unknown_keys_and_wrong_types_are_located() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    write(
        dir.path(),
        "01.toml",
        &DIVISION.replace("[[goals]]", "[[goal]]"),
    );
    write(
        dir.path(),
        "02.toml",
        &DIVISION.replace("order = 1", "order = \"2\""),
    );
    write(
        dir.path(),
        "03.toml",
        &DIVISION.replace("order = 1", "order = 3"),
    );
    let (ward, problems) = load_ward(dir.path());
    let ward = ward.unwrap();
    assert!(!ward.complete());
    assert_eq!(
        ward.divisions.iter().map(|d| d.order).collect::<Vec<_>>(),
        [3]
    );
    // 01: `goal` is unknown, and the [[goals.actions]] after it make `goals` one table.
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].file.ends_with("01.toml"));
    assert!(
        problems[0]
            .message()
            .contains("unknown key `goal` here: did you mean `goals`?"),
        "{}",
        problems[0]
    );
    assert_eq!(line(&problems[0]), 6);
    assert_eq!((line(&problems[1]), problems[1].key.as_str()), (9, "goals"));
    assert!(problems[1].message().contains("start each with [[goals]]"));
    assert!(problems[2].file.ends_with("02.toml"));
    assert_eq!((line(&problems[2]), problems[2].key.as_str()), (1, "order"));
}

#[test]
fn duplicate_order_and_missing_goals_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    write(dir.path(), "01.toml", DIVISION);
    write(dir.path(), "02.toml", DIVISION);
    let no_goals = DIVISION
        .split("[[goals]]")
        .next()
        .unwrap()
        .replace("order = 1", "order = 3");
    write(dir.path(), "03.toml", &no_goals);
    let (ward, problems) = load_ward(dir.path());
    let ward = ward.unwrap();
    assert!(!ward.complete());
    assert_eq!(ward.divisions.len(), 1);
    assert!(ward.divisions[0].file.ends_with("01.toml"));
    let keys: Vec<_> = problems.iter().map(|p| (p.key.as_str(), line(p))).collect();
    assert_eq!(keys, [("order", 1), ("goals", 1)], "{problems:?}");
    assert!(
        problems[0].message().contains("01.toml:1:9"),
        "{}",
        problems[0]
    );
}

#[test]
fn ward_dates_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        WARD_FILE,
        "ward = \"中央区\"\nfiscal_year = 1492\ncreated = 2024-04-01\nevaluated = 2024-03-01\n",
    );
    write(dir.path(), "01.toml", DIVISION);
    let (ward, problems) = load_ward(dir.path());
    assert!(ward.is_none());
    let keys: Vec<_> = problems.iter().map(|p| (p.key.as_str(), line(p))).collect();
    assert_eq!(keys, [("fiscal_year", 2), ("evaluated", 4)], "{problems:?}");
}

#[test]
fn a_problem_names_its_division_and_goal_even_in_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    // A rating that is none, in goal No. 1, and a syntax error further down.
    let broken = DIVISION.replace("rating = \"○\"", "rating = \"◎\"") + "\nbroken = = 1\n";
    write(dir.path(), "01.toml", &broken);
    let (_, problems) = load_ward(dir.path());
    assert!(!problems.is_empty());
    for p in &problems {
        assert_eq!(p.division.as_deref(), Some("総務課"), "{p:?}");
    }
    // The shape and rules run only on sound syntax; the goal comes from the key's place.
    let sound = DIVISION.replace("rating = \"○\"", "rating = \"◎\"");
    write(dir.path(), "01.toml", &sound);
    let (_, problems) = load_ward(dir.path());
    let rating = problems
        .iter()
        .find(|p| p.key == "goals[1].rating")
        .unwrap();
    assert_eq!(
        (rating.division.as_deref(), rating.goal),
        (Some("総務課"), Some(1))
    );
    // A whole-file problem of the ward has neither.
    std::fs::remove_file(dir.path().join("01.toml")).unwrap();
    let (_, problems) = load_ward(dir.path());
    assert_eq!(
        (problems[0].division.clone(), problems[0].goal),
        (None, None)
    );
}

#[test]
fn ratings_and_their_look_alikes() {
    assert_eq!(normalize_rating("〇"), Some("○"));
    assert_eq!(normalize_rating("◯"), Some("○"));
    assert_eq!(normalize_rating(" △ "), Some("△"));
    assert_eq!(normalize_rating("x"), Some("×"));
    assert_eq!(normalize_rating("✕"), Some("×"));
    assert_eq!(normalize_rating("◎"), None);
    assert_eq!(normalize_rating("達成"), None);

    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    write(
        dir.path(),
        "01.toml",
        &DIVISION.replace("rating = \"○\"", "rating = \"〇\""),
    );
    // Rated without a result: a warning.
    let unrated = DIVISION
        .replace("order = 1", "order = 2")
        .replace("総務課", "地域課")
        .replace("result = \"12件\"\n", "");
    write(dir.path(), "02.toml", &unrated);
    let (ward, problems) = load_ward(dir.path());
    let ward = ward.unwrap();
    assert_eq!(ward.divisions[0].goals[0].rating, "○");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(
        (line(&problems[0]), problems[0].key.as_str()),
        (8, "goals[1].rating")
    );
}

#[test]
fn approval_stamps_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let ward = format!("{WARD}approval = [\"区長\", \"副区長\", \"課長\"]\n");
    write(dir.path(), WARD_FILE, &ward);
    let own = DIVISION.replace("[[goals]]", "approval = [\"所長\"]\n\n[[goals]]");
    write(dir.path(), "01.toml", &own);
    let too_many = DIVISION.replace("order = 1", "order = 2").replace(
        "[[goals]]",
        "approval = [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]\n[[goals]]",
    );
    write(dir.path(), "02.toml", &too_many);
    let (ward, problems) = load_ward(dir.path());
    let ward = ward.unwrap();
    assert_eq!(ward.approval, ["区長", "副区長", "課長"]);
    assert_eq!(
        ward.divisions[0].approval.as_deref(),
        Some(&["所長".to_string()][..])
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].key, "approval");
}

#[test]
fn paper_stamps_and_the_deadline_are_read_and_an_unknown_way_of_stamping_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let ward = format!("{WARD}stamps = \"paper\"\ndeadline = 2024-04-20\n");
    write(dir.path(), WARD_FILE, &ward);
    write(dir.path(), "01.toml", DIVISION);
    let (ward, problems) = load_ward(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    let ward = ward.unwrap();
    assert!(ward.paper_stamps);
    assert_eq!(ward.deadline, NaiveDate::from_ymd_opt(2024, 4, 20));
    write(dir.path(), WARD_FILE, &format!("{WARD}stamps = \"紙\"\n"));
    let (_, problems) = load_ward(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].key.as_str(), line(&problems[0])),
        ("stamps", 5)
    );
    let said = problems[0].to_string();
    assert!(said.contains("紙") || said.contains("paper"), "{said}");
}

#[test]
fn six_goals_warn_but_load() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    let goal = &DIVISION[DIVISION.find("[[goals]]").unwrap()..];
    write(
        dir.path(),
        "01.toml",
        &format!("{DIVISION}{}", goal.repeat(5)),
    );
    let (ward, problems) = load_ward(dir.path());
    assert_eq!(ward.unwrap().divisions[0].goals.len(), 6);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Warning);
}

#[test]
fn shift_jis_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    // The division file with 「総務課」 in Shift_JIS, as メモ帳 saves "ANSI".
    let sjis = DIVISION.replace("総務課", "\u{0}");
    let mut bytes = Vec::new();
    for part in sjis.split('\u{0}') {
        if !bytes.is_empty() {
            bytes.extend_from_slice(&[0x91, 0x8D, 0x96, 0xB1, 0x89, 0xDB]);
        }
        // The rest of the file in Shift_JIS too: encoding_rs encodes it.
        bytes.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(part).0);
    }
    fs::write(dir.path().join("01.toml"), bytes).unwrap();
    let (ward, problems) = load_ward(dir.path());
    assert_eq!(ward.unwrap().divisions[0].name, "総務課");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(
        problems[0].message().contains("Shift_JIS"),
        "{}",
        problems[0]
    );
}

#[test]
fn bytes_that_are_no_known_text_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    let mut bytes = b"order = 1\ndivision = \"".to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFE, 0x80]);
    bytes.extend_from_slice(b"\"\n");
    fs::write(dir.path().join("01.toml"), bytes).unwrap();
    let (ward, problems) = load_ward(dir.path());
    assert_eq!(ward.unwrap().failed.len(), 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((line(&problems[0]), column(&problems[0])), (2, 13));
    assert!(problems[0].message().contains("UTF-8"));
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    let bad = DIVISION
        .replace("order = 1", "order = \"1\"")
        .replace("department = \"中央区役所\"\n", "")
        .replace("[[goals]]", "[[goal]]\ntext = \"x\"\n[[goals]]")
        .replace("rating = \"○\"", "rating = \"○\"\nplan-ref = \"行財1\"")
        .replace("target = \"10件\"", "target = 10");
    let path = write(dir.path(), "01.toml", &bad);
    let (ward, problems) = load_ward(dir.path());
    assert_eq!(ward.unwrap().failed, [path]);
    let found: Vec<_> = problems.iter().map(|p| (line(p), p.key.as_str())).collect();
    assert_eq!(
        found,
        [
            (1, "department"),
            (1, "order"),
            (5, "goal"),
            (10, "goals[1].plan-ref"),
            (16, "goals[1].actions[1].indicators[1].target"),
        ],
        "{problems:#?}"
    );
    let text = |i: usize| problems[i].to_string();
    assert!(text(0).contains("has no `department`"), "{}", text(0));
    assert!(
        text(1).contains("write it without quotes: 1"),
        "{}",
        text(1)
    );
    assert!(text(2).contains("did you mean `goals`?"), "{}", text(2));
    assert!(text(3).contains("did you mean `plan_ref`?"), "{}", text(3));
    assert!(text(4).contains("must be text in quotes"), "{}", text(4));
    // The line itself, with a caret under the place.
    assert!(
        text(4).ends_with("\n 16 |     target = 10\n    |              ^"),
        "{}",
        text(4)
    );
}

#[test]
fn several_syntax_errors_are_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    let bad = DIVISION
        .replace("division = \"総務課\"", "division = \"総務課")
        .replace("name = \"取組\"", "name = 取組");
    write(dir.path(), "01.toml", &bad);
    let (_, problems) = load_ward(dir.path());
    let lines: Vec<usize> = problems.iter().map(line).collect();
    assert_eq!(lines, [3, 10], "{problems:#?}");
}

#[test]
fn characters_no_font_has_are_reported_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    let odd = DIVISION
        .replace("summary = \"概要\"", "summary = \"概要🍣と\u{E000}、🍣\"")
        .replace("name = \"指標\"", "name = \"指\\u0007標\"");
    write(dir.path(), "01.toml", &odd);
    // A "font" that has only the CJK ideographs and kana.
    let covers = |c: char| c < '\u{E000}';
    let mut checks = Checks {
        covers: Some(&covers),
        strict: false,
    };
    let (ward, problems) = load_ward_with(dir.path(), &checks);
    assert_eq!(ward.unwrap().divisions.len(), 1, "warnings only");
    let found: Vec<_> = problems
        .iter()
        .map(|p| (p.severity, line(p), column(p), p.key.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Severity::Warning, 11, 16, "goals[1].actions[1].summary"),
            // Written as an escape: the place of the value.
            (
                Severity::Warning,
                13,
                12,
                "goals[1].actions[1].indicators[1].name"
            ),
        ],
        "{problems:#?}"
    );
    let message = &problems[0].message();
    assert!(
        message.contains("'🍣' (U+1F363), '\u{E000}' (U+E000)"),
        "{message}"
    );
    assert!(message.contains("in 総務課, goal No. 1"), "{message}");
    assert!(problems[1].message().contains("U+0007"), "{}", problems[1]);

    checks.strict = true;
    let (ward, problems) = load_ward_with(dir.path(), &checks);
    assert!(ward.unwrap().divisions.is_empty());
    assert_eq!(problems[0].severity, Severity::Error);
    // The control character stays a warning: it is not a missing glyph.
    assert_eq!(problems[1].severity, Severity::Warning);
}

#[test]
fn toml_names_as_windows_editors_leave_them() {
    assert_eq!(toml_name("01_地域課.toml"), Some(TomlName::Plain));
    for (name, stem) in [
        ("01_地域課.TOML", "01_地域課"),
        ("01_地域課.toml.txt", "01_地域課"),
        ("01_地域課.toml ", "01_地域課"),
    ] {
        let stem = stem.to_string();
        assert_eq!(toml_name(name), Some(TomlName::Odd { stem }), "{name}");
    }
    assert_eq!(toml_name("memo.txt"), None);
    assert_eq!(toml_name("01.tomlx"), None);
}

#[test]
fn a_line_with_a_syntax_error_is_left_out_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WARD_FILE, WARD);
    // Line 3 is broken (its `division` is then not read), line 8 a key given twice, and the
    // rating on line 9 is no rating: each is told once, and nothing about what was not read.
    let bad = DIVISION
        .replace("division = \"総務課\"", "division = = \"総務課\"")
        .replace("text = \"目標\"", "text = \"目標\"\ntext = \"二度目\"")
        .replace("rating = \"○\"", "rating = \"◎\"");
    write(dir.path(), "01.toml", &bad);
    let (_, problems) = load_ward(dir.path());
    let lines: Vec<usize> = problems.iter().map(line).collect();
    assert_eq!(lines, [3, 3, 8, 9], "{problems:#?}");
    assert!(
        matches!(
            problems[2].kind,
            crate::sheet::problem::Kind::Format(FormatKind::Syntax { .. })
        ),
        "{problems:#?}"
    );
    assert!(
        matches!(
            problems[3].kind,
            crate::sheet::problem::Kind::Rule(RuleKind::NotARating { .. })
        ),
        "{problems:#?}"
    );
}

#[test]
fn a_half_done_year_is_warned_of() {
    use crate::sheet::problem::Kind;
    let dir = tempfile::tempdir().unwrap();
    // 作成日 in the year before, 評価日 before the year ends, a year far ahead.
    let ward =
        "ward = \"中央区\"\nfiscal_year = 2052\ncreated = 2052-03-01\nevaluated = 2053-01-31\n";
    write(dir.path(), WARD_FILE, ward);
    write(dir.path(), "01.toml", DIVISION);
    let (ward, problems) = load_ward(dir.path());
    assert!(ward.is_some(), "warnings only: {problems:#?}");
    let kinds: Vec<&Kind> = problems.iter().map(|p| &p.kind).collect();
    assert!(
        matches!(
            kinds[..],
            [
                Kind::Rule(RuleKind::CreatedOutsideYear { .. }),
                Kind::Rule(RuleKind::EvaluatedBeforeYearEnd { .. }),
                Kind::Rule(RuleKind::FarFiscalYear { .. }),
            ]
        ),
        "{problems:#?}"
    );
    assert!(problems.iter().all(|p| p.severity == Severity::Warning));

    // An interim evaluation is meant to come before the year's end.
    let interim = "ward = \"中央区\"\nfiscal_year = 2024\ncreated = 2024-04-01\nevaluated = 2024-10-31\ninterim = true\n";
    write(dir.path(), WARD_FILE, interim);
    let (ward, problems) = load_ward(dir.path());
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(ward.unwrap().interim);
    write(dir.path(), WARD_FILE, &interim.replace("true", "false"));
    let (_, problems) = load_ward(dir.path());
    let kinds: Vec<&Kind> = problems.iter().map(|p| &p.kind).collect();
    assert!(
        matches!(
            kinds[..],
            [Kind::Rule(RuleKind::EvaluatedBeforeYearEnd { .. })]
        ),
        "{problems:#?}"
    );
    // Quoted, it is refused with the hint to take the quotes away.
    write(dir.path(), WARD_FILE, &interim.replace("true", "\"true\""));
    let (ward, problems) = load_ward(dir.path());
    assert!(ward.is_none());
    assert!(
        matches!(
            &problems[0].kind,
            Kind::Format(FormatKind::WrongType { unquoted: Some(u), .. }) if u == "true"
        ),
        "{problems:#?}"
    );

    // Ratings and results without a 評価日: a warning naming the division.
    let ward = "ward = \"中央区\"\nfiscal_year = 2024\ncreated = 2024-04-01\n";
    write(dir.path(), WARD_FILE, ward);
    let (_, problems) = load_ward(dir.path());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        problems[0].kind,
        Kind::Rule(RuleKind::EvaluationWithoutDate)
    );
    assert_eq!(problems[0].division.as_deref(), Some("総務課"));
    // Without them, nothing to say.
    let april = DIVISION
        .replace("rating = \"○\"\n", "")
        .replace("    result = \"12件\"\n", "");
    write(dir.path(), "01.toml", &april);
    let (_, problems) = load_ward(dir.path());
    assert!(problems.is_empty(), "{problems:#?}");
}
