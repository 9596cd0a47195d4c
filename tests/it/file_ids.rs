//! typst interns every file id for the life of the process, at most 65,535 of them: a build
//! that minted one per division or per ward would, in one process, run out on a big enough city
//! (and hold the paths forever). The test runs itself again in a process of its own (the
//! test binary, told to run this test only), so that no other test interns ids while it counts.

use crate::common;

use common::{copy_ward, renderer, repo};
use mokuhyo::pdf::build::{BuildOptions, build};
use mokuhyo::pdf::world::project_file;

/// How many ids typst has interned so far, plus one: the id a path new to the process gets.
fn next_file_id(probe: &str) -> u16 {
    project_file(probe).into_raw().get()
}

/// Set in the process that counts.
const ALONE: &str = "MOKUHYO_TEST_FILE_IDS_ALONE";

#[test]
fn a_bigger_city_interns_no_more_file_ids() {
    if std::env::var_os(ALONE).is_none() {
        // The other tests of this binary run on threads of this process, interning ids.
        let alone = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "file_ids::a_bigger_city_interns_no_more_file_ids",
            ])
            .args(["--test-threads=1", "--nocapture"])
            .env(ALONE, "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&alone.stdout);
        assert!(
            alone.status.success() && stdout.contains("1 passed"),
            "{stdout}{}",
            String::from_utf8_lossy(&alone.stderr)
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("sheets");
    let higashi = repo().join("sheets/higashi-r5");
    let minato = repo().join("sheets/minato-r6");

    // One ward first: what every document uses (the templates, the data) is interned then.
    copy_ward(&minato, &city.join("w00"), "第0区");
    let report = build(
        renderer(),
        &BuildOptions::new(&city, dir.path().join("out")),
        &(),
    );
    assert!(!report.failed(), "{:?}", report.failures);
    let before = next_file_id("/mokuhyo-test-probe-before");

    // Then a city of twelve wards, evaluated and not, with stamps: 66 sheets and 12 volumes.
    for w in 1..12 {
        let from = if w % 2 == 0 { &minato } else { &higashi };
        copy_ward(from, &city.join(format!("w{w:02}")), &format!("第{w}区"));
    }
    let report = build(
        renderer(),
        &BuildOptions::new(&city, dir.path().join("out")),
        &(),
    );
    assert!(!report.failed(), "{:?}", report.failures);
    assert_eq!(report.written.len(), 6 * 4 + 6 * 9);

    let after = next_file_id("/mokuhyo-test-probe-after");
    assert_eq!(
        after,
        before + 1,
        "the build of {} PDFs interned {} new file ids",
        report.written.len(),
        after - before - 1
    );
}
