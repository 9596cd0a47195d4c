//! Two saves from one version, merged field by field (three-way, against the version both
//! started from): a field changed only by the others keeps theirs, a field changed only by this
//! save takes it, a field changed on both sides to different values is a conflict. Goals,
//! actions and indicators are matched by their ids ([`super::identity`]), so that an item moved,
//! inserted or deleted on one side carries the other side's edits to where it is now; an item
//! deleted on one side and edited on the other is a conflict of its own.
//!
//! Pure: drafts as JSON in, a draft as JSON out, driven by the field table. Each field and item
//! is told by its place in the sheet's words (組織目標 1 › 今後の方針), from the table's labels.

use super::fields::{self, Field, Kind, Level};
use super::identity;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::{HashMap, HashSet};

/// Whose value a conflict takes, when the person has chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The value this save sent.
    Mine,
    /// The value saved since by someone else.
    Theirs,
}

/// Where a field or an item is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// By ids, the field's key last: `3fa1c2d4e5f6/next_steps`, `department`; an item alone
    /// by its ids. What a choice names.
    pub at: String,
    /// As problems name it, numbered from 1: `goals[1].next_steps`.
    pub key: String,
    /// In the sheet's words: `組織目標 1 › 今後の方針`.
    pub place: String,
}

/// A field (or an item) changed on both sides, to different values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    #[serde(flatten)]
    pub place: Place,
    /// The value in the version both started from; `None` where the item was not there.
    pub base: Option<String>,
    /// The value saved since by others; `None` where they deleted the item.
    pub saved: Option<String>,
    /// The value this save sent; `None` where it deleted the item.
    pub sent: Option<String>,
    /// An item deleted on one side: what the other side changed in it, field by field, so
    /// that keeping the deletion throws nothing away unseen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<Change>,
}

/// A field of an item changed on one side (or filled in, in an item new on that side).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// In the sheet's words: `組織目標 2 › 今後の方針`.
    pub place: String,
    /// The value in the version both started from (empty where the item was not there).
    pub base: String,
    /// The value that side has now.
    pub text: String,
}

/// What a merge gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged draft (with this save's value wherever a conflict is left unchosen).
    pub draft: Json,
    /// The fields and items that came from the others.
    pub theirs: Vec<Place>,
    /// The conflicts no choice settles: nothing is to be written while there are any.
    pub conflicts: Vec<Conflict>,
}

/// `mine` merged with `theirs` against `base`, all drafts of `level` (a division, or a ward's
/// settings) with their items' ids. `choices` settles conflicts by their [`Place::at`].
pub fn merge(
    fields: &[Field],
    level: Level,
    (base, theirs, mine): (&Json, &Json, &Json),
    choices: &HashMap<String, Side>,
) -> Merged {
    let mut walk = Walk {
        fields,
        choices,
        theirs: Vec::new(),
        conflicts: Vec::new(),
    };
    let draft = walk.item(level, (base, theirs, mine), &Where::default());
    Merged {
        draft,
        theirs: walk.theirs,
        conflicts: walk.conflicts,
    }
}

/// `now` (of `level`) with the part `at` put back as `then` has it: `at` is the ids of an item
/// and of the items it is in, then a field's key for one field (`[]`: the whole item). An item
/// `now` has not is put back at its place in `then`; one `then` has not is taken away.
pub fn put_back(fields: &[Field], level: Level, (now, then): (&Json, &Json), at: &[&str]) -> Json {
    let Some((first, rest)) = at.split_first() else {
        return then.clone();
    };
    let mut out = now.clone();
    let value = fields::find(fields, level, first).filter(|f| !matches!(f.kind, Kind::Items(_)));
    if let (Some(field), true) = (value, rest.is_empty()) {
        let then = then.get(field.key).cloned().unwrap_or(Json::Null);
        if let Some(object) = out.as_object_mut() {
            object.insert(field.key.to_string(), then);
        }
        return out;
    }
    for field in fields::of(fields, level) {
        let Kind::Items(below) = field.kind else {
            continue;
        };
        let find = |list: Option<&Vec<Json>>| {
            list.and_then(|l| l.iter().position(|i| identity::id_of(i) == Some(first)))
        };
        let then_list = then.get(field.key).and_then(Json::as_array);
        let (t, n) = (
            find(then_list),
            find(out.get(field.key).and_then(Json::as_array)),
        );
        let Some(Json::Array(list)) = out.get_mut(field.key) else {
            continue;
        };
        match (t.zip(then_list), n) {
            (Some((t, then_list)), Some(n)) => {
                list[n] = put_back(fields, below, (&list[n], &then_list[t]), rest);
            }
            (Some((t, then_list)), None) => list.insert(t.min(list.len()), then_list[t].clone()),
            (None, Some(n)) if rest.is_empty() => drop(list.remove(n)),
            _ => continue,
        }
        break;
    }
    out
}

/// The place of an item being merged: its ids, its key, its words.
#[derive(Debug, Clone, Default)]
struct Where {
    at: String,
    key: String,
    words: Vec<String>,
}

impl Where {
    fn field(&self, field: &Field) -> Place {
        let join = |a: &str, b: &str, sep: &str| match a {
            "" => b.to_string(),
            _ => format!("{a}{sep}{b}"),
        };
        let mut words = self.words.clone();
        words.push(field.label.to_string());
        Place {
            at: join(&self.at, field.key, "/"),
            key: join(&self.key, field.key, "."),
            place: words.join(" › "),
        }
    }

    /// The item `id`, number `n` (from 1) of the list `field`.
    fn item(&self, field: &Field, id: &str, n: usize) -> Where {
        let mut words = self.words.clone();
        words.push(format!("{} {n}", field.label));
        let place = self.field(field);
        Where {
            at: match self.at.as_str() {
                "" => id.to_string(),
                at => format!("{at}/{id}"),
            },
            key: format!("{}[{n}]", place.key),
            words,
        }
    }

    fn place(&self) -> Place {
        Place {
            at: self.at.clone(),
            key: self.key.clone(),
            place: self.words.join(" › "),
        }
    }
}

struct Walk<'a> {
    fields: &'a [Field],
    choices: &'a HashMap<String, Side>,
    theirs: Vec<Place>,
    conflicts: Vec<Conflict>,
}

/// An item of one of the three lists, by id.
type Items<'j> = HashMap<&'j str, (usize, &'j Json)>;

/// An id's item in one of the three lists, when it is there: its place and itself.
type Found<'f, 'j> = Option<&'f (usize, &'j Json)>;

impl Walk<'_> {
    /// One item merged: its values, then its lists.
    fn item(
        &mut self,
        level: Level,
        (base, theirs, mine): (&Json, &Json, &Json),
        at: &Where,
    ) -> Json {
        let mut merged = match mine {
            Json::Object(_) => mine.clone(),
            _ => theirs.clone(),
        };
        for field in fields::of(self.fields, level) {
            let key = field.key;
            if [base, theirs, mine].iter().all(|d| d.get(key).is_none()) {
                continue;
            }
            let value = match field.kind {
                Kind::Items(below) => self.list(field, below, (base, theirs, mine), at),
                _ => self.value(field, (base, theirs, mine), at),
            };
            if let Some(object) = merged.as_object_mut() {
                object.insert(key.to_string(), value);
            }
        }
        merged
    }

    /// One value: theirs where only they changed it, mine where only this save did.
    fn value(
        &mut self,
        field: &Field,
        (base, theirs, mine): (&Json, &Json, &Json),
        at: &Where,
    ) -> Json {
        let get = |d: &Json| d.get(field.key).cloned().unwrap_or(Json::Null);
        let (b, t, m) = (get(base), get(theirs), get(mine));
        let (sb, st, sm) = (fields::shown(&b), fields::shown(&t), fields::shown(&m));
        if st == sm || st == sb {
            return m;
        }
        let place = at.field(field);
        if sm == sb {
            self.theirs.push(place);
            return t;
        }
        match self.choices.get(&place.at) {
            Some(Side::Theirs) => {
                self.theirs.push(place);
                t
            }
            Some(Side::Mine) => m,
            None => {
                let conflict = Conflict {
                    place,
                    base: Some(sb),
                    saved: Some(st),
                    sent: Some(sm),
                    changed: Vec::new(),
                };
                self.conflicts.push(conflict);
                m
            }
        }
    }

    /// A list of items, by their ids: each kept or not, merged, and put in order.
    fn list(
        &mut self,
        field: &Field,
        level: Level,
        (base, theirs, mine): (&Json, &Json, &Json),
        at: &Where,
    ) -> Json {
        let (b, t, m) = (items(base, field), items(theirs, field), items(mine, field));
        let order = order(field, (base, theirs, mine));
        // The others' order kept, this save having moved nothing: told like a field of theirs.
        let (bi, ti, mi) = (ids(base, field), ids(theirs, field), ids(mine, field));
        if moved(&bi, &ti) && !moved(&bi, &mi) {
            let list = at.field(field);
            let place = format!("{}の順番", list.place);
            self.theirs.push(Place { place, ..list });
        }
        let mut kept: Vec<(&str, Option<&Json>, Json)> = Vec::new();
        for id in order {
            let (ib, it, im) = (b.get(id), t.get(id), m.get(id));
            let n = im.or(it).map_or(0, |(i, _)| i + 1);
            let here = at.item(field, id, n);
            if let Some(item) = self.kept(level, (ib, it, im), &here) {
                kept.push((id, ib.map(|(_, j)| *j), item));
            }
        }
        // Each kept item merged at its place in the list as merged.
        let mut list = Vec::new();
        for (n, (id, ib, item)) in kept.into_iter().enumerate() {
            let here = at.item(field, id, n + 1);
            let merged = match (t.get(id), m.get(id)) {
                (Some((_, t)), Some((_, m))) => {
                    let null = Json::Null;
                    self.item(level, (ib.unwrap_or(&null), t, m), &here)
                }
                _ => item,
            };
            list.push(merged);
        }
        Json::Array(list)
    }

    /// The item an id names, when the merge keeps it (as one side has it; merged later when
    /// both have it); a deletion on one side of an item edited on the other is a conflict.
    fn kept(&mut self, level: Level, (b, t, m): (Found, Found, Found), at: &Where) -> Option<Json> {
        let content = |item: &Json| identity::content(self.fields, level, item);
        let (b, t, m) = (b.map(|x| x.1), t.map(|x| x.1), m.map(|x| x.1));
        match (b, t, m) {
            (_, Some(_), Some(m)) => Some(m.clone()),
            (None, Some(t), None) => {
                self.theirs.push(at.place());
                Some(t.clone())
            }
            (None, None, Some(m)) => Some(m.clone()),
            // Deleted by this save; a conflict when the others changed it meanwhile.
            (Some(b), Some(t), None) if content(b) != content(t) => {
                match self.item_conflict(level, at, (b, Some(t), None)) {
                    Side::Theirs => Some(t.clone()),
                    Side::Mine => None,
                }
            }
            // Deleted by the others; a conflict when this save changed it.
            (Some(b), None, Some(m)) => {
                if content(b) == content(m) {
                    self.theirs.push(at.place());
                    return None;
                }
                match self.item_conflict(level, at, (b, None, Some(m))) {
                    Side::Theirs => None,
                    Side::Mine => Some(m.clone()),
                }
            }
            _ => None,
        }
    }

    /// The side an item's conflict takes: as chosen, else this save's, told as a conflict.
    fn item_conflict(
        &mut self,
        level: Level,
        at: &Where,
        (b, t, m): (&Json, Option<&Json>, Option<&Json>),
    ) -> Side {
        let place = at.place();
        let choice = self.choices.get(&place.at).copied();
        if choice == Some(Side::Theirs) {
            self.theirs.push(place);
            return Side::Theirs;
        }
        if choice.is_none() {
            let first = |item: &Json| first_words(self.fields, level, item);
            let changed = (t.or(m)).map_or_else(Vec::new, |edited| {
                changes(self.fields, level, (b, edited), at)
            });
            self.conflicts.push(Conflict {
                place,
                base: Some(first(b)),
                saved: t.map(first),
                sent: m.map(first),
                changed,
            });
        }
        Side::Mine
    }
}

/// Whether `data` (of `level`) has the item or field `at` names (ids, a field's key last).
pub fn holds(fields: &[Field], level: Level, data: &Json, at: &[&str]) -> bool {
    let Some((first, rest)) = at.split_first() else {
        return true;
    };
    let value = fields::find(fields, level, first).filter(|f| !matches!(f.kind, Kind::Items(_)));
    if value.is_some() {
        return rest.is_empty();
    }
    fields::of(fields, level).any(|field| {
        let Kind::Items(below) = field.kind else {
            return false;
        };
        let items = data
            .get(field.key)
            .and_then(Json::as_array)
            .into_iter()
            .flatten();
        (items.filter(|item| identity::id_of(item) == Some(*first)))
            .any(|item| holds(fields, below, item, rest))
    })
}

/// The fields of `edited` (an item of `level` at `at`) that differ from `base`, the items
/// below it in turn (a new one by each value it has).
fn changes(
    fields: &[Field],
    level: Level,
    (base, edited): (&Json, &Json),
    at: &Where,
) -> Vec<Change> {
    let mut found = Vec::new();
    for field in fields::of(fields, level) {
        let Kind::Items(below) = field.kind else {
            let shown = |d: &Json| fields::shown(&d.get(field.key).cloned().unwrap_or(Json::Null));
            let (b, e) = (shown(base), shown(edited));
            if b != e {
                let place = at.field(field).place;
                found.push(Change {
                    place,
                    base: b,
                    text: e,
                });
            }
            continue;
        };
        let none = Json::Null;
        let items = edited
            .get(field.key)
            .and_then(Json::as_array)
            .into_iter()
            .flatten();
        for (n, item) in items.enumerate() {
            let id = identity::id_of(item).unwrap_or_default();
            let before = (base
                .get(field.key)
                .and_then(Json::as_array)
                .into_iter()
                .flatten())
            .find(|b| identity::id_of(b) == Some(id));
            let here = at.item(field, id, n + 1);
            found.extend(changes(
                fields,
                below,
                (before.unwrap_or(&none), item),
                &here,
            ));
        }
    }
    found
}

/// An item told in a conflict by its first value that says something (a goal's text).
fn first_words(fields: &[Field], level: Level, item: &Json) -> String {
    (identity::content(fields, level, item).into_iter())
        .map(|(_, value)| value)
        .next()
        .unwrap_or_default()
}

/// The items of a list, by id, with their places.
fn items<'j>(draft: &'j Json, field: &Field) -> Items<'j> {
    (draft
        .get(field.key)
        .and_then(Json::as_array)
        .into_iter()
        .flatten())
    .enumerate()
    .filter_map(|(i, item)| identity::id_of(item).map(|id| (id, (i, item))))
    .collect()
}

fn ids<'j>(draft: &'j Json, field: &Field) -> Vec<&'j str> {
    (draft
        .get(field.key)
        .and_then(Json::as_array)
        .into_iter()
        .flatten())
    .filter_map(identity::id_of)
    .collect()
}

/// The order of the merged list, every id of the three lists in it once: the order of the
/// side that moved items (this save's, when both did), the other side's new items after the
/// item they follow there.
fn order<'j>(field: &Field, (base, theirs, mine): (&'j Json, &'j Json, &'j Json)) -> Vec<&'j str> {
    let (b, t, m) = (ids(base, field), ids(theirs, field), ids(mine, field));
    let (first, second) = if moved(&b, &m) { (m, t) } else { (t, m) };
    let mut list = first;
    insert_following(&mut list, &second);
    insert_following(&mut list, &b);
    list
}

/// Whether `side` has the items it shares with `base` in another order than `base`.
fn moved(base: &[&str], side: &[&str]) -> bool {
    let common: HashSet<&str> = side.iter().copied().collect();
    let before: Vec<&str> = (base.iter().copied())
        .filter(|id| common.contains(id))
        .collect();
    let known: HashSet<&str> = base.iter().copied().collect();
    let after: Vec<&str> = (side.iter().copied())
        .filter(|id| known.contains(id))
        .collect();
    before != after
}

/// Each id of `other` not in `list` put after the id it follows in `other` (first when it
/// follows none there).
fn insert_following<'j>(list: &mut Vec<&'j str>, other: &[&'j str]) {
    let mut after: Option<usize> = None;
    for id in other {
        match list.iter().position(|x| x == id) {
            Some(at) => after = Some(at),
            None => {
                let at = after.map_or(0, |a| a + 1);
                list.insert(at, id);
                after = Some(at);
            }
        }
    }
}

#[cfg(test)]
mod tests;
