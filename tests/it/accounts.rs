//! `serve` with accounts, over real HTTP on loopback: sign-in, 401 and 403, CSRF, the history
//! of every save, restore, many people saving at once, and the server killed while saving.

use crate::common;

use common::copy_example_wards;
use mokuhyo::locale::Lang;
use mokuhyo::pdf::render::Resources;
use mokuhyo::serve::users::{Access, Users};
use mokuhyo::serve::{ServeOptions, Server, start};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The passwords of the test accounts.
const CHIIKI: &str = "地域課のパスワード";
const KIKAKU: &str = "企画係のパスワード";

/// Copies of both example wards and a users file: `chiiki` may change 地域課 and 地域振興課,
/// `kikaku` everything, and `user00`… (`extra` of them) each one division of みなと区.
fn setup(dir: &Path, extra: usize) -> PathBuf {
    copy_example_wards(dir);
    let path = dir.join("users.toml");
    let mut users = Users::default();
    let divisions = vec!["地域課".to_string(), "minato-r6/地域振興課".to_string()];
    users
        .add("chiiki", CHIIKI, Access::Divisions(divisions))
        .unwrap();
    users.add("kikaku", KIKAKU, Access::All).unwrap();
    for i in 0..extra {
        let division = ["総務課", "地域振興課", "健康福祉課"][i % 3];
        let access = Access::Divisions(vec![format!("minato-r6/{division}")]);
        users
            .add(&format!("user{i:02}"), &format!("password-{i:02}"), access)
            .unwrap();
    }
    users.save(&path).unwrap();
    path
}

fn serve(dir: &Path, users: &Path) -> Server {
    let options = ServeOptions {
        sheets: dir.join("sheets"),
        out: dir.join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: Some(users.to_path_buf()),
        tls: None,
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    start(&options, &Resources::default()).unwrap()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

fn basic(name: &str, password: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{name}:{password}"));
    format!("Basic {encoded}")
}

fn percent(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn division_url(server: &Server, ward: &str, division: &str) -> String {
    format!(
        "http://{}/api/wards/{ward}/divisions/{}",
        server.addr,
        percent(division)
    )
}

/// A person signed in through the form: their cookie and CSRF token.
struct Session {
    cookie: String,
    csrf: String,
}

fn sign_in(server: &Server, name: &str, password: &str) -> Option<Session> {
    let agent = agent();
    let response = agent
        .post(&format!("http://{}/signin", server.addr))
        .send_form([("name", name), ("password", password), ("next", "/")])
        .unwrap();
    if response.status() != 303 {
        return None;
    }
    let set = response
        .headers()
        .get("set-cookie")?
        .to_str()
        .ok()?
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let cookie = set.split(';').next()?.to_string();
    let mut page = agent
        .get(&format!("http://{}/", server.addr))
        .header("Cookie", &cookie)
        .call()
        .unwrap();
    let page = page.body_mut().read_to_string().unwrap();
    let csrf = page
        .split("name=\"mokuhyo-csrf\" content=\"")
        .nth(1)?
        .split('"')
        .next()?
        .to_string();
    Some(Session { cookie, csrf })
}

impl Session {
    fn get(&self, url: &str) -> (u16, Option<String>, Value) {
        let mut response = agent()
            .get(url)
            .header("Cookie", &self.cookie)
            .call()
            .unwrap();
        let etag = response
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_string());
        let body = response.body_mut().read_json().unwrap_or(Value::Null);
        (response.status().as_u16(), etag, body)
    }

    fn put(&self, url: &str, etag: &str, body: &Value, csrf: bool) -> (u16, Value) {
        let mut request = agent()
            .put(url)
            .header("Cookie", &self.cookie)
            .header("If-Match", etag);
        if csrf {
            request = request.header("X-CSRF-Token", &self.csrf);
        }
        let mut response = request.send_json(body).unwrap();
        let body = response.body_mut().read_json().unwrap_or(Value::Null);
        (response.status().as_u16(), body)
    }
}

#[test]
fn everyone_signs_in_and_changes_only_what_is_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let text = std::fs::read_to_string(&users).unwrap();
    assert!(
        !text.contains(CHIIKI) && text.matches("$argon2id$").count() == 2,
        "{text}"
    );
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "higashi-r5", "地域課");

    // Not signed in: the API says 401 (and how), a page sends to the sign-in form.
    let response = agent().get(&url).call().unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers().get("www-authenticate").is_some());
    let response = agent()
        .get(&format!("http://{}/", server.addr))
        .call()
        .unwrap();
    assert_eq!(response.status(), 303);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/signin")
    );
    let mut form = agent()
        .get(&format!("http://{}/signin", server.addr))
        .call()
        .unwrap();
    assert!(
        form.body_mut()
            .read_to_string()
            .unwrap()
            .contains("パスワード")
    );
    // The fonts and script come without signing in (the sign-in page uses them).
    let asset = agent()
        .get(&format!("http://{}/assets/app.css", server.addr))
        .call()
        .unwrap();
    assert_eq!(asset.status(), 200);

    // Wrong passwords: refused, and more slowly after a few.
    assert!(sign_in(&server, "chiiki", "違うパスワードです").is_none());
    let wrong = |password: &str| {
        let response = agent()
            .get(&url)
            .header("Authorization", basic("chiiki", password))
            .call();
        response.unwrap().status().as_u16()
    };
    assert_eq!(wrong("違う"), 401);
    assert_eq!(wrong("違う2"), 401);
    let started = Instant::now();
    assert_eq!(wrong("違う3"), 401);
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );

    // HTTP Basic for scripts; the form's session for people.
    let mut response = agent()
        .get(&url)
        .header("Authorization", basic("kikaku", KIKAKU))
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);
    let draft: Value = response.body_mut().read_json().unwrap();
    let chiiki = sign_in(&server, "chiiki", CHIIKI).unwrap();
    let (status, etag, _) = chiiki.get(&url);
    assert_eq!(status, 200);
    let etag = etag.unwrap();

    // Their own division: saved. Without the CSRF token, or from another site: 403.
    let mut edited = draft.clone();
    edited["goals"][0]["plan_ref"] = json!("地域課が保存");
    let (status, _) = chiiki.put(&url, &etag, &edited, false);
    assert_eq!(status, 403);
    let from_elsewhere = agent()
        .put(&url)
        .header("Cookie", &chiiki.cookie)
        .header("X-CSRF-Token", &chiiki.csrf)
        .header("If-Match", &etag)
        .header("Origin", "http://evil.example")
        .send_json(&edited)
        .unwrap();
    assert_eq!(from_elsewhere.status(), 403);
    let (status, saved) = chiiki.put(&url, &etag, &edited, true);
    assert_eq!(status, 200, "{saved}");

    // Another division: 403, nothing written; reading it is fine.
    let other = division_url(&server, "higashi-r5", "総務課");
    let file = dir.path().join("sheets/higashi-r5/07_総務課.toml");
    let before = std::fs::read(&file).unwrap();
    let (status, etag, theirs) = chiiki.get(&other);
    assert_eq!(status, 200);
    let mut changed = theirs.clone();
    changed["goals"][0]["plan_ref"] = json!("よその課");
    let (status, _) = chiiki.put(&other, &etag.unwrap(), &changed, true);
    assert_eq!(status, 403);
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Renaming one's own division into another's is changing that one.
    let (_, etag, _) = chiiki.get(&url);
    let mut renamed = edited.clone();
    renamed["division"] = json!("総務課");
    assert_eq!(chiiki.put(&url, &etag.unwrap(), &renamed, true).0, 403);
    // Building the volume is the planning section's.
    let volume = format!("http://{}/api/wards/higashi-r5/volume.pdf", server.addr);
    assert_eq!(chiiki.get(&volume).0, 403);
    let kikaku = sign_in(&server, "kikaku", KIKAKU).unwrap();
    let response = agent()
        .get(&volume)
        .header("Cookie", &kikaku.cookie)
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);
    // So is the evaluation summary.
    for format in ["xlsx", "csv"] {
        let summary = format!(
            "http://{}/api/wards/higashi-r5/summary.{format}",
            server.addr
        );
        assert_eq!(chiiki.get(&summary).0, 403, "{format}");
        let response = agent()
            .get(&summary)
            .header("Cookie", &kikaku.cookie)
            .call()
            .unwrap();
        assert_eq!(response.status(), 200, "{format}");
    }
    // The ward page offers each what they may do.
    let ward_page = |session: &Session| {
        let mut response = agent()
            .get(&format!("http://{}/", server.addr))
            .header("Cookie", &session.cookie)
            .call()
            .unwrap();
        response.body_mut().read_to_string().unwrap()
    };
    let (theirs, all) = (ward_page(&chiiki), ward_page(&kikaku));
    assert!(!theirs.contains("volume.pdf") && !theirs.contains("build-all"));
    assert!(all.contains("volume.pdf") && all.contains("build-all"));
    assert!(
        theirs.contains("href=\"/wards/higashi-r5\""),
        "the settings, to read"
    );
    // So are the ward's settings, which reach every sheet of the ward.
    let settings = format!("http://{}/api/wards/higashi-r5", server.addr);
    let ward_file = dir.path().join("sheets/higashi-r5/ward.toml");
    let before = std::fs::read(&ward_file).unwrap();
    let (status, etag, mut ward) = chiiki.get(&settings);
    assert_eq!(status, 200);
    let etag = etag.unwrap();
    ward["evaluated"] = json!("2024-04-30");
    assert_eq!(chiiki.put(&settings, &etag, &ward, true).0, 403);
    assert_eq!(std::fs::read(&ward_file).unwrap(), before);
    let (status, body) = kikaku.put(&settings, &etag, &ward, true);
    assert_eq!(status, 200, "{body}");
    let after = std::fs::read_to_string(&ward_file).unwrap();
    assert!(after.contains("\nevaluated = 2024-04-30 "), "{after}");
    let history = format!("{settings}/history");
    let (status, _, versions) = chiiki.get(&history);
    assert_eq!(status, 200);
    assert_eq!(versions[0]["saved_by"], "kikaku", "{versions}");
    assert_eq!(versions[0]["data"]["evaluated"], "2024-04-30");
    assert_eq!(versions[1]["saved_by"], Value::Null, "{versions}");

    // Signed out: the session is gone.
    let out = agent()
        .post(&format!(
            "http://{}/signout?csrf={}",
            server.addr, chiiki.csrf
        ))
        .header("Cookie", &chiiki.cookie)
        .send_empty()
        .unwrap();
    assert_eq!(out.status(), 303);
    assert_eq!(chiiki.get(&url).0, 401);
}

#[test]
fn a_mistyped_division_name_is_a_problem_of_the_form_not_a_refusal_of_rights() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let server = serve(dir.path(), &users);
    let chiiki = sign_in(&server, "chiiki", CHIIKI).unwrap();
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    // A space after the name, half- or full-width, or before it, or an invisible character in
    // it: told as the form's problem at the name (422), nothing written, no word of rights.
    let url = division_url(&server, "higashi-r5", "地域課");
    let before = std::fs::read(&file).unwrap();
    for typed in [
        "地域課 ",
        "地域課\u{3000}",
        "\u{3000}地域課",
        "地域\u{200B}課",
    ] {
        let (status, etag, mut draft) = chiiki.get(&url);
        assert_eq!(status, 200);
        draft["division"] = json!(typed);
        let (status, refused) = chiiki.put(&url, &etag.unwrap(), &draft, true);
        assert_eq!(status, 422, "{typed:?}: {refused}");
        let message = refused["message"].as_str().unwrap();
        assert!(!message.contains("権限"), "{message}");
        assert_eq!(refused["problems"][0]["key"], "division", "{refused}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{typed:?}");
    }
    // A link with such a slip in the name finds the division as the ward compares names.
    for linked in ["地域課 ", "地域課\u{3000}", "地域\u{200B}課", "ｼﾞ"] {
        let (status, _, _) = chiiki.get(&division_url(&server, "higashi-r5", linked));
        assert_eq!(status, if linked == "ｼﾞ" { 404 } else { 200 }, "{linked:?}");
    }
    // Empty: told as the form's problem at the name (422), nothing written, no word of rights.
    let url = division_url(&server, "higashi-r5", "地域課");
    let before = std::fs::read(&file).unwrap();
    let (_, etag, mut draft) = chiiki.get(&url);
    draft["division"] = json!("\u{3000}");
    let (status, refused) = chiiki.put(&url, &etag.unwrap(), &draft, true);
    assert_eq!(status, 422, "{refused}");
    let message = refused["message"].as_str().unwrap();
    assert!(!message.contains("権限"), "{message}");
    assert_eq!(refused["problems"][0]["key"], "division");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn every_save_is_kept_with_who_and_when_and_can_be_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let file = dir.path().join("sheets/minato-r6/02_地域振興課.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "minato-r6", "地域振興課");
    let chiiki = sign_in(&server, "chiiki", CHIIKI).unwrap();

    let (_, etag, first) = chiiki.get(&url);
    let mut second = first.clone();
    second["goals"][0]["status"] = json!("二番目の版");
    let (status, saved) = chiiki.put(&url, &etag.unwrap(), &second, true);
    assert_eq!(status, 200);
    // Saved outside the browser, by an editor.
    std::fs::write(
        &file,
        original.replace("みなとまち歩き", "エディターで直した取組"),
    )
    .unwrap();
    let history = |session: &Session| {
        let (status, _, versions) = session.get(&format!("{url}/history"));
        assert_eq!(status, 200);
        versions.as_array().unwrap().clone()
    };
    let started = Instant::now();
    let mut versions = history(&chiiki);
    while versions.len() < 3 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
        versions = history(&chiiki);
    }
    assert_eq!(versions.len(), 3, "{versions:#?}");
    // Newest first: the editor's (nobody), chiiki's, the file as the server found it.
    assert_eq!(versions[0]["saved_by"], Value::Null);
    assert_eq!(
        versions[0]["data"]["goals"][0]["actions"][0]["name"],
        "エディターで直した取組"
    );
    assert_eq!(versions[1]["saved_by"], "chiiki");
    assert_eq!(versions[1]["data"], second);
    assert_eq!(versions[1]["etag"], saved["etag"]);
    assert!(
        versions[1]["saved_at"].as_str().unwrap().starts_with("20"),
        "{versions:?}"
    );
    assert_eq!(versions[2]["data"], first);

    // Put back the first: a save of its own, needing the current version.
    let (_, etag, _) = chiiki.get(&url);
    let restore = format!("{url}/history/{}/restore", versions[2]["id"]);
    let stale = agent()
        .post(&restore)
        .header("Cookie", &chiiki.cookie)
        .header("X-CSRF-Token", &chiiki.csrf)
        .header("If-Match", "\"stale\"")
        .send_empty()
        .unwrap();
    assert_eq!(stale.status(), 412);
    let restored = agent()
        .post(&restore)
        .header("Cookie", &chiiki.cookie)
        .header("X-CSRF-Token", &chiiki.csrf)
        .header("If-Match", etag.unwrap())
        .send_empty()
        .unwrap();
    assert_eq!(restored.status(), 200);
    assert_eq!(chiiki.get(&url).2, first);
    let versions = history(&chiiki);
    assert_eq!(versions.len(), 4);
    assert_eq!(
        (&versions[0]["saved_by"], &versions[0]["data"]),
        (&json!("chiiki"), &first)
    );
    // Written in place each time: put back, the file is byte for byte what it was.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
}

#[test]
fn fifty_people_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 50);
    let server = serve(dir.path(), &users);
    let sessions: Vec<Session> = (0..50)
        .map(|i| sign_in(&server, &format!("user{i:02}"), &format!("password-{i:02}")).unwrap())
        .collect();
    // Each person saves their division five times, reading it again before each save; a
    // third of them share each division.
    let accepted: Vec<(String, String, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (sessions.iter().enumerate())
            .map(|(i, session)| {
                let server = &server;
                scope.spawn(move || {
                    let division = ["総務課", "地域振興課", "健康福祉課"][i % 3];
                    let url = division_url(server, "minato-r6", division);
                    let mut accepted = Vec::new();
                    for n in 0..5 {
                        let (status, etag, mut draft) = session.get(&url);
                        assert_eq!(status, 200);
                        let mark = format!("user{i:02}-{n}");
                        draft["goals"][0]["next_steps"] = json!(mark);
                        let (status, body) = session.put(&url, &etag.unwrap(), &draft, true);
                        // 409: another saved the same field since.
                        assert!(status == 200 || status == 409, "{status}: {body}");
                        if status == 200 {
                            let etag = body["etag"].as_str().unwrap().to_string();
                            accepted.push((division.to_string(), etag, mark));
                        }
                    }
                    accepted
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        accepted.len() >= 3,
        "at least one save per division: {}",
        accepted.len()
    );
    // Every accepted save is in the history, with who saved it; the file is the last one.
    for division in ["総務課", "地域振興課", "健康福祉課"] {
        let url = division_url(&server, "minato-r6", division);
        let (_, etag, now) = sessions[0].get(&url);
        let (_, _, versions) = sessions[0].get(&format!("{url}/history"));
        let versions = versions.as_array().unwrap();
        let mine: Vec<&(String, String, String)> =
            accepted.iter().filter(|a| a.0 == division).collect();
        for (_, etag, mark) in &mine {
            let version = versions.iter().find(|v| v["etag"] == etag.as_str());
            let version = version.unwrap_or_else(|| panic!("{mark} is not in the history"));
            assert_eq!(version["data"]["goals"][0]["next_steps"], mark.as_str());
            let who = &mark[..6];
            assert_eq!(version["saved_by"], who);
        }
        assert_eq!(versions[0]["etag"], etag.unwrap().as_str());
        assert_eq!(versions[0]["data"], now);
        assert_eq!(
            versions.len(),
            mine.len() + 1,
            "the first version and the saves"
        );
    }
}

#[test]
fn killed_while_saving_every_file_stays_whole_and_the_history_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 6);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = common::command()
        .args(["serve", "--sheets", "sheets", "--users", "users.toml"])
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let base = format!("http://127.0.0.1:{port}");
    // Six people saving as fast as they can, until the server dies under them.
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        for i in 0..6 {
            let (base, stop) = (&base, &stop);
            scope.spawn(move || {
                let division = ["総務課", "地域振興課", "健康福祉課"][i % 3];
                let url = format!("{base}/api/wards/minato-r6/divisions/{}", percent(division));
                let auth = basic(&format!("user{i:02}"), &format!("password-{i:02}"));
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let Ok(mut response) = agent().get(&url).header("Authorization", &auth).call()
                    else {
                        break;
                    };
                    let etag = response
                        .headers()
                        .get("etag")
                        .map(|v| v.to_str().unwrap().to_string());
                    let Ok(mut draft) = response.body_mut().read_json::<Value>() else {
                        break;
                    };
                    draft["goals"][0]["status"] =
                        json!(format!("{}", "長い文章。".repeat(200 + n)));
                    n += 1;
                    let saved = agent()
                        .put(&url)
                        .header("Authorization", &auth)
                        .header("If-Match", etag.unwrap_or_default())
                        .send_json(&draft);
                    if saved.is_err() {
                        break;
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(2500));
        child.kill().unwrap();
        child.wait().unwrap();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    // Every file is whole: it reads, and the ward checks.
    let (ward, problems) = mokuhyo::sheet::model::load_ward(&dir.path().join("sheets/minato-r6"));
    assert!(ward.is_some() && problems.is_empty(), "{problems:#?}");
    // The database is sound, and once the server is back, each file's version is the newest
    // in its history.
    let db = rusqlite::Connection::open(dir.path().join("sheets/.mokuhyo-history.sqlite")).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(db);
    let server = serve(dir.path(), &users);
    for division in ["総務課", "地域振興課", "健康福祉課"] {
        let url = division_url(&server, "minato-r6", division);
        let auth = basic("kikaku", KIKAKU);
        let mut response = agent()
            .get(&url)
            .header("Authorization", &auth)
            .call()
            .unwrap();
        let etag = response.headers()["etag"].to_str().unwrap().to_string();
        let now: Value = response.body_mut().read_json().unwrap();
        let mut response = agent()
            .get(&format!("{url}/history"))
            .header("Authorization", &auth)
            .call()
            .unwrap();
        let versions: Value = response.body_mut().read_json().unwrap();
        assert_eq!(versions[0]["etag"], etag.as_str(), "{division}");
        assert_eq!(versions[0]["data"], now, "{division}");
        assert!(
            versions.as_array().unwrap().len() >= 2,
            "{division}: saves were made"
        );
    }
}

#[test]
fn with_a_certificate_it_serves_https_and_the_cookie_is_secure() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
    let options = ServeOptions {
        sheets: dir.path().join("sheets"),
        out: dir.path().join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: Some(users),
        tls: Some((cert.clone(), key.clone())),
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let server = start(&options, &Resources::default()).unwrap();
    assert!(server.url().starts_with("https://127.0.0.1:"));
    let root = ureq::tls::Certificate::from_pem(certified.cert.pem().as_bytes()).unwrap();
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(vec![
            root,
        ])))
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let base = format!("https://{}", server.addr);
    let response = agent
        .post(&format!("{base}/signin"))
        .send_form([("name", "kikaku"), ("password", KIKAKU)])
        .unwrap();
    assert_eq!(response.status(), 303);
    let set = response.headers()["set-cookie"].to_str().unwrap();
    assert!(set.contains("; Secure"), "{set}");
    let url = format!(
        "{base}/api/wards/higashi-r5/divisions/{}",
        percent("地域課")
    );
    let response = agent
        .get(&url)
        .header("Authorization", basic("kikaku", KIKAKU))
        .call();
    assert_eq!(response.unwrap().status(), 200);
    // Plain HTTP to the HTTPS port gets no page.
    let plain = self::agent()
        .get(&format!("http://{}/", server.addr))
        .call();
    assert!(plain.is_err() || plain.unwrap().status() != 200);
    drop(server);

    // A key that is not a key: refused at start, naming both files.
    std::fs::write(&key, "not a key").unwrap();
    let options = ServeOptions {
        tls: Some((cert, key)),
        ..options
    };
    match start(&options, &Resources::default()) {
        Err(err @ mokuhyo::serve::Error::Tls { .. }) => {
            let words = mokuhyo::locale::with(Lang::Ja, || err.to_string());
            assert!(
                words.contains("key.pem") && words.contains("cert.pem"),
                "{words}"
            );
        }
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("a broken key was taken"),
    }
}

/// Runs `mokuhyo user …` (English messages) in `dir`, giving `password` on standard input.
fn user_command(dir: &Path, args: &[&str], password: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut command = common::command();
    command
        .arg("user")
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    if let Some(password) = password {
        writeln!(stdin, "{password}").unwrap();
    }
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn said(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn after_signing_in_only_a_path_of_this_server_is_gone_to() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let server = serve(dir.path(), &users);
    let location = |next: &str| {
        let response = agent()
            .post(&format!("http://{}/signin", server.addr))
            .send_form([("name", "kikaku"), ("password", KIKAKU), ("next", next)])
            .unwrap();
        assert_eq!(response.status(), 303, "{next:?}");
        response.headers()["location"].to_str().unwrap().to_string()
    };
    // Each of these, as a browser reads it, goes to another host.
    let hostile = [
        "/\t/other-host.example/x",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "https://evil.example/",
        "\t//evil.example",
        " //evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "\u{0}//evil.example",
        "///evil.example",
        "javascript:alert(1)",
        "http:evil.example",
        "",
    ];
    for next in hostile {
        assert_eq!(location(next), "/", "next = {next:?}");
    }
    assert_eq!(location("/wards/higashi-r5"), "/wards/higashi-r5");
    assert_eq!(
        location("/wards/higashi-r5/divisions/%E5%9C%B0%E5%9F%9F%E8%AA%B2"),
        "/wards/higashi-r5/divisions/%E5%9C%B0%E5%9F%9F%E8%AA%B2"
    );
    // Sent as it is, `/%09/…` is a tab once the form is read: a browser would drop it.
    let response = agent()
        .post(&format!("http://{}/signin", server.addr))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(format!(
            "name=kikaku&password={}&next=/%09/other-host.example/x",
            percent(KIKAKU)
        ))
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/");
}

#[test]
fn a_session_ends_when_its_accounts_password_rights_or_self_change() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "higashi-r5", "地域課");
    let chiiki = sign_in(&server, "chiiki", CHIIKI).unwrap();
    let kikaku = sign_in(&server, "kikaku", KIKAKU).unwrap();
    assert_eq!(chiiki.get(&url).0, 200);

    // A new password: the old session ends, even when the file's time is as it was (a
    // change within the same second).
    let modified = std::fs::metadata(&users).unwrap().modified().unwrap();
    let new_password = "新しいパスワードです";
    let out = user_command(
        dir.path(),
        &[
            "passwd",
            "--users",
            "users.toml",
            "chiiki",
            "--password-stdin",
        ],
        Some(new_password),
    );
    assert!(out.status.success(), "{}", said(&out));
    let file = std::fs::File::options().write(true).open(&users).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(chiiki.get(&url).0, 401);
    assert_eq!(kikaku.get(&url).0, 200, "another account's session goes on");
    assert!(sign_in(&server, "chiiki", CHIIKI).is_none());
    let again = sign_in(&server, "chiiki", new_password).unwrap();
    assert_eq!(again.get(&url).0, 200);

    // Removed and added again under the same name: a new account, the old session ends.
    let out = user_command(
        dir.path(),
        &["remove", "--users", "users.toml", "chiiki"],
        None,
    );
    assert!(out.status.success(), "{}", said(&out));
    assert_eq!(again.get(&url).0, 401);
    let add = [
        "add",
        "--users",
        "users.toml",
        "chiiki",
        "--division",
        "地域課",
        "--password-stdin",
    ];
    let out = user_command(dir.path(), &add, Some(new_password));
    assert!(out.status.success(), "{}", said(&out));
    assert_eq!(again.get(&url).0, 401);

    // Other rights (the file edited by hand): the session ends too.
    let third = sign_in(&server, "chiiki", new_password).unwrap();
    assert_eq!(third.get(&url).0, 200);
    let text = std::fs::read_to_string(&users).unwrap();
    let widened = text.replace("divisions = [\"地域課\"]", "all = true");
    assert_ne!(widened, text);
    std::fs::write(&users, widened).unwrap();
    assert_eq!(third.get(&url).0, 401);
    assert_eq!(kikaku.get(&url).0, 200);
}

#[test]
fn the_users_file_is_private_locked_warned_about_and_kept_when_broken() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_example_wards(dir.path());
    // Twenty accounts added at once by twenty processes: none lost.
    let adds: Vec<_> = (0..20)
        .map(|i| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let name = format!("user{i:02}");
                let args = [
                    "add",
                    "--users",
                    "users.toml",
                    &name,
                    "--all",
                    "--password-stdin",
                ];
                user_command(&dir, &args, Some("password-of-someone"))
            })
        })
        .collect();
    for add in adds {
        let out = add.join().unwrap();
        assert!(out.status.success(), "{}", said(&out));
    }
    let users = dir.path().join("users.toml");
    let loaded = Users::load(&users).unwrap();
    assert_eq!(loaded.users.len(), 20, "{loaded:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = || std::fs::metadata(&users).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(), 0o600);
        let out = user_command(
            dir.path(),
            &[
                "passwd",
                "--users",
                "users.toml",
                "user00",
                "--password-stdin",
            ],
            Some("another-password"),
        );
        assert!(out.status.success(), "{}", said(&out));
        assert_eq!(mode(), 0o600, "kept private when written again");
    }

    // A division no ward has is refused, with the real name when it only looks like one.
    let add = |name: &str, division: &str, force: bool| {
        let mut args = vec!["add", "--users", "users.toml", name, "--division", division];
        args.extend(["--password-stdin", "--sheets", "sheets"]);
        if force {
            args.push("--force");
        }
        user_command(dir.path(), &args, Some("password-of-someone"))
    };
    let out = add("a", "地域 課", false);
    assert!(!out.status.success());
    assert!(said(&out).contains("`地域課`"), "{}", said(&out));
    let out = add("a", "地域課\u{202E}", false);
    assert!(
        said(&out).contains("地域課<U+202E>") && said(&out).contains("`地域課`"),
        "{}",
        said(&out)
    );
    let out = add("a", "higashi-r5/地域振興課", false);
    assert!(!out.status.success(), "minato-r6 has it, higashi-r5 not");
    let out = add("a", "存在しない課", false);
    assert!(said(&out).contains("--force"), "{}", said(&out));
    assert_eq!(
        Users::load(&users).unwrap().users.len(),
        20,
        "nothing added"
    );
    assert!(add("a", "地域課", false).status.success());
    assert!(add("b", "minato-r6/地域振興課", false).status.success());
    assert!(add("c", "来年できる課", true).status.success());

    // A name twice, an empty hash, a hash that is not argon2: said with their lines.
    let text = std::fs::read_to_string(&users).unwrap();
    let broken = format!(
        "{text}\n[[users]]\nname = \"user01\"\nhash = \"\"\n\n[[users]]\nname = \"empty\"\nhash = \"\"\n\n\
         [[users]]\nname = \"plain\"\nhash = \"secret\"\nall = true\n"
    );
    std::fs::write(&users, &broken).unwrap();
    let line_of = |needle: &str| broken.lines().position(|l| l == needle).unwrap() + 1;
    let out = user_command(dir.path(), &["list", "--users", "users.toml"], None);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let first = line_of("name = \"user01\"");
    let lines: Vec<&str> = broken.lines().collect();
    let second = lines
        .iter()
        .rposition(|l| *l == "name = \"user01\"")
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("users.toml:{second}: warning:"))
            && stderr.contains(&format!("line {first}")),
        "{stderr}"
    );
    let empty_hash = line_of("name = \"empty\"") + 1;
    assert!(
        stderr.contains(&format!("users.toml:{empty_hash}: warning:")) && stderr.contains("empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "users.toml:{}: warning:",
            line_of("hash = \"secret\"")
        )) && stderr.contains("argon2"),
        "{stderr}"
    );

    // Broken while the server runs: the accounts read before keep signing in.
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "higashi-r5", "地域課");
    let status = |name: &str, password: &str| {
        let response = agent()
            .get(&url)
            .header("Authorization", basic(name, password))
            .call()
            .unwrap();
        response.status().as_u16()
    };
    assert_eq!(status("a", "password-of-someone"), 200);
    std::fs::write(&users, format!("{broken}\n[[users]\nname = \n")).unwrap();
    assert_eq!(status("a", "password-of-someone"), 200);
    // Mended: read again (and `a` removed in it).
    let mut mended = Users::parse(&users, &broken).unwrap().0;
    mended.users.retain(|u| u.name != "a");
    mended.save(&users).unwrap();
    assert_eq!(status("a", "password-of-someone"), 401);
}

#[test]
fn a_flood_of_wrong_passwords_is_answered_429_and_stalls_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "higashi-r5", "地域課");
    let kikaku = sign_in(&server, "kikaku", KIKAKU).unwrap();

    // 32 connections, 10 wrong sign-ins each, by the name chiiki and by made-up names.
    let flood: Vec<_> = (0..32)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let name = if i % 2 == 0 {
                    "chiiki".to_string()
                } else {
                    format!("guess{i}")
                };
                (0..10)
                    .map(|j| {
                        let mut response = agent()
                            .get(&url)
                            .header("Authorization", basic(&name, &format!("wrong-{j}")))
                            .call()
                            .unwrap();
                        let retry = (response.headers().get("retry-after"))
                            .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
                        let body: Value = response.body_mut().read_json().unwrap_or(Value::Null);
                        (response.status().as_u16(), retry, body)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    // Meanwhile someone signed in works as ever.
    let mut slowest = Duration::ZERO;
    while flood.iter().any(|t| !t.is_finished()) {
        let started = Instant::now();
        assert_eq!(kikaku.get(&url).0, 200);
        slowest = slowest.max(started.elapsed());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(slowest < Duration::from_secs(2), "{slowest:?}");
    let answers: Vec<_> = flood.into_iter().flat_map(|t| t.join().unwrap()).collect();
    assert!(
        answers
            .iter()
            .all(|(status, ..)| [401, 429].contains(status))
    );
    let waits: Vec<_> = answers
        .iter()
        .filter(|(status, ..)| *status == 429)
        .collect();
    assert!(
        waits.len() > answers.len() / 2,
        "{} of {}",
        waits.len(),
        answers.len()
    );
    for (_, retry, body) in &waits {
        let retry = retry.expect("Retry-After");
        assert!((1..=10).contains(&retry), "{retry}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("秒待って"), "{message}");
    }

    // The form says so too, in its page.
    let mut response = agent()
        .post(&format!("http://{}/signin", server.addr))
        .send_form([("name", "chiiki"), ("password", "wrong"), ("next", "/")])
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().get("retry-after").is_some());
    let page = response.body_mut().read_to_string().unwrap();
    assert!(
        page.contains("秒待って") && page.contains("<form"),
        "{page}"
    );

    // Once the wait is over, the right password signs in, and that forgets the failures of
    // the name and of the address: a wrong one is an ordinary 401 again.
    std::thread::sleep(Duration::from_secs(10));
    let sign = |password: &str| {
        let response = agent()
            .get(&url)
            .header("Authorization", basic("chiiki", password))
            .call()
            .unwrap();
        response.status().as_u16()
    };
    assert_eq!(sign(CHIIKI), 200);
    let started = Instant::now();
    assert_eq!(sign("wrong"), 401);
    assert_eq!(sign("wrong again"), 401);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_name_locked_by_the_policy_waits_until_unlocked() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let mut loaded = Users::load(&users).unwrap();
    loaded.policy.lockout_attempts = 3;
    loaded.policy.lockout_minutes = 5;
    loaded.save(&users).unwrap();
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "higashi-r5", "地域課");
    let sign = |password: &str| {
        let mut response = agent()
            .get(&url)
            .header("Authorization", basic("chiiki", password))
            .call()
            .unwrap();
        let retry = (response.headers().get("retry-after"))
            .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
        let body: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        (response.status().as_u16(), retry, body)
    };
    for _ in 0..3 {
        assert_eq!(sign("wrong").0, 401);
    }
    // Locked: even the right password, for the policy's minutes.
    std::thread::sleep(Duration::from_millis(1200));
    let (status, retry, body) = sign(CHIIKI);
    assert_eq!(status, 429, "{body}");
    assert!(retry.unwrap() > 4 * 60, "{retry:?}");
    assert!(
        body["message"].as_str().unwrap().contains("unlock"),
        "{body}"
    );
    assert_eq!(sign(CHIIKI).0, 429);
    // Another name is not locked.
    let response = agent()
        .get(&url)
        .header("Authorization", basic("kikaku", KIKAKU))
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);

    let unlock = ["unlock", "--users", "users.toml", "chiiki"];
    let out = user_command(dir.path(), &unlock, None);
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("Unlocked"), "{}", said(&out));
    assert_eq!(sign(CHIIKI).0, 200);
    let out = user_command(dir.path(), &unlock, None);
    assert!(said(&out).contains("not locked"), "{}", said(&out));
}

#[test]
fn the_log_tells_sign_ins_saves_and_refusals_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let log = dir.path().join("logs").join("serve.log");
    std::fs::create_dir_all(log.parent().unwrap()).unwrap();
    std::fs::write(&log, "前からある行\n").unwrap();
    let options = ServeOptions {
        sheets: dir.path().join("sheets"),
        out: dir.path().join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: Some(users),
        tls: None,
        hosts: Vec::new(),
        log: Some(log.clone()),
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let server = start(&options, &Resources::default()).unwrap();
    assert!(sign_in(&server, "chiiki", "まちがい").is_none());
    let chiiki = sign_in(&server, "chiiki", CHIIKI).unwrap();
    let url = division_url(&server, "higashi-r5", "地域課");
    let (_, etag, mut draft) = chiiki.get(&url);
    draft["goals"][0]["text"] = json!("記録される保存");
    let (status, _) = chiiki.put(&url, &etag.unwrap(), &draft, true);
    assert_eq!(status, 200);
    let other = division_url(&server, "higashi-r5", "保護課");
    let (_, etag, draft) = chiiki.get(&other);
    let (status, _) = chiiki.put(&other, &etag.unwrap(), &draft, true);
    assert_eq!(status, 403);
    let response = agent()
        .get(&url)
        .header("Authorization", basic("kikaku", "ちがうパスワード"))
        .call()
        .unwrap();
    assert_eq!(response.status(), 401);
    // Changed in an editor, or by `import`: seen, and logged, once.
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    let edited = std::fs::read_to_string(&file).unwrap() + "\n# エディターで編集\n";
    std::fs::write(&file, edited).unwrap();
    let (status, _, _) = chiiki.get(&format!("{url}/history"));
    assert_eq!(status, 200);
    drop(server);

    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "前からある行", "appended to, never replaced");
    let one = |words: &str| {
        let found: Vec<_> = lines.iter().filter(|l| l.contains(words)).collect();
        assert_eq!(found.len(), 1, "{words}:\n{text}");
    };
    one("サインイン失敗：chiiki（127.0.0.1）");
    one("サインイン：chiiki（127.0.0.1）");
    one("サインイン失敗：kikaku（127.0.0.1）");
    one("保存：higashi-r5/01_地域課.toml（chiiki）");
    one("ブラウザーの外で変更：higashi-r5/01_地域課.toml");
    one("開始：127.0.0.1:");
    one("拒否 403：PUT /api/wards/higashi-r5/divisions/保護課（chiiki、127.0.0.1）");
    // Each line starts with when.
    let year = chrono::Local::now().format("%Y-").to_string();
    assert!(lines[1..].iter().all(|l| l.starts_with(&year)), "{text}");
}

#[test]
fn a_script_signing_in_with_basic_on_every_request_is_logged_once() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "higashi-r5", "地域課");
    for _ in 0..20 {
        let response = agent()
            .get(&url)
            .header("Authorization", basic("kikaku", KIKAKU))
            .call()
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    // Another name from the same address is its own sign-in.
    let response = agent()
        .get(&url)
        .header("Authorization", basic("chiiki", CHIIKI))
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);
    drop(server);
    let log =
        std::fs::read_to_string(dir.path().join("sheets").join(mokuhyo::serve::log::FILE)).unwrap();
    let count = |words: &str| log.lines().filter(|l| l.contains(words)).count();
    assert_eq!(count("サインイン：kikaku（127.0.0.1）"), 1, "{log}");
    assert_eq!(count("サインイン：chiiki（127.0.0.1）"), 1, "{log}");
}

#[test]
fn a_sign_in_put_off_is_not_logged_as_failed_and_a_long_name_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let mut loaded = Users::load(&users).unwrap();
    loaded.policy.lockout_attempts = 3;
    loaded.policy.lockout_minutes = 5;
    loaded.save(&users).unwrap();
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "higashi-r5", "地域課");
    let sign = |name: &str, password: &str| {
        let response = agent()
            .get(&url)
            .header("Authorization", basic(name, password))
            .call()
            .unwrap();
        response.status().as_u16()
    };
    for _ in 0..3 {
        assert_eq!(sign("chiiki", "wrong"), 401);
    }
    std::thread::sleep(Duration::from_millis(1200));
    // The right password while locked: put off, not failed.
    assert_eq!(sign("chiiki", CHIIKI), 429);
    let long = "長".repeat(20_000);
    assert_eq!(sign(&long, "wrong"), 401);

    let log =
        std::fs::read_to_string(dir.path().join("sheets").join(mokuhyo::serve::log::FILE)).unwrap();
    let failed = log
        .lines()
        .filter(|l| l.contains("サインイン失敗：chiiki"))
        .count();
    assert_eq!(failed, 3, "{log}");
    assert!(log.contains("サインイン保留：chiiki"), "{log}");
    let long_line = log.lines().find(|l| l.contains("長長長")).unwrap();
    assert!(long_line.chars().count() < 400, "{long_line}");
    assert!(long_line.contains('…'), "{long_line}");
}

#[test]
fn over_https_a_request_left_unfinished_is_closed_after_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
    let options = ServeOptions {
        sheets: dir.path().join("sheets"),
        out: dir.path().join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: Some(users),
        tls: Some((cert, key)),
        hosts: Vec::new(),
        log: None,
        header_timeout: Duration::from_secs(1),
    };
    let server = start(&options, &Resources::default()).unwrap();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(certified.cert.der().clone()).unwrap();
    let config = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls_pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let connection = rustls::ClientConnection::new(std::sync::Arc::new(config), name).unwrap();
    let tcp = std::net::TcpStream::connect(server.addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    use std::io::{Read, Write};
    let mut stream = rustls::StreamOwned::new(connection, tcp);
    // Half a request's head, and nothing more (slowloris).
    let half = format!("GET /api/wards HTTP/1.1\r\nHost: {}\r\n", server.addr);
    stream.write_all(half.as_bytes()).unwrap();
    stream.flush().unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer) {
        Ok(_) => {}
        Err(err) => assert!(
            matches!(
                err.kind(),
                std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset
            ),
            "not closed: {err}"
        ),
    }
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_users_file_deleted_or_emptied_while_serving_keeps_the_last_accounts_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let server = serve(dir.path(), &users);
    let url = division_url(&server, "higashi-r5", "地域課");
    let status = || {
        let response = agent()
            .get(&url)
            .header("Authorization", basic("kikaku", KIKAKU))
            .call()
            .unwrap();
        response.status().as_u16()
    };
    assert_eq!(status(), 200);
    let kept = users.with_extension("kept");
    std::fs::rename(&users, &kept).unwrap();
    for _ in 0..3 {
        assert_eq!(status(), 200, "deleted: the last accounts kept");
    }
    std::fs::write(&users, "").unwrap();
    for _ in 0..3 {
        assert_eq!(status(), 200, "emptied: the last accounts kept");
    }
    let log =
        std::fs::read_to_string(dir.path().join("sheets").join(mokuhyo::serve::log::FILE)).unwrap();
    let said = log
        .lines()
        .filter(|l| l.contains("空になっています"))
        .count();
    assert_eq!(said, 1, "{log}");
    // Mended: read again.
    std::fs::rename(&kept, &users).unwrap();
    assert_eq!(status(), 200);
}

#[test]
fn the_csrf_token_in_the_query_is_taken_only_to_sign_out() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path(), 0);
    let server = serve(dir.path(), &users);
    let session = sign_in(&server, "kikaku", KIKAKU).unwrap();
    let url = division_url(&server, "higashi-r5", "地域課");
    let (_, etag, draft) = session.get(&url);
    let response = agent()
        .put(&format!("{url}?csrf={}", session.csrf))
        .header("Cookie", &session.cookie)
        .header("If-Match", etag.unwrap())
        .send_json(&draft)
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = agent()
        .post(&format!(
            "http://{}/signout?csrf={}",
            server.addr, session.csrf
        ))
        .header("Cookie", &session.cookie)
        .send_empty()
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(session.get(&url).0, 401);
}
