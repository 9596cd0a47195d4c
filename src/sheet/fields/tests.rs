//! The field table, and a field added to a copy of it reaching every place derived from it.

use super::*;
use crate::sheet::draft::{self, Draft, DraftGoal};
use crate::sheet::model::{Division, Goal, write};

/// The table with one more goal field, `risks` (リスク), planned in April, with a column in the
/// flat table and in the form workbook.
pub(crate) fn with_risks() -> &'static [Field] {
    let mut fields = FIELDS.to_vec();
    let at = fields.iter().position(|f| f.key == "actions").unwrap();
    let risks = Field {
        words: "risks",
        flat: flat(18, "リスク", 20.0),
        form: form(11, 12.0),
        ..field(Level::Goal, "risks", Kind::Text, "想定されるリスク")
    };
    fields.insert(at, risks);
    Box::leak(fields.into_boxed_slice())
}

fn division() -> Division {
    Division {
        file: Default::default(),
        order: 2,
        department: "東区".into(),
        name: "地域課".into(),
        policy_indicators: vec!["・一".into(), "・二".into()],
        approval: None,
        goals: vec![Goal {
            text: "目標".into(),
            plan_ref: String::new(),
            rating: "○".into(),
            status: "済".into(),
            next_steps: "続ける".into(),
            actions: Vec::new(),
        }],
    }
}

#[test]
fn every_level_keeps_its_keys_once_and_items_lead_down() {
    for level in [Level::Ward, Level::Division, Level::Goal, Level::Action] {
        let keys: Vec<_> = of(FIELDS, level).map(|f| f.key).collect();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(keys.len(), unique.len(), "{level:?}: {keys:?}");
    }
    assert_eq!(items_of(FIELDS, Level::Goal).unwrap().key, "goals");
    assert_eq!(
        items_of(FIELDS, Level::Indicator).unwrap().level,
        Level::Action
    );
    let flats: Vec<usize> = flat_columns(FIELDS).iter().map(|(_, c)| c.at).collect();
    assert_eq!(
        flats,
        [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]
    );
    let forms: Vec<usize> = form_columns(FIELDS).iter().map(|(_, c)| c.at).collect();
    assert_eq!(forms, (1..=10).collect::<Vec<_>>());
}

#[test]
fn the_limits_are_the_models() {
    assert_eq!(MAX_ITEMS, crate::sheet::model::MAX_ITEMS);
    assert_eq!(MAX_STAMPS, crate::sheet::model::MAX_STAMPS);
}

#[test]
fn the_evaluation_is_what_next_year_clears() {
    assert_eq!(
        evaluation_keys(FIELDS, Level::Goal),
        ["rating", "status", "next_steps"]
    );
    assert_eq!(evaluation_keys(FIELDS, Level::Indicator), ["result"]);
    assert_eq!(
        evaluation_keys(FIELDS, Level::Ward),
        ["evaluated", "interim"]
    );
    assert!(evaluation_keys(FIELDS, Level::Action).is_empty());
}

#[test]
fn two_drafts_compare_field_by_field() {
    let before = Draft::from(&division());
    let mut after = before.clone();
    after.goals[0]
        .values
        .insert("next_steps".into(), "やめる".into());
    after.goals.push(DraftGoal {
        text: "二つ目".into(),
        ..DraftGoal::default()
    });
    let changes = differences(FIELDS, &before, &after);
    let keys: Vec<String> = (changes.iter())
        .map(|c| match c {
            Change::Item { key, .. } | Change::Value { key, .. } => key.clone(),
        })
        .collect();
    assert_eq!(keys, ["goals[1].next_steps", "goals[2]", "goals[2].text"]);
    assert!(matches!(
        &changes[0],
        Change::Value { field, before, after, .. }
            if field.label == "今後の方針" && before == "続ける" && after == "やめる"
    ));
    assert_eq!(lost(FIELDS, &before, &after), None, "nothing is less");
    assert_eq!(lost(FIELDS, &after, &before).as_deref(), Some("goals[2]"));
    let mut fewer = before.clone();
    fewer
        .values
        .insert("policy_indicators".into(), serde_json::json!(["・一"]));
    assert_eq!(
        lost(FIELDS, &before, &fewer).as_deref(),
        Some("policy_indicators")
    );
    fewer = before.clone();
    fewer.department.clear();
    assert_eq!(
        lost(FIELDS, &before, &fewer),
        None,
        "a name is where it goes"
    );
    fewer = before.clone();
    fewer.goals[0].values.insert("rating".into(), "".into());
    assert_eq!(
        lost(FIELDS, &before, &fewer).as_deref(),
        Some("goals[1].rating")
    );
}

/// A field added to a copy of the table reaches every place derived from it: the shape check,
/// `new`'s file and its comments, the file `import` writes, the browser's form, the flat
/// table's and the form workbook's columns, the comparison, "never less", what the typed model
/// reads, the blank slots left out, the evaluation without a date, and next-year's clearing.
#[test]
fn a_field_added_to_the_table_reaches_every_derived_place() {
    let fields = with_risks();
    let risks = find(fields, Level::Goal, "risks").unwrap();
    assert_eq!(risks.label, "想定されるリスク");
    // The shape check knows the key: see `shape.rs`'s `a_field_added_to_the_table_is_checked`.
    // `new` writes its line with its comment in every goal slot.
    let blank = write::blank_division_file_of(fields, 1, "西区", "企画課", "s.json");
    assert_eq!(blank.matches("risks = \"\"").count(), 5, "{blank}");
    assert!(blank.contains("# 想定されるリスク\n"), "{blank}");
    // The browser's form.
    let form = form_description(fields);
    let goal_keys: Vec<_> = (form["goal"].as_array().unwrap().iter())
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert!(goal_keys.contains(&"risks"), "{goal_keys:?}");
    // The flat table's and the form workbook's columns.
    assert!(
        flat_columns(fields)
            .iter()
            .any(|(f, c)| f.key == "risks" && c.heading == "リスク")
    );
    assert_eq!(form_columns(fields).last().unwrap().0.key, "risks");
    // The exchange wing's columns of them, and the value out through the flat table as CSV,
    // JSON and xlsx and read back: asserted there, as the core is not to reach into it
    // (`exchange/table/columns.rs`'s and `exchange/form/write.rs`'s
    // `a_field_added_to_the_table_gets_its_column`).
    // A file with the key: read into the draft's keys, compared, cleared, written back.
    let text = "order = 1\ndepartment = \"東区\"\ndivision = \"地域課\"\n\n\
                [[goals]]\ntext = \"目標\"\nrisks = \"人手\"\nrating = \"○\"\n";
    let document: toml_edit::DocumentMut = text.parse().unwrap();
    let keys = draft::read_item(fields, document.as_table(), Level::Division);
    assert_eq!(keys["goals"][0]["risks"], "人手");
    let mut emptied = keys.clone();
    emptied["goals"][0]["risks"] = "".into();
    let mut written = toml_edit::DocumentMut::new();
    let data = serde_json::Value::Object(emptied.clone());
    draft::apply_item(fields, written.as_table_mut(), Level::Division, &data, "");
    assert!(!written.to_string().contains("risks"), "{written}");
    let data = serde_json::Value::Object(keys);
    draft::apply_item(fields, written.as_table_mut(), Level::Division, &data, "");
    assert!(
        written.to_string().contains("risks = \"人手\""),
        "{written}"
    );
    let changes = compare_keys(fields, &written, &emptied);
    assert_eq!(changes, ["goals[1].risks"]);
    // Import's "never less": emptying it loses something.
    let filled = draft::read_item(fields, written.as_table(), Level::Division);
    let lost_key = lost(fields, &filled, &emptied);
    assert_eq!(lost_key.as_deref(), Some("goals[1].risks"));
    assert_eq!(
        lost(FIELDS, &filled, &emptied),
        None,
        "the table without it sees nothing"
    );
    // What the typed model reads of a file or a draft, the blank slots, the evaluation.
    let goal = serde_json::json!({"text": " ", "risks": "人手", "actions": []});
    assert!(
        !super::blank(fields, Level::Goal, &goal),
        "a goal with risks is there"
    );
    assert!(
        super::blank(FIELDS, Level::Goal, &goal),
        "the table without it sees nothing"
    );
    assert_eq!(texts(fields, Level::Goal, &goal)["risks"], "人手");
    assert!(texts(FIELDS, Level::Goal, &goal).get("risks").is_none());
    let mut slots = serde_json::json!({"goals": [{"text": ""}, goal, {"risks": ""}]});
    without_blank_items(fields, Level::Division, &mut slots);
    assert_eq!(slots["goals"].as_array().unwrap().len(), 1, "{slots}");
    assert_eq!(slots["goals"][0]["risks"], "人手");
    assert!(!super::evaluated(fields, Level::Division, &slots));
    let mut as_evaluation = fields.to_vec();
    let at = as_evaluation.iter().position(|f| f.key == "risks").unwrap();
    as_evaluation[at].phase = Phase::Evaluation;
    assert!(super::evaluated(&as_evaluation, Level::Division, &slots));
    // Next year keeps it (planned in April), and clears it as soon as it is an evaluation's.
    let mut next = document.clone();
    crate::sheet::next_year::clear(fields, next.as_table_mut(), Level::Division, false);
    assert!(next.to_string().contains("risks"), "{next}");
    let mut evaluated = fields.to_vec();
    let at = evaluated.iter().position(|f| f.key == risks.key).unwrap();
    evaluated[at].phase = Phase::Evaluation;
    let mut next = document.clone();
    crate::sheet::next_year::clear(&evaluated, next.as_table_mut(), Level::Division, false);
    assert!(!next.to_string().contains("risks"), "{next}");
    assert!(!next.to_string().contains("rating"), "{next}");
}

/// The keys whose values differ between a document and a draft's keys, by `fields`.
fn compare_keys(
    fields: &[Field],
    document: &toml_edit::DocumentMut,
    keys: &serde_json::Map<String, Value>,
) -> Vec<String> {
    let read = draft::read_item(fields, document.as_table(), Level::Division);
    let (before, after) = (Value::Object(read), Value::Object(keys.clone()));
    (differences_of(fields, &before, &after).into_iter())
        .map(|c| match c {
            Change::Item { key, .. } | Change::Value { key, .. } => key,
        })
        .collect()
}

#[test]
fn new_writes_the_comments_of_the_table() {
    let blank = write::blank_division_file(1, "西区", "企画課", "../schema/division.schema.json");
    let expected = include_str!("../../../tests/fixtures/new/blank_division.toml");
    assert_eq!(blank, expected);
}
