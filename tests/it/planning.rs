//! The planning section's year over HTTP (issue 28, `docs/serve.md`, "The planning section's
//! year"): a new ward and its divisions, accounts, the form workbooks out and in, the PDFs
//! without stamp boxes, next year, a year closed; and the addresses `serve` prints for
//! colleagues. Real HTTP on loopback, with accounts: `kikaku` may change everything,
//! `chiiki` its divisions.

use crate::common;

use common::{Pdf, copy_example_wards};
use mokuhyo::locale::Lang;
use mokuhyo::pdf::render::Resources;
use mokuhyo::serve::users::{Access, Users};
use mokuhyo::serve::{ServeOptions, Server, start};
use serde_json::{Value, json};
use std::path::PathBuf;

const KIKAKU: &str = "企画係のパスワード";
const CHIIKI: &str = "地域課のパスワード";

struct Planning {
    server: Server,
    dir: tempfile::TempDir,
    users: PathBuf,
}

/// Both example wards, and a users file with `kikaku` (all) and `chiiki` (地域課).
fn planning() -> Planning {
    let dir = tempfile::tempdir().unwrap();
    copy_example_wards(dir.path());
    let users = dir.path().join("users.toml");
    let mut accounts = Users::default();
    accounts.add("kikaku", KIKAKU, Access::All).unwrap();
    let divisions = Access::Divisions(vec!["地域課".into()]);
    accounts.add("chiiki", CHIIKI, divisions).unwrap();
    accounts.save(&users).unwrap();
    let options = ServeOptions {
        sheets: dir.path().join("sheets"),
        out: dir.path().join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: Some(users.clone()),
        tls: None,
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let server = start(&options, &Resources::default()).unwrap();
    Planning { server, dir, users }
}

fn basic(name: &str, password: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{name}:{password}"));
    format!("Basic {encoded}")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

fn percent(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// Who a request is sent as.
#[derive(Clone, Copy)]
struct As<'a>(&'a str, &'a str);

const KIKAKU_: As = As("kikaku", KIKAKU);
const CHIIKI_: As = As("chiiki", CHIIKI);

impl Planning {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.server.addr)
    }

    fn sheets(&self) -> PathBuf {
        self.dir.path().join("sheets")
    }

    fn send(&self, who: As, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(self.url(path))
            .header("Authorization", basic(who.0, who.1));
        let mut response = match body {
            Some(body) => {
                let request = request
                    .header("Content-Type", "application/json")
                    .body(body.to_string())
                    .unwrap();
                agent().run(request).unwrap()
            }
            None => agent().run(request.body(()).unwrap()).unwrap(),
        };
        let body = response.body_mut().read_json().unwrap_or(Value::Null);
        (response.status().as_u16(), body)
    }

    fn get_bytes(&self, who: As, path: &str) -> (u16, Vec<u8>) {
        let mut response = agent()
            .get(&self.url(path))
            .header("Authorization", basic(who.0, who.1))
            .call()
            .unwrap();
        let body = (response.body_mut().with_config().limit(50 << 20))
            .read_to_vec()
            .unwrap();
        (response.status().as_u16(), body)
    }

    fn upload(&self, who: As, path: &str, book: &[u8]) -> (u16, Value) {
        let mut response = agent()
            .post(&self.url(path))
            .header("Authorization", basic(who.0, who.1))
            .header("Content-Type", "application/octet-stream")
            .send(book)
            .unwrap();
        let body = response.body_mut().read_json().unwrap_or(Value::Null);
        (response.status().as_u16(), body)
    }
}

#[test]
fn a_new_ward_and_its_divisions_are_set_up_and_a_name_twice_is_refused() {
    let p = planning();
    let ward =
        json!({"folder": "nishi-r7", "ward": "西区", "fiscal_year": 2025, "created": "2025-04-01"});
    let (status, _) = p.send(CHIIKI_, "POST", "/api/wards", Some(&ward));
    assert_eq!(status, 403, "a division's account sets nothing up");
    let (status, body) = p.send(KIKAKU_, "POST", "/api/wards", Some(&ward));
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["folder"], "nishi-r7");
    let text = std::fs::read_to_string(p.sheets().join("nishi-r7/ward.toml")).unwrap();
    assert!(
        text.contains("ward = \"西区\"") && text.contains("fiscal_year = 2025"),
        "{text}"
    );
    // Its `#:schema` line names a schema that is there (found above the ward, or written
    // into the sheets folder): nothing is written outside the sheets folder.
    let reference = text.lines().next().unwrap().trim_start_matches("#:schema ");
    let ward_dir = p.sheets().join("nishi-r7");
    assert!(ward_dir.join(reference).is_file(), "{text}");
    assert!(!p.dir.path().join("schema").exists());
    let (status, body) = p.send(KIKAKU_, "POST", "/api/wards", Some(&ward));
    assert_eq!(status, 409, "{body}");
    let bad = json!({"folder": "../outside", "ward": "西区", "fiscal_year": 2025});
    let (status, _) = p.send(KIKAKU_, "POST", "/api/wards", Some(&bad));
    assert_eq!(status, 422);
    assert!(!p.dir.path().join("outside").exists());

    let divisions = "/api/wards/nishi-r7/divisions";
    let (status, body) = p.send(
        KIKAKU_,
        "POST",
        divisions,
        Some(&json!({"division": "総務課"})),
    );
    assert_eq!((status, &body["order"]), (201, &json!(1)), "{body}");
    let (status, body) = p.send(
        KIKAKU_,
        "POST",
        divisions,
        Some(&json!({"division": "地域課"})),
    );
    assert_eq!(
        (status, &body["order"]),
        (201, &json!(2)),
        "the next free place"
    );
    let (status, body) = p.send(
        KIKAKU_,
        "POST",
        divisions,
        Some(&json!({"division": "総務課"})),
    );
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("総務課"),
        "{body}"
    );
    let (status, _) = p.send(
        KIKAKU_,
        "POST",
        divisions,
        Some(&json!({"division": "総務課　"})),
    );
    assert_eq!(status, 409, "a space more is the same name");
    let (status, _) = p.send(
        CHIIKI_,
        "POST",
        divisions,
        Some(&json!({"division": "保護課"})),
    );
    assert_eq!(status, 403);
    let asked = json!({"division": "保護課", "department": "保健福祉部", "order": 5});
    let (status, body) = p.send(KIKAKU_, "POST", divisions, Some(&asked));
    assert_eq!((status, &body["order"]), (201, &json!(5)), "{body}");
    let file = std::fs::read_to_string(p.sheets().join("nishi-r7/05_保護課.toml")).unwrap();
    assert!(file.contains("department = \"保健福祉部\""), "{file}");

    let (_, wards) = p.send(KIKAKU_, "GET", "/api/wards", None);
    let nishi = (wards.as_array().unwrap().iter())
        .find(|w| w["folder"] == "nishi-r7")
        .unwrap();
    let names: Vec<&str> = (nishi["divisions"].as_array().unwrap().iter())
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["総務課", "地域課", "保護課"]);
}

#[test]
fn accounts_are_listed_added_changed_unlocked_and_removed() {
    let p = planning();
    let (status, _) = p.send(CHIIKI_, "GET", "/api/users", None);
    assert_eq!(status, 403);
    let (status, list) = p.send(KIKAKU_, "GET", "/api/users", None);
    assert_eq!(status, 200);
    assert_eq!(list[0]["name"], "kikaku");
    assert_eq!(list[1]["divisions"], json!(["地域課"]));
    assert!(!list.to_string().contains("argon2"), "never a hash: {list}");

    let soumu = json!({"name": "soumu", "password": "総務課のパスワード", "divisions": ["総務課"]});
    let (status, body) = p.send(KIKAKU_, "POST", "/api/users", Some(&soumu));
    assert_eq!(status, 201, "{body}");
    let (status, _) = p.send(KIKAKU_, "POST", "/api/users", Some(&soumu));
    assert_eq!(status, 409, "a name taken");
    let typo = json!({"name": "x", "password": "password-x", "divisions": ["総務か"]});
    let (status, body) = p.send(KIKAKU_, "POST", "/api/users", Some(&typo));
    assert_eq!(status, 422, "{body}");
    let said = body["message"].as_str().unwrap();
    assert!(
        said.contains("総務か") && !said.contains("--force"),
        "{body}"
    );
    let spaced = json!({"name": "x", "password": "password-x", "divisions": ["地域 課"]});
    let (status, body) = p.send(KIKAKU_, "POST", "/api/users", Some(&spaced));
    assert_eq!(status, 422);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("「地域課」のことですか"),
        "{body}"
    );
    let short = json!({"name": "y", "password": "short", "all": true});
    assert_eq!(p.send(KIKAKU_, "POST", "/api/users", Some(&short)).0, 422);
    assert_eq!(Users::load(&p.users).unwrap().users.len(), 3);
    let mode = std::fs::metadata(&p.users).unwrap();
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode.permissions()) & 0o777,
        0o600
    );

    let soumu_ = As("soumu", "総務課のパスワード");
    assert_eq!(p.send(soumu_, "GET", "/api/wards", None).0, 200);
    let reset = json!({"password": "新しいパスワード"});
    assert_eq!(
        p.send(KIKAKU_, "PUT", "/api/users/soumu", Some(&reset)).0,
        200
    );
    assert_eq!(p.send(soumu_, "GET", "/api/wards", None).0, 401);
    let soumu_ = As("soumu", "新しいパスワード");
    assert_eq!(p.send(soumu_, "GET", "/api/wards", None).0, 200);

    let wider = json!({"divisions": ["総務課", "minato-r6/健康福祉課"]});
    assert_eq!(
        p.send(KIKAKU_, "PUT", "/api/users/soumu", Some(&wider)).0,
        200
    );
    let user = Users::load(&p.users)
        .unwrap()
        .find("soumu")
        .cloned()
        .unwrap();
    assert_eq!(user.divisions, ["総務課", "minato-r6/健康福祉課"]);
    let wrong = json!({"divisions": ["存在しない課"]});
    assert_eq!(
        p.send(KIKAKU_, "PUT", "/api/users/soumu", Some(&wrong)).0,
        422
    );
    let all = json!({"all": true});
    assert_eq!(
        p.send(KIKAKU_, "PUT", "/api/users/soumu", Some(&all)).0,
        200
    );
    assert!(Users::load(&p.users).unwrap().find("soumu").unwrap().all);

    // A name locked by hand in the lockouts file, unlocked through the API.
    let until = chrono::Utc::now() + chrono::Duration::minutes(10);
    mokuhyo::serve::users::Lockouts::lock(&p.users, "soumu", until).unwrap();
    let (_, list) = p.send(KIKAKU_, "GET", "/api/users", None);
    assert!(list[2]["locked_until"].is_string(), "{list}");
    let unlock = json!({"unlock": true});
    assert_eq!(
        p.send(KIKAKU_, "PUT", "/api/users/soumu", Some(&unlock)).0,
        200
    );
    let (_, list) = p.send(KIKAKU_, "GET", "/api/users", None);
    assert!(list[2]["locked_until"].is_null(), "{list}");

    assert_eq!(p.send(KIKAKU_, "DELETE", "/api/users/soumu", None).0, 204);
    assert_eq!(p.send(soumu_, "GET", "/api/wards", None).0, 401);
    assert_eq!(p.send(KIKAKU_, "DELETE", "/api/users/soumu", None).0, 404);
    assert_eq!(p.send(CHIIKI_, "DELETE", "/api/users/kikaku", None).0, 403);
}

#[test]
fn a_form_goes_out_and_comes_back_previewed_then_applied_as_the_uploaders_version() {
    let p = planning();
    let (status, book) = p.get_bytes(KIKAKU_, "/api/wards/minato-r6/form.xlsx");
    assert_eq!(status, 200);
    assert!(book.starts_with(b"PK"), "a workbook");
    let one = format!(
        "/api/wards/minato-r6/form.xlsx?division={}",
        percent("総務課")
    );
    assert_eq!(p.get_bytes(CHIIKI_, &one).0, 403, "not chiiki's division");
    assert_eq!(
        p.get_bytes(CHIIKI_, "/api/wards/minato-r6/form.xlsx").0,
        403
    );
    let theirs = format!(
        "/api/wards/higashi-r5/form.xlsx?division={}",
        percent("地域課")
    );
    assert_eq!(p.get_bytes(CHIIKI_, &theirs).0, 200, "its own division's");
    let blank = format!("{one}&blank=1");
    assert_eq!(p.get_bytes(KIKAKU_, &blank).0, 200);

    // 総務課's first result changed in the workbook, as a clerk fills it in.
    let path = p.dir.path().join("form.xlsx");
    std::fs::write(&path, &book).unwrap();
    let mut filled = crate::form::Book::open(&path);
    filled.set_cell("総務課", "E9", "5地区");
    filled.save(&path);
    let filled = std::fs::read(&path).unwrap();
    let file = p.sheets().join("minato-r6/01_総務課.toml");
    let before = std::fs::read(&file).unwrap();

    let (status, preview) = p.upload(KIKAKU_, "/api/wards/minato-r6/import?dry_run=1", &filled);
    assert_eq!(status, 200, "{preview}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a dry run writes nothing"
    );
    let divisions = preview["divisions"].as_array().unwrap();
    assert_eq!(divisions.len(), 1, "only 総務課 changes: {preview}");
    assert_eq!(divisions[0]["division"], "総務課");
    let change = &divisions[0]["changes"][0];
    assert_eq!(change["before"], "6地区");
    assert_eq!(change["after"], "5地区");
    assert!(
        change["place"].as_str().unwrap().starts_with("目標1"),
        "{change}"
    );

    assert_eq!(
        p.upload(CHIIKI_, "/api/wards/minato-r6/import", &filled).0,
        403,
        "a division's account uploads its own division only"
    );
    let (status, done) = p.upload(KIKAKU_, "/api/wards/minato-r6/import", &filled);
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["written"], json!(["01_総務課.toml"]));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("result = \"5地区\""), "{text}");
    let history = format!(
        "/api/wards/minato-r6/divisions/{}/history",
        percent("総務課")
    );
    let (_, versions) = p.send(KIKAKU_, "GET", &history, None);
    assert_eq!(versions[0]["saved_by"], "kikaku", "{versions}");

    // A workbook that is none: told, nothing written.
    let (status, body) = p.upload(KIKAKU_, "/api/wards/minato-r6/import", b"not a workbook");
    assert_eq!(status, 422, "{body}");
    assert!(body["message"].is_string());
}

#[test]
fn the_volume_and_a_sheet_come_without_stamp_boxes_when_asked() {
    let p = planning();
    let texts = |path: &str| {
        let (status, bytes) = p.get_bytes(KIKAKU_, path);
        assert_eq!(status, 200, "{path}");
        Pdf::from_bytes(bytes).page_texts().join("")
    };
    let volume = texts("/api/wards/minato-r6/volume.pdf");
    assert!(volume.contains("副区長"), "stamp boxes by default");
    let plain = texts("/api/wards/minato-r6/volume.pdf?stamps=0");
    assert!(!plain.contains("副区長"), "none with stamps=0");
    let sheet = format!("/api/wards/minato-r6/divisions/{}.pdf", percent("総務課"));
    assert!(texts(&sheet).contains("副区長"));
    assert!(!texts(&format!("{sheet}?stamps=0")).contains("副区長"));
}

#[test]
fn next_year_is_made_and_a_closed_year_is_read_only_for_divisions_until_reopened() {
    let p = planning();
    let (status, _) = p.send(
        CHIIKI_,
        "POST",
        "/api/wards/higashi-r5/next-year",
        Some(&json!({})),
    );
    assert_eq!(status, 403);
    let asked = json!({"created": "2024-04-01"});
    let (status, body) = p.send(
        KIKAKU_,
        "POST",
        "/api/wards/higashi-r5/next-year",
        Some(&asked),
    );
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["folder"], "higashi-r6");
    let text = std::fs::read_to_string(p.sheets().join("higashi-r6/ward.toml")).unwrap();
    assert!(text.contains("fiscal_year = 2024"), "{text}");
    let (status, _) = p.send(
        KIKAKU_,
        "POST",
        "/api/wards/higashi-r5/next-year",
        Some(&asked),
    );
    assert_eq!(status, 409, "made once");

    let division = format!("/api/wards/higashi-r5/divisions/{}", percent("地域課"));
    let (status, _) = p.send(
        CHIIKI_,
        "PUT",
        "/api/wards/higashi-r5",
        Some(&json!({"closed": true})),
    );
    assert_eq!(status, 403, "only the planning section closes a year");
    let (status, body) = p.send(
        KIKAKU_,
        "PUT",
        "/api/wards/higashi-r5",
        Some(&json!({"closed": true})),
    );
    assert_eq!((status, &body["closed"]), (200, &json!(true)), "{body}");

    // Listed after the open years, marked closed.
    let (_, wards) = p.send(KIKAKU_, "GET", "/api/wards", None);
    let folders: Vec<(&str, bool)> = (wards.as_array().unwrap().iter())
        .map(|w| {
            (
                w["folder"].as_str().unwrap(),
                w["closed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        folders,
        [
            ("higashi-r6", false),
            ("minato-r6", false),
            ("higashi-r5", true)
        ]
    );

    // A division's save into the closed year is refused, saying why; the planning section's
    // is not.
    let agent = agent();
    let mut response = agent
        .get(&p.url(&division))
        .header("Authorization", basic("chiiki", CHIIKI))
        .call()
        .unwrap();
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let mut draft: Value = response.body_mut().read_json().unwrap();
    draft["goals"][0]["text"] = json!("締めた年度への書き込み");
    let save = |who: As| {
        let mut response = agent
            .put(&p.url(&division))
            .header("Authorization", basic(who.0, who.1))
            .header("If-Match", &etag)
            .send_json(&draft)
            .unwrap();
        let body: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        (response.status().as_u16(), body)
    };
    let (status, body) = save(CHIIKI_);
    assert_eq!(status, 403, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("締められて"),
        "{body}"
    );
    let file = p.sheets().join("higashi-r5/01_地域課.toml");
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("締めた年度")
    );
    let page = |who: As| {
        let mut response = agent
            .get(&p.url(&format!(
                "/wards/higashi-r5/divisions/{}",
                percent("地域課")
            )))
            .header("Authorization", basic(who.0, who.1))
            .call()
            .unwrap();
        response.body_mut().read_to_string().unwrap()
    };
    assert!(page(CHIIKI_).contains("\"read_only\":\"この年度は締められて"));
    assert!(page(KIKAKU_).contains("\"read_only\":null"));

    // Nor an upload of its own division's form.
    let form = format!(
        "/api/wards/higashi-r5/form.xlsx?division={}",
        percent("地域課")
    );
    let (status, book) = p.get_bytes(CHIIKI_, &form);
    assert_eq!(status, 200, "reading a closed year is allowed");
    let (status, body) = p.upload(CHIIKI_, "/api/wards/higashi-r5/import?dry_run=1", &book);
    assert_eq!(status, 403, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("締められて"),
        "{body}"
    );

    let (status, _) = p.send(
        KIKAKU_,
        "PUT",
        "/api/wards/higashi-r5",
        Some(&json!({"closed": false})),
    );
    assert_eq!(status, 200);
    let (status, body) = save(CHIIKI_);
    assert_eq!(status, 200, "reopened: {body}");

    // The ward's settings go on being saved through the same URL.
    let (status, settings) = p.send(KIKAKU_, "GET", "/api/wards/minato-r6", None);
    assert_eq!(status, 200, "{settings}");
}

/// `serve` on every interface prints the addresses colleagues open, not `0.0.0.0`.
#[test]
fn on_the_network_serve_prints_the_addresses_colleagues_open() {
    use std::io::BufRead;
    let p = planning();
    let mut child = common::command()
        .args(["--lang", "ja", "serve", "--listen", "0.0.0.0:0", "--users"])
        .arg(&p.users)
        .arg("--sheets")
        .arg(p.dir.path().join("sheets").join("minato-r6"))
        .arg("--log")
        .arg(p.dir.path().join("log.txt"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut said = Vec::new();
    let machine = gethostname_of();
    while let Some(Ok(line)) = lines.next() {
        said.push(line);
        if said
            .iter()
            .any(|l| l.contains(&format!("http://{machine}:")))
        {
            break;
        }
        if said.len() > 20 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let said = said.join("\n");
    assert!(!said.contains("0.0.0.0"), "{said}");
    assert!(said.contains(&format!("http://{machine}:")), "{said}");
}

fn gethostname_of() -> String {
    let out = std::process::Command::new("hostname").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn a_division_is_renamed_with_its_history_and_removed_aside() {
    let p = planning();
    let soumu = format!("/api/wards/minato-r6/divisions/{}", percent("総務課"));
    let rename = json!({"division": "総務企画課"});
    let (status, _) = p.send(CHIIKI_, "POST", &format!("{soumu}/rename"), Some(&rename));
    assert_eq!(status, 403);
    let taken = json!({"division": "地域振興課"});
    let (status, body) = p.send(KIKAKU_, "POST", &format!("{soumu}/rename"), Some(&taken));
    assert_eq!(status, 409, "{body}");
    let (status, body) = p.send(KIKAKU_, "POST", &format!("{soumu}/rename"), Some(&rename));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["file"], "01_総務企画課.toml");
    let ward = p.sheets().join("minato-r6");
    assert!(!ward.join("01_総務課.toml").exists());
    let text = std::fs::read_to_string(ward.join("01_総務企画課.toml")).unwrap();
    assert!(text.contains("division = \"総務企画課\""), "{text}");
    let renamed = format!("/api/wards/minato-r6/divisions/{}", percent("総務企画課"));
    let (status, versions) = p.send(KIKAKU_, "GET", &format!("{renamed}/history"), None);
    assert_eq!(status, 200);
    let versions = versions.as_array().unwrap();
    assert_eq!(
        versions.len(),
        2,
        "the version before the rename, and the rename: {versions:?}"
    );
    assert_eq!(versions[0]["saved_by"], "kikaku");
    assert_eq!(versions[1]["data"]["division"], "総務課");

    let health = format!("/api/wards/minato-r6/divisions/{}", percent("健康福祉課"));
    assert_eq!(
        p.send(CHIIKI_, "POST", &format!("{health}/remove"), None).0,
        403
    );
    assert_eq!(
        p.send(KIKAKU_, "POST", &format!("{health}/remove"), None).0,
        204
    );
    assert!(!ward.join("03_健康福祉課.toml").exists());
    let aside: Vec<_> = std::fs::read_dir(ward.join(".removed")).unwrap().collect();
    assert_eq!(aside.len(), 1, "moved aside, not deleted");
    let (_, wards) = p.send(KIKAKU_, "GET", "/api/wards", None);
    let minato = (wards.as_array().unwrap().iter())
        .find(|w| w["folder"] == "minato-r6")
        .unwrap();
    assert_eq!(minato["divisions"].as_array().unwrap().len(), 2);
    assert_eq!(minato["errors"], 0);
}

/// A division's account may not take another division's file by renaming it to its own name
/// in the workbook.
#[test]
fn a_division_account_cannot_rename_another_division_into_its_own_by_upload() {
    let p = planning();
    let one = format!(
        "/api/wards/minato-r6/form.xlsx?division={}",
        percent("総務課")
    );
    let (status, book) = p.get_bytes(KIKAKU_, &one);
    assert_eq!(status, 200);
    let path = p.dir.path().join("renamed.xlsx");
    std::fs::write(&path, &book).unwrap();
    let mut renamed = crate::form::Book::open(&path);
    renamed.set_cell("総務課", "C5", "地域課");
    renamed.save(&path);
    let renamed = std::fs::read(&path).unwrap();
    let dry_run = "/api/wards/minato-r6/import?dry_run=1";
    let (status, preview) = p.upload(KIKAKU_, dry_run, &renamed);
    assert_eq!(status, 200, "{preview}");
    assert_eq!(
        preview["divisions"][0]["renamed_from"], "総務課",
        "{preview}"
    );
    assert_eq!(preview["divisions"][0]["division"], "地域課");
    let (status, body) = p.upload(CHIIKI_, dry_run, &renamed);
    assert_eq!(status, 403, "地域課 is chiiki's, 総務課 not: {body}");
    let (status, _) = p.upload(CHIIKI_, "/api/wards/minato-r6/import", &renamed);
    assert_eq!(status, 403);
    assert!(p.sheets().join("minato-r6/01_総務課.toml").is_file());
}

/// A closed year is read-only for a division's account in the approval flow too: submit,
/// withdraw, approve and return are refused with the closed year's reason, and nothing is
/// recorded.
#[test]
fn a_division_account_takes_no_step_of_the_flow_in_a_closed_year() {
    let p = planning();
    let closed = json!({"closed": true});
    let (status, _) = p.send(KIKAKU_, "PUT", "/api/wards/higashi-r5", Some(&closed));
    assert_eq!(status, 200);
    let division = format!("/api/wards/higashi-r5/divisions/{}", percent("地域課"));
    let (_, before) = p.send(CHIIKI_, "GET", &format!("{division}/approval"), None);
    for step in ["submit", "withdraw", "approve", "return"] {
        let body = json!({"comment": "締めた年度"});
        let path = format!("{division}/{step}");
        let (status, body) = p.send(CHIIKI_, "POST", &path, Some(&body));
        assert_eq!(status, 403, "{step}: {body}");
        assert!(
            body["message"].as_str().unwrap().contains("締められて"),
            "{step}: {body}"
        );
    }
    let (_, after) = p.send(CHIIKI_, "GET", &format!("{division}/approval"), None);
    assert_eq!(before, after, "nothing recorded");
}

/// Nobody removes the account they are signed in with, and the last account that may change
/// every division is neither removed nor limited to some divisions: someone must still be
/// able to set up the year in the browser.
#[test]
fn the_last_account_with_every_division_is_kept() {
    let p = planning();
    let (status, body) = p.send(KIKAKU_, "DELETE", "/api/users/kikaku", None);
    assert_eq!(status, 409, "{body}");
    assert!(body["message"].as_str().unwrap().contains("自分"), "{body}");
    let limited = json!({"divisions": ["地域課"]});
    let (status, body) = p.send(KIKAKU_, "PUT", "/api/users/kikaku", Some(&limited));
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("この一人だけ"),
        "{body}"
    );
    assert!(Users::load(&p.users).unwrap().find("kikaku").unwrap().all);

    // A second such account: the first may then be limited, and removed by the second,
    // which is then the last and is kept.
    let soumu = json!({"name": "soumu", "password": "総務課のパスワード", "all": true});
    assert_eq!(p.send(KIKAKU_, "POST", "/api/users", Some(&soumu)).0, 201);
    let soumu_ = As("soumu", "総務課のパスワード");
    let (status, body) = p.send(soumu_, "PUT", "/api/users/kikaku", Some(&limited));
    assert_eq!(status, 200, "{body}");
    let (status, body) = p.send(soumu_, "DELETE", "/api/users/kikaku", None);
    assert_eq!(status, 204, "{body}");
    assert_eq!(Users::load(&p.users).unwrap().users.len(), 2);
}

/// A division made in the browser: its 順 is 1 or more and nobody else's (422, 409, nothing
/// written), and its first version is the account's, as an import's is.
#[test]
fn a_new_divisions_order_is_checked_and_its_file_credited_to_the_account() {
    let p = planning();
    let divisions = "/api/wards/higashi-r5/divisions";
    let before = std::fs::read_dir(p.sheets().join("higashi-r5"))
        .unwrap()
        .count();
    let zero = json!({"division": "零課", "order": 0});
    let (status, body) = p.send(KIKAKU_, "POST", divisions, Some(&zero));
    assert_eq!(status, 422, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("1 以上"),
        "{body}"
    );
    let taken = json!({"division": "重複課", "order": 1});
    let (status, body) = p.send(KIKAKU_, "POST", divisions, Some(&taken));
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("地域課"),
        "{body}"
    );
    let after = std::fs::read_dir(p.sheets().join("higashi-r5"))
        .unwrap()
        .count();
    assert_eq!(before, after, "nothing written");

    let asked = json!({"division": "広報課"});
    let (status, body) = p.send(KIKAKU_, "POST", divisions, Some(&asked));
    assert_eq!(status, 201, "{body}");
    let history = format!("{divisions}/{}/history", percent("広報課"));
    let (status, versions) = p.send(KIKAKU_, "GET", &history, None);
    assert_eq!(status, 200, "{versions}");
    assert_eq!(versions.as_array().unwrap().len(), 1, "{versions}");
    assert_eq!(versions[0]["saved_by"], "kikaku", "{versions}");
}

/// An upload refused for the errors it would bring gives each of them with its division and
/// place, for the page to show above the reason that counts them.
#[test]
fn an_uploads_errors_are_given_with_their_division() {
    let p = planning();
    let (_, book) = p.get_bytes(KIKAKU_, "/api/wards/minato-r6/form.xlsx");
    let path = p.dir.path().join("form.xlsx");
    std::fs::write(&path, &book).unwrap();
    let mut filled = crate::form::Book::open(&path);
    filled.set_cell("総務課", "I9", "◎");
    filled.save(&path);
    let filled = std::fs::read(&path).unwrap();
    let (status, body) = p.upload(KIKAKU_, "/api/wards/minato-r6/import?dry_run=1", &filled);
    assert_eq!(status, 422, "{body}");
    let problems = body["problems"].as_array().unwrap();
    let rating = (problems.iter())
        .find(|p| p["message"].as_str().unwrap().contains("◎"))
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(rating["division"], "総務課", "{body}");
    assert!(rating["place"].as_str().unwrap().contains("評価"), "{body}");
}

/// A new ward the sheets cannot have is refused with the reason, nothing made: a year far from
/// this one (or in another era), a 作成日 outside its year, a folder name Windows keeps for
/// itself or too long for a path.
#[test]
fn a_new_ward_with_an_impossible_year_date_or_folder_is_refused() {
    let p = planning();
    let year = {
        use chrono::Datelike;
        let today = chrono::Local::now().date_naive();
        today.year() - i32::from(today.month() < 4)
    };
    let ward = |folder: &str, fiscal_year: i32, created: &str| json!({"folder": folder, "ward": "西区", "fiscal_year": fiscal_year, "created": created});
    let long = "長".repeat(300);
    let before = std::fs::read_dir(p.sheets()).unwrap().count();
    for (asked, says) in [
        (ward("nishi-a", 9999, "9999-04-01"), "年度は"),
        (ward("nishi-b", 1900, "1900-04-01"), "年度は"),
        (ward("nishi-c", year, "2019-01-01"), "作成日"),
        (ward("CON", year, &format!("{year}-04-01")), "Windows"),
        (ward("lpt1.txt", year, &format!("{year}-04-01")), "Windows"),
        (ward(&long, year, &format!("{year}-04-01")), "長すぎ"),
    ] {
        let (status, body) = p.send(KIKAKU_, "POST", "/api/wards", Some(&asked));
        assert_eq!(status, 422, "{asked}: {body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(says), "{message}");
        assert!(
            !message.contains(&*p.dir.path().to_string_lossy()),
            "{message}"
        );
    }
    let after = std::fs::read_dir(p.sheets()).unwrap().count();
    assert_eq!(before, after, "nothing made");
    let fine = ward("nishi-next", year + 1, &format!("{}-05-01", year + 1));
    assert_eq!(p.send(KIKAKU_, "POST", "/api/wards", Some(&fine)).0, 201);
}

/// A CSV or JSON of `export` is uploaded as what it is (the page sends `format` from the
/// file's name; without it the bytes tell), not taken for a workbook.
#[test]
fn a_csv_or_json_of_export_is_uploaded_as_itself() {
    let p = planning();
    let ward = p.sheets().join("minato-r6");
    for format in ["csv", "json"] {
        let file = p.dir.path().join(format!("minato.{format}"));
        let args = [
            "export",
            "--sheets",
            ward.to_str().unwrap(),
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ];
        let out = common::mokuhyo(&args, p.dir.path());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("6地区"), "{text}");
        let changed = text.replacen("6地区", "5地区", 1);
        for query in [
            format!("?dry_run=1&format={format}"),
            "?dry_run=1".to_string(),
        ] {
            let path = format!("/api/wards/minato-r6/import{query}");
            let (status, preview) = p.upload(KIKAKU_, &path, changed.as_bytes());
            assert_eq!(status, 200, "{format} {query}: {preview}");
            let divisions = preview["divisions"].as_array().unwrap();
            assert_eq!(divisions.len(), 1, "{format}: {preview}");
            assert_eq!(divisions[0]["changes"][0]["after"], "5地区", "{preview}");
        }
    }
}

/// The Excel 様式 page offers the whole ward's blank form too; a blank form and a PDF without
/// stamp boxes are downloaded under names of their own, not mistaken for the others.
#[test]
fn blank_forms_and_pdfs_without_stamps_have_names_of_their_own() {
    let p = planning();
    let disposition = |path: &str| {
        let response = agent()
            .get(&p.url(path))
            .header("Authorization", basic("kikaku", KIKAKU))
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let value = response.headers()["content-disposition"].to_str().unwrap();
        let encoded = value.split("UTF-8''").nth(1).unwrap().to_string();
        percent_encoding::percent_decode_str(&encoded)
            .decode_utf8()
            .unwrap()
            .into_owned()
    };
    let page = agent()
        .get(&p.url("/wards/minato-r6/forms"))
        .header("Authorization", basic("kikaku", KIKAKU))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(
        page.contains("href=\"/api/wards/minato-r6/form.xlsx?blank=1\""),
        "{page}"
    );
    assert_eq!(
        disposition("/api/wards/minato-r6/form.xlsx"),
        "minato-r6.xlsx"
    );
    assert_eq!(
        disposition("/api/wards/minato-r6/form.xlsx?blank=1"),
        "minato-r6_空.xlsx"
    );
    let one = format!(
        "/api/wards/minato-r6/form.xlsx?division={}",
        percent("総務課")
    );
    assert_eq!(
        disposition(&format!("{one}&blank=1")),
        "minato-r6_総務課_空.xlsx"
    );
    let sheet = format!("/api/wards/minato-r6/divisions/{}.pdf", percent("総務課"));
    let stamped = disposition(&sheet);
    let bare = disposition(&format!("{sheet}?stamps=0"));
    assert_eq!(
        bare,
        stamped.replace(".pdf", "_押印欄なし.pdf"),
        "{stamped} {bare}"
    );
}

/// A password is reset in a small form of the accounts page: two fields that hide it (the
/// page checks they agree), no prompt showing it.
#[test]
fn a_password_is_reset_in_a_form_that_hides_it_and_asks_it_twice() {
    let p = planning();
    let page = agent()
        .get(&p.url("/accounts"))
        .header("Authorization", basic("kikaku", KIKAKU))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let form = page
        .split("<form class=\"password\" data-api=\"/api/users/chiiki\"")
        .nth(1)
        .unwrap_or_else(|| panic!("{page}"));
    let form = form.split("</form>").next().unwrap();
    assert!(
        form.contains("name=\"password\" type=\"password\""),
        "{form}"
    );
    assert!(form.contains("name=\"again\" type=\"password\""), "{form}");
    assert!(
        form.contains("data-mismatch=\"2つのパスワードが違います"),
        "{form}"
    );
    assert!(!page.contains("data-prompt=\"新しいパスワード"), "{page}");
}

/// What is there already is told by the name the page shows, never by a path on the server.
#[test]
fn a_name_taken_is_told_by_its_name_not_the_servers_path() {
    let p = planning();
    let server_path = p.dir.path().to_string_lossy().to_string();
    let ward = json!({"folder": "minato-r6", "ward": "港区", "fiscal_year": 2025});
    let (status, body) = p.send(KIKAKU_, "POST", "/api/wards", Some(&ward));
    assert_eq!(status, 409, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("「minato-r6」はすでにあります"),
        "{message}"
    );
    assert!(!message.contains(&server_path), "{message}");
    let division = json!({"division": "総務課"});
    let divisions = "/api/wards/minato-r6/divisions";
    let (status, body) = p.send(KIKAKU_, "POST", divisions, Some(&division));
    assert_eq!(status, 409, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("課「総務課」がすでにあります"),
        "{message}"
    );
    assert!(!message.contains(&server_path), "{message}");
    let rename = format!("{divisions}/{}/rename", percent("総務課"));
    let (status, body) = p.send(
        KIKAKU_,
        "POST",
        &rename,
        Some(&json!({"division": "地域振興課"})),
    );
    assert_eq!(status, 409, "{body}");
    assert!(
        !body["message"].as_str().unwrap().contains(&server_path),
        "{body}"
    );

    // Accounts: the page's buttons, not the terminal's commands.
    let taken = json!({"name": "chiiki", "password": "password-x", "all": true});
    let (status, body) = p.send(KIKAKU_, "POST", "/api/users", Some(&taken));
    assert_eq!(status, 409, "{body}");
    assert!(
        !body["message"].as_str().unwrap().contains("mokuhyo"),
        "{body}"
    );
    let (status, body) = p.send(KIKAKU_, "DELETE", "/api/users/nobody", None);
    assert_eq!(status, 404, "{body}");
    assert!(
        !body["message"].as_str().unwrap().contains("mokuhyo"),
        "{body}"
    );
}

/// A file that cannot be read is told as the uploaded file, not as the temporary file the
/// server kept it in.
#[test]
fn an_unreadable_upload_is_told_without_the_servers_temporary_path() {
    let p = planning();
    let path = "/api/wards/minato-r6/import?dry_run=1&format=xlsx";
    let (status, body) = p.upload(KIKAKU_, path, b"not a workbook");
    assert_eq!(status, 422, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("取り込んだファイル"), "{message}");
    assert!(!message.contains("upload.xlsx"), "{message}");
}

/// An upload that would lose an item of a division is refused in the page's words: the
/// division and the item's place, not the file's path, its key or `--force`.
#[test]
fn an_upload_that_would_lose_an_item_says_so_in_the_pages_words() {
    let p = planning();
    let file = p.dir.path().join("minato.csv");
    let ward = p.sheets().join("minato-r6");
    let args = [
        "export",
        "--sheets",
        ward.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        file.to_str().unwrap(),
    ];
    let out = common::mokuhyo(&args, p.dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let last = lines.iter().rposition(|l| l.contains("総務課")).unwrap();
    lines.remove(last);
    let fewer = lines.join("\n") + "\n";
    let path = "/api/wards/minato-r6/import?dry_run=1&format=csv";
    let (status, body) = p.upload(KIKAKU_, path, fewer.as_bytes());
    assert_eq!(status, 422, "{body}");
    let reasons = body["reasons"].to_string();
    assert!(reasons.contains("課「総務課」の「目標"), "{reasons}");
    assert!(
        !reasons.contains("--force") && !reasons.contains(".toml"),
        "{reasons}"
    );
}

/// Issue 29: an approver added through the API (the approval right, its stamp box, the seal's
/// name) approves a submitted sheet; a title no ward has, a full name too long and a right
/// without a title are refused in Japanese; a change takes the right away.
#[test]
fn an_approver_is_added_through_the_api_and_approves_a_submitted_sheet() {
    let p = planning();
    let own = json!(["minato-r6/地域振興課"]);
    let staff = json!({"name": "shinko", "password": "振興課のパスワード", "divisions": own});
    assert_eq!(p.send(KIKAKU_, "POST", "/api/users", Some(&staff)).0, 201);
    let kacho = json!({"name": "kacho", "password": "課長のパスワード", "divisions": own,
        "approve": true, "title": "課長", "full_name": "山田太郎"});
    let (status, body) = p.send(KIKAKU_, "POST", "/api/users", Some(&kacho));
    assert_eq!(status, 201, "{body}");
    let (_, list) = p.send(KIKAKU_, "GET", "/api/users", None);
    let listed = (list.as_array().unwrap().iter())
        .find(|u| u["name"] == "kacho")
        .unwrap();
    assert_eq!(listed["approve"], true, "{list}");
    assert_eq!(listed["title"], "課長");
    assert_eq!(listed["full_name"], "山田太郎");

    let division = format!("/api/wards/minato-r6/divisions/{}", percent("地域振興課"));
    let shinko_ = As("shinko", "振興課のパスワード");
    let kacho_ = As("kacho", "課長のパスワード");
    let (status, body) = p.send(
        shinko_,
        "POST",
        &format!("{division}/submit"),
        Some(&json!({})),
    );
    assert_eq!(status, 200, "{body}");
    let (status, body) = p.send(
        kacho_,
        "POST",
        &format!("{division}/approve"),
        Some(&json!({})),
    );
    assert_eq!(status, 200, "{body}");

    let refusals = [
        (
            json!({"title": "部長", "approve": true}),
            "「部長」の印の欄",
        ),
        (json!({"full_name": "山".repeat(17)}), "17字"),
        (json!({"approve": true}), "役職"),
    ];
    for (asked, said) in refusals {
        let mut new = json!({"name": "z", "password": "password-z", "all": true});
        new.as_object_mut()
            .unwrap()
            .extend(asked.as_object().unwrap().clone());
        let (status, body) = p.send(KIKAKU_, "POST", "/api/users", Some(&new));
        assert_eq!(status, 422, "{new}: {body}");
        assert!(body["message"].as_str().unwrap().contains(said), "{body}");
    }
    assert!(Users::load(&p.users).unwrap().find("z").is_none());
    let (status, body) = p.send(
        KIKAKU_,
        "PUT",
        "/api/users/kacho",
        Some(&json!({"title": "部長"})),
    );
    assert_eq!(status, 422, "{body}");

    let off = json!({"approve": false, "full_name": "山田花子"});
    assert_eq!(
        p.send(KIKAKU_, "PUT", "/api/users/kacho", Some(&off)).0,
        200
    );
    let user = Users::load(&p.users)
        .unwrap()
        .find("kacho")
        .cloned()
        .unwrap();
    assert!(!user.approve);
    assert_eq!(
        (user.title.as_str(), user.full_name.as_str()),
        ("課長", "山田花子")
    );
    let (status, page) = p.get_bytes(KIKAKU_, "/accounts");
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 200);
    for shown in [
        "承認する（決裁の権限）",
        "<option value=\"副区長\">",
        "山田花子",
        "氏名（印に出る名前）",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
}
