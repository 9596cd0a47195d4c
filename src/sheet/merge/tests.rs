use super::*;
use crate::sheet::fields::FIELDS;
use crate::sheet::identity::identify;
use proptest::prelude::*;
use serde_json::json;

fn indicator(name: &str) -> Json {
    json!({"name": name, "target": "", "result": ""})
}

fn goal(text: &str) -> Json {
    json!({"text": text, "plan_ref": "", "rating": "", "status": "", "next_steps": "",
           "actions": [{"name": format!("{text}の取組"), "summary": "",
                        "indicators": [indicator(&format!("{text}の指標"))]}]})
}

/// A division of `n` goals, each with its ids.
fn division(n: usize) -> Json {
    let goals: Vec<Json> = (1..=n).map(|i| goal(&format!("目標{i}"))).collect();
    let mut draft = json!({"order": 1, "department": "東区", "division": "地域課",
                           "policy_indicators": [], "goals": goals});
    identify(FIELDS, Level::Division, None, &mut draft);
    draft
}

/// The division's list of goals.
fn goals() -> &'static Field {
    fields::items_of(FIELDS, Level::Goal).unwrap()
}

fn merged(base: &Json, theirs: &Json, mine: &Json) -> Merged {
    merge(
        FIELDS,
        Level::Division,
        (base, theirs, mine),
        &HashMap::new(),
    )
}

fn texts(draft: &Json) -> Vec<&str> {
    (draft["goals"].as_array().unwrap().iter())
        .map(|g| g["text"].as_str().unwrap())
        .collect()
}

#[test]
fn edits_of_two_goals_are_both_kept_and_theirs_are_told() {
    let base = division(3);
    let mut theirs = base.clone();
    theirs["goals"][0]["rating"] = json!("○");
    theirs["goals"][0]["actions"][0]["indicators"][0]["result"] = json!("12件");
    let mut mine = base.clone();
    mine["goals"][1]["next_steps"] = json!("続ける");
    let merged = merged(&base, &theirs, &mine);
    assert_eq!(merged.conflicts, []);
    assert_eq!(merged.draft["goals"][0]["rating"], "○");
    assert_eq!(
        merged.draft["goals"][0]["actions"][0]["indicators"][0]["result"],
        "12件"
    );
    assert_eq!(merged.draft["goals"][1]["next_steps"], "続ける");
    let places: Vec<&str> = merged.theirs.iter().map(|p| p.place.as_str()).collect();
    assert_eq!(
        places,
        [
            "組織目標 1 › 評価",
            "組織目標 1 › 主な取組 1 › 取組指標 1 › 結果"
        ]
    );
    assert_eq!(merged.theirs[0].key, "goals[1].rating");
}

#[test]
fn one_field_changed_on_both_sides_is_the_only_conflict_until_chosen() {
    let base = division(2);
    let mut theirs = base.clone();
    theirs["goals"][0]["next_steps"] = json!("拡大する");
    theirs["goals"][1]["status"] = json!("達成");
    let mut mine = base.clone();
    mine["goals"][0]["next_steps"] = json!("継続する");
    mine["department"] = json!("東区役所");
    let got = merged(&base, &theirs, &mine);
    assert_eq!(got.conflicts.len(), 1, "{:?}", got.conflicts);
    let conflict = &got.conflicts[0];
    assert_eq!(conflict.place.place, "組織目標 1 › 今後の方針");
    assert_eq!(conflict.place.key, "goals[1].next_steps");
    let id = base["goals"][0]["id"].as_str().unwrap();
    assert_eq!(conflict.place.at, format!("{id}/next_steps"));
    assert_eq!(
        (
            conflict.base.as_deref(),
            conflict.saved.as_deref(),
            conflict.sent.as_deref()
        ),
        (Some(""), Some("拡大する"), Some("継続する"))
    );
    // The same value on both sides is no conflict.
    let mut same = mine.clone();
    same["goals"][0]["next_steps"] = json!("拡大する");
    assert_eq!(merged(&base, &theirs, &same).conflicts, []);
    // Chosen: theirs, or mine.
    for (side, value) in [(Side::Theirs, "拡大する"), (Side::Mine, "継続する")] {
        let choices = HashMap::from([(conflict.place.at.clone(), side)]);
        let got = merge(FIELDS, Level::Division, (&base, &theirs, &mine), &choices);
        assert_eq!(got.conflicts, []);
        assert_eq!(got.draft["goals"][0]["next_steps"], value);
        assert_eq!(got.draft["goals"][1]["status"], "達成");
        assert_eq!(got.draft["department"], "東区役所");
    }
}

#[test]
fn a_goal_deleted_by_one_and_the_next_edited_by_the_other_stays_edited() {
    let base = division(3);
    let mut theirs = base.clone();
    theirs["goals"].as_array_mut().unwrap().remove(1);
    let mut mine = base.clone();
    mine["goals"][2]["status"] = json!("三つ目の状況");
    for (a, b) in [(&theirs, &mine), (&mine, &theirs)] {
        let got = merged(&base, a, b);
        assert_eq!(got.conflicts, []);
        assert_eq!(texts(&got.draft), ["目標1", "目標3"]);
        assert_eq!(got.draft["goals"][1]["status"], "三つ目の状況");
    }
}

#[test]
fn a_goal_moved_by_one_carries_the_others_edit() {
    let base = division(3);
    let mut theirs = base.clone();
    let moved = theirs["goals"].as_array_mut().unwrap().remove(2);
    theirs["goals"].as_array_mut().unwrap().insert(0, moved);
    let mut mine = base.clone();
    mine["goals"][2]["rating"] = json!("△");
    mine["goals"][0]["rating"] = json!("○");
    for (a, b) in [(&theirs, &mine), (&mine, &theirs)] {
        let got = merged(&base, a, b);
        assert_eq!(got.conflicts, []);
        assert_eq!(texts(&got.draft), ["目標3", "目標1", "目標2"]);
        assert_eq!(got.draft["goals"][0]["rating"], "△");
        assert_eq!(got.draft["goals"][1]["rating"], "○");
    }
}

#[test]
fn an_indicator_added_by_one_and_another_goal_edited_by_the_other_are_both_kept() {
    let base = division(2);
    let mut theirs = base.clone();
    let indicators = theirs["goals"][0]["actions"][0]["indicators"]
        .as_array_mut()
        .unwrap();
    indicators.push(json!({"name": "新しい指標", "target": "5回", "result": ""}));
    let mut mine = base.clone();
    mine["goals"][1]["text"] = json!("書き直した目標");
    mine["goals"]
        .as_array_mut()
        .unwrap()
        .push(goal("新しい目標"));
    identify(FIELDS, Level::Division, Some(&base), &mut theirs);
    identify(FIELDS, Level::Division, Some(&base), &mut mine);
    let got = merged(&base, &theirs, &mine);
    assert_eq!(got.conflicts, []);
    let names: Vec<&str> = (got.draft["goals"][0]["actions"][0]["indicators"].as_array())
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["目標1の指標", "新しい指標"]);
    assert_eq!(texts(&got.draft), ["目標1", "書き直した目標", "新しい目標"]);
    assert_eq!(got.theirs[0].place, "組織目標 1 › 主な取組 1 › 取組指標 2");
}

#[test]
fn an_item_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let base = division(2);
    let mut theirs = base.clone();
    theirs["goals"].as_array_mut().unwrap().remove(1);
    let mut mine = base.clone();
    mine["goals"][1]["rating"] = json!("×");
    let got = merged(&base, &theirs, &mine);
    assert_eq!(got.conflicts.len(), 1);
    let conflict = &got.conflicts[0];
    assert_eq!(conflict.place.place, "組織目標 2");
    assert_eq!(conflict.saved, None);
    assert_eq!(conflict.sent.as_deref(), Some("目標2"));
    let got = merged(&base, &mine, &theirs);
    assert_eq!(got.conflicts.len(), 1);
    assert_eq!(got.conflicts[0].sent, None);
    // Deleted on one side and untouched on the other: gone.
    let got = merged(&base, &theirs, &base);
    assert_eq!((got.conflicts.len(), texts(&got.draft)), (0, vec!["目標1"]));
}

/// An edit of a draft: a goal's field set, a goal removed, moved or added.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, &'static str, String),
    Remove(usize),
    Move(usize, usize),
    Add(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let key = prop::sample::select(vec!["text", "rating", "status", "next_steps"]);
    prop_oneof![
        (0..6usize, key, "[あ-ん]{1,3}").prop_map(|(i, k, v)| Edit::Set(i, k, v)),
        (0..6usize).prop_map(Edit::Remove),
        (0..6usize, 0..6usize).prop_map(|(a, b)| Edit::Move(a, b)),
        "[ア-ン]{1,3}".prop_map(Edit::Add),
    ]
}

fn edited(base: &Json, edits: &[Edit]) -> Json {
    let mut draft = base.clone();
    let goals = draft["goals"].as_array_mut().unwrap();
    for edit in edits {
        let n = goals.len();
        match edit {
            Edit::Set(i, key, value) if n > 0 => goals[i % n][*key] = json!(value),
            Edit::Remove(i) if n > 0 => drop(goals.remove(i % n)),
            Edit::Move(a, b) if n > 0 => {
                let goal = goals.remove(a % n);
                goals.insert(b % n, goal);
            }
            Edit::Add(text) => goals.push(goal(text)),
            _ => {}
        }
    }
    identify(FIELDS, Level::Division, Some(base), &mut draft);
    draft
}

proptest! {
    #[test]
    fn a_side_that_changed_nothing_takes_the_others_whole(
        edits in prop::collection::vec(edit(), 0..6)
    ) {
        let base = division(4);
        let changed = edited(&base, &edits);
        let got = merged(&base, &changed, &base);
        prop_assert_eq!(&got.conflicts, &vec![]);
        prop_assert_eq!(&got.draft, &changed);
        let got = merged(&base, &base, &changed);
        prop_assert_eq!(&got.conflicts, &vec![]);
        prop_assert_eq!(&got.draft, &changed);
        prop_assert_eq!(got.theirs.len(), 0);
    }

    #[test]
    fn every_edit_of_either_side_is_in_the_merge_when_there_is_no_conflict(
        ours in prop::collection::vec(edit(), 0..5),
        others in prop::collection::vec(edit(), 0..5),
    ) {
        let base = division(4);
        let (mine, theirs) = (edited(&base, &ours), edited(&base, &others));
        let got = merged(&base, &theirs, &mine);
        prop_assume!(got.conflicts.is_empty());
        // Each goal either side has and the other did not delete is there, with each value
        // one side changed.
        let result = items(&got.draft, goals());
        for (side, other) in [(&mine, &theirs), (&theirs, &mine)] {
            for (id, (_, goal)) in items(side, goals()) {
                let base_goal = items(&base, goals()).get(id).map(|x| x.1.clone());
                let deleted = base_goal.is_some() && !items(other, goals()).contains_key(id);
                if deleted {
                    continue;
                }
                let merged_goal = result.get(id).map(|x| x.1);
                prop_assert!(merged_goal.is_some(), "{id} lost");
                for key in ["text", "rating", "status", "next_steps"] {
                    let before = base_goal.as_ref().map(|g| g[key].clone());
                    if before.as_ref() != Some(&goal[key]) {
                        prop_assert_eq!(&merged_goal.unwrap()[key], &goal[key]);
                    }
                }
            }
        }
    }
}

#[test]
fn a_goal_or_a_field_is_put_back_alone() {
    let then = division(3);
    let mut now = then.clone();
    now["goals"][0]["status"] = json!("今");
    now["goals"][0]["next_steps"] = json!("今の方針");
    now["goals"].as_array_mut().unwrap().remove(1);
    now["department"] = json!("今の部");
    let id = |n: usize| then["goals"][n]["id"].as_str().unwrap().to_string();
    // One field of goal 1.
    let back = put_back(FIELDS, Level::Division, (&now, &then), &[&id(0), "status"]);
    assert_eq!(back["goals"][0]["status"], "");
    assert_eq!(back["goals"][0]["next_steps"], "今の方針");
    assert_eq!(back["department"], "今の部");
    // Goal 1 whole; goal 2, deleted since, at its place.
    let back = put_back(FIELDS, Level::Division, (&now, &then), &[&id(0)]);
    assert_eq!(back["goals"][0], then["goals"][0]);
    let back = put_back(FIELDS, Level::Division, (&now, &then), &[&id(1)]);
    assert_eq!(texts(&back), ["目標1", "目標2", "目標3"]);
    // A field of the division.
    let back = put_back(FIELDS, Level::Division, (&now, &then), &["department"]);
    assert_eq!(back["department"], "東区");
}
