//! Unsaved text kept in the browser, as more than one tab or person meets it, in real
//! Chromium (the helpers of [`super::browser`]): two tabs of one division keep two texts and
//! are told of each other, and a text is offered back to the account that typed it only.

use crate::browser::{
    browser, click, driver, field, page_url, runtime, screenshot, serve_with, set_up, until,
};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

async fn value(client: &Client, key: &str) -> String {
    let value = field(client, key).await.prop("value").await.unwrap();
    value.unwrap_or_default()
}

async fn replace(client: &Client, key: &str, text: &str) {
    let input = field(client, key).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

const OFFERED: &str = "return !document.getElementById('kept').hidden";
const OTHER_TAB_TOLD: &str = "return !document.getElementById('other-tabs').hidden";

#[test]
fn two_tabs_of_one_division_keep_both_texts_and_are_told_of_each_other() {
    let Some((driver, _dir, server)) = set_up() else {
        return;
    };
    let url = page_url(&server, "higashi-r5", "地域課");
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&url).await.unwrap();
        let tab_a = client.window().await.unwrap();
        replace(&client, "goals[1].status", "タブ A の入力").await;

        // Tab B: told that A has the division open; A's text is A's, not offered here.
        let tab_b = client.new_window(true).await.unwrap().handle;
        client.switch_to_window(tab_b.clone()).await.unwrap();
        client.goto(&url).await.unwrap();
        until(&client, OTHER_TAB_TOLD, "tab B told of tab A").await;
        let offered = client.execute(OFFERED, vec![]).await.unwrap();
        assert_eq!(offered, false, "an open tab's text is not offered");
        replace(&client, "goals[2].status", "タブ B の入力").await;
        screenshot(&client, "two-tabs.png").await;
        client.switch_to_window(tab_a.clone()).await.unwrap();
        until(&client, OTHER_TAB_TOLD, "tab A told of tab B").await;

        // Both closed unsaved; opened again: both texts, put together (different fields).
        let tab_c = client.new_window(true).await.unwrap().handle;
        for tab in [tab_a, tab_b] {
            client.switch_to_window(tab).await.unwrap();
            client.close_window().await.unwrap();
        }
        client.switch_to_window(tab_c).await.unwrap();
        client.goto(&url).await.unwrap();
        until(&client, OFFERED, "both texts offered").await;
        screenshot(&client, "two-tabs-offered.png").await;
        let words = client
            .find(Locator::Id("kept"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(words.contains("2 つのタブ"), "{words}");
        click(&client, Locator::Id("kept-take")).await;
        assert_eq!(value(&client, "goals[1].status").await, "タブ A の入力");
        assert_eq!(value(&client, "goals[2].status").await, "タブ B の入力");
        client.close().await.unwrap();
    });
}

#[test]
fn two_tabs_texts_of_one_field_are_offered_each_newest_first() {
    let Some((driver, _dir, server)) = set_up() else {
        return;
    };
    let url = page_url(&server, "higashi-r5", "地域課");
    runtime().block_on(async {
        let client = browser(&driver).await;
        let mut tabs = vec![];
        for text in ["古い入力", "新しい入力"] {
            if !tabs.is_empty() {
                let tab = client.new_window(true).await.unwrap().handle;
                client.switch_to_window(tab).await.unwrap();
            }
            client.goto(&url).await.unwrap();
            replace(&client, "goals[1].status", text).await;
            tabs.push(client.window().await.unwrap());
        }
        let last = client.new_window(true).await.unwrap().handle;
        for tab in tabs {
            client.switch_to_window(tab).await.unwrap();
            client.close_window().await.unwrap();
        }
        client.switch_to_window(last).await.unwrap();
        client.goto(&url).await.unwrap();
        until(&client, OFFERED, "both texts offered").await;
        let rows = "return [...document.querySelectorAll('#kept-list li button')].length";
        assert_eq!(client.execute(rows, vec![]).await.unwrap(), 2);
        // The newest first: taking it brings back the last text typed.
        click(&client, Locator::Id("kept-take")).await;
        assert_eq!(value(&client, "goals[1].status").await, "新しい入力");
        client.close().await.unwrap();
    });
}

async fn sign_in(client: &Client, url: &str, name: &str, password: &str) {
    client.goto(url).await.unwrap();
    let user = client.find(Locator::Id("name")).await.unwrap();
    user.send_keys(name).await.unwrap();
    let secret = client.find(Locator::Id("password")).await.unwrap();
    secret.send_keys(password).await.unwrap();
    secret.send_keys(Key::Enter.as_ref()).await.unwrap();
    until(
        client,
        "return document.querySelector('.who span')?.textContent",
        "signed in",
    )
    .await;
}

#[test]
fn unsaved_text_is_offered_to_the_account_that_typed_it_only() {
    let Some(driver) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let users_file = dir.path().join("users.toml");
    let mut users = mokuhyo::serve::users::Users::default();
    let chiiki = mokuhyo::serve::users::Access::Divisions(vec!["地域課".into()]);
    users.add("chiiki", "地域課のパスワード", chiiki).unwrap();
    let all = mokuhyo::serve::users::Access::All;
    users.add("kikaku", "企画係のパスワード", all).unwrap();
    users.save(&users_file).unwrap();
    let server = serve_with(dir.path(), Some(users_file));
    let page = page_url(&server, "higashi-r5", "地域課");
    runtime().block_on(async {
        let client = browser(&driver).await;
        sign_in(&client, &page, "chiiki", "地域課のパスワード").await;
        replace(&client, "goals[1].status", "地域課の人の入力").await;

        // サインアウト with unsaved text: asked first.
        click(&client, Locator::Css("form.who button")).await;
        let asked = client.get_alert_text().await.unwrap();
        assert!(asked.contains("保存していない入力"), "{asked}");
        client.accept_alert().await.unwrap();
        until(
            &client,
            "return document.getElementById('password') !== null",
            "signed out",
        )
        .await;

        // Another account on this browser: not offered the first one's text.
        sign_in(&client, &page, "kikaku", "企画係のパスワード").await;
        field(&client, "goals[1].status").await;
        let offered = client.execute(OFFERED, vec![]).await.unwrap();
        assert_eq!(offered, false, "another account's text offered");
        assert_eq!(value(&client, "goals[1].status").await, "");
        click(&client, Locator::Css("form.who button")).await;
        until(
            &client,
            "return document.getElementById('password') !== null",
            "signed out",
        )
        .await;

        // The first account again: its text is offered back.
        sign_in(&client, &page, "chiiki", "地域課のパスワード").await;
        until(&client, OFFERED, "the text offered to its account").await;
        click(&client, Locator::Id("kept-take")).await;
        assert_eq!(value(&client, "goals[1].status").await, "地域課の人の入力");
        client.close().await.unwrap();
    });
}

#[test]
fn ctrl_z_pressed_again_puts_back_each_removal_in_turn() {
    let Some((driver, _dir, server)) = set_up() else {
        return;
    };
    let url = page_url(&server, "higashi-r5", "総務課");
    runtime().block_on(async {
        let client = browser(&driver).await;
        client.goto(&url).await.unwrap();
        let mut texts = vec![];
        for n in 1..=3 {
            texts.push(value(&client, &format!("goals[{n}].text")).await);
        }
        let goals = "return document.querySelectorAll('fieldset.goal').length";
        for (n, left) in [(3, 2), (1, 1), (1, 0)] {
            let remove = format!("//fieldset[@data-key='goals[{n}]']/div[@class='item-buttons']/button[text()='削除']");
            click(&client, Locator::XPath(&remove)).await;
            until(&client, &format!("{goals} === {left}"), "the goal removed").await;
        }
        for back in 1..=3 {
            let focused = client.active_element().await.unwrap();
            focused.send_keys(&(Key::Control + "z")).await.unwrap();
            until(&client, &format!("{goals} === {back}"), "a removal put back").await;
        }
        screenshot(&client, "undo-three.png").await;
        for (n, text) in texts.iter().enumerate() {
            assert_eq!(&value(&client, &format!("goals[{}].text", n + 1)).await, text);
        }
        let focus = "return document.activeElement.dataset.key";
        assert_eq!(client.execute(focus, vec![]).await.unwrap(), "goals[3].text");
        client.close().await.unwrap();
    });
}
