//! `mokuhyo serve` over real HTTP on loopback: the server runs in this process on a free
//! port, on copies of the example wards, and is spoken to with an HTTP client.

use crate::common;

use common::{Pdf, copy_example_wards, repo};
use mokuhyo::locale::Lang;
use mokuhyo::pdf::render::Resources;
use mokuhyo::serve::{ServeOptions, Server, start};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A server on copies of both example wards in a temporary folder.
pub(crate) struct Served {
    pub(crate) server: Server,
    pub(crate) dir: tempfile::TempDir,
    pub(crate) agent: ureq::Agent,
}

pub(crate) fn serve() -> Served {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let options = ServeOptions {
        sheets: dir.path().join("sheets"),
        out: dir.path().join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: None,
        tls: None,
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let server = start(&options, &Resources::default()).unwrap();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    Served { server, dir, agent }
}

impl Served {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.server.addr)
    }

    pub(crate) fn division_url(&self, ward: &str, division: &str) -> String {
        self.url(&format!(
            "/api/wards/{ward}/divisions/{}",
            percent(division)
        ))
    }

    pub(crate) fn file(&self, ward: &str, name: &str) -> PathBuf {
        self.dir.path().join("sheets").join(ward).join(name)
    }

    pub(crate) fn get(&self, url: &str) -> (u16, Option<String>, Vec<u8>) {
        let mut response = self.agent.get(url).call().unwrap();
        let etag = header(&response, "etag");
        let body = response
            .body_mut()
            .with_config()
            .limit(50 << 20)
            .read_to_vec()
            .unwrap();
        (response.status().as_u16(), etag, body)
    }

    pub(crate) fn get_json(&self, url: &str) -> (u16, Option<String>, Value) {
        let (status, etag, body) = self.get(url);
        (status, etag, serde_json::from_slice(&body).unwrap())
    }

    pub(crate) fn put(
        &self,
        url: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> (u16, Option<String>, Value) {
        let mut request = self.agent.put(url);
        if let Some(etag) = if_match {
            request = request.header("If-Match", etag);
        }
        let mut response = request.send_json(body).unwrap();
        let etag = header(&response, "etag");
        let body: Value = response.body_mut().read_json().unwrap();
        (response.status().as_u16(), etag, body)
    }

    fn preview(&self, url: &str, draft: &Value) -> (u16, Value) {
        let mut response = self
            .agent
            .post(&format!("{url}/preview"))
            .send_json(draft)
            .unwrap();
        let body = response
            .body_mut()
            .with_config()
            .limit(50 << 20)
            .read_json()
            .unwrap();
        (response.status().as_u16(), body)
    }
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    let value = response.headers().get(name)?;
    Some(value.to_str().ok()?.to_string())
}

fn percent(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_ward_list_tells_each_divisions_state() {
    let served = serve();
    let (status, _, wards) = served.get_json(&served.url("/api/wards"));
    assert_eq!(status, 200);
    let wards = wards.as_array().unwrap();
    assert_eq!(wards.len(), 2);
    assert_eq!(wards[0]["name"], "東区");
    assert_eq!(wards[0]["fiscal_year"], "令和５年度");
    let divisions = wards[0]["divisions"].as_array().unwrap();
    assert_eq!(divisions.len(), 8);
    assert_eq!(divisions[0]["name"], "地域課");
    assert_eq!(divisions[0]["goals"], 4);
    assert_eq!(divisions[0]["errors"], 0);
    assert_eq!(wards[1]["evaluated"], true);
    assert_eq!(wards[1]["divisions"][0]["rated"], 3);

    // A broken file is listed, with its errors, under the name it gives.
    let file = served.file("higashi-r5", "01_地域課.toml");
    let text = read(&file).replace("target = \"10者\"", "target = 10者");
    std::fs::write(&file, text).unwrap();
    let (_, _, wards) = served.get_json(&served.url("/api/wards"));
    let first = &wards[0]["divisions"][0];
    assert_eq!(first["name"], "地域課");
    assert_eq!(first["errors"], 1, "{first}");

    // The ward page lists them, linked, in Japanese.
    let (status, _, page) = served.get(&served.url("/"));
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"ja\">"), "{page}");
    assert!(
        page.contains("石山出張所") && page.contains("エラー 1 件"),
        "{page}"
    );
    assert!(page.contains(&format!(
        "/wards/higashi-r5/divisions/{}",
        percent("保護課")
    )));
}

#[test]
fn a_save_writes_the_file_in_place_and_a_stale_one_is_refused() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let file = served.file("higashi-r5", "01_地域課.toml");
    let before = read(&file);

    let (status, etag, draft) = served.get_json(&url);
    assert_eq!(status, 200);
    let etag = etag.unwrap();
    assert_eq!(draft["division"], "地域課");
    assert_eq!(draft["order"], 1);
    assert_eq!(
        draft["goals"][0]["actions"][0]["indicators"][0]["target"],
        "10者"
    );
    assert_eq!(
        draft["goals"][2]["actions"][0]["indicators"][0]["target"],
        "・河渡ルート\n（44,000人）\n・松崎ルート\n（43,000人）"
    );

    let mut edited = draft.clone();
    edited["goals"][0]["text"] = json!("新しい目標 #set $x$ *太字* <b>");
    edited["goals"][1]["plan_ref"] = json!("行財1-1-①");

    // No If-Match: 428, nothing written.
    let (status, _, body) = served.put(&url, None, &edited);
    assert_eq!(status, 428, "{body}");
    assert_eq!(read(&file), before);
    // Another version's: 412, nothing written, the saved version in the answer.
    let (status, _, body) = served.put(&url, Some("\"0123\""), &edited);
    assert_eq!(status, 412, "{body}");
    assert_eq!(body["current"], draft);
    assert_eq!(body["etag"], etag.as_str());
    assert_eq!(read(&file), before);

    // The version it started from: saved, in place, comments and layout kept.
    let (status, new_etag, body) = served.put(&url, Some(&etag), &edited);
    assert_eq!(status, 200, "{body}");
    let new_etag = new_etag.unwrap();
    assert_ne!(new_etag, etag);
    assert_eq!(body["etag"], new_etag.as_str());
    assert_eq!(body["problems"], json!([]));
    let after = read(&file);
    assert!(after.contains("[[goals]]   # No. 1"), "{after}");
    assert!(after.contains("[[goals]]   # No. 4"), "{after}");
    assert!(after.contains("target = '''\n・河渡ルート"), "{after}");
    assert!(
        after.contains("text = \"新しい目標 #set $x$ *太字* <b>\""),
        "{after}"
    );
    let gone: Vec<&str> = before
        .lines()
        .filter(|l| !after.lines().any(|a| a == *l))
        .collect();
    let new: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(new.len(), 2, "the new text and plan_ref: {new:?}");
    assert_eq!(after.lines().count(), before.lines().count() + 1);
    assert_eq!(served.get_json(&url).2, edited);

    // From the version the person started from, unchanged: merged with the save since, which
    // it leaves as it is (`tests/it/merge.rs` for the rest of the merge).
    let (status, _, body) = served.put(&url, Some(&etag), &draft);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["merged"].as_array().unwrap().len(), 2, "{body}");
    assert_eq!(read(&file), after);
}

#[test]
fn the_wards_settings_are_saved_in_place_and_reach_its_sheets() {
    let served = serve();
    let url = served.url("/api/wards/higashi-r5");
    let file = served.file("higashi-r5", "ward.toml");
    let before = read(&file);

    let (status, etag, ward) = served.get_json(&url);
    assert_eq!(status, 200);
    let etag = etag.unwrap();
    assert_eq!(
        ward,
        json!({"ward": "東区", "fiscal_year": 2023, "created": "2023-04-01", "evaluated": "",
               "interim": false, "approval": []})
    );
    let pdf_name = || {
        let url = format!("{}.pdf", served.division_url("higashi-r5", "地域課"));
        let response = served.agent.get(&url).call().unwrap();
        assert_eq!(response.status(), 200);
        header(&response, "content-disposition").unwrap()
    };
    assert!(
        pdf_name().ends_with(&percent_name("01_地域課.pdf")),
        "{}",
        pdf_name()
    );

    // The year evaluated: the date written as a TOML date, every comment kept.
    let mut evaluated = ward.clone();
    evaluated["evaluated"] = json!("2024-04-30");
    assert_eq!(served.put(&url, None, &evaluated).0, 428);
    assert_eq!(read(&file), before);
    let (status, new_etag, body) = served.put(&url, Some(&etag), &evaluated);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["problems"], json!([]), "{body}");
    let after = read(&file);
    // The commented-out line `new` and the example write becomes the value, its note kept in
    // its column; not another byte changes.
    let uncommented = before.replace(
        "# evaluated = 2024-04-30    # 評価日",
        "evaluated = 2024-04-30      # 評価日",
    );
    assert_ne!(uncommented, before);
    assert_eq!(after, uncommented);
    let (loaded, _) = mokuhyo::sheet::model::load_ward(file.parent().unwrap());
    assert_eq!(
        loaded.unwrap().evaluated,
        chrono::NaiveDate::from_ymd_opt(2024, 4, 30)
    );
    // Every sheet of the ward is now the evaluated edition.
    assert!(
        pdf_name().ends_with(&percent_name("01_地域課_評価.pdf")),
        "{}",
        pdf_name()
    );

    // From the old version, unchanged: merged, the saved settings kept.
    let (status, _, body) = served.put(&url, Some(&etag), &ward);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["draft"]["evaluated"], "2024-04-30");
    assert_eq!(read(&file), after);
    // From a version the history does not know: refused, the saved settings in the answer.
    let (status, _, body) = served.put(&url, Some("\"0123\""), &ward);
    assert_eq!(status, 412, "{body}");
    assert_eq!(body["current"]["evaluated"], "2024-04-30");

    // A date that is no date is saved as written, and its error is under its key.
    let mut wrong = evaluated.clone();
    wrong["evaluated"] = json!("R6.4.30");
    let (status, _, body) = served.put(&url, new_etag.as_deref(), &wrong);
    assert_eq!(status, 200, "{body}");
    let problems = body["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["key"] == "evaluated" && p["severity"] == "error"),
        "{body}"
    );
    let versions = served.get_json(&format!("{url}/history")).2;
    let dates: Vec<&str> = (versions.as_array().unwrap().iter())
        .map(|v| v["data"]["evaluated"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["R6.4.30", "2024-04-30", ""]);
}

/// A file name as a `filename*=UTF-8''…` parameter spells it.
fn percent_name(name: &str) -> String {
    let encode = |b: u8| {
        if b.is_ascii_alphanumeric() {
            (b as char).to_string()
        } else {
            format!("%{b:02X}")
        }
    };
    name.bytes().map(encode).collect()
}

#[test]
fn of_saves_racing_from_one_version_exactly_one_is_written() {
    let served = serve();
    let url = served.division_url("minato-r6", "総務課");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    let results: Vec<(u16, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (url, etag, served) = (&url, &etag, &served);
                let mut mine = draft.clone();
                mine["goals"][0]["status"] = json!(format!("保存{i}"));
                scope.spawn(move || (served.put(url, Some(etag), &mine).0, format!("保存{i}")))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let won: Vec<&(u16, String)> = results.iter().filter(|(s, _)| *s == 200).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    // The others changed the same field from the same version: a conflict each (409).
    assert!(
        results.iter().all(|(s, _)| *s == 200 || *s == 409),
        "{results:?}"
    );
    let (_, _, saved) = served.get_json(&url);
    assert_eq!(saved["goals"][0]["status"], won[0].1.as_str());
}

#[test]
fn a_preview_lays_out_the_draft_and_tells_its_problems_without_saving() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let file = served.file("higashi-r5", "01_地域課.toml");
    let before = read(&file);
    let (_, _, draft) = served.get_json(&url);

    let mut edited = draft.clone();
    edited["goals"][0]["actions"][0]["name"] = json!("プレビュー用の取組 $x$");
    let (status, preview) = served.preview(&url, &edited);
    assert_eq!(status, 200, "{preview}");
    let svg = preview["svg"].as_str().unwrap();
    assert!(svg.starts_with("<svg") && svg.len() > 10_000);
    // Read as laid out: a cell's text may wrap.
    let text = common::squash(preview["text"].as_str().unwrap());
    assert!(
        text.contains(&common::squash("プレビュー用の取組 $x$")),
        "{text}"
    );
    assert!(text.contains("組織目標管理シート") && text.contains("令和５年度"));
    assert_eq!(preview["pages"], 1);
    assert_eq!(preview["size"], 8.0);
    assert_eq!(read(&file), before, "a preview saves nothing");

    // A bad rating: no page, the problem at its key, in Japanese.
    edited["goals"][1]["rating"] = json!("A");
    let (status, preview) = served.preview(&url, &edited);
    assert_eq!(status, 200);
    assert_eq!(preview["svg"], Value::Null);
    let problems = preview["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["key"], "goals[2].rating");
    assert_eq!(problems[0]["severity"], "error");
    assert!(
        problems[0]["message"].as_str().unwrap().contains("評価"),
        "{problems:?}"
    );

    // The saved page, as an image.
    let (status, _, svg) = served.get(&format!("{url}/preview.svg"));
    assert_eq!(status, 200);
    assert!(String::from_utf8(svg).unwrap().starts_with("<svg"));
}

#[test]
fn a_division_with_errors_is_saved_and_its_errors_reported() {
    let served = serve();
    let url = served.division_url("higashi-r5", "総務課");
    let (_, etag, mut draft) = served.get_json(&url);
    draft["goals"][0]["rating"] = json!("◎");
    let (status, etag, body) = served.put(&url, etag.as_deref(), &draft);
    assert_eq!(status, 200, "{body}");
    let keys = |body: &Value| -> Vec<String> {
        let problems = body["problems"].as_array().unwrap().iter();
        problems
            .map(|p| p["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(keys(&body), ["goals[1].rating"], "{body}");
    assert!(read(&served.file("higashi-r5", "07_総務課.toml")).contains("rating = \"◎\""));
    // A problem between files is told too: order 1 is 地域課's.
    draft["goals"][0]["rating"] = json!("");
    draft["order"] = json!(1);
    let (status, etag, body) = served.put(&url, etag.as_deref(), &draft);
    assert_eq!(status, 200, "{body}");
    assert_eq!(keys(&body), ["order"], "{body}");
    let _ = etag;
    // Still found and opened by its name.
    let (status, etag, reread) = served.get_json(&url);
    assert_eq!((status, &reread), (200, &draft));

    // Renamed: found by its new name; with none, by its file's name.
    draft["division"] = json!("総務企画課");
    let (status, etag, body) = served.put(&url, etag.as_deref(), &draft);
    assert_eq!(
        (status, &body["division"]),
        (200, &json!("総務企画課")),
        "{body}"
    );
    let renamed = served.division_url("higashi-r5", "総務企画課");
    draft["division"] = json!("");
    let (status, _, body) = served.put(&renamed, etag.as_deref(), &draft);
    assert_eq!(
        (status, &body["division"]),
        (200, &json!("07_総務課")),
        "{body}"
    );
    let (status, _, reread) = served.get_json(&served.division_url("higashi-r5", "07_総務課"));
    assert_eq!((status, &reread), (200, &draft));
}

#[test]
fn pdfs_are_the_builds() {
    let served = serve();
    let url = served.division_url("higashi-r5", "建設課");
    let (status, _, pdf) = served.get(&format!("{url}.pdf"));
    assert_eq!(status, 200);
    let pdf = Pdf::from_bytes(pdf);
    assert_eq!(pdf.page_count(), 1);
    assert_eq!(
        pdf.info("Title").as_deref(),
        Some("令和５年度 組織目標管理シート 東区 建設課")
    );
    let (status, _, volume) = served.get(&served.url("/api/wards/minato-r6/volume.pdf"));
    assert_eq!(status, 200);
    let volume = Pdf::from_bytes(volume);
    assert_eq!(
        volume.info("Title").as_deref(),
        Some("令和６年度 組織目標管理シート（評価） みなと区")
    );

    // A division with an error has no PDF: the answer says why, as the problems say it.
    let file = served.file("higashi-r5", "06_建設課.toml");
    let original = read(&file);
    let broken = original.replacen(
        "\n  [[goals.actions]]",
        "\nrating = \"A\"\n  [[goals.actions]]",
        1,
    );
    std::fs::write(&file, broken).unwrap();
    let (status, _, refused) = served.get_json(&format!("{url}.pdf"));
    assert_eq!(status, 422, "{refused}");
    assert_eq!(
        refused["problems"][0]["key"], "goals[1].rating",
        "{refused}"
    );
    assert!(
        refused["message"].as_str().unwrap().contains("PDF"),
        "{refused}"
    );
    std::fs::write(&file, original).unwrap();

    // "Make every PDF" builds every ward into the output folder.
    let mut response = served
        .agent
        .post(&served.url("/api/build"))
        .send_empty()
        .unwrap();
    let body: Value = response.body_mut().read_json().unwrap();
    assert_eq!(body["written"], 9 + 4, "{body}");
    assert_eq!(body["errors"], 0, "{body}");
    assert!(
        served
            .dir
            .path()
            .join("output/higashi-r5/01_地域課.pdf")
            .is_file()
    );
}

/// The status a request line gets, sent as written (no client tidies its path).
fn raw_status(served: &Served, path: &str) -> u16 {
    let mut stream = std::net::TcpStream::connect(served.server.addr).unwrap();
    // Sent to the server's own name: any other is refused first (421).
    let host = served.server.addr;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn nothing_outside_the_sheets_is_reachable() {
    let served = serve();
    let outside = served.dir.path().join("secret.toml");
    std::fs::write(
        &outside,
        "order = 9\ndepartment = \"x\"\ndivision = \"秘密\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, served.file("higashi-r5", "09_秘密.toml")).unwrap();
    for path in [
        "/api/wards/../divisions/x".to_string(),
        "/api/wards/%2E%2E/divisions/secret".to_string(),
        "/api/wards/higashi-r5/divisions/..%2F..%2Fsecret".to_string(),
        "/api/wards/higashi-r5%2F..%2F..%2F/divisions/secret".to_string(),
        format!("/api/wards/higashi-r5/divisions/{}", percent("秘密")),
        format!("/api/wards/higashi-r5/divisions/{}.pdf", percent("秘密")),
        "/api/wards/higashi-r5/divisions/ward".to_string(),
        "/api/wards/..%2F..%2Fetc/volume.pdf".to_string(),
        "/assets/..%2F..%2FCargo.toml".to_string(),
        "/wards/higashi-r5/divisions/..".to_string(),
    ] {
        assert_eq!(raw_status(&served, &path), 404, "{path}");
    }
    assert_eq!(
        raw_status(
            &served,
            &format!("/api/wards/higashi-r5/divisions/{}", percent("地域課"))
        ),
        200
    );
}

#[test]
fn a_change_on_disk_is_told_to_open_pages() {
    let served = serve();
    let mut stream = std::net::TcpStream::connect(served.server.addr).unwrap();
    let host = served.server.addr;
    write!(stream, "GET /api/events HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let file = served.file("minato-r6", "02_地域振興課.toml");
    let text = read(&file);
    let mut seen = String::new();
    let started = Instant::now();
    let mut written = false;
    while !seen.contains("event: changed") && started.elapsed() < Duration::from_secs(20) {
        if !written && seen.contains("HTTP/1.1 200") {
            std::fs::write(&file, format!("{text}\n# 編集\n")).unwrap();
            written = true;
        }
        let mut buffer = [0u8; 4096];
        if let Ok(n) = stream.read(&mut buffer) {
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    }
    assert!(seen.contains("text/event-stream"), "{seen}");
    assert!(seen.contains("event: changed"), "{seen}");
    assert!(seen.contains("\"ward\":\"minato-r6\""), "{seen}");
    assert!(seen.contains("02_地域振興課.toml"), "{seen}");
}

#[test]
fn the_pages_and_their_fonts_come_from_the_binary() {
    let served = serve();
    let (status, _, page) = served.get(&format!(
        "http://{}/wards/higashi-r5/divisions/{}",
        served.server.addr,
        percent("地域課")
    ));
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("\"division\":\"地域課\""), "{page}");
    assert!(page.contains("\"add-goal\":\"組織目標を加える\""), "{page}");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing from outside"
    );
    let (status, _, font) = served.get(&served.url("/assets/BIZUDGothic-Regular.ttf"));
    assert_eq!(status, 200);
    assert_eq!(font, mokuhyo::pdf::fonts::EMBEDDED[0].1);
    let (status, _, css) = served.get(&served.url("/assets/app.css"));
    assert_eq!(status, 200);
    assert!(
        String::from_utf8(css)
            .unwrap()
            .contains("BIZUDGothic-Bold.ttf")
    );
    assert_eq!(served.get(&served.url("/assets/nothing.js")).0, 404);
}

/// The division's form is built from the field table the page sends: the script itself names
/// no field of the sheet, so a field added to the table reaches the form.
#[test]
fn the_form_is_described_by_the_field_table_and_the_script_names_no_field() {
    use mokuhyo::sheet::fields::{FIELDS, Kind, Level};
    let served = serve();
    let url = format!("/wards/higashi-r5/divisions/{}", percent("地域課"));
    let (status, _, page) = served.get(&served.url(&url));
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    let start = "<script id=\"config\" type=\"application/json\">";
    let config = &page[page.find(start).unwrap() + start.len()..];
    let config: Value = serde_json::from_str(&config[..config.find("</script>").unwrap()]).unwrap();
    let goal = config["fields"]["goal"].as_array().unwrap();
    let next_steps = goal.iter().find(|f| f["key"] == "next_steps").unwrap();
    assert_eq!(next_steps["phase"], "evaluation", "{next_steps}");
    assert_eq!(next_steps["words"], "next-steps", "{next_steps}");
    let items = config["fields"]["division"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|f| f["key"] == "goals" && f["of"] == "goal")
    );

    let (status, _, script) = served.get(&served.url("/assets/app.js"));
    assert_eq!(status, 200);
    let script = String::from_utf8(script).unwrap();
    // The script's code, without its comments.
    let code: String = (script.lines())
        .map(|line| match line.find("// ") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let names = |key: &str| {
        code.match_indices(key).any(|(at, _)| {
            let before = code[..at].chars().next_back().is_some_and(word);
            let after = code[at + key.len()..].chars().next().is_some_and(word);
            !before && !after
        })
    };
    let sheet = FIELDS.iter().filter(|f| f.level != Level::Ward);
    let distinct = sheet.filter(|f| f.key.contains('_') || matches!(f.kind, Kind::Items(_)));
    for field in distinct {
        assert!(!names(field.key), "app.js names the field {}", field.key);
    }
}

#[test]
fn listening_beyond_loopback_is_refused_with_words_that_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let options = ServeOptions {
        sheets: repo().join("sheets"),
        out: dir.path().join("output"),
        listen: "0.0.0.0:0".parse().unwrap(),
        lang: Lang::Ja,
        users: None,
        tls: None,
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let refused = start(&options, &Resources::default());
    assert!(matches!(
        refused,
        Err(mokuhyo::serve::Error::ServeNotLoopback { .. })
    ));
    let out = common::mokuhyo_in(
        "ja_JP.UTF-8",
        &["serve", "--listen", "0.0.0.0:8080", "--sheets", "sheets"],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("mokuhyo user add")
            && stderr.contains("--users")
            && stderr.contains("127.0.0.1"),
        "{stderr}"
    );
}

/// A request written by hand on a new connection (`Connection: close`): the status and the
/// body of its answer.
fn raw(addr: std::net::SocketAddr, request: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8(answer).unwrap();
    let status = answer.split(' ').nth(1).unwrap().parse().unwrap();
    let body = answer.split_once("\r\n\r\n").unwrap().1.to_string();
    (status, body)
}

/// A JSON refusal's message, which must be Japanese words of the server's.
fn message_of(body: &str) -> String {
    let value: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"));
    let message = value["message"].as_str().unwrap().to_string();
    assert!(!message.is_ascii(), "{message}");
    message
}

#[test]
fn a_request_sent_under_another_sites_name_is_refused_before_anything_runs() {
    let served = serve();
    let addr = served.server.addr;
    let port = addr.port();
    let url = served.division_url("higashi-r5", "地域課");
    let file = served.file("higashi-r5", "01_地域課.toml");
    let (_, etag, draft) = served.get_json(&url);
    let mut edited = draft.clone();
    edited["goals"][0]["text"] = json!("乗っ取られた目標");
    let body = edited.to_string();
    let before = read(&file);
    let path = format!("/api/wards/higashi-r5/divisions/{}", percent("地域課"));

    // DNS rebinding: evil.example made to resolve to 127.0.0.1, the page's own origin.
    let evil = format!("evil.example:{port}");
    let put = format!(
        "PUT {path} HTTP/1.1\r\nHost: {evil}\r\nOrigin: http://{evil}\r\n\
         If-Match: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        etag.unwrap(),
        body.len()
    );
    let (status, answer) = raw(addr, &put);
    assert_eq!(status, 421, "{answer}");
    assert!(message_of(&answer).contains("Host"), "{answer}");
    assert_eq!(read(&file), before, "nothing written");
    for path in [path.as_str(), "/", "/assets/app.js", "/signin", "/nothing"] {
        let get = format!("GET {path} HTTP/1.1\r\nHost: {evil}\r\nConnection: close\r\n\r\n");
        let (status, answer) = raw(addr, &get);
        assert_eq!(status, 421, "{path}: {answer}");
    }
    // The right name with the wrong port is another server's.
    let get = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        port + 1
    );
    assert_eq!(raw(addr, &get).0, 421);

    // The server's own names: its address, localhost, loopback, the machine's name.
    let machine = std::process::Command::new("hostname").output().ok();
    let machine = machine.map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
    let mut own = vec![
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("127.0.0.2:{port}"),
        "localhost".to_string(),
    ];
    own.extend(
        machine
            .filter(|m| !m.is_empty())
            .map(|m| format!("{m}:{port}")),
    );
    for host in own {
        let get = format!("GET /api/wards HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(raw(addr, &get).0, 200, "{host}");
    }
    // A change from another site's page is refused.
    let response = (served.agent.put(&url))
        .header("Origin", format!("http://{evil}"))
        .header("If-Match", "\"x\"")
        .send_json(&edited)
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(read(&file), before);
}

#[test]
fn a_name_given_with_host_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let options = ServeOptions {
        sheets: dir.path().join("sheets"),
        out: dir.path().join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: None,
        tls: None,
        hosts: vec!["Mokuhyo.Ward.Example".into()],
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let server = start(&options, &Resources::default()).unwrap();
    let port = server.addr.port();
    let get = |host: &str| {
        let request =
            format!("GET /api/wards HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        raw(server.addr, &request).0
    };
    assert_eq!(get(&format!("mokuhyo.ward.example:{port}")), 200);
    assert_eq!(get("mokuhyo.ward.example"), 200);
    assert_eq!(get(&format!("other.ward.example:{port}")), 421);
}

#[test]
fn what_the_http_layer_refuses_is_said_as_json_in_the_servers_language() {
    let served = serve();
    let addr = served.server.addr;
    let host = addr.to_string();
    let url = served.division_url("higashi-r5", "地域課");
    let file = served.file("higashi-r5", "01_地域課.toml");
    let (_, etag, _) = served.get_json(&url);
    let etag = etag.unwrap();
    let before = read(&file);
    let path = format!("/api/wards/higashi-r5/divisions/{}", percent("地域課"));
    let send = |method: &str, path: &str, kind: &str, body: &str| {
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nIf-Match: {etag}\r\n\
             Content-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        raw(addr, &request)
    };
    let json = "application/json";

    // Not JSON: 415.
    let (status, body) = send("PUT", &path, "text/plain", "division = 1");
    assert_eq!(status, 415, "{body}");
    assert!(message_of(&body).contains("JSON"), "{body}");
    // JSON that cannot be read: 400, with where.
    let (status, body) = send("PUT", &path, json, "{\n  \"division\": ");
    assert_eq!(status, 400, "{body}");
    assert!(message_of(&body).contains('2'), "{body}");
    // JSON of another shape: 422, naming what is wrong where serde says it.
    let (status, body) = send("PUT", &path, json, "{\"goals\": 5}");
    assert_eq!(status, 422, "{body}");
    let words = message_of(&body);
    assert!(!words.contains("Failed"), "{words}");
    // Too large: 413.
    let large = format!("{{\"division\": \"{}\"}}", "あ".repeat(1 << 20));
    let (status, body) = send("PUT", &path, json, &large);
    assert_eq!(status, 413, "{body}");
    message_of(&body);
    // A path that cannot be read (a version is a number): 400.
    let restore = format!("{path}/history/abc/restore");
    let (status, body) = send("POST", &restore, json, "");
    assert_eq!(status, 400, "{body}");
    message_of(&body);
    // No such URL, no such method: 404, 405.
    let (status, body) = send("GET", "/api/nothing", json, "");
    assert_eq!(status, 404, "{body}");
    message_of(&body);
    let (status, body) = send("DELETE", &path, json, "");
    assert_eq!(status, 405, "{body}");
    message_of(&body);
    assert_eq!(read(&file), before, "nothing written");
}

#[test]
fn a_deleted_history_is_made_again_and_saves_go_on_being_kept() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let sheets = served.dir.path().join("sheets");
    let history = sheets.join(mokuhyo::serve::history::FILE);
    let (_, etag, draft) = served.get_json(&url);
    let mut edited = draft.clone();
    edited["goals"][0]["text"] = json!("一回目");
    let (status, etag, _) = served.put(&url, etag.as_deref(), &edited);
    assert_eq!(status, 200);

    // Someone deletes the history while the server runs.
    for suffix in ["", "-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", history.display()));
        let _ = std::fs::remove_file(path);
    }
    edited["goals"][0]["text"] = json!("二回目");
    let (status, _, body) = served.put(&url, etag.as_deref(), &edited);
    assert_eq!(status, 200, "{body}");
    assert!(history.exists(), "the history is made again");
    let (status, _, versions) = served.get_json(&format!("{url}/history"));
    assert_eq!(status, 200);
    assert_eq!(
        versions[0]["data"]["goals"][0]["text"], "二回目",
        "{versions}"
    );
    assert!(versions[0]["saved_by"].is_string(), "{versions}");
    // The administrator is told, in the log beside it.
    let log = read(&sheets.join(mokuhyo::serve::log::FILE));
    assert!(log.contains("作り直しました"), "{log}");
    assert!(log.contains("保存：higashi-r5/01_地域課.toml"), "{log}");
}

#[test]
fn plain_http_to_the_https_port_is_told_to_use_https_and_bad_pem_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
    let options = ServeOptions {
        sheets: dir.path().join("sheets"),
        out: dir.path().join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: None,
        tls: Some((cert.clone(), key.clone())),
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let server = start(&options, &Resources::default()).unwrap();
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    let (status, body) = raw(server.addr, &request);
    assert_eq!(status, 400);
    assert!(
        body.contains(&format!("https://{}/", server.addr)) && body.contains("HTTPS"),
        "{body}"
    );
    assert!(!body.is_ascii(), "{body}");
    // HTTPS itself still answers.
    let root = ureq::tls::Certificate::from_pem(certified.cert.pem().as_bytes()).unwrap();
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(vec![
            root,
        ])))
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder().tls_config(tls).build().into();
    let response = agent.get(&server.url()).call().unwrap();
    assert_eq!(response.status(), 200);
    drop(server);

    let refusal = |cert_text: &str, key_text: &str| {
        std::fs::write(&cert, cert_text).unwrap();
        std::fs::write(&key, key_text).unwrap();
        match start(&options, &Resources::default()) {
            Err(err) => mokuhyo::locale::with(Lang::Ja, || err.to_string()),
            Ok(_) => panic!("started with {cert_text} and {key_text}"),
        }
    };
    let (good_cert, good_key) = (certified.cert.pem(), certified.signing_key.serialize_pem());
    let words = refusal("garbage", &good_key);
    assert!(words.contains("cert.pem に証明書"), "{words}");
    let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n";
    let words = refusal(&good_cert, encrypted);
    assert!(
        words.contains("暗号化") && words.contains("パスフレーズなしで"),
        "{words}"
    );
    let words = refusal(&good_cert, &good_cert);
    assert!(words.contains("key.pem に秘密鍵"), "{words}");
}

#[test]
fn listen_takes_a_name_and_a_privileged_port_is_said_to_need_an_administrator() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let log = dir.path().join("serve.log");
    let mut child = common::command()
        .args(["serve", "--sheets", "sheets", "--listen", "localhost:0"])
        .args(["--host", "mokuhyo.example", "--log"])
        .arg(&log)
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    let port = url.trim_end_matches([':', '/']).rsplit(':').next().unwrap();
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let get = |host: &str| {
        let request =
            format!("GET /api/wards HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        raw(addr, &request).0
    };
    let statuses = [
        get(&format!("localhost:{port}")),
        get(&format!("mokuhyo.example:{port}")),
        get(&format!("evil.example:{port}")),
    ];
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(statuses, [200, 200, 421]);
    // --log: the refusal is in the file named.
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("refused 421: GET /api/wards"), "{log}");

    // Root may listen on port 80 here, so the words are checked on the error itself.
    let denied = mokuhyo::serve::Error::ServeListen {
        addr: "0.0.0.0:80".into(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    let words = mokuhyo::locale::with(Lang::Ja, || denied.to_string());
    assert!(
        words.contains("ポート 80 は管理者権限が要ります"),
        "{words}"
    );
    let words = mokuhyo::locale::with(Lang::En, || denied.to_string());
    assert!(
        words.contains("port 80 needs administrator rights"),
        "{words}"
    );
}

/// The options of a server on the sheets folder under `dir`.
fn options_for(dir: &Path, lang: Lang) -> ServeOptions {
    ServeOptions {
        sheets: dir.join("sheets"),
        out: dir.join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang,
        users: None,
        tls: None,
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    }
}

#[test]
fn a_second_server_on_one_folder_is_refused_and_told_where_the_first_is() {
    let Served { server, dir, .. } = serve();
    let pid = std::process::id().to_string();
    let url = server.url();
    let Err(refused) = start(&options_for(dir.path(), Lang::Ja), &Resources::default()) else {
        panic!("a second server started on the folder");
    };
    for (lang, words) in [
        (Lang::Ja, "すでに mokuhyo serve（プロセス"),
        (Lang::En, "is already open in mokuhyo serve (process"),
    ] {
        let message = mokuhyo::locale::with(lang, || refused.to_string());
        assert!(
            message.contains(words) && message.contains(&pid) && message.contains(&url),
            "{message}"
        );
    }
    // The program itself says so and stops.
    let mut child = common::command()
        .args(["serve", "--listen", "127.0.0.1:0", "--sheets"])
        .arg(dir.path().join("sheets"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("a second serve is running on the folder");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&pid) && stderr.contains(&url), "{stderr}");
    // Once the first has stopped, the folder is free.
    drop(server);
    start(&options_for(dir.path(), Lang::Ja), &Resources::default()).unwrap();
}

#[test]
fn a_save_waits_while_another_program_holds_the_ward_and_is_checked_against_what_it_wrote() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let file = served.file("higashi-r5", "01_地域課.toml");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    // Another program (`import --force`, another server) holds the ward: the OS lock, taken
    // here through a handle of its own, as another process takes it.
    let held = mokuhyo::lock::ward(&served.dir.path().join("sheets/higashi-r5")).unwrap();
    let (answered, answer) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let mut mine = draft.clone();
        mine["goals"][0]["text"] = json!("保存した目標");
        let (served, url, etag) = (&served, &url, &etag);
        scope.spawn(move || answered.send(served.put(url, Some(etag), &mine)).unwrap());
        assert!(
            answer.recv_timeout(Duration::from_millis(700)).is_err(),
            "the save waits for the ward"
        );
        // What the other program writes before it lets go.
        let theirs = read(&file).replace("10者", "12者");
        mokuhyo::output::write_atomic(&file, theirs.as_bytes()).unwrap();
        drop(held);
        let (status, _, body) = answer.recv_timeout(Duration::from_secs(60)).unwrap();
        assert_eq!(
            status, 200,
            "merged with the version written meanwhile: {body}"
        );
        let now = read(&file);
        assert!(now.contains("12者"), "nothing written over it: {now}");
        assert!(now.contains("保存した目標"), "{now}");
    });
}

#[test]
fn a_save_racing_an_import_never_undoes_it() {
    let served = serve();
    let ward = served.dir.path().join("sheets/minato-r6");
    let url = served.division_url("minato-r6", "総務課");
    let table = served.dir.path().join("minato.json");
    let out = common::mokuhyo(
        &[
            "export",
            "--sheets",
            ward.to_str().unwrap(),
            "--format",
            "json",
        ],
        served.dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported = String::from_utf8(out.stdout).unwrap();
    assert!(exported.contains("延べ214人が参加した"));
    let mut import_time = Duration::from_millis(100);
    for i in 0..16 {
        let (_, etag, draft) = served.get_json(&url);
        let etag = etag.unwrap();
        let imported = format!("取込{i}回目");
        std::fs::write(&table, exported.replace("延べ214人が参加した", &imported)).unwrap();
        let mut mine = draft.clone();
        mine["goals"][0]["status"] = json!(format!("保存{i}回目"));
        let started = Instant::now();
        let import = common::command()
            .args(["import", table.to_str().unwrap(), "--force", "--out"])
            .arg(&ward)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The save sent at a different moment of the import each time.
        std::thread::sleep(import_time * (i % 8) / 8);
        let (status, _, body) = served.put(&url, Some(&etag), &mine);
        let import = import.wait_with_output().unwrap();
        assert!(
            import.status.success(),
            "{}",
            String::from_utf8_lossy(&import.stderr)
        );
        import_time = started.elapsed();
        // Saved before the import (which then replaced it), or refused after it: never
        // written over the import from the version before it.
        assert!(
            status == 200 || status == 412 || status == 409,
            "{status}: {body}"
        );
        let (_, _, now) = served.get_json(&url);
        let status_now = now["goals"][0]["status"].as_str().unwrap();
        assert!(status_now.contains(&imported), "{i}: {status_now}");
    }
    // The history follows: its newest version is the file as the last import left it.
    let (_, etag, now) = served.get_json(&url);
    let started = Instant::now();
    loop {
        let (_, _, versions) = served.get_json(&format!("{url}/history"));
        let newest = &versions[0];
        if newest["etag"] == etag.as_deref().unwrap() {
            assert_eq!(newest["data"], now);
            assert!(
                newest["saved_by"].is_null(),
                "saved by the import: {newest}"
            );
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{newest}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_division_is_not_renamed_to_another_ones_name_and_a_shared_order_is_told() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let file = served.file("higashi-r5", "01_地域課.toml");
    let before = read(&file);
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    for name in ["建設課", "建設課 ", "建設課\u{200B}"] {
        let mut renamed = draft.clone();
        renamed["division"] = json!(name);
        let (status, _, body) = served.put(&url, Some(&etag), &renamed);
        assert_eq!(status, 409, "{name:?}: {body}");
        let message = body["message"].as_str().unwrap();
        assert!(
            message.contains(name) && message.contains("06_建設課.toml"),
            "{message}"
        );
        assert_eq!(read(&file), before, "nothing written");
    }
    // A name of its own is a rename.
    let mut renamed = draft.clone();
    renamed["division"] = json!("地域振興課");
    let (status, etag, body) = served.put(&url, Some(&etag), &renamed);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["division"], "地域振興課");
    // Another division's place in the volume: saved, and said on this page too.
    let url = served.division_url("higashi-r5", "地域振興課");
    let mut moved = renamed.clone();
    moved["order"] = json!(6);
    let (status, _, body) = served.put(&url, Some(&etag.unwrap()), &moved);
    assert_eq!(status, 200, "{body}");
    let problems = body["problems"].as_array().unwrap();
    let order: Vec<&Value> = problems.iter().filter(|p| p["key"] == "order").collect();
    assert_eq!(order.len(), 1, "{body}");
    let message = order[0]["message"].as_str().unwrap();
    // By the other division's name: the page's reader has no use for the server's files.
    assert!(message.contains("建設課で使われています"), "{message}");
}

#[test]
fn building_everything_leaves_out_a_ward_linked_from_outside() {
    let served = serve();
    let outside = served.dir.path().join("outside");
    common::copy_ward(
        &served.dir.path().join("sheets/higashi-r5"),
        &outside.join("soto"),
        "外区",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.join("soto"), served.dir.path().join("sheets/soto"))
        .unwrap();
    assert_eq!(raw_status(&served, "/api/wards/soto"), 404);
    let mut response = served
        .agent
        .post(&served.url("/api/build"))
        .send_empty()
        .unwrap();
    let body: Value = response.body_mut().read_json().unwrap();
    assert_eq!(body["written"], 9 + 4, "{body}");
    assert!(!served.dir.path().join("output/soto").exists(), "{body}");
    assert!(served.dir.path().join("output/higashi-r5").is_dir());
}

#[test]
fn a_save_missing_a_key_is_refused_naming_it_and_nothing_is_written() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let file = served.file("higashi-r5", "01_地域課.toml");
    let before = read(&file);
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();

    // A PUT replaces the file's keys: one left out would be written empty.
    let (status, _, body) = served.put(&url, Some(&etag), &json!({"order": 1}));
    assert_eq!(status, 422, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("department"), "{body}");
    assert_eq!(read(&file), before);
    // At any depth, named by its path.
    let mut partial = draft.clone();
    let action = partial["goals"][1]["actions"][0].as_object_mut().unwrap();
    action.remove("indicators");
    let (status, _, body) = served.put(&url, Some(&etag), &partial);
    assert_eq!(status, 422, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("goals[1].actions[0].indicators"), "{body}");
    assert_eq!(read(&file), before);

    // `ward.toml` likewise.
    let ward_url = served.url("/api/wards/higashi-r5");
    let ward_file = served.file("higashi-r5", "ward.toml");
    let ward_before = read(&ward_file);
    let (_, ward_etag, ward) = served.get_json(&ward_url);
    let (status, _, body) = served.put(&ward_url, ward_etag.as_deref(), &json!({}));
    assert_eq!(status, 422, "{body}");
    let mut partial = ward.clone();
    partial.as_object_mut().unwrap().remove("created");
    let (status, _, body) = served.put(&ward_url, ward_etag.as_deref(), &partial);
    assert_eq!(status, 422, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("created"),
        "{body}"
    );
    assert_eq!(read(&ward_file), ward_before);

    // The whole draft is saved.
    let (status, _, body) = served.put(&url, Some(&etag), &draft);
    assert_eq!(status, 200, "{body}");
}

#[test]
fn a_save_past_the_sheets_limits_is_refused_and_nothing_is_kept() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let file = served.file("higashi-r5", "01_地域課.toml");
    let before = read(&file);
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    let versions = |served: &Served| {
        let (_, _, versions) = served.get_json(&format!("{url}/history"));
        versions.as_array().unwrap().len()
    };
    let kept = versions(&served);

    let mut many = draft.clone();
    many["goals"] = Value::Array(vec![draft["goals"][0].clone(); 101]);
    let (status, _, body) = served.put(&url, Some(&etag), &many);
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["problems"][0]["key"], "goals", "{body}");
    assert_eq!(read(&file), before);
    assert_eq!(versions(&served), kept);

    let mut deep = draft.clone();
    let indicator = draft["goals"][0]["actions"][0]["indicators"][0].clone();
    deep["goals"][0]["actions"][0]["indicators"] = Value::Array(vec![indicator; 101]);
    let (status, _, body) = served.put(&url, Some(&etag), &deep);
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["problems"][0]["key"], "goals[1].actions[1]", "{body}");
    assert_eq!(read(&file), before);
    assert_eq!(versions(&served), kept);
}

#[test]
fn refusals_cannot_fill_the_disk_through_the_log_and_saves_are_still_logged() {
    let served = serve();
    let addr = served.server.addr;
    let long_path = format!("/{}", "a".repeat(20_000));
    for _ in 0..80 {
        let get =
            format!("GET {long_path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assert_eq!(raw(addr, &get).0, 421);
    }
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    let (status, _, body) = served.put(&url, etag.as_deref(), &draft);
    assert_eq!(status, 200, "{body}");

    let log = read(
        &served
            .dir
            .path()
            .join("sheets")
            .join(mokuhyo::serve::log::FILE),
    );
    let refused = log.lines().filter(|l| l.contains("拒否 421")).count();
    assert!((1..=30).contains(&refused), "{refused} lines refused");
    assert!(
        log.lines().all(|l| l.chars().count() < 400),
        "a line too long"
    );
    assert!(log.contains("…"), "{log}");
    assert!(log.contains("保存：higashi-r5/01_地域課.toml"), "{log}");
}

#[test]
fn the_start_is_logged_only_once_the_server_starts() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let log = dir.path().join("serve.log");
    let options = ServeOptions {
        tls: Some((
            dir.path().join("no-cert.pem"),
            dir.path().join("no-key.pem"),
        )),
        log: Some(log.clone()),
        ..options_for(dir.path(), Lang::Ja)
    };
    assert!(start(&options, &Resources::default()).is_err());
    let written = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!written.contains("開始"), "{written}");
}

/// The names in the folder `dir`.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = (std::fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_refused_start_creates_nothing_in_the_sheets_folder() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let sheets = dir.path().join("sheets");
    let before = names_in(&sheets);
    std::fs::write(dir.path().join("cert.pem"), "not a certificate").unwrap();
    std::fs::write(dir.path().join("key.pem"), "not a key").unwrap();
    let bad_tls = ServeOptions {
        tls: Some((dir.path().join("cert.pem"), dir.path().join("key.pem"))),
        ..options_for(dir.path(), Lang::Ja)
    };
    let no_accounts = ServeOptions {
        listen: "0.0.0.0:0".parse().unwrap(),
        ..options_for(dir.path(), Lang::Ja)
    };
    for options in [bad_tls, no_accounts] {
        assert!(start(&options, &Resources::default()).is_err());
        assert_eq!(names_in(&sheets), before, "nothing created");
        assert!(!sheets.join(".mokuhyo-history.sqlite").exists());
    }
}

#[test]
fn a_key_that_is_not_the_certificates_is_told_in_our_words_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let one = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let other = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, one.cert.pem()).unwrap();
    std::fs::write(&key, other.signing_key.serialize_pem()).unwrap();
    for (lang, said) in [
        (Lang::Ja, "の秘密鍵ではありません"),
        (Lang::En, "is not the private key of"),
    ] {
        let options = ServeOptions {
            tls: Some((cert.clone(), key.clone())),
            ..options_for(dir.path(), lang)
        };
        let err = match start(&options, &Resources::default()) {
            Err(err) => err,
            Ok(_) => panic!("a key of another certificate was taken"),
        };
        let words = mokuhyo::locale::with(lang, || err.to_string());
        assert!(words.contains(said), "{words}");
        assert!(
            words.matches("key.pem").count() >= 2 && words.matches("cert.pem").count() >= 2,
            "{words}"
        );
        assert!(!words.contains("KeyMismatch"), "{words}");
        assert!(!words.contains("consistent"), "{words}");
    }
}

/// Reads what `stream` is sent until it is closed; `Err` when nothing closes it within 15 s.
fn closed_within_15_s(mut stream: impl Read) -> Result<(), std::io::Error> {
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => Ok(()),
        Err(err) => Err(err),
    }
}

#[test]
fn a_request_left_unfinished_is_closed_after_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let options = ServeOptions {
        header_timeout: Duration::from_secs(1),
        ..options_for(dir.path(), Lang::Ja)
    };
    let server = start(&options, &Resources::default()).unwrap();
    // Half a request's head, and nothing more (slowloris).
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let half = format!("GET /api/wards HTTP/1.1\r\nHost: {}\r\n", server.addr);
    stream.write_all(half.as_bytes()).unwrap();
    let started = Instant::now();
    closed_within_15_s(&mut stream).expect("the connection is closed");
    assert!(started.elapsed() < Duration::from_secs(10));
    // A whole request is answered as ever.
    let get = format!(
        "GET /api/wards HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    assert_eq!(raw(server.addr, &get).0, 200);
}

#[test]
fn a_request_with_two_hosts_is_refused() {
    let served = serve();
    let addr = served.server.addr;
    let port = addr.port();
    let get = format!(
        "GET /api/wards HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\
         Connection: close\r\n\r\n"
    );
    let (status, answer) = raw(addr, &get);
    assert_eq!(status, 400, "{answer}");
}

#[test]
fn an_origin_is_any_of_the_servers_names_by_its_scheme() {
    let served = serve();
    let port = served.server.addr.port();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, _, draft) = served.get_json(&url);
    let put = |origin: &str| {
        let response = (served.agent.put(&url))
            .header("Origin", origin)
            .header("If-Match", "\"stale\"")
            .send_json(&draft)
            .unwrap();
        response.status().as_u16()
    };
    // Another of the server's own names: its page, not another site's (412: stale, checked).
    assert_eq!(put(&format!("http://localhost:{port}")), 412);
    assert_eq!(put(&format!("http://127.0.0.1:{port}")), 412);
    // The server's name by another scheme is another origin.
    assert_eq!(put(&format!("https://127.0.0.1:{port}")), 403);
}

#[cfg(unix)]
#[test]
fn the_log_and_the_history_are_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    assert_eq!(served.put(&url, etag.as_deref(), &draft).0, 200);
    let sheets = served.dir.path().join("sheets");
    let history = sheets.join(mokuhyo::serve::history::FILE);
    let wal = PathBuf::from(format!("{}-wal", history.display()));
    let log = sheets.join(mokuhyo::serve::log::FILE);
    for path in [history, wal, log] {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o077, 0, "{}: {mode:o}", path.display());
    }
}

/// The state of `division` of `ward` in `GET /api/wards`.
fn on_board<'a>(wards: &'a Value, ward: &str, division: &str) -> &'a Value {
    let mut all = wards.as_array().unwrap().iter();
    let ward = all.find(|w| w["folder"] == ward).unwrap();
    let divisions = ward["divisions"].as_array().unwrap();
    divisions.iter().find(|d| d["name"] == division).unwrap()
}

#[test]
fn the_board_tells_each_division_not_started_errors_under_way_or_done_and_who_saved() {
    let served = serve();
    let sheets = served.dir.path().join("sheets");
    // A placeholder, as `new` writes it: five blank goals.
    let out = common::mokuhyo(&["new", "higashi-r5", "企画課"], &sheets);
    assert!(out.status.success(), "{out:?}");
    // A division broken in an editor.
    let broken = served.file("higashi-r5", "05_保護課.toml");
    let text = read(&broken).replacen("[[goals]]", "[[goals]]\nrating = \"A\"", 1);
    std::fs::write(&broken, text).unwrap();
    // The evaluated ward: one goal of 総務課 not rated yet.
    let unrated = served.file("minato-r6", "01_総務課.toml");
    std::fs::write(
        &unrated,
        read(&unrated).replacen("rating = \"×\"", "rating = \"\"", 1),
    )
    .unwrap();
    // 地域振興課 saved through the browser.
    let url = served.division_url("minato-r6", "地域振興課");
    let (_, etag, draft) = served.get_json(&url);
    let (status, _, body) = served.put(&url, etag.as_deref(), &draft);
    assert_eq!(status, 200, "{body}");

    // The page of 総務課 says, under the goal's rating, that it is not rated.
    let url = served.division_url("minato-r6", "総務課");
    let (_, _, draft) = served.get_json(&url);
    let (status, preview) = served.preview(&url, &draft);
    assert_eq!(status, 200);
    let problems = preview["problems"].as_array().unwrap();
    let unrated = problems.iter().find(|p| p["key"] == "goals[3].rating");
    let unrated = unrated.unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!(unrated["severity"], "warning");
    let message = unrated["message"].as_str().unwrap();
    assert!(message.contains("評価（○・△・×）がありません"), "{message}");

    let (status, _, wards) = served.get_json(&served.url("/api/wards"));
    assert_eq!(status, 200);
    let state = |ward, division| on_board(&wards, ward, division).clone();
    let placeholder = state("higashi-r5", "企画課");
    assert_eq!(placeholder["state"], "not_started", "{placeholder}");
    assert_eq!(placeholder["goals"], 0);
    assert_eq!(state("higashi-r5", "保護課")["state"], "errors");
    assert_eq!(state("higashi-r5", "地域課")["state"], "done");
    let under_way = state("minato-r6", "総務課");
    assert_eq!(under_way["state"], "in_progress", "{under_way}");
    assert_eq!(
        (&under_way["rated"], &under_way["goals"]),
        (&json!(2), &json!(3))
    );
    // Who saved last: the browser's saver by name; an editor is nobody known.
    let saved = state("minato-r6", "地域振興課");
    assert_eq!(saved["state"], "done");
    assert_eq!(saved["saved_by"], "この PC", "{saved}");
    assert!(saved["saved"].as_str().unwrap().len() == 16, "{saved}");
    assert_eq!(under_way["saved_by"], Value::Null);
    let counts = |folder: &str| {
        let ward = wards.as_array().unwrap().iter();
        ward.clone().find(|w| w["folder"] == folder).unwrap()["counts"].clone()
    };
    assert_eq!(
        counts("higashi-r5"),
        json!({"not_started": 1, "errors": 1, "in_progress": 0, "done": 7})
    );
    assert_eq!(
        counts("minato-r6"),
        json!({"not_started": 0, "errors": 0, "in_progress": 1, "done": 2})
    );

    // The ward page says it in words: the placeholder is not 「問題なし」.
    let (_, _, page) = served.get(&served.url("/"));
    let page = String::from_utf8(page).unwrap();
    // The first row of `name` after the heading of its ward.
    let row = |name: &str| {
        let ward = if name == "企画課" {
            "<h2>東区"
        } else {
            "<h2>みなと区"
        };
        let from = page.find(ward).unwrap();
        let at = from + page[from..].find(&format!(">{name}</a>")).unwrap();
        let start = page[..at].rfind("<tr").unwrap();
        let end = at + page[at..].find("</tr>").unwrap();
        page[start..end].to_string()
    };
    let placeholder = row("企画課");
    assert!(
        placeholder.contains("data-state=\"not_started\"") && placeholder.contains("未着手"),
        "{placeholder}"
    );
    assert!(!placeholder.contains("問題なし"), "{placeholder}");
    assert!(row("総務課").contains("評価中"), "{}", row("総務課"));
    assert!(
        row("地域振興課").contains("この PC"),
        "{}",
        row("地域振興課")
    );
    assert!(
        page.contains("9課：未着手 1・エラー 1・記入済み 7"),
        "{page}"
    );
    assert!(page.contains("3課：評価中 1・評価済み 2"), "{page}");
    assert!(page.contains("id=\"only-open\""), "{page}");
}

#[test]
fn the_evaluation_summary_downloads_with_its_numbers_as_numbers() {
    use calamine::{Data, Reader};
    let served = serve();
    // 地域振興課: two ○ and one goal not rated: 2 of 3, not 2 of 2.
    let file = served.file("minato-r6", "02_地域振興課.toml");
    std::fs::write(
        &file,
        read(&file).replacen("rating = \"△\"", "rating = \"\"", 1),
    )
    .unwrap();

    let (status, _, bytes) = served.get(&served.url("/api/wards/minato-r6/summary.xlsx"));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("評価集計").unwrap();
    assert_eq!(
        range.get_value((0, 10)),
        Some(&Data::String("達成率".into()))
    );
    let row = 2; // 地域振興課
    assert_eq!(
        range.get_value((row, 4)),
        Some(&Data::String("地域振興課".into()))
    );
    // No. and the counts are numbers, and so is the 達成率 (a fraction, shown as a percentage).
    let numbers: Vec<Option<&Data>> = [2, 5, 6, 7, 8, 9].map(|c| range.get_value((row, c))).into();
    let expected = [2.0, 2.0, 0.0, 0.0, 1.0, 3.0].map(Data::Float);
    assert_eq!(numbers, expected.iter().map(Some).collect::<Vec<_>>());
    match range.get_value((row, 10)) {
        Some(Data::Float(rate)) => assert!((rate - 2.0 / 3.0).abs() < 1e-9, "unrounded: {rate}"),
        other => panic!("the 達成率 is not a number: {other:?}"),
    }
    assert_eq!(
        range.get_value((row, 11)),
        Some(&Data::String("未評価".into()))
    );

    let (status, _, csv) = served.get(&served.url("/api/wards/minato-r6/summary.csv"));
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains("みなと区,令和６年度,2,みなと区役所,地域振興課,2,0,0,1,3,66.7%,未評価"),
        "{csv}"
    );
    assert!(csv.contains("合計,5,2,1,1,9,55.6%,未評価"), "{csv}");
    let (status, _, _) = served.get(&served.url("/api/wards/nowhere/summary.csv"));
    assert_eq!(status, 404);
}

#[test]
fn a_taken_order_names_the_division_and_an_order_not_written_is_not_in_the_history() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);

    // The order of another division: said by that division's name, no file of the server.
    let mut taken = draft.clone();
    taken["order"] = json!(2);
    let (status, preview) = served.preview(&url, &taken);
    assert_eq!(status, 200, "{preview}");
    let problems = preview["problems"].as_array().unwrap();
    let said = problems.iter().find(|p| p["key"] == "order").unwrap();
    let message = said["message"].as_str().unwrap();
    assert!(message.contains("区民生活課で使われています"), "{message}");
    assert!(
        !message.contains(".toml") && !message.contains('/'),
        "{message}"
    );

    // An empty order is not written (the file keeps its own), nor recorded as written.
    let mut emptied = draft.clone();
    emptied["order"] = Value::Null;
    let (status, _, body) = served.put(&url, etag.as_deref(), &emptied);
    assert_eq!(status, 200, "{body}");
    assert!(read(&served.file("higashi-r5", "01_地域課.toml")).contains("order = 1"));
    let (_, _, versions) = served.get_json(&format!("{url}/history"));
    assert_eq!(versions[0]["data"]["order"], 1, "{versions}");
}
