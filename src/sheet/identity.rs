//! Who a goal, an action or an indicator is, through moves, inserts and deletes: each item of a
//! draft has an `id` (in the browser's JSON and in the history, never in the TOML file). A
//! version that arrives without ids (a file changed in an editor, an import, a script) gets them
//! from the version before it, item by item under the same parent, by this rule:
//!
//! 1. an item that has an id the version before has at that place keeps it;
//! 2. an item without one takes the id of the first item left before with the same values
//!    (its own and those of every item below it);
//! 3. else of the item left before with the most non-empty values in common (at least one),
//!    the nearer in place on a tie;
//! 4. else a new id.
//!
//! Everything here works on drafts as JSON, as the field table ([`super::fields`]) describes
//! them, and names no key of the sheet.

use super::fields::{self, Field, Kind, Level};
use serde_json::Value as Json;
use std::collections::HashSet;

/// The key of an item's id in a draft's JSON.
pub const ID: &str = "id";

/// A new id: twelve hex digits of randomness, like no other item's.
pub fn fresh() -> String {
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness: the clock's nanoseconds, still unlike the ids around it.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes.copy_from_slice(&nanos.to_le_bytes()[..6]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The id of an item, when it has one.
pub fn id_of(item: &Json) -> Option<&str> {
    item.get(ID)
        .and_then(Json::as_str)
        .filter(|id| !id.is_empty())
}

/// Gives every item of `current` (of `level`) an id, from `previous` by the rule above.
pub fn identify(fields: &[Field], level: Level, previous: Option<&Json>, current: &mut Json) {
    for field in fields::of(fields, level) {
        let Kind::Items(below) = field.kind else {
            continue;
        };
        let none = Vec::new();
        let before = (previous.and_then(|p| p.get(field.key)))
            .and_then(Json::as_array)
            .unwrap_or(&none);
        let Some(Json::Array(items)) = current.get_mut(field.key) else {
            continue;
        };
        forget_repeated_ids(items);
        let pairs = pair(fields, below, before, items);
        for (item, paired) in items.iter_mut().zip(pairs) {
            let id = match paired {
                Some(j) => id_of(&before[j]).map(str::to_string),
                None => id_of(item).map(str::to_string),
            };
            if let Some(object) = item.as_object_mut() {
                object.insert(ID.into(), Json::from(id.unwrap_or_else(fresh)));
            }
            identify(fields, below, paired.map(|j| &before[j]), item);
        }
    }
}

/// Whether `id` is written as ids are: twelve lowercase hex digits.
pub fn well_formed(id: &str) -> bool {
    id.len() == 12
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An id said twice is the first item's: the others' are taken away, to be given again; so is
/// an id not written as ids are (it would be kept in the history and served back).
fn forget_repeated_ids(items: &mut [Json]) {
    let mut seen = HashSet::new();
    for item in items.iter_mut() {
        let malformed = item
            .get(ID)
            .is_some_and(|id| !id.as_str().is_some_and(well_formed));
        let repeated = id_of(item).is_some_and(|id| !seen.insert(id.to_string()));
        if (repeated || malformed)
            && let Some(object) = item.as_object_mut()
        {
            object.remove(ID);
        }
    }
}

/// For each item of `items`, the place in `before` of the item it is (by the rule above), or
/// `None` for an item that is new (it keeps an id of its own, or gets one).
fn pair(fields: &[Field], level: Level, before: &[Json], items: &[Json]) -> Vec<Option<usize>> {
    let mut used = HashSet::new();
    let mut pairs: Vec<Option<usize>> = vec![None; items.len()];
    // 1. By id.
    for (i, item) in items.iter().enumerate() {
        let Some(id) = id_of(item) else { continue };
        pairs[i] = before.iter().position(|b| id_of(b) == Some(id));
        if let Some(j) = pairs[i] {
            used.insert(j);
        }
    }
    let unnamed: Vec<usize> = (0..items.len())
        .filter(|&i| pairs[i].is_none() && id_of(&items[i]).is_none())
        .collect();
    let contents: Vec<Vec<(String, String)>> =
        before.iter().map(|b| content(fields, level, b)).collect();
    // 2. By the same values.
    for &i in &unnamed {
        let mine = content(fields, level, &items[i]);
        let same = (0..before.len()).find(|j| !used.contains(j) && contents[*j] == mine);
        if let Some(j) = same {
            pairs[i] = Some(j);
            used.insert(j);
        }
    }
    // 3. By the most values in common, the nearer on a tie.
    for &i in &unnamed {
        if pairs[i].is_some() {
            continue;
        }
        let mine = content(fields, level, &items[i]);
        let score = |j: usize| contents[j].iter().filter(|v| mine.contains(v)).count();
        let best = (0..before.len())
            .filter(|j| !used.contains(j) && score(*j) > 0)
            .max_by_key(|&j| (score(j), std::cmp::Reverse(j.abs_diff(i))));
        if let Some(j) = best {
            pairs[i] = Some(j);
            used.insert(j);
        }
    }
    pairs
}

/// Every non-empty value of an item and of the items below it, by its place within the item
/// (`name`, `indicators[1].target`), ids aside.
pub fn content(fields: &[Field], level: Level, item: &Json) -> Vec<(String, String)> {
    let mut values = Vec::new();
    collect(fields, level, item, "", &mut values);
    values
}

fn collect(fields: &[Field], level: Level, item: &Json, at: &str, out: &mut Vec<(String, String)>) {
    for field in fields::of(fields, level) {
        let key = format!("{at}{}", field.key);
        match (field.kind, item.get(field.key)) {
            (Kind::Items(below), Some(Json::Array(items))) => {
                for (i, child) in items.iter().enumerate() {
                    collect(fields, below, child, &format!("{key}[{i}]."), out);
                }
            }
            (_, Some(value)) => {
                let shown = fields::shown(value);
                if !shown.trim().is_empty() {
                    out.push((key, shown));
                }
            }
            (_, None) => {}
        }
    }
}

/// The draft without its ids.
pub fn without_ids(draft: &Json) -> Json {
    match draft {
        Json::Object(keys) => (keys.iter())
            .filter(|(key, _)| key.as_str() != ID)
            .map(|(key, value)| (key.clone(), without_ids(value)))
            .collect(),
        Json::Array(items) => items.iter().map(without_ids).collect(),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::fields::FIELDS;
    use serde_json::json;

    fn goal(text: &str, rating: &str) -> Json {
        json!({"text": text, "plan_ref": "", "rating": rating, "status": "", "next_steps": "",
               "actions": []})
    }

    fn ids(draft: &Json) -> Vec<&str> {
        (draft["goals"].as_array().unwrap().iter())
            .map(|g| id_of(g).unwrap())
            .collect()
    }

    fn identified(mut draft: Json, previous: Option<&Json>) -> Json {
        identify(FIELDS, Level::Division, previous, &mut draft);
        draft
    }

    #[test]
    fn a_new_draft_gets_an_id_for_every_item_each_its_own() {
        let draft = identified(json!({"goals": [goal("一", ""), goal("一", "")]}), None);
        let got = ids(&draft);
        assert_eq!(got.len(), 2);
        assert_ne!(got[0], got[1]);
        assert_eq!(got[0].len(), 12);
    }

    #[test]
    fn ids_given_are_kept_and_a_version_without_them_takes_them_by_the_rule() {
        let before = identified(
            json!({"goals": [goal("一", ""), goal("二", "○"), goal("三", "△")]}),
            None,
        );
        let old = ids(&before);
        // An editor deleted goal 2, moved goal 3 first and changed its rating, added a goal.
        let edited = json!({"goals": [goal("三", "×"), goal("一", ""), goal("四", "")]});
        let after = identified(edited, Some(&before));
        let new = ids(&after);
        assert_eq!(new[0], old[2], "the most values in common: goal 3");
        assert_eq!(new[1], old[0], "the same values: goal 1");
        assert!(!old.contains(&new[2]), "nothing in common: a new id");
        // Ids already there stay, even on another place.
        let again = identified(after.clone(), Some(&before));
        assert_eq!(ids(&again), new);
    }

    #[test]
    fn an_id_said_twice_is_the_first_items_and_ids_never_reach_the_keys() {
        let before = identified(json!({"goals": [goal("一", "")]}), None);
        let mut copy = before["goals"][0].clone();
        copy["text"] = json!("写し");
        let twice = json!({"goals": [before["goals"][0].clone(), copy]});
        let after = identified(twice, Some(&before));
        let got = ids(&after);
        assert_eq!(got[0], ids(&before)[0]);
        assert_ne!(got[1], got[0]);
        assert_eq!(
            without_ids(&after)["goals"][1],
            json!({"text": "写し", "plan_ref": "", "rating": "", "status": "", "next_steps": "",
                   "actions": []})
        );
    }
}
