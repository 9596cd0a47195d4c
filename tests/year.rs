//! The year's cycle: next year's ward made from this one (`next-year`), as the command line
//! runs it, on copies of the example wards.

mod common;

use common::{copy_ward, mokuhyo, repo};
use mokuhyo::model::{Severity, load_ward};

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
        let label = mokuhyo::era::fiscal_year_label(year + 1).unwrap();
        assert!(
            ward.contains(&format!("# 年度（4月〜翌3月）: {label}"))
                || ward.contains(&format!("# {label}")),
            "{ward}"
        );
        assert!(!ward.lines().any(|l| l.starts_with("evaluated")), "{ward}");

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
