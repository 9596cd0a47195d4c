//! `mokuhyo serve` driven as a person uses it: real Chromium through chromedriver (WebDriver,
//! with fantoccini), against the server on loopback. Without chromedriver and Chromium on the
//! machine each test says it was skipped and passes; `.ci/run` installs both and sets
//! `MOKUHYO_REQUIRE_BROWSER`, so that there they run or fail.
//! Screenshots are written to `target/screenshots/` to look at.

use crate::common;

use common::{copy_example_wards, repo};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use mokuhyo::locale::Lang;
use mokuhyo::pdf::render::Resources;
use mokuhyo::serve::{ServeOptions, Server, start};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver, running on a port of its own while this lives.
pub(crate) struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// chromedriver and Chromium, or `None` (the test is skipped) when the machine has none.
pub(crate) fn driver() -> Option<Driver> {
    let chromedriver = std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| on_path("chromedriver"));
    let (Some(chromedriver), Some(_)) = (chromedriver, chromium()) else {
        // CI installs them: there a missing browser is a failure, not a skip.
        let required = std::env::var_os("MOKUHYO_REQUIRE_BROWSER").is_some();
        assert!(
            !required,
            "MOKUHYO_REQUIRE_BROWSER is set, and no chromedriver and Chromium"
        );
        eprintln!(
            "skipped: no chromedriver and Chromium on this machine (apt-get install chromium chromium-driver)"
        );
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    })
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| on_path(name))
}

/// A new browser window: headless, as root without the sandbox, no network but loopback.
pub(crate) async fn browser(driver: &Driver) -> Client {
    let mut options = json!({
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1366,768",
        ]
    });
    if let Some(binary) = chromium() {
        options["binary"] = json!(binary.to_string_lossy());
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

/// chromedriver, and the server on copies of both example wards in a folder of their own;
/// `None` (the test is skipped) on a machine without a browser.
pub(crate) fn set_up() -> Option<(Driver, tempfile::TempDir, Server)> {
    let driver = driver()?;
    let dir = tempfile::tempdir().unwrap();
    let server = serve_with(dir.path(), None);
    Some((driver, dir, server))
}

/// The same, with a users file.
pub(crate) fn serve_with(dir: &Path, users: Option<PathBuf>) -> Server {
    copy_example_wards(dir);
    let options = ServeOptions {
        sheets: dir.join("sheets"),
        out: dir.join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users,
        tls: None,
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    start(&options, &Resources::default()).unwrap()
}

/// Waits until `script` (a function body) returns something truthy, and returns it.
pub(crate) async fn until(client: &Client, script: &str, what: &str) -> Value {
    let started = Instant::now();
    loop {
        let value = client.execute(script, vec![]).await.unwrap();
        let truthy = match &value {
            Value::Null | Value::Bool(false) => false,
            Value::String(s) => !s.is_empty(),
            _ => true,
        };
        if truthy {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "waited 30 s for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn field(client: &Client, key: &str) -> fantoccini::elements::Element {
    let selector = format!("[data-key=\"{key}\"]");
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(&selector))
        .await
        .unwrap()
}

/// Waits until the page's status line says `words`.
pub(crate) async fn status_says(client: &Client, words: &str, what: &str) {
    let script =
        format!("return document.getElementById('status').textContent.includes('{words}')");
    let started = Instant::now();
    loop {
        if client.execute(&script, vec![]).await.unwrap() == json!(true) {
            return;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let status = (client.execute(
                "return document.getElementById('status').textContent",
                vec![],
            ))
            .await
            .unwrap();
            panic!("waited 30 s for {what}: the status says {status}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn click(client: &Client, locator: Locator<'_>) {
    client.find(locator).await.unwrap().click().await.unwrap();
}

/// A division's page.
pub(crate) fn page_url(server: &Server, ward: &str, division: &str) -> String {
    let name: String = division.bytes().map(|b| format!("%{b:02X}")).collect();
    format!("{}wards/{ward}/divisions/{name}", server.url())
}

pub(crate) async fn page_text(client: &Client) -> String {
    let text = client
        .execute(
            "return document.getElementById('page-text').textContent",
            vec![],
        )
        .await
        .unwrap();
    text.as_str().unwrap_or("").to_string()
}

pub(crate) async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    let dir = repo().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_clerk_fills_in_a_division_and_the_printed_page_follows() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&server.url()).await.unwrap();
        screenshot(&client, "wards.png").await;
        let heading = client.find(Locator::Css("h1")).await.unwrap();
        assert_eq!(heading.text().await.unwrap(), "組織目標管理シート");
        // A division broken in an editor shows on the open ward page by itself.
        let other = dir.path().join("sheets/higashi-r5/05_保護課.toml");
        let text = std::fs::read_to_string(&other).unwrap();
        std::fs::write(&other, text.replacen("[[goals]]", "[[goals]]\nrating = \"A\"", 1)).unwrap();
        until(
            &client,
            "return [...document.querySelectorAll('td.error')].some(td => td.textContent.includes('エラー 1 件'))",
            "the error on the ward page",
        )
        .await;
        click(&client, Locator::LinkText("地域課")).await;

        // The form in the sheet's structure, and the printed page beside it.
        let goal = field(&client, "goals[1].text").await;
        // Each field takes its item's whole width: no style of another page narrows it.
        let widths = "const e = document.querySelector('[data-key=\"goals[1].text\"]'); \
             return e.getBoundingClientRect().width / e.closest('fieldset').clientWidth";
        let share = client.execute(widths, vec![]).await.unwrap();
        assert!(share.as_f64().unwrap() > 0.9, "the goal's text is {share} of its item's width");
        until(&client, "return document.querySelector('#page svg') !== null", "the page").await;
        assert!(page_text(&client).await.contains("産業のまち東区"));
        let fonts = until(
            &client,
            "return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family).join(',')",
            "the web font",
        )
        .await;
        assert!(fonts.as_str().unwrap().contains("BIZ UDGothic"), "{fonts}");

        // A problem is told beside its field as one types, in Japanese.
        goal.clear().await.unwrap();
        goal.send_keys(" ").await.unwrap();
        goal.send_keys(Key::Backspace.as_ref()).await.unwrap();
        let problem = until(
            &client,
            "const p = document.querySelector('[data-field=\"goals[1].text\"] + .problem.error'); return p && p.textContent",
            "the problem beside the goal",
        )
        .await;
        assert!(problem.as_str().unwrap().contains("組織目標"), "{problem}");

        // Typing changes the printed page, not the file.
        goal.send_keys("ブラウザーで書いた目標＜テスト＞").await.unwrap();
        until(
            &client,
            "return document.getElementById('page-text').textContent.replace(/\\s/g, '').includes('ブラウザーで書いた目標＜テスト＞')",
            "the typed text on the page",
        )
        .await;
        until(&client, "return document.querySelectorAll('.problem.error').length === 0", "no problem").await;
        assert!(!std::fs::read_to_string(&file).unwrap().contains("ブラウザー"));
        let target = field(&client, "goals[1].actions[1].indicators[1].target").await;
        target.clear().await.unwrap();
        target.send_keys("15者").await.unwrap();
        screenshot(&client, "division.png").await;

        // Saved with the keyboard: the file has the text, and its comments still.
        goal.send_keys(&(Key::Control + "s")).await.unwrap();
        status_says(&client, "保存しました", "the save").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("text = \"ブラウザーで書いた目標＜テスト＞\""), "{saved}");
        assert!(saved.contains("target = \"15者\""), "{saved}");
        assert!(saved.contains("[[goals]]   # No. 1"), "{saved}");

        // Saved from elsewhere (an editor, an import): the open page shows it.
        let edited = saved.replace("ブラウザーで書いた目標", "エディターで直した目標");
        std::fs::write(&file, edited).unwrap();
        until(
            &client,
            "return document.querySelector('[data-key=\"goals[1].text\"]').value.startsWith('エディターで直した目標')",
            "the change on disk in the form",
        )
        .await;
        client.close().await.unwrap();
    });
}

/// Types `text` into the field `key` (its old text cleared).
async fn type_into(client: &Client, key: &str, text: &str) {
    let field = field(client, key).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Chooses `mark` in the select of the field `key`, as a person does.
async fn choose(client: &Client, key: &str, mark: &str) {
    field(client, key).await;
    let script = format!(
        "const s = document.querySelector('[data-key=\"{key}\"]'); s.value = '{mark}'; \
         s.dispatchEvent(new Event('change'));"
    );
    client.execute(&script, vec![]).await.unwrap();
}

async fn value_of(client: &Client, key: &str) -> String {
    let value = field(client, key).await.prop("value").await.unwrap();
    value.unwrap_or_default()
}

#[test]
fn two_people_evaluating_two_goals_of_one_sheet_both_keep_theirs_unasked() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    let url = page_url(&server, "higashi-r5", "地域課");
    runtime().block_on(async {
        let a = browser(&driver).await;
        let b = browser(&driver).await;
        for client in [&a, &b] {
            client.goto(&url).await.unwrap();
            field(client, "goals[2].status").await;
        }
        // B fills in goal 2 while A evaluates goal 1 and saves first.
        type_into(&b, "goals[2].status", "Bが書いた達成状況").await;
        type_into(&b, "goals[2].next_steps", "Bが書いた方針").await;
        choose(&a, "goals[1].rating", "○").await;
        type_into(&a, "goals[1].status", "Aが書いた達成状況").await;
        type_into(&a, "goals[1].next_steps", "Aが書いた方針").await;
        type_into(&a, "goals[1].actions[1].indicators[1].result", "12者").await;
        click(&a, Locator::Id("save")).await;
        status_says(&a, "保存しました", "A's save").await;

        // B saves: merged, nobody asked anything, A's evaluation shown in B's form.
        click(&b, Locator::Id("save")).await;
        status_says(&b, "4 か所も合わせて", "B's save, merged").await;
        screenshot(&b, "merged.png").await;
        let hidden = b
            .execute("return document.getElementById('conflict').hidden", vec![])
            .await
            .unwrap();
        assert_eq!(hidden, json!(true), "no question asked");
        assert_eq!(value_of(&b, "goals[1].status").await, "Aが書いた達成状況");
        assert_eq!(value_of(&b, "goals[1].rating").await, "○");
        assert_eq!(value_of(&b, "goals[2].status").await, "Bが書いた達成状況");
        let saved = std::fs::read_to_string(&file).unwrap();
        for kept in [
            "Aが書いた達成状況",
            "Aが書いた方針",
            "12者",
            "Bが書いた達成状況",
            "Bが書いた方針",
        ] {
            assert!(saved.contains(kept), "{kept}: {saved}");
        }
        assert!(saved.contains("rating = \"○\""), "{saved}");

        // B goes on from the merged version: a second save changes only B's field.
        type_into(&b, "goals[2].next_steps", "Bが直した方針").await;
        status_says(&b, "保存していない変更", "the unsaved change").await;
        click(&b, Locator::Id("save")).await;
        status_says(&b, "保存しました。", "B's second save").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(
            saved.contains("Bが直した方針") && saved.contains("Aが書いた方針"),
            "{saved}"
        );

        // The history tells each save's time to the second.
        click(&b, Locator::Id("history-button")).await;
        let times = until(
            &b,
            "const t = document.querySelector('#history tbody')?.textContent || ''; \
             return /\\d\\d:\\d\\d:\\d\\d/.test(t) && t",
            "the history's times",
        )
        .await;
        assert!(times.as_str().unwrap().contains("20"), "{times}");

        // One field put back from the history (the earlier of the two compared), alone.
        until(
            &b,
            "return document.querySelector('#history-diff button.restore-field')",
            "the field's restore button",
        )
        .await;
        screenshot(&b, "history-field.png").await;
        let rows = b
            .execute("return document.querySelectorAll('#history-diff tbody tr').length", vec![])
            .await
            .unwrap();
        assert_eq!(rows, json!(1), "only B's second change differs");
        b.execute(
            "document.querySelector('#history-diff button.restore-field').click()",
            vec![],
        )
        .await
        .unwrap();
        status_says(&b, "戻して保存しました", "the field put back").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("Bが書いた方針") && !saved.contains("Bが直した方針"), "{saved}");
        assert!(saved.contains("Aが書いた方針"), "{saved}");
        assert_eq!(value_of(&b, "goals[2].next_steps").await, "Bが書いた方針");

        // A whole goal put back: goal 1 as it was before A's evaluation.
        click(&b, Locator::Id("history-button")).await;
        until(
            &b,
            "return document.querySelectorAll('#history tbody tr').length >= 6",
            "the history with the restore",
        )
        .await;
        b.execute(
            "document.querySelector('#history tbody tr:last-child input[name=\"history-a\"]').click()",
            vec![],
        )
        .await
        .unwrap();
        let button = until(
            &b,
            "const t = [...document.querySelectorAll('#history-diff button.restore-item')].map((b) => b.textContent).join('|'); \
             return t.includes('組織目標 1') && t",
            "the goals' restore buttons",
        )
        .await;
        assert!(button.as_str().unwrap().contains("組織目標 1 を戻す"), "{button}");
        // The status still says the field was put back: cleared, to wait for the goal's.
        b.execute(
            "document.getElementById('status').textContent = ''; \
             document.querySelector('#history-diff button.restore-item').click()",
            vec![],
        )
        .await
        .unwrap();
        status_says(&b, "戻して保存しました", "the goal put back").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(!saved.contains("Aが書いた方針"), "goal 1 as it was: {saved}");
        assert!(saved.contains("Bが書いた達成状況"), "goal 2 untouched: {saved}");
        a.close().await.unwrap();
        b.close().await.unwrap();
    });
}

#[test]
fn the_second_of_two_people_saving_one_division_keeps_their_text() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/minato-r6/02_地域振興課.toml");
    let url = page_url(&server, "minato-r6", "地域振興課");
    runtime().block_on(async {
        let first = browser(&driver).await;
        let second = browser(&driver).await;
        for client in [&first, &second] {
            client.goto(&url).await.unwrap();
            field(client, "goals[1].status").await;
        }
        type_into(&first, "goals[1].status", "一人目の入力").await;
        type_into(&second, "goals[1].status", "二人目の入力").await;
        type_into(&second, "goals[2].next_steps", "二人目だけの方針").await;

        click(&first, Locator::Id("save")).await;
        status_says(&first, "保存しました", "the first save").await;
        // The second person's save: the field both changed is asked about, alone; the rest
        // is saved at once.
        second
            .execute("document.getElementById('save').click()", vec![])
            .await
            .unwrap();
        until(
            &second,
            "return !document.getElementById('conflict').hidden",
            "the conflict shown",
        )
        .await;
        screenshot(&second, "conflict.png").await;
        let rows = second
            .execute(
                "return [...document.querySelectorAll('#conflict tbody tr')].map((r) => r.textContent)",
                vec![],
            )
            .await
            .unwrap();
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 1, "only the field both changed: {rows:?}");
        let shown = rows[0].as_str().unwrap();
        assert!(
            shown.contains("一人目の入力") && shown.contains("二人目の入力"),
            "{shown}"
        );
        assert!(
            shown.contains("組織目標 1 › 目標達成状況"),
            "said in the sheet's words: {shown}"
        );
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("二人目だけの方針"), "the rest saved: {saved}");
        assert!(saved.contains("一人目の入力") && !saved.contains("二人目の入力"));
        // Nothing typed is lost: it is in the question, and chosen, it is saved.
        second
            .execute("document.querySelector('#conflict button.keep-mine').click()", vec![])
            .await
            .unwrap();
        status_says(&second, "選んだとおりに保存しました", "the second save").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("二人目の入力"), "{saved}");
        assert!(saved.contains("二人目だけの方針"), "{saved}");
        assert_eq!(value_of(&second, "goals[1].status").await, "二人目の入力");
        let hidden = second
            .execute("return document.getElementById('conflict').hidden", vec![])
            .await
            .unwrap();
        assert_eq!(hidden, json!(true));
        first.close().await.unwrap();
        second.close().await.unwrap();
    });
}

#[test]
fn goals_are_added_moved_and_removed_from_the_keyboard() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/07_総務課.toml");
    let url = page_url(&server, "higashi-r5", "総務課");
    let goals = |text: &str| -> Vec<String> {
        let table: toml::Table = toml::from_str(text).unwrap();
        let goals = table["goals"].as_array().unwrap();
        let text = |g: &toml::Value| g["text"].as_str().unwrap().to_string();
        goals.iter().map(text).collect()
    };
    let before = goals(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(before.len(), 3);
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&url).await.unwrap();
        field(&client, "goals[3].text").await;
        // "Add a goal", pressed with the keyboard: the new goal's text has the focus.
        let add = client.find(Locator::XPath("//button[text()='組織目標を加える']")).await.unwrap();
        add.send_keys(Key::Enter.as_ref()).await.unwrap();
        let focused = until(
            &client,
            "return document.activeElement.dataset.key",
            "the focus in the new goal",
        )
        .await;
        assert_eq!(focused, "goals[4].text");
        client.active_element().await.unwrap().send_keys("四つ目の目標").await.unwrap();
        for (key, text) in [
            ("goals[4].actions[1].name", "四つ目の取組"),
            ("goals[4].actions[1].indicators[1].name", "四つ目の指標"),
            ("goals[4].actions[1].indicators[1].target", "4件"),
        ] {
            field(&client, key).await.send_keys(text).await.unwrap();
        }
        // Moved up one place, then the first goal removed.
        let up = "//fieldset[@data-key='goals[4]']//button[text()='上へ']";
        client.find(Locator::XPath(up)).await.unwrap().send_keys(Key::Enter.as_ref()).await.unwrap();
        until(
            &client,
            "return document.querySelector('[data-key=\"goals[3].text\"]').value === '四つ目の目標'",
            "the goal moved up",
        )
        .await;
        let remove = "//fieldset[@data-key='goals[1]']/div[@class='item-buttons']/button[text()='削除']";
        click(&client, Locator::XPath(remove)).await;
        until(
            &client,
            "return document.querySelectorAll('fieldset.goal').length === 3",
            "the goal removed",
        )
        .await;
        click(&client, Locator::Id("save")).await;
        status_says(&client, "保存しました", "the save").await;
        client.close().await.unwrap();
    });
    let after = goals(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(
        after,
        [before[1].clone(), "四つ目の目標".into(), before[2].clone()]
    );
}

#[test]
fn signed_in_a_person_sees_the_history_and_puts_a_version_back() {
    let Some(driver) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let users_file = dir.path().join("users.toml");
    let mut users = mokuhyo::serve::users::Users::default();
    let access = mokuhyo::serve::users::Access::Divisions(vec!["地域課".into()]);
    users.add("chiiki", "地域課のパスワード", access).unwrap();
    users.save(&users_file).unwrap();
    let server = serve_with(dir.path(), Some(users_file));
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    runtime().block_on(async {
        let client = browser(&driver).await;
        // Sent to the sign-in form, and back to the ward page once signed in.
        client.goto(&server.url()).await.unwrap();
        field_by_id(&client, "name")
            .await
            .send_keys("chiiki")
            .await
            .unwrap();
        let password = field_by_id(&client, "password").await;
        password.send_keys("違うパスワードです").await.unwrap();
        password.send_keys(Key::Enter.as_ref()).await.unwrap();
        until(
            &client,
            "return document.querySelector('.problem.error')?.textContent",
            "the refusal",
        )
        .await;
        field_by_id(&client, "name")
            .await
            .send_keys("chiiki")
            .await
            .unwrap();
        let password = field_by_id(&client, "password").await;
        password.send_keys("地域課のパスワード").await.unwrap();
        password.send_keys(Key::Enter.as_ref()).await.unwrap();
        let who = until(
            &client,
            "return document.querySelector('.who span')?.textContent",
            "signed in",
        )
        .await;
        assert_eq!(who, "chiiki");
        click(&client, Locator::LinkText("地域課")).await;

        let plan = field(&client, "goals[1].plan_ref").await;
        plan.clear().await.unwrap();
        plan.send_keys("ブラウザーで直した位置づけ").await.unwrap();
        click(&client, Locator::Id("save")).await;
        status_says(&client, "保存しました", "the save").await;
        assert!(
            std::fs::read_to_string(&file)
                .unwrap()
                .contains("ブラウザーで直した位置づけ")
        );

        // The history: the version found and chiiki's, compared, the first put back.
        click(&client, Locator::Id("history-button")).await;
        until(
            &client,
            "return document.querySelectorAll('#history tbody tr').length >= 2",
            "the versions",
        )
        .await;
        let diff = until(
            &client,
            "return document.getElementById('history-diff').textContent",
            "the difference",
        )
        .await;
        let diff = diff.as_str().unwrap();
        assert!(
            diff.contains("総合計画（実施計画）上の位置づけ")
                && diff.contains("ブラウザーで直した位置づけ"),
            "{diff}"
        );
        assert!(diff.contains("行財3-2-③"), "{diff}");
        let listed = client
            .execute(
                "return document.querySelector('#history tbody').textContent",
                vec![],
            )
            .await
            .unwrap();
        assert!(listed.as_str().unwrap().contains("chiiki"), "{listed}");
        assert!(
            listed.as_str().unwrap().contains("ブラウザー以外で保存"),
            "{listed}"
        );
        screenshot(&client, "history.png").await;
        let oldest = "#history tbody tr:last-child button.restore";
        click(&client, Locator::Css(oldest)).await;
        status_says(&client, "戻して保存しました", "the version put back").await;

        // The ward's settings are the planning section's: shown, not changeable.
        client
            .goto(&format!("{}wards/higashi-r5", server.url()))
            .await
            .unwrap();
        let evaluated = field(&client, "evaluated").await;
        assert!(!evaluated.is_enabled().await.unwrap());
        let note = client.find(Locator::Css(".note")).await.unwrap();
        assert!(note.text().await.unwrap().contains("企画係"));
        let save = client.find(Locator::Id("save")).await;
        assert!(save.is_err(), "no save button");
        client.close().await.unwrap();
    });
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
}

#[test]
fn the_planning_section_dates_the_evaluation_and_every_sheet_follows() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/ward.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&server.url()).await.unwrap();
        click(&client, Locator::Css("a[href=\"/wards/higashi-r5\"]")).await;
        let name = field(&client, "ward").await;
        assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("東区"));
        let year = field(&client, "fiscal_year").await;
        assert_eq!(year.prop("value").await.unwrap().as_deref(), Some("2023"));
        // An emptied year is said beside its field, and nothing is saved.
        let backspace: &str = Key::Backspace.as_ref();
        let end: &str = Key::End.as_ref();
        let erase = format!("{end}{}", backspace.repeat(4));
        year.send_keys(&erase).await.unwrap();
        assert_eq!(year.prop("value").await.unwrap().as_deref(), Some(""));
        year.send_keys(&(Key::Control + "s")).await.unwrap();
        let problem = until(
            &client,
            "const p = document.querySelector('[data-field=\"fiscal_year\"] + .problem.error'); return p && p.textContent",
            "the problem beside the year",
        )
        .await;
        assert!(problem.as_str().unwrap().contains("年度"), "{problem}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
        year.send_keys("2023").await.unwrap();

        // The date as the browser's date picker gives it; the stamp boxes typed, one a line.
        client
            .execute(
                "const input = document.querySelector('[data-key=\"evaluated\"]');\
                 input.value = '2024-04-30';\
                 input.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![],
            )
            .await
            .unwrap();
        let approval = field(&client, "approval").await;
        approval.send_keys("区長").await.unwrap();
        approval.send_keys(Key::Enter.as_ref()).await.unwrap();
        approval.send_keys("課長").await.unwrap();
        status_says(&client, "保存していない変更", "the unsaved change").await;
        screenshot(&client, "ward-settings.png").await;
        approval.send_keys(&(Key::Control + "s")).await.unwrap();
        status_says(&client, "保存しました", "the save").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("\nevaluated = 2024-04-30 "), "{saved}");
        let approval_line = "approval = [\"区長\", \"課長\"]\n";
        assert!(saved.contains(approval_line), "{saved}");
        let uncommented = before.replace(
            "# evaluated = 2024-04-30    #",
            "evaluated = 2024-04-30      #",
        );
        assert_eq!(
            saved.replace(approval_line, ""),
            uncommented,
            "nothing else changed"
        );

        // Saved in an editor meanwhile, while the page has unsaved text: nothing to choose,
        // the page says so; its save is merged with the editor's, field by field.
        let name = field(&client, "ward").await;
        name.send_keys("役所").await.unwrap();
        std::fs::write(&file, saved.replace("\"課長\"]", "\"副区長\", \"課長\"]")).unwrap();
        status_says(&client, "ほかの人がこのシートを保存しました", "the change told").await;
        name.send_keys(&(Key::Control + "s")).await.unwrap();
        status_says(&client, "1 か所も合わせて", "the merged save").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("ward = \"東区役所\""), "{saved}");
        assert!(saved.contains("\"副区長\""), "the editor's kept: {saved}");
        let stamps = client
            .execute("return document.querySelector('[data-key=\"approval\"]').value", vec![])
            .await
            .unwrap();
        assert!(stamps.as_str().unwrap().contains("副区長"), "shown: {stamps}");

        // A division's printed page now carries the 評価日 and the two stamp boxes.
        client
            .goto(&page_url(&server, "higashi-r5", "地域課"))
            .await
            .unwrap();
        until(
            &client,
            "return document.querySelector('#page svg') !== null",
            "the page",
        )
        .await;
        let text = page_text(&client).await;
        assert!(text.contains("R6.4.30"), "{text}");
        assert!(text.contains("区長") && text.contains("課長"), "{text}");
        client.close().await.unwrap();
    });
}

pub(crate) async fn field_by_id(client: &Client, id: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id(id))
        .await
        .unwrap()
}

#[test]
fn the_board_shows_each_divisions_state_and_filters_to_those_not_done() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let sheets = dir.path().join("sheets");
    // A placeholder just made by `new`, a division broken in an editor, one being evaluated.
    let out = common::mokuhyo(&["new", "higashi-r5", "企画課"], &sheets);
    assert!(out.status.success(), "{out:?}");
    let broken = sheets.join("higashi-r5/05_保護課.toml");
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(
        &broken,
        text.replacen("[[goals]]", "[[goals]]\nrating = \"A\"", 1),
    )
    .unwrap();
    let unrated = sheets.join("minato-r6/01_総務課.toml");
    let text = std::fs::read_to_string(&unrated).unwrap();
    std::fs::write(
        &unrated,
        text.replacen("rating = \"×\"", "rating = \"\"", 1),
    )
    .unwrap();
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&server.url()).await.unwrap();
        // Each row's state, as the clerk reads it.
        let states = "return [...document.querySelectorAll('tr[data-state]')]\
             .filter(tr => tr.offsetParent !== null)\
             .map(tr => tr.children[1].textContent + ':' + tr.children[2].textContent).join('|')";
        let all = client.execute(states, vec![]).await.unwrap();
        let all = all.as_str().unwrap().to_string();
        for expected in [
            "企画課:未着手",
            "保護課:エラー 1 件",
            "地域課:記入済み",
            "総務課:評価中（警告 1 件）",
            "地域振興課:評価済み",
        ] {
            assert!(all.contains(expected), "{expected} not in {all}");
        }
        assert!(!all.contains("問題なし"), "{all}");
        let counts = client
            .execute(
                "return [...document.querySelectorAll('.counts')].map(p => p.textContent).join('|')",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            counts,
            "9課：未着手 1・エラー 1・記入済み 7|3課：評価中 1・評価済み 2"
        );
        screenshot(&client, "board.png").await;

        // Only those not done: 未着手, エラー, 評価中; kept when the page reloads.
        click(&client, Locator::Id("only-open")).await;
        let open = "企画課:未着手|保護課:エラー 1 件|総務課:評価中（警告 1 件）";
        let sorted = |v: Value| {
            let mut rows: Vec<String> = v.as_str().unwrap().split('|').map(String::from).collect();
            rows.sort();
            rows.join("|")
        };
        let mut expected: Vec<&str> = open.split('|').collect();
        expected.sort();
        assert_eq!(sorted(client.execute(states, vec![]).await.unwrap()), expected.join("|"));
        screenshot(&client, "board-not-done.png").await;
        client.refresh().await.unwrap();
        until(&client, "return document.getElementById('only-open').checked", "the filter kept").await;
        assert_eq!(sorted(client.execute(states, vec![]).await.unwrap()), expected.join("|"));
        click(&client, Locator::Id("only-open")).await;
        let again = client.execute(states, vec![]).await.unwrap();
        assert_eq!(again.as_str().unwrap().split('|').count(), 12);
        client.close().await.unwrap();
    });
}

/// Signs `name` in (the test accounts' password) in a browser of its own, on `url`.
async fn signed_in(driver: &Driver, url: &str, name: &str) -> Client {
    let client = browser(driver).await;
    client.goto(url).await.unwrap();
    let field = field_by_id(&client, "name").await;
    field.send_keys(name).await.unwrap();
    let password = field_by_id(&client, "password").await;
    password.send_keys(crate::approval::PASSWORD).await.unwrap();
    password.send_keys(Key::Enter.as_ref()).await.unwrap();
    until(
        &client,
        "return document.querySelector('.who span')?.textContent",
        "signed in",
    )
    .await;
    client
}

/// Clicks the button `id` once the page has it.
async fn press(client: &Client, id: &str) {
    field_by_id(client, id).await.click().await.unwrap();
}

/// Waits until the division page's approval bar shows the stage `words`.
async fn stage_says(client: &Client, words: &str) {
    let script =
        format!("return document.getElementById('approval-stage')?.textContent === '{words}'");
    until(client, &script, words).await;
}

/// みなと区's section of the ward list, as `minato`.
const MINATO: &str = "const minato = [...document.querySelectorAll('section.ward')].find(s => s.querySelector('h2').textContent.includes('みなと区'));";

#[test]
fn a_sheet_is_submitted_returned_and_approved_in_the_browser() {
    use crate::approval::{DIVISION, WARD};
    let Some(driver) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let users = crate::approval::setup(dir.path());
    let server = crate::approval::serve(dir.path(), &users);
    let page = page_url(&server, WARD, DIVISION);
    runtime().block_on(async {
        // The division submits; a save is then refused with the reason.
        let chiiki = signed_in(&driver, &page, "chiiki").await;
        stage_says(&chiiki, "作成中").await;
        // Asked first; dismissed, nothing is submitted.
        press(&chiiki, "submit").await;
        chiiki.dismiss_alert().await.unwrap();
        stage_says(&chiiki, "作成中").await;
        press(&chiiki, "submit").await;
        chiiki.accept_alert().await.unwrap();
        stage_says(&chiiki, "提出済").await;
        // The page opens again read-only: a note why, no save button, fields that take no
        // typing.
        let note = until(
            &chiiki,
            "return document.getElementById('read-only')?.textContent",
            "the read-only note",
        )
        .await;
        assert!(note.as_str().unwrap().contains("提出済みのため、見るだけです"), "{note}");
        let state = chiiki
            .execute(
                "return [document.getElementById('save') === null, document.querySelector('[data-key=department]').readOnly]",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(state, json!([true, true]));
        screenshot(&chiiki, "approval-submitted.png").await;

        // Its 課長 returns it with a comment, which the division sees.
        let kacho = signed_in(&driver, &page, "kacho").await;
        stage_says(&kacho, "提出済").await;
        let comment = field_by_id(&kacho, "return-comment").await;
        comment.send_keys("指標の目標値を見直してください").await.unwrap();
        press(&kacho, "return").await;
        stage_says(&kacho, "差戻し").await;
        chiiki.refresh().await.unwrap();
        stage_says(&chiiki, "差戻し").await;
        let shown = field_by_id(&chiiki, "returned-comment").await;
        assert!(shown.text().await.unwrap().contains("指標の目標値を見直してください"));
        // The printed page, not approved, has its 「案」.
        let draft = "return document.getElementById('page-text').textContent.includes('案')";
        until(&chiiki, draft, "案 on the page").await;
        screenshot(&chiiki, "approval-returned.png").await;

        // Submitted again; the 課長, then the 区長, approve.
        press(&chiiki, "submit").await;
        chiiki.accept_alert().await.unwrap();
        stage_says(&chiiki, "提出済").await;
        kacho.refresh().await.unwrap();
        stage_says(&kacho, "提出済").await;
        press(&kacho, "approve").await;
        stage_says(&kacho, "提出済（課長承認済）").await;
        let kucho = signed_in(&driver, &page, "kucho").await;
        stage_says(&kucho, "提出済（課長承認済）").await;
        press(&kucho, "approve").await;
        stage_says(&kucho, "承認済").await;
        // The record: every step with who, when and the version.
        let record = until(
            &kucho,
            "return document.querySelectorAll('#approval-record li').length === 5 && document.getElementById('approval-record').textContent",
            "the record",
        )
        .await;
        let record = record.as_str().unwrap();
        assert!(record.contains("差戻し") && record.contains("指標の目標値を見直してください"), "{record}");
        assert!(record.contains("承認（区長）") && record.contains("佐藤花子"), "{record}");
        kucho
            .execute("document.getElementById('approval-record').open = true", vec![])
            .await
            .unwrap();
        screenshot(&kucho, "approval-approved.png").await;

        // The ward list's board: the state with who and when, the counts, the overdue ones,
        // and a filter.
        kucho.goto(&server.url()).await.unwrap();
        let counts = until(
            &kucho,
            &format!("{MINATO} return minato?.querySelector('.approval-counts')?.textContent"),
            "the counts",
        )
        .await;
        assert!(counts.as_str().unwrap().contains("承認済 1"), "{counts}");
        let cell = until(
            &kucho,
            "return [...document.querySelectorAll('td.approval')].map(td => td.textContent).find(t => t.includes('佐藤花子'))",
            "the approved division",
        )
        .await;
        assert!(cell.as_str().unwrap().contains("承認済"), "{cell}");
        let overdue = kucho
            .execute("return document.querySelectorAll('td.approval .overdue').length", vec![])
            .await
            .unwrap();
        assert_eq!(overdue, json!(2), "みなと区's two other divisions are overdue");
        kucho
            .execute(
                &format!("{MINATO} const s = minato.querySelector('.approval-filter'); s.value = 'approved'; s.dispatchEvent(new Event('change'));"),
                vec![],
            )
            .await
            .unwrap();
        let visible = kucho
            .execute(
                &format!("{MINATO} return [...minato.querySelectorAll('tbody tr')].filter(tr => !tr.hidden).length"),
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(visible, json!(1));
        screenshot(&kucho, "approval-board.png").await;
        for client in [chiiki, kacho, kucho] {
            client.close().await.unwrap();
        }
    });
}

/// Signs in through the form as `name`, and waits for the ward list.
async fn sign_in_as(client: &Client, server: &Server, name: &str, password: &str) {
    client.goto(&server.url()).await.unwrap();
    field_by_id(client, "name")
        .await
        .send_keys(name)
        .await
        .unwrap();
    let field = field_by_id(client, "password").await;
    field.send_keys(password).await.unwrap();
    field.send_keys(Key::Enter.as_ref()).await.unwrap();
    let who = until(
        client,
        "return document.querySelector('.who span')?.textContent",
        "signed in",
    )
    .await;
    assert_eq!(who, name);
}

/// Types `text` into the input `input` of the form `form` (CSS selectors).
async fn type_in(client: &Client, form: &str, input: &str, text: &str) {
    let selector = format!("{form} input[name=\"{input}\"]");
    let element = client.find(Locator::Css(&selector)).await.unwrap();
    element.send_keys(text).await.unwrap();
}

#[test]
fn the_planning_section_walks_its_year_in_the_browser() {
    let Some(driver) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let users_file = dir.path().join("users.toml");
    let mut users = mokuhyo::serve::users::Users::default();
    (users.add(
        "kikaku",
        "企画係のパスワード",
        mokuhyo::serve::users::Access::All,
    ))
    .unwrap();
    users.save(&users_file).unwrap();
    let server = serve_with(dir.path(), Some(users_file.clone()));
    let sheets = dir.path().join("sheets");
    runtime().block_on(async {
        let client = browser(&driver).await;
        sign_in_as(&client, &server, "kikaku", "企画係のパスワード").await;
        screenshot(&client, "planning-list.png").await;
        click(&client, Locator::LinkText("年度の作業")).await;

        // Set up: a new ward, and a division in it at the next free place.
        let new_ward = "form[data-api=\"/api/wards\"]";
        client.wait().for_element(Locator::Css(new_ward)).await.unwrap();
        type_in(&client, new_ward, "folder", "nishi-r7").await;
        type_in(&client, new_ward, "ward", "西区").await;
        type_in(&client, new_ward, "fiscal_year", "2025").await;
        click(&client, Locator::Css(&format!("{new_ward} button"))).await;
        let ward = "[data-ward=\"nishi-r7\"]";
        until(&client, &format!("return document.querySelector('{ward}')"), "the new ward").await;
        assert!(sheets.join("nishi-r7/ward.toml").is_file());
        let open_all = format!("document.querySelectorAll('{ward} details').forEach(d => d.open = true)");
        client.execute(&open_all, vec![]).await.unwrap();
        let new_division = format!("{ward} form[data-api$=\"/divisions\"]");
        type_in(&client, &new_division, "division", "地域課").await;
        click(&client, Locator::Css(&format!("{new_division} button"))).await;
        until(
            &client,
            &format!("return document.querySelector('{ward} p')?.textContent.includes('地域課')"),
            "the new division",
        )
        .await;
        assert!(sheets.join("nishi-r7/01_地域課.toml").is_file());
        screenshot(&client, "planning-year.png").await;
        client.execute(&open_all, vec![]).await.unwrap();
        let show = format!("document.querySelector('{ward}').scrollIntoView()");
        client.execute(&show, vec![]).await.unwrap();
        screenshot(&client, "planning-divisions.png").await;

        // Two accounts: 地域課's, and 保護課's.
        client.goto(&format!("{}accounts", server.url())).await.unwrap();
        let add = "form[data-api=\"/api/users\"]";
        for (name, division) in [("chiiki", "地域課"), ("hogo", "保護課")] {
            client.wait().for_element(Locator::Css(add)).await.unwrap();
            type_in(&client, add, "name", name).await;
            type_in(&client, add, "password", &format!("{name}のパスワード")).await;
            type_in(&client, add, "divisions", division).await;
            click(&client, Locator::Css(&format!("{add} button"))).await;
            let script = format!(
                "return [...document.querySelectorAll('table.accounts td')].some(td => td.textContent === '{name}')"
            );
            until(&client, &script, "the new account").await;
        }
        // chiiki's full name given in its row's form (the unticked right sent as taken away).
        let open = "document.querySelectorAll('table.accounts details').forEach(d => d.open = true)";
        client.execute(open, vec![]).await.unwrap();
        screenshot(&client, "planning-accounts.png").await;
        let change = "form[data-api=\"/api/users/chiiki\"]";
        type_in(&client, change, "full_name", "山田太郎").await;
        click(&client, Locator::Css(&format!("{change} button"))).await;
        let script = format!(
            "return document.querySelector('{change} .result')?.textContent === '変えました。'"
        );
        until(&client, &script, "the full name changed").await;
        let users = mokuhyo::serve::users::Users::load(&users_file).unwrap();
        let chiiki = users.find("chiiki").unwrap();
        assert_eq!((chiiki.approve, chiiki.full_name.as_str()), (false, "山田太郎"));
        let names: Vec<String> = (mokuhyo::serve::users::Users::load(&users_file).unwrap().users)
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(names, ["kikaku", "chiiki", "hogo"]);

        // The blank form of the new division, downloaded by the link the page gives, filled
        // in by a test writer as a clerk would, uploaded, previewed and applied.
        client.goto(&format!("{}wards/nishi-r7/forms", server.url())).await.unwrap();
        let link = client
            .find(Locator::Css("a[href*=\"blank=1\"]"))
            .await
            .unwrap();
        let href = link.attr("href").await.unwrap().unwrap();
        let book = dir.path().join("地域課.xlsx");
        let mut response = ureq::get(&format!("{}{}", server.url(), &href[1..]))
            .header("Authorization", basic_of("kikaku", "企画係のパスワード"))
            .call()
            .unwrap();
        std::fs::write(&book, response.body_mut().read_to_vec().unwrap()).unwrap();
        let mut filled = crate::form::Book::open(&book);
        for (cell, text) in [
            ("B9", "地域の防災力を高める"),
            ("C9", "防災訓練の回数"),
            ("D9", "12回"),
            ("G9", "地区防災訓練"),
            ("H9", "各地区で年に一度の訓練を行う"),
        ] {
            filled.set_cell("地域課", cell, text);
        }
        filled.save(&book);
        let input = client.find(Locator::Css("form.upload input[type=file]")).await.unwrap();
        input.send_keys(&book.to_string_lossy()).await.unwrap();
        click(&client, Locator::Css("form.upload button")).await;
        let preview = until(
            &client,
            "return document.querySelector('.upload-preview table.changes') && document.querySelector('.upload-preview').textContent",
            "the preview",
        )
        .await;
        let preview = preview.as_str().unwrap();
        assert!(preview.contains("地域の防災力を高める"), "{preview}");
        assert!(preview.contains("目標1 取組1 指標1 目標"), "in the sheet's words: {preview}");
        assert!(!preview.contains("失われる"), "the empty slots lose nothing: {preview}");
        let file = sheets.join("nishi-r7/01_地域課.toml");
        assert!(!std::fs::read_to_string(&file).unwrap().contains("地域の防災力"), "previewed only");
        screenshot(&client, "planning-forms-preview.png").await;
        click(&client, Locator::Css("button.apply")).await;
        until(
            &client,
            "return document.querySelector('.card .result')?.textContent.includes('取り込みました')",
            "the import applied",
        )
        .await;
        assert!(std::fs::read_to_string(&file).unwrap().contains("地域の防災力を高める"));
        screenshot(&client, "planning-forms-applied.png").await;

        // Next year, then this year closed.
        client.goto(&format!("{}planning", server.url())).await.unwrap();
        let next = format!("{ward} form[data-api$=\"/next-year\"]");
        client.wait().for_element(Locator::Css(&next)).await.unwrap();
        client
            .execute(&format!("document.querySelectorAll('{ward} details').forEach(d => d.open = true)"), vec![])
            .await
            .unwrap();
        click(&client, Locator::Css(&format!("{next} button"))).await;
        until(&client, "return document.querySelector('[data-ward=\"nishi-r8\"]')", "next year's ward").await;
        assert!(std::fs::read_to_string(sheets.join("nishi-r8/01_地域課.toml")).unwrap().contains("地域の防災力を高める"));
        click(&client, Locator::Css(&format!("{ward} button.year-state"))).await;
        client.accept_alert().await.unwrap();
        until(&client, &format!("return document.querySelector('{ward} .tag.closed')"), "the year closed").await;
        let scroll = format!("document.querySelector('{ward}').scrollIntoView()");
        client.execute(&scroll, vec![]).await.unwrap();
        screenshot(&client, "planning-closed.png").await;
        client.close().await.unwrap();

        // 地域課's account: the closed year is read-only, saying why; next year's is not.
        let client = browser(&driver).await;
        sign_in_as(&client, &server, "chiiki", "chiikiのパスワード").await;
        screenshot(&client, "planning-division-list.png").await;
        client.goto(&page_url(&server, "nishi-r7", "地域課")).await.unwrap();
        let goal = field(&client, "goals[1].text").await;
        // The page is read-only, saying why: no save button, the fields not to be typed into.
        let note = until(
            &client,
            "return document.getElementById('read-only')?.textContent",
            "the read-only note",
        )
        .await;
        assert!(note.as_str().unwrap().contains("締められて"), "{note}");
        let saving = "return [document.getElementById('save') === null, document.querySelector('[data-key=\"goals[1].text\"]').readOnly]";
        let saving = client.execute(saving, vec![]).await.unwrap();
        assert_eq!(saving, json!([true, true]), "no save button, a read-only field");
        goal.send_keys("締めた年度への書き込み").await.unwrap();
        goal.send_keys(&(Key::Control + "s")).await.unwrap();
        assert!(!std::fs::read_to_string(&file).unwrap().contains("締めた年度"));
        screenshot(&client, "planning-closed-division.png").await;
        client.goto(&format!("{}wards/nishi-r7/forms", server.url())).await.unwrap();
        screenshot(&client, "planning-division-forms.png").await;
        let said = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
        assert!(said.contains("締められて") && !said.contains("取り込む"), "{said}");
        client.close().await.unwrap();
    });
}

fn basic_of(name: &str, password: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{name}:{password}"));
    format!("Basic {encoded}")
}

/// Whether `text` in `file` is said in the `[[goals]]` table that holds `goal`'s text (no
/// other goal's header between them), `goal` coming first.
fn in_goal_of(file: &str, goal: &str, text: &str) -> bool {
    let (Some(at), Some(said)) = (file.find(goal), file.find(text)) else {
        return false;
    };
    at < said && !file[at..said].contains("[[goals]]")
}

/// Clicks the button whose `aria-label` is `label` (an item's 削除, 上へ, 下へ).
async fn press_labelled(client: &Client, label: &str) {
    let script = format!("document.querySelector('button[aria-label=\"{label}\"]').click()");
    client.execute(&script, vec![]).await.unwrap();
}

/// Both pages open again on the file as it is now.
async fn both_reload(a: &Client, b: &Client, url: &str) {
    for client in [a, b] {
        client.goto(url).await.unwrap();
        field(client, "goals[1].status").await;
    }
}

#[test]
fn goals_keep_who_they_are_when_one_person_deletes_moves_or_adds_while_another_edits() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    let url = page_url(&server, "higashi-r5", "地域課");
    let saved = || std::fs::read_to_string(&file).unwrap();
    runtime().block_on(async {
        let a = browser(&driver).await;
        let b = browser(&driver).await;
        both_reload(&a, &b, &url).await;
        let second = value_of(&a, "goals[2].text").await;
        let third = value_of(&a, "goals[3].text").await;

        // A deletes goal 2 while B writes into goal 3: goal 2 is gone, B's text is on the goal
        // that was goal 3, nobody is asked anything.
        type_into(&b, "goals[3].status", "Bが三つ目に書いた状況").await;
        press_labelled(&a, "組織目標 2 削除").await;
        click(&a, Locator::Id("save")).await;
        status_says(&a, "保存しました", "A's save of the deletion").await;
        click(&b, Locator::Id("save")).await;
        status_says(&b, "保存しました", "B's save, merged").await;
        let hidden = "return document.getElementById('conflict').hidden";
        assert_eq!(b.execute(hidden, vec![]).await.unwrap(), json!(true));
        let text = saved();
        assert!(!text.contains(&second), "goal 2 is gone: {text}");
        assert!(in_goal_of(&text, &third, "Bが三つ目に書いた状況"), "{text}");

        // A moves goal 1 down while B writes its 今後の方針: the moved goal carries it.
        both_reload(&a, &b, &url).await;
        let first = value_of(&a, "goals[1].text").await;
        let next = value_of(&a, "goals[2].text").await;
        type_into(&b, "goals[1].next_steps", "Bが一つ目に書いた方針").await;
        press_labelled(&a, "組織目標 1 下へ").await;
        click(&a, Locator::Id("save")).await;
        status_says(&a, "保存しました", "A's save of the move").await;
        click(&b, Locator::Id("save")).await;
        status_says(&b, "保存しました", "B's save, merged").await;
        assert_eq!(b.execute(hidden, vec![]).await.unwrap(), json!(true));
        let text = saved();
        assert!(text.find(&next) < text.find(&first), "moved: {text}");
        assert!(in_goal_of(&text, &first, "Bが一つ目に書いた方針"), "{text}");

        // A adds an indicator while B writes into another goal: both are kept.
        both_reload(&a, &b, &url).await;
        let list = "goals[1].actions[1].indicators";
        let count = format!(
            "return document.querySelectorAll('[data-key^=\"{list}[\"][data-key$=\"].name\"]').length"
        );
        let before = a.execute(&count, vec![]).await.unwrap().as_u64().unwrap();
        let add = format!("document.querySelector('button[data-add=\"{list}\"]').click()");
        a.execute(&add, vec![]).await.unwrap();
        let added = format!("{list}[{}].name", before + 1);
        type_into(&a, &added, "Aが加えた指標").await;
        type_into(&b, "goals[2].status", "Bが二つ目に書いた状況").await;
        click(&a, Locator::Id("save")).await;
        status_says(&a, "保存しました", "A's save of the new indicator").await;
        click(&b, Locator::Id("save")).await;
        status_says(&b, "保存しました", "B's save, merged").await;
        let text = saved();
        assert!(text.contains("Aが加えた指標"), "{text}");
        assert!(text.contains("Bが二つ目に書いた状況"), "{text}");
        assert!(text.contains("Bが一つ目に書いた方針") && text.contains("Bが三つ目に書いた状況"));
        screenshot(&b, "identity-merged.png").await;
        for client in [a, b] {
            client.close().await.unwrap();
        }
    });
}

#[test]
fn a_target_written_over_several_lines_keeps_its_line_breaks_when_typed_in_and_saved() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    let url = page_url(&server, "higashi-r5", "地域課");
    let key = "goals[3].actions[1].indicators[1].target";
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&url).await.unwrap();
        let target = field(&client, key).await;
        assert_eq!(target.tag_name().await.unwrap(), "textarea");
        // Typed at the end, as a person adds to it.
        client
            .execute(
                &format!("const t = document.querySelector('[data-key=\"{key}\"]'); t.focus(); t.setSelectionRange(t.value.length, t.value.length);"),
                vec![],
            )
            .await
            .unwrap();
        target.send_keys("・追加").await.unwrap();
        screenshot(&client, "multi_line_target.png").await;
        click(&client, Locator::Id("save")).await;
        status_says(&client, "保存しました", "the save").await;
        client.close().await.unwrap();
    });
    let saved: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let target = saved["goals"][2]["actions"][0]["indicators"][0]["target"]
        .as_str()
        .unwrap();
    assert_eq!(
        target,
        "・河渡ルート\n（44,000人）\n・松崎ルート\n（43,000人）・追加"
    );
}
