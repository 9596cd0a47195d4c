//! Two people, one sheet, over real HTTP: a save from an earlier version is merged field by
//! field with what was saved since (`docs/serve.md`, "Two people, one sheet").

use crate::serve::{Served, serve};
use serde_json::{Value, json};

fn read(served: &Served, ward: &str, file: &str) -> String {
    std::fs::read_to_string(served.file(ward, file)).unwrap()
}

/// A PUT from the version `etag`, settling conflicts by `choices`.
fn put_choosing(
    served: &Served,
    url: &str,
    etag: &str,
    body: &Value,
    choices: &Value,
) -> (u16, Value) {
    let mut response = (served.agent.put(url))
        .header("If-Match", etag)
        .header("X-Mokuhyo-Choices", choices.to_string())
        .send_json(body)
        .unwrap();
    let body: Value = response.body_mut().read_json().unwrap();
    (response.status().as_u16(), body)
}

fn places(body: &Value, list: &str) -> Vec<String> {
    (body[list].as_array().unwrap().iter())
        .map(|p| p["place"].as_str().unwrap().to_string())
        .collect()
}

fn texts(draft: &Value) -> Vec<String> {
    (draft["goals"].as_array().unwrap().iter())
        .map(|g| g["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_people_saving_different_goals_from_one_version_both_keep_theirs() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    // Every item has an id in the JSON; none in the file.
    assert!(
        draft["goals"][0]["id"]
            .as_str()
            .is_some_and(|id| !id.is_empty())
    );
    assert!(draft["goals"][0]["actions"][0]["indicators"][0]["id"].is_string());

    // A evaluates goal 1 and saves first.
    let mut a = draft.clone();
    a["goals"][0]["rating"] = json!("○");
    a["goals"][0]["status"] = json!("Aの達成状況");
    a["goals"][0]["next_steps"] = json!("Aの方針");
    a["goals"][0]["actions"][0]["indicators"][0]["result"] = json!("12者");
    let (status, _, body) = served.put(&url, Some(&etag), &a);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["merged"], json!([]));

    // B, from the same version, evaluates goal 2: merged, nobody asked anything.
    let mut b = draft.clone();
    b["goals"][1]["rating"] = json!("△");
    b["goals"][1]["next_steps"] = json!("Bの方針");
    let (status, new_etag, body) = served.put(&url, Some(&etag), &b);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        places(&body, "merged"),
        [
            "組織目標 1 › 評価",
            "組織目標 1 › 目標達成状況",
            "組織目標 1 › 今後の方針",
            "組織目標 1 › 主な取組 1 › 取組指標 1 › 結果"
        ]
    );
    assert_eq!(body["merged"][0]["key"], "goals[1].rating");
    let (_, etag_now, saved) = served.get_json(&url);
    assert_eq!(etag_now, new_etag);
    assert_eq!(body["draft"], saved);
    for (key, value) in [
        ("rating", "○"),
        ("status", "Aの達成状況"),
        ("next_steps", "Aの方針"),
    ] {
        assert_eq!(saved["goals"][0][key], value);
    }
    assert_eq!(
        saved["goals"][0]["actions"][0]["indicators"][0]["result"],
        "12者"
    );
    assert_eq!(saved["goals"][1]["rating"], "△");
    assert_eq!(saved["goals"][1]["next_steps"], "Bの方針");
    let file = read(&served, "higashi-r5", "01_地域課.toml");
    assert!(
        file.contains("Aの方針") && file.contains("Bの方針"),
        "{file}"
    );
    assert!(!file.contains("id ="), "ids stay out of the file: {file}");
    // The history: the file as first seen, A's save, B's merged save; each with its ids.
    let versions = served.get_json(&format!("{url}/history")).2;
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 3, "{versions:?}");
    assert_eq!(versions[0]["data"], saved);
    assert_eq!(
        versions[2]["data"]["goals"][0]["id"],
        draft["goals"][0]["id"]
    );
}

#[test]
fn one_field_changed_by_both_is_refused_with_that_field_alone_and_nothing_written() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    let mut a = draft.clone();
    a["goals"][0]["next_steps"] = json!("拡大する");
    a["goals"][0]["rating"] = json!("○");
    assert_eq!(served.put(&url, Some(&etag), &a).0, 200);
    let after_a = read(&served, "higashi-r5", "01_地域課.toml");
    let (_, a_etag, _) = served.get_json(&url);

    let mut b = draft.clone();
    b["goals"][0]["next_steps"] = json!("継続する");
    b["goals"][1]["status"] = json!("Bの状況");
    let (status, _, body) = served.put(&url, Some(&etag), &b);
    assert_eq!(status, 409, "{body}");
    let conflicts = body["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{body}");
    let conflict = &conflicts[0];
    assert_eq!(conflict["place"], "組織目標 1 › 今後の方針");
    assert_eq!(conflict["key"], "goals[1].next_steps");
    assert_eq!(
        (&conflict["base"], &conflict["saved"], &conflict["sent"]),
        (&json!(""), &json!("拡大する"), &json!("継続する"))
    );
    assert_eq!(body["etag"], a_etag.unwrap().as_str());
    assert!(
        body["message"].as_str().unwrap().contains("同じ欄"),
        "{body}"
    );
    assert_eq!(
        read(&served, "higashi-r5", "01_地域課.toml"),
        after_a,
        "nothing written"
    );

    // Chosen, field by field: the rest is saved with it.
    let at = conflict["at"].as_str().unwrap();
    let (status, body) = put_choosing(&served, &url, &etag, &b, &json!({ at: "theirs" }));
    assert_eq!(status, 200, "{body}");
    let (_, _, saved) = served.get_json(&url);
    assert_eq!(saved["goals"][0]["next_steps"], "拡大する");
    assert_eq!(saved["goals"][0]["rating"], "○");
    assert_eq!(saved["goals"][1]["status"], "Bの状況");
    let (status, body) = put_choosing(&served, &url, &etag, &b, &json!({ at: "mine" }));
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        served.get_json(&url).2["goals"][0]["next_steps"],
        "継続する"
    );

    // A version the history does not know: 412; none: 428.
    assert_eq!(served.put(&url, Some("\"0123\""), &b).0, 412);
    assert_eq!(served.put(&url, None, &b).0, 428);
}

/// A saves `theirs` from the version `etag`, then B saves `mine` from the same version.
fn both_save(served: &Served, url: &str, etag: &str, (theirs, mine): (&Value, &Value)) -> Value {
    let (status, _, body) = served.put(url, Some(etag), theirs);
    assert_eq!(status, 200, "{body}");
    let (status, _, body) = served.put(url, Some(etag), mine);
    assert_eq!(status, 200, "{body}");
    served.get_json(url).2
}

#[test]
fn goals_keep_who_they_are_through_deletes_moves_and_inserts() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    let original = texts(&draft);

    // A deletes goal 2 while B edits goal 3: B's edit is on the goal that was goal 3.
    let mut a = draft.clone();
    a["goals"].as_array_mut().unwrap().remove(1);
    let mut b = draft.clone();
    b["goals"][2]["next_steps"] = json!("三つ目の方針");
    let saved = both_save(&served, &url, &etag, (&a, &b));
    assert_eq!(
        texts(&saved),
        [
            original[0].clone(),
            original[2].clone(),
            original[3].clone()
        ]
    );
    assert_eq!(saved["goals"][1]["next_steps"], "三つ目の方針");

    // A moves the last goal first while B edits it: the moved goal carries the edit.
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    let mut a = draft.clone();
    let last = a["goals"].as_array_mut().unwrap().pop().unwrap();
    a["goals"].as_array_mut().unwrap().insert(0, last);
    let mut b = draft.clone();
    b["goals"][2]["status"] = json!("動いた目標の状況");
    let saved = both_save(&served, &url, &etag, (&a, &b));
    assert_eq!(saved["goals"][0]["text"], draft["goals"][2]["text"]);
    assert_eq!(saved["goals"][0]["status"], "動いた目標の状況");

    // A adds an indicator while B edits another goal: both.
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    let mut a = draft.clone();
    let indicators = a["goals"][0]["actions"][0]["indicators"]
        .as_array_mut()
        .unwrap();
    indicators.push(json!({"name": "新しい指標", "target": "3回", "result": ""}));
    let count = indicators.len();
    let mut b = draft.clone();
    b["goals"][1]["rating"] = json!("×");
    let saved = both_save(&served, &url, &etag, (&a, &b));
    let indicators = saved["goals"][0]["actions"][0]["indicators"]
        .as_array()
        .unwrap();
    assert_eq!(indicators.len(), count);
    assert_eq!(indicators[count - 1]["name"], "新しい指標");
    assert_eq!(saved["goals"][1]["rating"], "×");

    // A goal deleted by one and edited by the other: a conflict, told as the goal.
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    let mut a = draft.clone();
    a["goals"].as_array_mut().unwrap().remove(2);
    assert_eq!(served.put(&url, Some(&etag), &a).0, 200);
    let mut b = draft.clone();
    b["goals"][2]["rating"] = json!("○");
    let (status, _, body) = served.put(&url, Some(&etag), &b);
    assert_eq!(status, 409, "{body}");
    assert_eq!(places(&body, "conflicts"), ["組織目標 3"]);
    assert_eq!(body["conflicts"][0]["saved"], Value::Null);
}

#[test]
fn a_file_changed_in_an_editor_gets_its_ids_by_the_rule_and_is_merged() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    // In an editor: goal 2 taken out of the file.
    let path = served.file("higashi-r5", "01_地域課.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let second = text.match_indices("[[goals]]").nth(1).unwrap().0;
    let third = text.match_indices("[[goals]]").nth(2).unwrap().0;
    let edited = format!("{}{}", &text[..second], &text[third..]);
    std::fs::write(&path, edited).unwrap();
    // B, from the version before, edits goal 3.
    let mut b = draft.clone();
    b["goals"][2]["status"] = json!("エディターの後で");
    let (status, _, body) = served.put(&url, Some(&etag), &b);
    assert_eq!(status, 200, "{body}");
    let saved = served.get_json(&url).2;
    assert_eq!(saved["goals"].as_array().unwrap().len(), 3);
    assert_eq!(saved["goals"][1]["text"], draft["goals"][2]["text"]);
    assert_eq!(saved["goals"][1]["status"], "エディターの後で");
    assert_eq!(saved["goals"][1]["id"], draft["goals"][2]["id"]);
}

#[test]
fn a_goal_or_a_field_is_restored_alone_and_merged_like_a_save() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, first) = served.get_json(&url);
    let mut second = first.clone();
    second["goals"][0]["status"] = json!("二版目の状況");
    second["goals"][0]["next_steps"] = json!("二版目の方針");
    second["goals"][1]["status"] = json!("二版目の二つ目");
    assert_eq!(served.put(&url, etag.as_deref(), &second).0, 200);
    let versions = served.get_json(&format!("{url}/history")).2;
    let oldest = versions.as_array().unwrap().last().unwrap()["id"].clone();
    let restore = |at: &str, etag: &str| {
        let url = format!("{url}/history/{oldest}/restore?at={at}");
        let mut response = served
            .agent
            .post(&url)
            .header("If-Match", etag)
            .send_empty()
            .unwrap();
        let body: Value = response.body_mut().read_json().unwrap();
        (response.status().as_u16(), body)
    };
    // Goal 1 whole: goal 2's change stays.
    let (_, etag, _) = served.get_json(&url);
    let goal = first["goals"][0]["id"].as_str().unwrap();
    let (status, body) = restore(goal, &etag.unwrap());
    assert_eq!(status, 200, "{body}");
    let now = served.get_json(&url).2;
    assert_eq!(now["goals"][0], first["goals"][0]);
    assert_eq!(now["goals"][1]["status"], "二版目の二つ目");

    // One field, from a page that has not seen a save made since: merged with it.
    let (_, etag, _) = served.get_json(&url);
    let etag = etag.unwrap();
    let mut third = now.clone();
    third["goals"][2]["status"] = json!("三版目");
    assert_eq!(served.put(&url, Some(&etag), &third).0, 200);
    let field = format!("{}/status", first["goals"][1]["id"].as_str().unwrap());
    let (status, body) = restore(&field, &etag);
    assert_eq!(status, 200, "{body}");
    let now = served.get_json(&url).2;
    assert_eq!(now["goals"][1]["status"], first["goals"][1]["status"]);
    assert_eq!(now["goals"][2]["status"], "三版目");
}

#[test]
fn the_wards_settings_are_merged_field_by_field() {
    let served = serve();
    let url = served.url("/api/wards/higashi-r5");
    let (_, etag, ward) = served.get_json(&url);
    let etag = etag.unwrap();
    let mut a = ward.clone();
    a["evaluated"] = json!("2024-04-30");
    assert_eq!(served.put(&url, Some(&etag), &a).0, 200);
    let mut b = ward.clone();
    b["approval"] = json!(["区長", "課長"]);
    let (status, _, body) = served.put(&url, Some(&etag), &b);
    assert_eq!(status, 200, "{body}");
    assert_eq!(places(&body, "merged"), ["評価日"]);
    let saved = served.get_json(&url).2;
    assert_eq!(saved["evaluated"], "2024-04-30");
    assert_eq!(saved["approval"], json!(["区長", "課長"]));

    // Both change the ward's name: that field alone, nothing written.
    let (_, etag, ward) = served.get_json(&url);
    let etag = etag.unwrap();
    let (mut a, mut b) = (ward.clone(), ward.clone());
    a["ward"] = json!("東区役所");
    b["ward"] = json!("ひがし区");
    b["interim"] = json!(true);
    assert_eq!(served.put(&url, Some(&etag), &a).0, 200);
    let before = read(&served, "higashi-r5", "ward.toml");
    let (status, _, body) = served.put(&url, Some(&etag), &b);
    assert_eq!(status, 409, "{body}");
    assert_eq!(places(&body, "conflicts"), ["区名（または局名）"]);
    assert_eq!(body["conflicts"][0]["saved"], "東区役所");
    assert_eq!(read(&served, "higashi-r5", "ward.toml"), before);
}

/// The text of the `n`th `[[goals]]` table of a file (0 the first), from its header on.
fn goal_table(file: &str, n: usize) -> &str {
    let starts: Vec<usize> = file.match_indices("[[goals]]").map(|(i, _)| i).collect();
    &file[starts[n]..starts.get(n + 1).copied().unwrap_or(file.len())]
}

#[test]
fn a_goal_moved_deleted_or_put_back_takes_its_comments_and_quoting_with_it() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    // A memo above goal 2, written in an editor; goal 3's target is in '''…'''.
    let path = served.file("higashi-r5", "01_地域課.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let second = text.match_indices("[[goals]]").nth(1).unwrap().0;
    let memo = "# 担当: 佐藤（目標二のメモ）\n";
    std::fs::write(
        &path,
        format!("{}{memo}{}", &text[..second], &text[second..]),
    )
    .unwrap();
    let (_, etag, draft) = served.get_json(&url);
    let plan_refs = text.matches("plan_ref").count();

    // Goal 2 moved to the top: its memo and its table go with it, numbered again.
    let mut moved = draft.clone();
    let goal = moved["goals"].as_array_mut().unwrap().remove(1);
    moved["goals"].as_array_mut().unwrap().insert(0, goal);
    let (status, _, body) = served.put(&url, etag.as_deref(), &moved);
    assert_eq!(status, 200, "{body}");
    let file = read(&served, "higashi-r5", "01_地域課.toml");
    let first = goal_table(&file, 0);
    assert!(first.starts_with("[[goals]]   # No. 1\n"), "{file}");
    assert!(
        first.contains(draft["goals"][1]["text"].as_str().unwrap()),
        "{file}"
    );
    assert!(
        file.contains(&format!("{memo}[[goals]]   # No. 1\n")),
        "{file}"
    );
    assert!(!goal_table(&file, 1).contains("佐藤"), "{file}");
    assert_eq!(file.matches("plan_ref").count(), plan_refs, "{file}");
    assert!(
        goal_table(&file, 2).contains("target = '''\n・河渡ルート"),
        "{file}"
    );

    // Goal 3 (区バス) deleted, then that version restored: back in its place, as it was.
    let (_, etag, now) = served.get_json(&url);
    let before = read(&served, "higashi-r5", "01_地域課.toml");
    let mut deleted = now.clone();
    deleted["goals"].as_array_mut().unwrap().remove(2);
    let (status, _, body) = served.put(&url, etag.as_deref(), &deleted);
    assert_eq!(status, 200, "{body}");
    assert!(!read(&served, "higashi-r5", "01_地域課.toml").contains("河渡"));
    let versions = served.get_json(&format!("{url}/history")).2;
    let moved_version = versions[1]["id"].clone();
    let (_, etag, _) = served.get_json(&url);
    let restore = format!("{url}/history/{moved_version}/restore");
    let response = (served.agent.post(&restore))
        .header("If-Match", etag.unwrap())
        .send_empty()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let file = read(&served, "higashi-r5", "01_地域課.toml");
    let back = served.get_json(&url).2;
    assert_eq!(texts(&back), texts(&now));
    assert!(goal_table(&file, 2).contains("・河渡ルート"), "{file}");
    // Written back as the file was, but in the quotes a new value is written in.
    let quoted = before.replace("'''", "\"\"\"");
    assert_eq!(file, quoted);
}

/// A restore of `version` (`at` the query, when any) from `etag`: its status and body.
fn post_restore(
    served: &Served,
    url: &str,
    (version, at): (&Value, &str),
    etag: &str,
) -> (u16, Value) {
    let url = format!("{url}/history/{version}/restore{at}");
    let mut response = (served.agent.post(&url))
        .header("If-Match", etag)
        .send_empty()
        .unwrap();
    let body: Value = response.body_mut().read_json().unwrap();
    (response.status().as_u16(), body)
}

#[test]
fn ids_places_and_choices_not_written_as_they_are_are_refused_or_replaced() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    // A malformed choice: refused, nothing written.
    let before = read(&served, "higashi-r5", "01_地域課.toml");
    for choices in ["not json", "\"maybe\"", "[]", "{\"x\": \"maybe\"}"] {
        let response = (served.agent.put(&url))
            .header("If-Match", &etag)
            .header("X-Mokuhyo-Choices", choices)
            .send_json(&draft)
            .unwrap();
        assert_eq!(response.status().as_u16(), 400, "{choices}");
    }
    assert_eq!(read(&served, "higashi-r5", "01_地域課.toml"), before);
    // An id not written as ids are is not kept: the goal gets its own back.
    let mut sent = draft.clone();
    sent["goals"][0]["id"] = json!("../../x\"; DROP");
    sent["goals"][1]["actions"][0]["id"] = json!("ABCDEF012345");
    let (status, _, body) = served.put(&url, Some(&etag), &sent);
    assert_eq!(status, 200, "{body}");
    let saved = served.get_json(&url).2;
    assert_eq!(saved["goals"][0]["id"], draft["goals"][0]["id"]);
    assert_eq!(
        saved["goals"][1]["actions"][0]["id"],
        draft["goals"][1]["actions"][0]["id"]
    );
    let history = served.get_json(&format!("{url}/history")).2;
    assert!(!history.to_string().contains("DROP"), "{history}");
    // A restore of a part that is not there, or of nothing named: refused.
    let oldest = history.as_array().unwrap().last().unwrap()["id"].clone();
    let (_, etag, _) = served.get_json(&url);
    let etag = etag.unwrap();
    for (at, expected) in [
        ("?at=nope", 404),
        ("?at=ffffffffffff/status", 404),
        ("?at=", 422),
        ("?at=/", 422),
    ] {
        let (status, body) = post_restore(&served, &url, (&oldest, at), &etag);
        assert_eq!(status, expected, "{at}: {body}");
    }
    assert_eq!(served.get_json(&url).1.unwrap(), etag, "nothing written");
}

#[test]
fn a_field_restored_alone_is_put_back_even_when_changed_since() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, first) = served.get_json(&url);
    let mut second = first.clone();
    second["goals"][0]["status"] = json!("二版目の状況");
    assert_eq!(served.put(&url, etag.as_deref(), &second).0, 200);
    let (_, etag, now) = served.get_json(&url);
    let page = etag.unwrap();
    // Someone else changes the field after the page was loaded.
    let mut third = now.clone();
    third["goals"][0]["status"] = json!("三版目の状況");
    assert_eq!(served.put(&url, Some(&page), &third).0, 200);
    // The page restores that field from the first version: the version put back wins.
    let versions = served.get_json(&format!("{url}/history")).2;
    let oldest = versions.as_array().unwrap().last().unwrap()["id"].clone();
    let at = format!("?at={}/status", first["goals"][0]["id"].as_str().unwrap());
    let (status, body) = post_restore(&served, &url, (&oldest, &at), &page);
    assert_eq!(status, 200, "{body}");
    let now = served.get_json(&url).2;
    assert_eq!(now["goals"][0]["status"], first["goals"][0]["status"]);
}

#[test]
fn a_goal_deleted_by_one_and_edited_by_the_other_shows_the_edit_in_the_conflict() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    let mut a = draft.clone();
    a["goals"].as_array_mut().unwrap().remove(1);
    assert_eq!(served.put(&url, Some(&etag), &a).0, 200);
    let mut b = draft.clone();
    b["goals"][1]["next_steps"] = json!("Bの方針");
    b["goals"][1]["actions"][0]["indicators"][0]["result"] = json!("200点");
    let (status, _, body) = served.put(&url, Some(&etag), &b);
    assert_eq!(status, 409, "{body}");
    assert_eq!(places(&body, "conflicts"), ["組織目標 2"]);
    assert_eq!(body["conflicts"][0]["saved"], Value::Null);
    assert_eq!(
        body["conflicts"][0]["changed"],
        json!([
            {"place": "組織目標 2 › 今後の方針", "base": "", "text": "Bの方針"},
            {"place": "組織目標 2 › 主な取組 1 › 取組指標 1 › 結果", "base": "", "text": "200点"},
        ])
    );
}

#[test]
fn a_move_made_by_the_others_is_told_among_what_came_from_them() {
    let served = serve();
    let url = served.division_url("higashi-r5", "地域課");
    let (_, etag, draft) = served.get_json(&url);
    let etag = etag.unwrap();
    // A moves goal 4 to the top; B edits it where it was.
    let mut a = draft.clone();
    let last = a["goals"].as_array_mut().unwrap().pop().unwrap();
    a["goals"].as_array_mut().unwrap().insert(0, last);
    assert_eq!(served.put(&url, Some(&etag), &a).0, 200);
    let mut b = draft.clone();
    b["goals"][3]["next_steps"] = json!("Bの方針");
    let (status, _, body) = served.put(&url, Some(&etag), &b);
    assert_eq!(status, 200, "{body}");
    assert_eq!(places(&body, "merged"), ["組織目標の順番"]);
    assert_eq!(body["merged"][0]["key"], "goals");
    let saved = served.get_json(&url).2;
    assert_eq!(saved["goals"][0]["next_steps"], "Bの方針");
}
