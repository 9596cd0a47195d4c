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
struct Driver {
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
fn driver() -> Option<Driver> {
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
async fn browser(driver: &Driver) -> Client {
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
fn set_up() -> Option<(Driver, tempfile::TempDir, Server)> {
    let driver = driver()?;
    let dir = tempfile::tempdir().unwrap();
    let server = serve_with(dir.path(), None);
    Some((driver, dir, server))
}

/// The same, with a users file.
fn serve_with(dir: &Path, users: Option<PathBuf>) -> Server {
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
async fn until(client: &Client, script: &str, what: &str) -> Value {
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

async fn field(client: &Client, key: &str) -> fantoccini::elements::Element {
    let selector = format!("[data-key=\"{key}\"]");
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(&selector))
        .await
        .unwrap()
}

/// Waits until the page's status line says `words`.
async fn status_says(client: &Client, words: &str, what: &str) {
    let script =
        format!("return document.getElementById('status').textContent.includes('{words}')");
    until(client, &script, what).await;
}

async fn click(client: &Client, locator: Locator<'_>) {
    client.find(locator).await.unwrap().click().await.unwrap();
}

/// A division's page.
fn page_url(server: &Server, ward: &str, division: &str) -> String {
    let name: String = division.bytes().map(|b| format!("%{b:02X}")).collect();
    format!("{}wards/{ward}/divisions/{name}", server.url())
}

async fn page_text(client: &Client) -> String {
    let text = client
        .execute(
            "return document.getElementById('page-text').textContent",
            vec![],
        )
        .await
        .unwrap();
    text.as_str().unwrap_or("").to_string()
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    let dir = repo().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

fn runtime() -> tokio::runtime::Runtime {
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
        let type_into = |client: &Client, text: &'static str| {
            let client = client.clone();
            async move {
                let status = field(&client, "goals[1].status").await;
                status.clear().await.unwrap();
                status.send_keys(text).await.unwrap();
            }
        };
        type_into(&first, "一人目の入力").await;
        type_into(&second, "二人目の入力").await;

        click(&first, Locator::Id("save")).await;
        status_says(&first, "保存しました", "the first save").await;
        // The second person's save is refused (or the first's save is already shown as
        // newer): both versions side by side, their text still in the form.
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
        let shown = second
            .execute(
                "return document.getElementById('conflict').textContent",
                vec![],
            )
            .await
            .unwrap();
        let shown = shown.as_str().unwrap();
        assert!(
            shown.contains("一人目の入力") && shown.contains("二人目の入力"),
            "{shown}"
        );
        assert!(
            shown.contains("組織目標 1 › 目標達成状況"),
            "said in the sheet's words: {shown}"
        );
        let kept = field(&second, "goals[1].status")
            .await
            .prop("value")
            .await
            .unwrap();
        assert_eq!(kept.as_deref(), Some("二人目の入力"));
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("一人目の入力") && !saved.contains("二人目の入力"));

        // They choose theirs: saved over the newer version, knowingly.
        click(&second, Locator::Id("keep-mine")).await;
        status_says(&second, "保存しました", "the second save").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("二人目の入力"), "{saved}");
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

        // Saved in an editor meanwhile, while the page has unsaved text: both are shown.
        let name = field(&client, "ward").await;
        name.send_keys("役所").await.unwrap();
        std::fs::write(&file, saved.replace("\"課長\"]", "\"副区長\", \"課長\"]")).unwrap();
        let conflict = until(
            &client,
            "const c = document.getElementById('conflict'); return !c.hidden && c.textContent",
            "the two versions side by side",
        )
        .await;
        let conflict = conflict.as_str().unwrap();
        assert!(
            conflict.contains("承認印の欄") && conflict.contains("副区長"),
            "{conflict}"
        );
        assert!(conflict.contains("東区役所"), "{conflict}");
        click(&client, Locator::Id("keep-mine")).await;
        status_says(&client, "保存しました", "the person's own text saved").await;
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("ward = \"東区役所\""), "{saved}");

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

async fn field_by_id(client: &Client, id: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id(id))
        .await
        .unwrap()
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
        screenshot(&client, "planning-accounts.png").await;
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
        let reason = client
            .execute("return JSON.parse(document.getElementById('config').textContent).read_only_reason", vec![])
            .await
            .unwrap();
        assert!(reason.as_str().unwrap().contains("締められて"), "{reason}");
        goal.send_keys("締めた年度への書き込み").await.unwrap();
        goal.send_keys(&(Key::Control + "s")).await.unwrap();
        status_says(&client, "締められて", "the refusal of a closed year").await;
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
