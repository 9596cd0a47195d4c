//! The division page as a clerk meets it, in real Chromium (the helpers of [`super::browser`]):
//! nothing typed is lost (a reload offers unsaved text back, a removal can be undone), a page
//! the account may not save says so instead of failing on save, every problem is told in the
//! sheet's words and listed with a way to its field, and every page passes axe-core's checks
//! (no serious or critical violation) at 1366×768.

use crate::browser::{
    Driver, browser, click, driver, field, field_by_id, page_url, runtime, screenshot, serve_with,
    set_up, status_says, until,
};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::Value;
use std::time::{Duration, Instant};

/// Reloads the page as a person would, saying "leave" if the browser asks about unsaved text.
async fn reload(client: &Client) {
    client
        .execute(
            "window.beforeReload = true; setTimeout(() => location.reload(), 0)",
            vec![],
        )
        .await
        .unwrap();
    let started = Instant::now();
    loop {
        let _ = client.accept_alert().await;
        let reloaded = client
            .execute(
                "return window.beforeReload === undefined && document.readyState === 'complete'",
                vec![],
            )
            .await;
        if matches!(reloaded, Ok(Value::Bool(true))) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the page did not reload"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn value(client: &Client, key: &str) -> String {
    let value = field(client, key).await.prop("value").await.unwrap();
    value.unwrap_or_default()
}

async fn text_of(client: &Client, css: &str) -> String {
    let script = format!("return document.querySelector('{css}')?.textContent ?? ''");
    let text = client.execute(&script, vec![]).await.unwrap();
    text.as_str().unwrap_or_default().to_string()
}

async fn replace(client: &Client, key: &str, text: &str) {
    let input = field(client, key).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

#[test]
fn unsaved_text_is_offered_back_after_a_reload_and_forgotten_once_saved() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let url = page_url(&server, "higashi-r5", "地域課");
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&url).await.unwrap();
        replace(&client, "goals[1].status", "保存する前に閉じた入力").await;
        reload(&client).await;

        // Offered back, not put in by itself: the form shows the file until the person says.
        until(
            &client,
            "return !document.getElementById('kept').hidden",
            "the offer",
        )
        .await;
        screenshot(&client, "kept.png").await;
        let offer = text_of(&client, "#kept").await;
        assert!(offer.contains("保存していない入力があります"), "{offer}");
        assert_eq!(value(&client, "goals[1].status").await, "");
        let focused = until(&client, "return document.activeElement.id", "the focus").await;
        assert_eq!(focused, "kept-take", "the offer has the focus");
        client
            .active_element()
            .await
            .unwrap()
            .send_keys(Key::Enter.as_ref())
            .await
            .unwrap();
        assert_eq!(
            value(&client, "goals[1].status").await,
            "保存する前に閉じた入力"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), original);

        // Saved: forgotten, nothing offered at the next opening.
        click(&client, Locator::Id("save")).await;
        status_says(&client, "保存しました", "the save").await;
        assert!(
            std::fs::read_to_string(&file)
                .unwrap()
                .contains("保存する前に閉じた入力")
        );
        reload(&client).await;
        field(&client, "goals[1].status").await;
        until(
            &client,
            "return document.querySelector('#page svg') !== null",
            "the page",
        )
        .await;
        assert!(
            text_of(&client, "#kept").await.is_empty(),
            "nothing offered once saved"
        );

        // Discarded: the file's text stays, and it is not offered again.
        replace(&client, "goals[1].next_steps", "捨てる入力").await;
        reload(&client).await;
        until(
            &client,
            "return !document.getElementById('kept').hidden",
            "the offer",
        )
        .await;
        click(&client, Locator::Id("kept-discard")).await;
        assert!(
            !value(&client, "goals[1].next_steps")
                .await
                .contains("捨てる入力")
        );
        reload(&client).await;
        field(&client, "goals[1].status").await;
        until(
            &client,
            "return document.querySelector('#page svg') !== null",
            "the page",
        )
        .await;
        assert!(
            text_of(&client, "#kept").await.is_empty(),
            "nothing offered once discarded"
        );
        client.close().await.unwrap();
    });
}

#[test]
fn a_removed_goal_or_indicator_comes_back_with_undo_or_ctrl_z() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/07_総務課.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let url = page_url(&server, "higashi-r5", "総務課");
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&url).await.unwrap();
        let second = value(&client, "goals[2].text").await;
        let goals = "return document.querySelectorAll('fieldset.goal').length";

        // 削除, then 元に戻す: the goal back in its place, with its text.
        let remove = "//fieldset[@data-key='goals[2]']/div[@class='item-buttons']/button[text()='削除']";
        click(&client, Locator::XPath(remove)).await;
        until(&client, &format!("{goals} === 2"), "the goal removed").await;
        status_says(&client, "元に戻す", "the removal told").await;
        screenshot(&client, "undo.png").await;
        let undo = field_by_id(&client, "undo").await;
        assert_eq!(undo.text().await.unwrap(), "元に戻す");
        click(&client, Locator::Id("undo")).await;
        until(&client, &format!("{goals} === 3"), "the goal back").await;
        assert_eq!(value(&client, "goals[2].text").await, second);
        assert!(!undo.is_displayed().await.unwrap(), "nothing more to undo");

        // An indicator removed from the keyboard, and Ctrl+Z.
        let indicator = "//fieldset[@data-key='goals[1].actions[1].indicators[1]']/div[@class='item-buttons']/button[text()='削除']";
        let button = client.find(Locator::XPath(indicator)).await.unwrap();
        button.send_keys(Key::Enter.as_ref()).await.unwrap();
        until(
            &client,
            "return document.activeElement.id === 'undo' && !document.querySelector('[data-key=\"goals[1].actions[1].indicators[1]\"]')",
            "the indicator removed, the focus on undo",
        )
        .await;
        client.active_element().await.unwrap().send_keys(&(Key::Control + "z")).await.unwrap();
        until(
            &client,
            "return document.activeElement.dataset.key === 'goals[1].actions[1].indicators[1].name'",
            "the indicator back, with the focus",
        )
        .await;

        // Saved: the sheet as it was, and nothing left to undo.
        click(&client, Locator::Id("save")).await;
        status_says(&client, "保存しました", "the save").await;
        assert!(!undo.is_displayed().await.unwrap());
        client.close().await.unwrap();
    });
    let table = |text: &str| text.parse::<toml::Table>().unwrap();
    assert_eq!(
        table(&std::fs::read_to_string(&file).unwrap()),
        table(&original)
    );
}

/// chromedriver, the server with an account for 地域課 only, and a browser signed in as it.
async fn signed_in_as_chiiki(driver: &Driver, url: &str) -> Client {
    let client = browser(driver).await;
    client.goto(url).await.unwrap();
    field_by_id(&client, "name")
        .await
        .send_keys("chiiki")
        .await
        .unwrap();
    let password = field_by_id(&client, "password").await;
    password.send_keys("地域課のパスワード").await.unwrap();
    password.send_keys(Key::Enter.as_ref()).await.unwrap();
    until(
        &client,
        "return document.querySelector('.who span')?.textContent",
        "signed in",
    )
    .await;
    client
}

#[test]
fn another_divisions_page_is_read_only_and_a_spaced_name_is_a_problem_of_the_form() {
    let Some(driver) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let users_file = dir.path().join("users.toml");
    let mut users = mokuhyo::serve::users::Users::default();
    let access = mokuhyo::serve::users::Access::Divisions(vec!["地域課".into()]);
    users.add("chiiki", "地域課のパスワード", access).unwrap();
    users.save(&users_file).unwrap();
    let server = serve_with(dir.path(), Some(users_file));
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    runtime().block_on(async {
        let client = signed_in_as_chiiki(&driver, &server.url()).await;

        // 保護課 is not theirs: read, with the reason, and nothing to type into or save.
        client.goto(&page_url(&server, "higashi-r5", "保護課")).await.unwrap();
        let goal = field(&client, "goals[1].text").await;
        until(&client, "return document.querySelector('#page svg') !== null", "the page").await;
        screenshot(&client, "read-only.png").await;
        let note = field_by_id(&client, "read-only").await.text().await.unwrap();
        assert!(note.contains("見るだけ"), "{note}");
        assert!(note.contains("「地域課」のシート"), "which it may change: {note}");
        assert!(client.find(Locator::Id("save")).await.is_err(), "no save button");
        assert_eq!(goal.attr("readonly").await.unwrap().as_deref(), Some("true"));
        let buttons = "return document.querySelectorAll('#form button').length";
        assert_eq!(client.execute(buttons, vec![]).await.unwrap(), 0);

        // Their own: a space typed after the name, half- or full-width, is told at the name as
        // it is typed, and the save is no refusal of rights.
        client.goto(&page_url(&server, "higashi-r5", "地域課")).await.unwrap();
        for spaced in ["地域課 ", "地域課\u{3000}"] {
            replace(&client, "division", spaced).await;
            let told = until(
                &client,
                "return document.querySelector('[data-field=\"division\"] + .problem')?.textContent",
                "the name's problem",
            )
            .await;
            assert!(told.as_str().unwrap().contains("空白"), "{told}");
            click(&client, Locator::Id("save")).await;
            status_says(&client, "空白", "the spaced name told, not sent").await;
            let status = client.find(Locator::Id("status")).await.unwrap().text().await.unwrap();
            assert!(!status.contains("権限"), "{status}");
            assert!(std::fs::read_to_string(&file).unwrap().contains("division = \"地域課\""));
        }
        screenshot(&client, "name-space.png").await;
        // One that only looks like it (an invisible character in it), and an empty one.
        replace(&client, "division", "地域\u{200B}課").await;
        let told = until(
            &client,
            "return document.querySelector('[data-field=\"division\"] + .problem')?.textContent",
            "the look-alike told",
        )
        .await;
        assert!(told.as_str().unwrap().contains("見えない文字（U+200B）"), "{told}");
        replace(&client, "division", " ").await;
        field(&client, "division").await.send_keys(Key::Backspace.as_ref()).await.unwrap();
        click(&client, Locator::Id("save")).await;
        status_says(&client, "名前が空です", "the empty name told, not sent").await;
        replace(&client, "division", "地域課").await;
        click(&client, Locator::Id("save")).await;
        status_says(&client, "保存しました", "the name put right").await;
        assert!(std::fs::read_to_string(&file).unwrap().contains("division = \"地域課\""));

        // Another division's name: said at the field, not sent.
        replace(&client, "division", "保護課").await;
        click(&client, Locator::Id("save")).await;
        status_says(&client, "企画係", "the rename refused at the field").await;
        client.close().await.unwrap();
    });
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("division = \"地域課\"")
    );
}

#[test]
fn the_problem_list_counts_names_and_leads_to_each_field() {
    let Some((driver, _dir, server)) = set_up() else {
        return;
    };
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&page_url(&server, "higashi-r5", "地域課")).await.unwrap();
        replace(&client, "goals[1].text", " ").await;
        field(&client, "goals[1].text").await.send_keys(Key::Backspace.as_ref()).await.unwrap();
        replace(&client, "goals[2].text", " ").await;
        field(&client, "goals[2].text").await.send_keys(Key::Backspace.as_ref()).await.unwrap();
        let listed = until(
            &client,
            "const l = document.querySelector('#problems .problem-list'); const t = document.getElementById('problems').textContent; return l && l.textContent.includes('組織目標 1 › 本文') && t.includes('エラー 2 件') && t",
            "the problem listed by its place",
        )
        .await;
        let listed = listed.as_str().unwrap();
        assert!(!listed.contains("[[") && !listed.contains("(text)") && !listed.contains("`"), "{listed}");
        client
            .execute("document.querySelector('.editor').scrollTop = 0", vec![])
            .await
            .unwrap();
        screenshot(&client, "problems.png").await;

        // Enter on the entry: the focus in the field.
        let link = "//ul[@class='problem-list']//a[contains(., '組織目標 1 › 本文')]";
        client.find(Locator::XPath(link)).await.unwrap().send_keys(Key::Enter.as_ref()).await.unwrap();
        let focused = until(&client, "return document.activeElement.dataset.key", "the focus").await;
        assert_eq!(focused, "goals[1].text");
        // A click does the same, for any entry.
        let other = "//ul[@class='problem-list']//a[not(contains(., '組織目標 1 › 本文'))]";
        let entry = client.find(Locator::XPath(other)).await.unwrap();
        let words = entry.text().await.unwrap();
        entry.click().await.unwrap();
        let focused = until(&client, "return document.activeElement.dataset.key", "the focus").await;
        assert_eq!(focused, "goals[2].text", "{words}");
        client.close().await.unwrap();
    });
}

#[test]
fn a_new_blank_sheet_says_what_to_fill_first_in_the_sheets_words() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let ward = dir.path().join("sheets/higashi-r5");
    let made = crate::common::mokuhyo(&["new", ward.to_str().unwrap(), "広報課"], dir.path());
    assert!(made.status.success(), "{made:?}");
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&page_url(&server, "higashi-r5", "広報課")).await.unwrap();
        let first = until(
            &client,
            "return document.querySelector('[data-field=\"goals[1].text\"] + .problem')?.textContent",
            "what to fill first, at its field",
        )
        .await;
        assert!(first.as_str().unwrap().contains("組織目標 1 › 本文"), "{first}");
        screenshot(&client, "blank.png").await;
        let share = text_of(&client, "#zoom-level").await;
        assert!(share.ends_with('%'), "the zoom's share shown without a page: {share:?}");

        // The goal's text written: its first action needs a name.
        field(&client, "goals[1].text").await.send_keys("広報の目標").await.unwrap();
        let next = until(
            &client,
            "return document.querySelector('[data-field=\"goals[1].actions[1].name\"] + .problem')?.textContent",
            "the action's name asked for",
        )
        .await;
        assert!(next.as_str().unwrap().contains("主な取組 1 › 取組名称"), "{next}");
        let all = client
            .execute("return [...document.querySelectorAll('#problems, .problem')].map((p) => p.textContent).join(' ')", vec![])
            .await
            .unwrap();
        let all = all.as_str().unwrap();
        for toml in ["[[", "goals.actions", "text）", "`"] {
            assert!(!all.contains(toml), "{toml} in {all}");
        }
        client.close().await.unwrap();
    });
}

/// axe-core's serious and critical violations on the page as it is now.
async fn violations(client: &Client) -> Vec<Value> {
    let axe = std::fs::read_to_string(crate::common::repo().join("tests/fixtures/axe/axe.min.js"))
        .unwrap();
    client
        .execute(&format!("{axe}\nreturn true;"), vec![])
        .await
        .unwrap();
    // The rules passed are counted too: a run that checked nothing would find nothing.
    let run = "const done = arguments[arguments.length - 1];
        axe.run(document)
          .then((r) => done({ passed: r.passes.length, violations: r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })) }))
          .catch((e) => done({ passed: 0, violations: [{ id: 'axe failed', help: String(e) }] }));";
    let found = client.execute_async(run, vec![]).await.unwrap();
    assert!(found["passed"].as_u64().unwrap_or(0) > 10, "{found}");
    found["violations"].as_array().cloned().unwrap_or_default()
}

/// Tab goes somewhere, and where it is shows (an outline).
async fn focus_shows(client: &Client) {
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Tab.as_ref())
        .await
        .unwrap();
    let outline = client
        .execute("const e = document.activeElement; return e !== document.body && getComputedStyle(e).outlineStyle", vec![])
        .await
        .unwrap();
    assert!(
        matches!(outline.as_str(), Some(style) if style != "none"),
        "{outline}"
    );
}

#[test]
fn every_page_passes_axe_and_shows_where_the_keyboard_is() {
    let Some((driver, _dir, server)) = set_up() else {
        return;
    };
    runtime().block_on(async {
        let client = browser(&driver).await;
        let mut found = Vec::new();
        client.goto(&server.url()).await.unwrap();
        found.push(("ward page", violations(&client).await));
        focus_shows(&client).await;

        client
            .goto(&page_url(&server, "higashi-r5", "地域課"))
            .await
            .unwrap();
        field(&client, "goals[1].text").await;
        until(
            &client,
            "return document.querySelector('#page svg') !== null",
            "the page",
        )
        .await;
        found.push(("division page", violations(&client).await));
        focus_shows(&client).await;

        click(&client, Locator::Id("history-button")).await;
        until(
            &client,
            "return document.querySelectorAll('#history tbody tr').length >= 1",
            "the versions",
        )
        .await;
        found.push(("history", violations(&client).await));
        // Escape closes it, the focus back where it was opened.
        let radio = client.find(Locator::Css("#history input")).await.unwrap();
        radio.send_keys(Key::Escape.as_ref()).await.unwrap();
        let focused = until(
            &client,
            "return document.getElementById('history').hidden && document.activeElement.id",
            "the history closed",
        )
        .await;
        assert_eq!(focused, "history-button");

        client
            .goto(&format!("{}wards/higashi-r5", server.url()))
            .await
            .unwrap();
        field(&client, "evaluated").await;
        found.push(("ward settings", violations(&client).await));
        focus_shows(&client).await;
        client.close().await.unwrap();
        let failed: Vec<_> = found.iter().filter(|(_, v)| !v.is_empty()).collect();
        assert!(failed.is_empty(), "{failed:#?}");
    });
}

#[test]
fn the_printed_page_is_fitted_zoomed_and_seen_at_actual_size() {
    let Some((driver, _dir, server)) = set_up() else {
        return;
    };
    runtime().block_on(async {
        let client = browser(&driver).await;
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
        let width =
            "return Math.round(document.querySelector('#page svg').getBoundingClientRect().width)";
        let fitted = client
            .execute(width, vec![])
            .await
            .unwrap()
            .as_i64()
            .unwrap();
        let pane = client
            .execute(
                "return document.querySelector('.preview').clientWidth",
                vec![],
            )
            .await
            .unwrap()
            .as_i64()
            .unwrap();
        assert!(fitted <= pane && fitted > pane - 40, "{fitted} in {pane}");

        // One click: the page as printed (A4 across, 297 mm at 96 px an inch: 1123 px).
        click(&client, Locator::Id("zoom-full")).await;
        let full = client
            .execute(width, vec![])
            .await
            .unwrap()
            .as_i64()
            .unwrap();
        assert!((1100..1150).contains(&full), "{full}");
        let level = field_by_id(&client, "zoom-level")
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(level, "100%");
        screenshot(&client, "zoom-full.png").await;
        click(&client, Locator::Id("zoom-in")).await;
        let larger = client
            .execute(width, vec![])
            .await
            .unwrap()
            .as_i64()
            .unwrap();
        assert!(larger > full, "{larger} after {full}");
        click(&client, Locator::Id("zoom-fit")).await;
        click(&client, Locator::Id("zoom-wide")).await;
        let wide = client
            .execute(width, vec![])
            .await
            .unwrap()
            .as_i64()
            .unwrap();
        assert!(wide > fitted + 300, "{wide}, fitted {fitted}");
        screenshot(&client, "zoom-wide.png").await;
        let label = text_of(&client, "#zoom-wide").await;
        assert_eq!(label, "元の幅に戻す", "the toggle says what it does now");
        client.close().await.unwrap();
    });
}

#[test]
fn the_keyboard_stays_in_the_history_while_it_is_open() {
    let Some((driver, _dir, server)) = set_up() else {
        return;
    };
    let url = page_url(&server, "higashi-r5", "地域課");
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&url).await.unwrap();
        field(&client, "goals[1].text").await;
        click(&client, Locator::Id("history-button")).await;
        until(
            &client,
            "return !document.getElementById('history').hidden",
            "the history",
        )
        .await;
        let inside = "return document.getElementById('history').contains(document.activeElement)";
        let tab: &str = Key::Tab.as_ref();
        let keys: [String; 2] = [tab.to_string(), Key::Shift + tab];
        for key in keys {
            for _ in 0..6 {
                let focused = client.active_element().await.unwrap();
                focused.send_keys(&key).await.unwrap();
                let stays = client.execute(inside, vec![]).await.unwrap();
                assert_eq!(stays, true, "the focus left the history");
            }
        }
        let modal = "return document.getElementById('history').getAttribute('aria-modal')";
        assert_eq!(client.execute(modal, vec![]).await.unwrap(), "true");
        client.close().await.unwrap();
    });
}

#[test]
fn what_cannot_be_saved_is_told_at_its_field_as_it_is_typed() {
    let Some((driver, dir, server)) = set_up() else {
        return;
    };
    let file = dir.path().join("sheets/higashi-r5/01_地域課.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let url = page_url(&server, "higashi-r5", "地域課");
    let at_field = |key: &str| {
        format!("return document.querySelector('[data-field=\"{key}\"] + .problem')?.textContent")
    };
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&url).await.unwrap();

        // Another division's name: told at the name, not sent.
        replace(&client, "division", "保護課").await;
        let told = until(&client, &at_field("division"), "the taken name told").await;
        assert!(told.as_str().unwrap().contains("ほかの課の名前"), "{told}");
        let list = text_of(&client, "#problems").await;
        assert!(!list.contains("問題はありません"), "{list}");
        click(&client, Locator::Id("save")).await;
        status_says(&client, "ほかの課の名前", "the rename not sent").await;
        replace(&client, "division", "地域課").await;

        // The order emptied: told at its field, not sent.
        let order = field(&client, "order").await;
        order.send_keys(&(Key::Control + "a")).await.unwrap();
        order.send_keys(Key::Backspace.as_ref()).await.unwrap();
        let told = until(&client, &at_field("order"), "the empty order told").await;
        assert!(told.as_str().unwrap().contains("数字"), "{told}");
        click(&client, Locator::Id("save")).await;
        status_says(&client, "冊子の中での順番を", "the empty order not sent").await;
        field(&client, "order").await.send_keys("1").await.unwrap();

        // Every action of goal 1 removed: the list says to press 「取組を加える」 and leads there.
        let first_action = "//fieldset[@data-key='goals[1].actions[1]']/div[@class='item-buttons']/button[text()='削除']";
        while let Ok(remove) = client.find(Locator::XPath(first_action)).await {
            remove.click().await.unwrap();
        }
        let link = until(
            &client,
            "return [...document.querySelectorAll('#problems a')].find((a) => a.textContent.includes('取組を加える'))?.textContent",
            "the add button asked for",
        )
        .await;
        assert!(!link.as_str().unwrap().contains("取組名称"), "{link}");
        screenshot(&client, "press-add.png").await;
        let press = "//section[@id='problems']//a[contains(., '取組を加える')]";
        click(&client, Locator::XPath(press)).await;
        let focused = "return document.activeElement.dataset.add";
        assert_eq!(client.execute(focused, vec![]).await.unwrap(), "goals[1].actions");
        client.close().await.unwrap();
    });
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
}
