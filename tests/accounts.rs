//! `serve` with accounts, over real HTTP on loopback: sign-in, 401 and 403, CSRF, the history
//! of every save, restore, many people saving at once, and the server killed while saving.

mod common;

use common::copy_example_wards;
use mokuhyo::locale::Lang;
use mokuhyo::render::Resources;
use mokuhyo::serve::{ServeOptions, Server, start};
use mokuhyo::users::{Access, Users};
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
                        assert!(status == 200 || status == 412, "{status}: {body}");
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
    let (ward, problems) = mokuhyo::model::load_ward(&dir.path().join("sheets/minato-r6"));
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
        Err(err @ mokuhyo::error::Error::Tls { .. }) => {
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
