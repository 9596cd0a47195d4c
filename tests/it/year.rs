//! The year's cycle: next year's ward made from this one (`next-year`), as the command line
//! runs it, on copies of the example wards.

use crate::common;

use common::{Pdf, copy_ward, files_under, mokuhyo, repo};
use mokuhyo::sheet::model::{Severity, load_ward};
use std::collections::BTreeMap;
use std::path::Path;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn next_year_keeps_the_plan_and_leaves_the_evaluation_out() {
    for (folder, name, year) in [
        ("higashi-r5", "東区", 2023),
        ("minato-r6", "みなと区", 2024),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let this = dir.path().join("this");
        copy_ward(&repo().join("sheets").join(folder), &this, name);
        // The example's own ward.toml, comments and all.
        std::fs::copy(
            repo().join("sheets").join(folder).join("ward.toml"),
            this.join("ward.toml"),
        )
        .unwrap();
        // An interim evaluation, too, is this year's.
        let mut ward = std::fs::read_to_string(this.join("ward.toml")).unwrap();
        ward.push_str("interim = false\n");
        std::fs::write(this.join("ward.toml"), ward).unwrap();
        let out = mokuhyo(&["next-year", "this", "--out", "next"], dir.path());
        assert!(out.status.success(), "{folder}: {}", text(&out.stderr));

        let (before, _) = load_ward(&this);
        let before = before.unwrap();
        let (after, problems) = load_ward(&dir.path().join("next"));
        assert!(
            problems.iter().all(|p| p.severity != Severity::Error),
            "{folder}: {problems:#?}"
        );
        let after = after.unwrap();
        assert_eq!(after.fiscal_year, year + 1);
        assert_eq!(after.created.to_string(), format!("{}-04-01", year + 1));
        assert_eq!(after.evaluated, None);
        assert_eq!(after.approval, before.approval, "{folder}: stamps kept");
        assert_eq!(after.divisions.len(), before.divisions.len());
        for (old, new) in before.divisions.iter().zip(&after.divisions) {
            assert_eq!(old.name, new.name);
            assert_eq!(old.approval, new.approval);
            assert_eq!(old.goals.len(), new.goals.len());
            for (old, new) in old.goals.iter().zip(&new.goals) {
                assert_eq!((&old.text, &old.plan_ref), (&new.text, &new.plan_ref));
                assert_eq!(
                    (&new.rating, &new.status, &new.next_steps),
                    (&String::new(), &String::new(), &String::new())
                );
                for (old, new) in old.actions.iter().zip(&new.actions) {
                    assert_eq!(old.name, new.name);
                    for (old, new) in old.indicators.iter().zip(&new.indicators) {
                        assert_eq!((&old.name, &old.target), (&new.name, &new.target));
                        assert_eq!(new.result, "");
                    }
                }
            }
        }
        // The comments stay, those naming the year with it.
        let ward = std::fs::read_to_string(dir.path().join("next/ward.toml")).unwrap();
        let label = mokuhyo::sheet::era::fiscal_year_label(year + 1).unwrap();
        assert!(
            ward.contains(&format!("# 年度（4月〜翌3月）: {label}"))
                || ward.contains(&format!("# {label}")),
            "{ward}"
        );
        assert!(!ward.lines().any(|l| l.starts_with("evaluated")), "{ward}");
        assert!(!ward.contains("interim"), "{ward}");

        // And it builds.
        let built = mokuhyo(&["build", "--sheets", "next", "--out", "out"], dir.path());
        assert!(built.status.success(), "{folder}: {}", text(&built.stderr));
    }
}

#[test]
fn next_year_refuses_an_existing_folder_and_a_ward_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    copy_ward(
        &repo().join("sheets/minato-r6"),
        &dir.path().join("this"),
        "みなと区",
    );
    std::fs::create_dir_all(dir.path().join("next")).unwrap();
    std::fs::write(dir.path().join("next/keep.txt"), "kept").unwrap();
    let out = mokuhyo(&["next-year", "this", "--out", "next"], dir.path());
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("already exists"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("next")).unwrap().count(),
        1
    );

    std::fs::write(dir.path().join("this/01_総務課.toml"), "order = \"x\"\n").unwrap();
    let out = mokuhyo(&["next-year", "this", "--out", "other"], dir.path());
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("error(s): next year is made from a sound ward"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("other").exists());
}

#[test]
fn next_year_can_clear_the_targets_and_take_its_own_date() {
    let dir = tempfile::tempdir().unwrap();
    copy_ward(
        &repo().join("sheets/minato-r6"),
        &dir.path().join("this"),
        "みなと区",
    );
    let args = [
        "next-year",
        "this",
        "--out",
        "next",
        "--clear-targets",
        "--created",
        "2025-04-08",
    ];
    let out = mokuhyo(&args, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (ward, _) = load_ward(&dir.path().join("next"));
    let ward = ward.unwrap();
    assert_eq!(ward.created.to_string(), "2025-04-08");
    let targets: Vec<&str> = (ward.divisions.iter())
        .flat_map(|d| &d.goals)
        .flat_map(|g| &g.actions)
        .flat_map(|a| &a.indicators)
        .map(|i| i.target.as_str())
        .collect();
    assert!(
        !targets.is_empty() && targets.iter().all(|t| t.is_empty()),
        "{targets:?}"
    );
}

/// Every file under `dir` with its bytes, by its path below `dir`.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

#[test]
fn both_editions_built_into_one_folder_keep_each_others_files() {
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("sheets/w");
    copy_ward(&repo().join("sheets/minato-r6"), &ward, "みなと区");
    let build = || {
        let out = mokuhyo(&["build", "--sheets", "sheets", "--out", "out"], dir.path());
        assert!(out.status.success(), "{}", text(&out.stderr));
    };
    // The evaluated edition first (the example is evaluated), then April's: the ward as it was
    // before 評価日 was written in.
    build();
    let evaluated = contents(&dir.path().join("out"));
    let ward_toml = std::fs::read_to_string(ward.join("ward.toml")).unwrap();
    let april_toml: String = ward_toml
        .lines()
        .filter(|l| !l.starts_with("evaluated"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(april_toml, ward_toml);
    std::fs::write(ward.join("ward.toml"), &april_toml).unwrap();
    build();
    let both = contents(&dir.path().join("out"));
    let pdfs = |files: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        let names = files.keys().filter(|n| n.ends_with(".pdf"));
        names.cloned().collect()
    };
    let evaluated_pdfs = pdfs(&evaluated);
    assert_eq!(evaluated_pdfs.len(), 4, "{evaluated_pdfs:?}");
    assert!(evaluated_pdfs.iter().all(|n| n.ends_with("_評価.pdf")));
    for name in &evaluated_pdfs {
        assert!(both[name] == evaluated[name], "{name} was changed");
    }
    let april: Vec<String> = pdfs(&both)
        .into_iter()
        .filter(|n| !evaluated_pdfs.contains(n))
        .collect();
    assert_eq!(april.len(), 4, "{april:?}");

    // Evaluated again, after a division is renamed: its old evaluated PDF is tidied away, and
    // every April PDF stays as it was.
    std::fs::write(ward.join("ward.toml"), &ward_toml).unwrap();
    let file = files_under(&ward)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("01_"))
        .unwrap();
    let sheet = std::fs::read_to_string(&file).unwrap();
    let renamed = sheet.replacen("division = \"", "division = \"新", 1);
    assert_ne!(renamed, sheet);
    std::fs::write(&file, renamed).unwrap();
    build();
    let after = contents(&dir.path().join("out"));
    for name in &april {
        assert!(after[name] == both[name], "{name} was changed");
    }
    let old = evaluated_pdfs.iter().find(|n| n.contains("01_")).unwrap();
    assert!(!after.contains_key(old), "{old} should be tidied away");
    let sheet = after.keys().find(|n| n.contains("01_新")).unwrap();
    assert!(sheet.ends_with("_評価.pdf"), "{sheet}");

    // The titles say which edition a PDF is.
    let title = |name: &str| Pdf::open(&dir.path().join("out").join(name)).info("Title");
    let volume = |evaluated: bool| {
        let names = after.keys().filter(|n| n.contains("組織目標管理シート"));
        let mut names = names.filter(|n| n.ends_with("_評価.pdf") == evaluated);
        names.next().unwrap().clone()
    };
    assert_eq!(
        title(&volume(true)).as_deref(),
        Some("令和６年度 組織目標管理シート（評価） みなと区")
    );
    assert_eq!(
        title(&volume(false)).as_deref(),
        Some("令和６年度 組織目標管理シート みなと区")
    );
    assert!(
        title(sheet)
            .unwrap()
            .contains("組織目標管理シート（評価） みなと区 新")
    );

    // An interim evaluation is a third edition, beside the other two.
    let interim = ward_toml.replace(
        "evaluated = 2025-04-30",
        "evaluated = 2024-10-31\ninterim = true",
    );
    assert_ne!(interim, ward_toml);
    std::fs::write(ward.join("ward.toml"), interim).unwrap();
    let checked = mokuhyo(&["check", "--sheets", "sheets"], dir.path());
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    assert!(!text(&checked.stdout).contains("before the fiscal year ends"));
    build();
    let last = contents(&dir.path().join("out"));
    for (name, bytes) in after.iter().filter(|(n, _)| n.ends_with(".pdf")) {
        assert!(last.get(name) == Some(bytes), "{name} was changed");
    }
    let interims: Vec<&String> = last
        .keys()
        .filter(|n| n.ends_with("_中間評価.pdf"))
        .collect();
    assert_eq!(interims.len(), 4, "{interims:?}");
    let volume = interims
        .iter()
        .find(|n| n.contains("組織目標管理シート"))
        .unwrap();
    let volume = Pdf::open(&dir.path().join("out").join(volume));
    assert!(
        volume.page_texts()[0].contains("中間評価"),
        "{}",
        volume.page_texts()[0]
    );
    assert_eq!(
        volume.info("Title").as_deref(),
        Some("令和６年度 組織目標管理シート（中間評価） みなと区")
    );
}

#[test]
fn the_commands_that_write_a_ward_wait_while_another_program_writes_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let ward = dir.path().join("this");
    copy_ward(&repo().join("sheets/minato-r6"), &ward, "みなと区");
    let out = mokuhyo(
        &["export", "--sheets", "this", "--format", "json"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::fs::write(dir.path().join("this.json"), &out.stdout).unwrap();
    for args in [
        &["next-year", "this", "--out", "next"][..],
        &["import", "this.json", "--force", "--out", "this"],
        &["new", "this", "企画課"],
    ] {
        // Another program (a save of `serve`, another import) holds the ward: the OS lock.
        let held = mokuhyo::lock::ward(&ward).unwrap();
        let mut child = common::command()
            .args(args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(700));
        let waiting = child.try_wait().unwrap().is_none();
        drop(held);
        let done = child.wait_with_output().unwrap();
        assert!(waiting, "{args:?} did not wait: {}", text(&done.stderr));
        assert!(done.status.success(), "{args:?}: {}", text(&done.stderr));
    }
    assert!(dir.path().join("next/ward.toml").is_file());
}

#[test]
fn next_year_keeps_the_line_for_the_evaluation_date_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    // File for file, with the comments of ward.toml.
    common::copy_example_wards(dir.path());
    let args = ["next-year", "sheets/minato-r6", "--out", "next"];
    let out = mokuhyo(&args, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let next = std::fs::read_to_string(dir.path().join("next/ward.toml")).unwrap();
    // A year later, in the place it had, as `new` writes it: commented out, its note kept.
    let lines: Vec<&str> = next.lines().collect();
    let hint = (lines.iter())
        .position(|l| l.starts_with("# evaluated = 2026-04-30"))
        .unwrap_or_else(|| panic!("no evaluated line: {next}"));
    assert!(lines[hint].contains("評価日 R8.4.30"), "{next}");
    assert!(
        lines[hint - 1].starts_with("created = 2025-04-01"),
        "{next}"
    );
    assert!(lines[hint + 1].starts_with("approval = "), "{next}");
    assert!(!next.contains("\nevaluated ="), "{next}");
    let (ward, problems) = load_ward(&dir.path().join("next"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(ward.unwrap().evaluated, None);
}

#[test]
fn next_year_inside_its_own_ward_is_refused_and_a_nested_ward_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let this = dir.path().join("sheets/this");
    copy_ward(&repo().join("sheets/minato-r6"), &this, "みなと区");
    for out in ["sheets/this/next", "sheets/other/../this/r7/next"] {
        let args = ["next-year", "sheets/this", "--out", out];
        let run = common::mokuhyo_in("ja_JP.UTF-8", &args, dir.path());
        let said = text(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{out}: {said}");
        assert!(
            said.contains("元の区のフォルダー sheets/this の中にあります"),
            "{said}"
        );
        assert!(!dir.path().join(out).exists(), "{out}");
    }
    assert!(!this.join("r7").exists());

    // A ward folder put inside another by hand: said by `check` and `build`, not skipped unsaid.
    copy_ward(
        &repo().join("sheets/minato-r6"),
        &this.join("r7"),
        "みなと区",
    );
    for command in ["check", "build"] {
        let run = mokuhyo(&[command, "--sheets", "sheets"], dir.path());
        let said = text(&run.stderr);
        assert!(run.status.success(), "{command}: {said}");
        assert!(
            said.contains("sheets/this/r7: warning: the ward folder sheets/this/r7 is inside another ward's folder"),
            "{command}: {said}"
        );
    }
}
