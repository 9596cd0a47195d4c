//! Messages in the user's language, and the slips of typing TOML with a Japanese input method:
//! the real program, run in a Japanese and an English locale, on files typed with each slip.

use crate::common;

use common::{mokuhyo_in, repo};
use std::path::Path;

const WARD: &str =
    "ward = \"テスト区\"\nfiscal_year = 2024\ncreated = 2024-04-01\nevaluated = 2025-04-30\n";

/// A division file with one slip on each of the lines named in [`SLIPS`], and a bad rating
/// (line 22) that the rules must still find.
const SLIPPED: &str = "order = ３
department＝\"テスト区役所\"
　division = \"地域振興課\"
policy_indicators = [\"協働数\"]

［［goals］］
text = “港のまちの魅力”
rating = \"✕\"
組織目標 = \"x\"
status = \"一行目
二行目\"
  [[goals.actions]]
  name = 「みなとまち歩き」
  summary = \"地域\"
    [[goals.actions.indicators]]
    name = \"主体数\"
    target = 10者
    result = \"14者\"
＃ メモ
[[goals]]
text = \"二つ目\"
rating = \"◎\"
  [[goals.actions]]
  name = \"a\"
    [[goals.actions.indicators]]
    name = \"b\"
    target = \"c\"
";

/// Each problem's line, and words its message has in Japanese and in English.
const SLIPS: [(usize, &str, &str); 11] = [
    (
        1,
        "「３」は全角数字です。半角で 3 と打ってください",
        "full-width digits: type 3",
    ),
    (
        2,
        "「＝」が全角です。半角の「=」を打ってください",
        "type the half-width `=`",
    ),
    (
        3,
        "全角スペース（　）があります",
        "a full-width space (　) outside quotes",
    ),
    (
        6,
        "かっこが全角です。半角で [[goals]] と打ってください",
        "has full-width brackets: type [[goals]]",
    ),
    (
        7,
        "「“」では文字列を囲めません。半角の \" で囲んでください（text = \"…\"）",
        "`“` does not start or end a text",
    ),
    (
        9,
        "「組織目標」は `text` のことではありませんか",
        "`組織目標` is most likely `text`",
    ),
    (
        10,
        "前後を ''' で囲んでください（status = '''…'''）",
        "write ''' before and after it",
    ),
    (
        13,
        "「「」では文字列を囲めません",
        "`「` does not start or end a text",
    ),
    (
        17,
        "target = \"10者\" のように \"…\" で囲んでください",
        "put text in \"…\", as target = \"10者\"",
    ),
    (
        19,
        "「＃」が全角のため、この行はコメントになりません",
        "`＃` is full-width",
    ),
    (22, "「◎」は評価になりません", "`◎` is not a rating"),
];

fn ward(dir: &Path, division: &str) {
    std::fs::write(dir.join("ward.toml"), WARD).unwrap();
    std::fs::write(dir.join("01_地域振興課.toml"), division).unwrap();
}

/// The problems `check` printed: (line, message) for each `FILE:LINE:COLUMN: LEVEL: …` line.
fn problems(stderr: &str) -> Vec<(usize, String)> {
    stderr
        .lines()
        .filter_map(|line| {
            let (_, rest) = line.split_once(".toml:")?;
            let (number, rest) = rest.split_once(':')?;
            Some((number.parse().ok()?, rest.to_string()))
        })
        .collect()
}

fn check(locale: &str, extra: &[&str], dir: &Path) -> (Vec<(usize, String)>, String) {
    let mut args = vec!["check", "--sheets", "."];
    args.extend(extra);
    let out = mokuhyo_in(locale, &args, dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    (problems(&stderr), stderr)
}

#[test]
fn each_slip_is_its_own_problem_at_its_line_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    ward(dir.path(), SLIPPED);
    let (problems, stderr) = check("ja_JP.UTF-8", &[], dir.path());
    let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, SLIPS.map(|(line, _, _)| line), "{stderr}");
    for ((_, message), (line, japanese, _)) in problems.iter().zip(SLIPS) {
        assert!(message.contains("エラー: "), "line {line}: {message}");
        assert!(message.contains(japanese), "line {line}: {message}");
    }
    // Each with the line itself and a caret under the slip.
    assert!(
        stderr.contains(" 17 |     target = 10者\n    |              ^"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("1区・1課を確認しました。エラー 11件、警告 0件\n"),
        "{stderr}"
    );
}

#[test]
fn the_same_slips_in_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    ward(dir.path(), SLIPPED);
    let (problems, stderr) = check("ja_JP.UTF-8", &["--lang", "en"], dir.path());
    let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, SLIPS.map(|(line, _, _)| line), "{stderr}");
    for ((_, message), (line, _, english)) in problems.iter().zip(SLIPS) {
        assert!(message.contains("error: "), "line {line}: {message}");
        assert!(message.contains(english), "line {line}: {message}");
    }
    assert!(
        stderr.ends_with("checked 1 ward(s) and 1 division(s): 11 error(s), 0 warning(s)\n"),
        "{stderr}"
    );
}

#[test]
fn the_slips_mended_the_file_is_sound() {
    // What each hint says to type, typed: the file loads, so the mending read it as meant.
    let mended = SLIPPED
        .replace("order = ３", "order = 3")
        .replace('＝', "=")
        .replace("　division", "division")
        .replace("［［goals］］", "[[goals]]")
        .replace("“港のまちの魅力”", "\"港のまちの魅力\"")
        .replace("組織目標 = \"x\"\n", "")
        .replace("\"一行目\n二行目\"", "'''一行目\n二行目'''")
        .replace("「みなとまち歩き」", "\"みなとまち歩き\"")
        .replace("target = 10者", "target = \"10者\"")
        .replace("＃ メモ", "# メモ")
        // ◎ mended to the mark it was meant to be, with its result: in the evaluated edition
        // every goal is rated.
        .replace("rating = \"◎\"", "rating = \"○\"")
        .replace("target = \"c\"", "target = \"c\"\n    result = \"d\"");
    let dir = tempfile::tempdir().unwrap();
    ward(dir.path(), &mended);
    let out = mokuhyo_in("ja_JP.UTF-8", &["check", "--sheets", "."], dir.path());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("1区・1課を確認しました。エラー 0件、警告 0件"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_key_does_not_hide_a_bad_rating() {
    let dir = tempfile::tempdir().unwrap();
    let text = SLIPPED.lines().collect::<Vec<_>>();
    // Only two mistakes: an unknown key in goal 1, a bad rating in goal 2.
    let file = format!(
        "order = 1\ndepartment = \"区\"\ndivision = \"課\"\n[[goals]]\ntext = \"一\"\nratin = \"○\"\n\
         [[goals.actions]]\nname = \"a\"\n[[goals.actions.indicators]]\nname = \"b\"\ntarget = \"c\"\n{}\n",
        text[19..].join("\n")
    );
    ward(dir.path(), &file);
    let (problems, stderr) = check("en_US.UTF-8", &[], dir.path());
    let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [6, 14], "{stderr}");
    assert!(problems[0].1.contains("did you mean `rating`?"), "{stderr}");
    assert!(problems[1].1.contains("`◎` is not a rating"), "{stderr}");
}

#[test]
fn the_locale_chooses_the_language_and_lang_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    ward(dir.path(), "order = 1\n");
    let summary = |out: std::process::Output| {
        let stderr = String::from_utf8(out.stderr).unwrap();
        stderr.lines().last().unwrap_or_default().to_string()
    };
    // The division read is counted, though its errors leave it out of the ward.
    let japanese = "1区・1課を確認しました。";
    let english = "checked 1 ward(s) and 1 division(s)";
    let args = ["check", "--sheets", "."];
    for locale in ["ja_JP.UTF-8", "C", "POSIX", "C.UTF-8", ""] {
        let line = summary(mokuhyo_in(locale, &args, dir.path()));
        assert!(line.starts_with(japanese), "LANG={locale}: {line}");
    }
    for locale in ["en_US.UTF-8", "de_DE.UTF-8"] {
        let line = summary(mokuhyo_in(locale, &args, dir.path()));
        assert!(line.starts_with(english), "LANG={locale}: {line}");
    }
    // LC_ALL comes before LANG, and --lang before both.
    let out = std::process::Command::new(common::MOKUHYO)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "ja_JP.UTF-8")
        .args(args)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(summary(out).starts_with(japanese));
    let line = summary(mokuhyo_in(
        "ja_JP.UTF-8",
        &["--lang", "en", "check", "--sheets", "."],
        dir.path(),
    ));
    assert!(line.starts_with(english), "{line}");
    let line = summary(mokuhyo_in(
        "en_US.UTF-8",
        &["check", "--lang=ja", "--sheets", "."],
        dir.path(),
    ));
    assert!(line.starts_with(japanese), "{line}");
}

#[test]
fn a_look_alike_rating_is_taken_as_its_mark_and_checked_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let file = String::new()
        + "order = 1\ndepartment = \"区\"\ndivision = \"課\"\n[[goals]]\ntext = \"一\"\nrating = \"✕\"\n\
           [[goals.actions]]\nname = \"a\"\n[[goals.actions.indicators]]\nname = \"b\"\ntarget = \"c\"\nresult = \"d\"\n\
           [[goals]]\ntext = \"二\"\nrating = \"〇\"\n[[goals.actions]]\nname = \"a\"\n[[goals.actions.indicators]]\n\
           name = \"b\"\ntarget = \"c\"\nresult = \"d\"\n";
    ward(dir.path(), &file);
    // No font has ✕, but × is what prints: no warning.
    let out = mokuhyo_in(
        "ja_JP.UTF-8",
        &["check", "--sheets", ".", "--strict"],
        dir.path(),
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("エラー 0件、警告 0件"), "{stderr}");
    let out = mokuhyo_in(
        "ja_JP.UTF-8",
        &["data", "--sheets", ".", "--division", "課"],
        dir.path(),
    );
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ratings: Vec<&str> = (data["goals"].as_array().unwrap().iter())
        .map(|goal| goal["rating"].as_str().unwrap())
        .collect();
    assert_eq!(ratings, ["×", "○"]);
}

#[test]
fn a_build_ends_with_its_summary_in_the_language() {
    let out = tempfile::tempdir().unwrap();
    let sheets = repo().join("sheets/minato-r6");
    let args = [
        "build",
        "--sheets",
        sheets.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ];
    let built = mokuhyo_in("ja_JP.UTF-8", &args, out.path());
    let stderr = String::from_utf8(built.stderr).unwrap();
    assert!(built.status.success(), "{stderr}");
    assert!(
        stderr.ends_with("1区・PDF 4件を作成しました。エラー 0件、警告 0件\n"),
        "{stderr}"
    );
    let stdout = String::from_utf8(built.stdout).unwrap();
    assert!(stdout.contains("を書き出しました"), "{stdout}");
}

#[test]
fn mistakes_on_the_command_line_are_told_in_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["biuld"],
            "コマンド `biuld` はありません。`build` の誤りではありませんか。",
            "there is no command `biuld`: did you mean `build`?",
        ),
        (
            &["build", "--sheet", "x"],
            "オプション `--sheet` はありません。`--sheets` の誤りではありませんか。",
            "there is no option `--sheet`: did you mean `--sheets`?",
        ),
        (
            &["export", "--format", "pdf"],
            "「pdf」は --format <FORMAT> に指定できません。次のいずれかを指定してください：csv, xlsx, json",
            "`pdf` is not a value of --format <FORMAT>: use one of csv, xlsx, json",
        ),
        (
            &["build", "--timeout", "abc"],
            "「abc」は 0〜86400 の秒数ではありません。",
            "`abc` is not a number of seconds from 0 to 86400",
        ),
    ];
    for (args, japanese, english) in cases {
        let out = mokuhyo_in("ja_JP.UTF-8", args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("エラー: "), "{stderr}");
        assert!(stderr.contains(japanese), "{stderr}");
        let mut args = args.to_vec();
        args.push("--lang=en");
        let out = mokuhyo_in("ja_JP.UTF-8", &args, dir.path());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(english), "{stderr}");
    }
}

#[test]
fn a_terminal_in_euc_jp_reads_the_messages_in_euc_jp() {
    let dir = tempfile::tempdir().unwrap();
    ward(dir.path(), SLIPPED);
    let out = mokuhyo_in("ja_JP.eucJP", &["check", "--sheets", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr.clone()).is_err(),
        "not UTF-8: the terminal reads EUC-JP"
    );
    let (stderr, _, bad) = encoding_rs::EUC_JP.decode(&out.stderr);
    assert!(!bad, "{stderr}");
    assert!(
        stderr.contains("エラー") && stderr.contains("確認しました"),
        "{stderr}"
    );
    // Shift_JIS too.
    let out = mokuhyo_in("ja_JP.SJIS", &["check", "--sheets", "."], dir.path());
    let (stderr, _, bad) = encoding_rs::SHIFT_JIS.decode(&out.stderr);
    assert!(!bad && stderr.contains("確認しました"), "{stderr}");
}

#[test]
fn language_comes_before_lang_as_gettext_orders_them() {
    let dir = tempfile::tempdir().unwrap();
    ward(dir.path(), SLIPPED);
    let run = |language: &str, lang: &str| {
        let out = std::process::Command::new(common::MOKUHYO)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANGUAGE", language)
            .env("LANG", lang)
            .args(["check", "--sheets", "."])
            .current_dir(dir.path())
            .output()
            .unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    let stderr = run("en", "ja_JP.UTF-8");
    assert!(stderr.contains("checked 1 ward(s)"), "{stderr}");
    let stderr = run("fr:ja", "en_US.UTF-8");
    assert!(stderr.contains("確認しました"), "{stderr}");
    // In the C locale gettext ignores LANGUAGE.
    let stderr = run("en", "C");
    assert!(stderr.contains("確認しました"), "{stderr}");
}

/// Exit status as ripgrep's: 0 clean, 1 problems found in the input, 2 could not run. A
/// missing `--sheets` folder is 2, said in our words in either language (no system English).
#[test]
fn a_missing_sheets_folder_cannot_run_and_is_said_in_our_words() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["check", "build", "data", "export", "watch", "serve"] {
        let args = [command, "--sheets", "ない"];
        let out = mokuhyo_in("ja_JP.UTF-8", &args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{command}: {out:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            stderr,
            "エラー: シートのフォルダー ない を読めません：そのファイルまたはフォルダーはありません\n",
            "{command}"
        );
        let out = mokuhyo_in(
            "ja_JP.UTF-8",
            &[&args[..], &["--lang=en"]].concat(),
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(2), "{command}: {out:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            stderr, "error: cannot read the sheets folder ない: there is no such file or folder\n",
            "{command}"
        );
    }
    // A file where the folder should be.
    std::fs::write(dir.path().join("sheets"), "").unwrap();
    let out = mokuhyo_in("en_US.UTF-8", &["check"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.ends_with("sheets: it is not a folder\n"), "{stderr}");
    // Problems found in the sheets are 1; a sound ward is 0.
    let sheets = repo().join("sheets");
    let out = mokuhyo_in(
        "en_US.UTF-8",
        &["check", "--sheets", sheets.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn check_counts_every_division_it_read_also_those_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    for division in ["総務課", "地域課", "保護課"] {
        let mut args = vec!["new", "sheets/nishi-r7", division];
        if division == "総務課" {
            args.extend(["--ward", "西区"]);
        }
        let out = mokuhyo_in("ja_JP.UTF-8", &args, dir.path());
        assert!(out.status.success(), "{out:?}");
    }
    let out = mokuhyo_in("ja_JP.UTF-8", &["check"], dir.path());
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        said.contains("1区・3課を確認しました。エラー 3件"),
        "{said}"
    );
}
