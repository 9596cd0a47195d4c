//! A division's goals, actions and indicators put in their new order in its document by who
//! they are, before their values are written ([`super::draft::apply`]): each `[[…]]` table of
//! the file is matched to an item of the draft by the ids the history holds for the file's
//! version ([`super::identity`]; by place when it has none), and the table itself is moved,
//! with the comments above its header and the commented-out keys below its last key (`# result
//! = ""   # 結果…`, as `new` writes them) — a memo above goal 2 stays above goal 2 wherever it
//! goes, a deleted item's hints go with it. An item the file does not have gets an empty table
//! in its place, for the values to be written into.

use super::fields::{self, Field, Kind, Level};
use super::identity::id_of;
use super::uncomment::{TablePath, commented_key, table_at_mut, tables_in_order};
use serde_json::Value as Json;
use std::collections::{HashMap, HashSet};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// The document's item tables in the order of `draft`'s items (JSON as the field table
/// describes it), `current` being the file's keys with their ids.
pub fn rearrange(fields: &[Field], document: &mut DocumentMut, current: &Json, draft: &Json) {
    let tails = detach_tails(document);
    let mut walk = Walk {
        fields,
        moved: HashMap::from([(Vec::new(), Vec::new())]),
        changed: false,
    };
    let top = document.as_table_mut();
    walk.reorder(
        Level::Division,
        top,
        (current, draft),
        (&Vec::new(), &Vec::new()),
    );
    if walk.changed {
        renumber(document.as_table_mut(), &mut 1);
    }
    let tails = (tails.into_iter())
        .filter_map(|(old, tail)| Some((walk.moved.get(&old)?.clone(), tail)))
        .collect();
    attach_tails(document, &tails);
}

/// The commented-out keys below each table's last key, taken out of the comments of the next
/// table's header (or the end of the file), by the table they belong to.
fn detach_tails(document: &mut DocumentMut) -> HashMap<TablePath, String> {
    let order: Vec<TablePath> = (tables_in_order(document.as_table()).into_iter())
        .map(|(path, _)| path)
        .collect();
    let mut tails = HashMap::new();
    for (n, path) in order.iter().enumerate() {
        let holder = order.get(n + 1);
        let text = comments_before(document, holder);
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let hints = (lines.iter())
            .take_while(|l| commented_key(l).is_some())
            .count();
        if hints == 0 {
            continue;
        }
        tails.insert(path.clone(), lines[..hints].concat());
        set_comments_before(document, holder, lines[hints..].concat());
    }
    tails
}

/// Each table's commented-out keys put back below its last key, where it is now.
fn attach_tails(document: &mut DocumentMut, tails: &HashMap<TablePath, String>) {
    let order: Vec<TablePath> = (tables_in_order(document.as_table()).into_iter())
        .map(|(path, _)| path)
        .collect();
    for (n, path) in order.iter().enumerate() {
        if let Some(tail) = tails.get(path) {
            let holder = order.get(n + 1);
            let text = format!("{tail}{}", comments_before(document, holder));
            set_comments_before(document, holder, text);
        }
    }
}

/// The comments above the header of the table at `holder`, or at the end of the file.
fn comments_before(document: &mut DocumentMut, holder: Option<&TablePath>) -> String {
    let text = match holder {
        Some(path) => (table_at_mut(document.as_table_mut(), path)).and_then(|t| {
            t.decor()
                .prefix()
                .and_then(|p| p.as_str())
                .map(String::from)
        }),
        None => document.trailing().as_str().map(String::from),
    };
    text.unwrap_or_default()
}

fn set_comments_before(document: &mut DocumentMut, holder: Option<&TablePath>, text: String) {
    match holder {
        Some(path) => {
            if let Some(table) = table_at_mut(document.as_table_mut(), path) {
                table.decor_mut().set_prefix(text);
            }
        }
        None => document.set_trailing(text),
    }
}

/// Moving the tables: where each went, and whether any did.
struct Walk<'f> {
    fields: &'f [Field],
    /// Each table kept, from its path before to its path now.
    moved: HashMap<TablePath, TablePath>,
    /// Whether a table moved, came or went.
    changed: bool,
}

impl Walk<'_> {
    /// The arrays of tables of `table` (an item of `level`, at `old` before and `new` now) in
    /// the order of `draft`'s items, as they are in `current`.
    fn reorder(
        &mut self,
        level: Level,
        table: &mut Table,
        (current, draft): (&Json, &Json),
        (old, new): (&TablePath, &TablePath),
    ) {
        let fields = self.fields;
        for field in fields::of(fields, level) {
            let Kind::Items(below) = field.kind else {
                continue;
            };
            let none = Vec::new();
            let now = current.get(field.key).and_then(Json::as_array);
            let now = now.unwrap_or(&none);
            let wanted = draft.get(field.key).and_then(Json::as_array);
            let wanted = wanted.unwrap_or(&none);
            let Some(Item::ArrayOfTables(array)) = table.get_mut(field.key) else {
                continue;
            };
            let mut tables: Vec<Option<Table>> = std::mem::replace(array, ArrayOfTables::new())
                .into_iter()
                .map(Some)
                .collect();
            let places = places(now, wanted, tables.len());
            let like = header_like(&tables, new.len());
            let mut rearranged = ArrayOfTables::new();
            let mut changed = false;
            for (i, (item, place)) in wanted.iter().zip(places).enumerate() {
                let key = field.key.to_string();
                let here = [new.clone(), vec![(key.clone(), Some(i))]].concat();
                let kept = place.and_then(|j| Some((j, tables.get_mut(j)?.take()?)));
                let Some((j, mut kept)) = kept else {
                    changed = true;
                    rearranged.push(self.added(below, item, &like, new.len() + 1));
                    continue;
                };
                let there = [old.clone(), vec![(key, Some(j))]].concat();
                changed |= i != j;
                let before = now.get(j).unwrap_or(&Json::Null);
                self.reorder(below, &mut kept, (before, item), (&there, &here));
                self.moved.insert(there, here);
                rearranged.push(kept);
            }
            changed |= tables.iter().any(Option::is_some);
            if changed {
                self.changed = true;
                number(&mut rearranged);
            }
            *array = rearranged;
        }
    }
}

impl Walk<'_> {
    /// An empty table for `item` (of `level`, `depth` levels in), its header written as `like`
    /// says ([`header_like`]), with the empty tables of its items below, headed as `new`
    /// writes them.
    fn added(&self, level: Level, item: &Json, like: &Header, depth: usize) -> Table {
        let mut table = Table::new();
        table.decor_mut().set_prefix(like.0.clone());
        if let Some(suffix) = &like.1 {
            table.decor_mut().set_suffix(suffix.clone());
        }
        for field in fields::of(self.fields, level) {
            let (Kind::Items(below), Some(Json::Array(items))) = (field.kind, item.get(field.key))
            else {
                continue;
            };
            let like = header_like(&[], depth);
            let tables: ArrayOfTables = (items.iter())
                .map(|item| self.added(below, item, &like, depth + 1))
                .collect();
            if !tables.is_empty() {
                table.insert(field.key, Item::ArrayOfTables(tables));
            }
        }
        table
    }
}

/// How a header is written: the comments before it, and the note after it.
type Header = (String, Option<String>);

/// For each item of `wanted`, the place of its table among the `count` of the file: the item
/// of `now` with its id, else (no id, or none known for the file) the one at its place.
fn places(now: &[Json], wanted: &[Json], count: usize) -> Vec<Option<usize>> {
    let known = now.iter().any(|item| id_of(item).is_some());
    let mut used = HashSet::new();
    let mut places: Vec<Option<usize>> = (wanted.iter())
        .map(|item| {
            let id = id_of(item)?;
            let j = now.iter().position(|n| id_of(n) == Some(id))?;
            (j < count && used.insert(j)).then_some(j)
        })
        .collect();
    for (i, item) in wanted.iter().enumerate() {
        let unknown = id_of(item).is_none() || !known;
        if places[i].is_none() && unknown && i < count && used.insert(i) {
            places[i] = Some(i);
        }
    }
    places
}

/// The comments around the header of an item the file does not have, as its siblings' are
/// written (their comments above left out; those below their last keys are already taken
/// out): the blank lines before it and its indentation (`depth` levels in), and the number
/// after it when they have one. Without a sibling, as `new` writes them: a blank line before
/// a goal, none before an action or an indicator.
fn header_like(siblings: &[Option<Table>], depth: usize) -> Header {
    let indent = "  ".repeat(depth);
    let Some(sibling) = siblings.iter().flatten().next() else {
        let blank = if depth == 0 { "\n" } else { "" };
        return (format!("{blank}{indent}"), None);
    };
    let prefix = sibling
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("");
    let blank: String = (prefix.split_inclusive('\n'))
        .take_while(|line| line.trim().is_empty() && line.ends_with('\n'))
        .map(|_| "\n")
        .collect();
    let suffix = sibling.decor().suffix().and_then(|s| s.as_str());
    let numbered = suffix.filter(|s| s.trim_start().starts_with("# No. "));
    (format!("{blank}{indent}"), numbered.map(String::from))
}

/// Headers numbered as `new` writes them (`[[goals]]   # No. 2`) numbered again in order.
fn number(tables: &mut ArrayOfTables) {
    for (i, table) in tables.iter_mut().enumerate() {
        let suffix = table
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .unwrap_or("");
        let Some((spaces, number)) = suffix.split_once("# No. ") else {
            continue;
        };
        let numbered = !number.is_empty() && number.trim_end().chars().all(|c| c.is_ascii_digit());
        if numbered && spaces.trim().is_empty() {
            let suffix = format!("{spaces}# No. {}", i + 1);
            table.decor_mut().set_suffix(suffix);
        }
    }
}

/// Every table below `table` given its place in the file in the order it is in now (toml_edit
/// writes the tables by the place they were read from).
fn renumber(table: &mut Table, next: &mut isize) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(inner) => {
                if !inner.is_dotted() && !inner.is_implicit() {
                    inner.set_position(Some(*next));
                    *next += 1;
                }
                renumber(inner, next);
            }
            Item::ArrayOfTables(array) => {
                for inner in array.iter_mut() {
                    inner.set_position(Some(*next));
                    *next += 1;
                    renumber(inner, next);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::sheet::draft::{self, Draft};
    use serde_json::Value as Json;
    use toml_edit::DocumentMut;

    const FILE: &str = r#"order = 1                   # 冊子の中での順番
department = "東区"
division = "地域課"

[[goals]]   # No. 1
text = "目標一"             # 組織目標
plan_ref = "行財1"          # 総合計画
# rating = ""               # 評価: ○ / △ / ×（年度末に記入）
  [[goals.actions]]         # 主な取組
  name = "取組一"           # 取組名称（事業名）
    [[goals.actions.indicators]]  # 取組指標
    name = "指標一"         # 指標名
    target = "5件"
    # result = ""           # 結果（年度末に記入）

# 担当: 佐藤（目標二のメモ）
[[goals]]   # No. 2
text = "目標二"             # 組織目標
# rating = ""               # 評価: ○ / △ / ×（年度末に記入）
  [[goals.actions]]         # 主な取組
  name = "取組二"           # 取組名称（事業名）
    [[goals.actions.indicators]]  # 取組指標
    name = "指標二"         # 指標名
    target = '''
複数行
目標'''
    # result = ""           # 結果（年度末に記入）

[[goals]]   # No. 3
text = "目標三"             # 組織目標
  [[goals.actions]]         # 主な取組
  name = "取組三"           # 取組名称（事業名）
    [[goals.actions.indicators]]  # 取組指標
    name = "指標三"         # 指標名
    target = "3回"          # 目標
    # result = ""           # 結果（年度末に記入）
"#;

    /// The file's draft with ids (g1…, a1…, i1…) as the history would hold them.
    fn identified() -> (DocumentMut, Draft, Json) {
        let document: DocumentMut = FILE.parse().unwrap();
        let mut draft = draft::read(&document);
        for (n, goal) in draft.goals.iter_mut().enumerate() {
            goal.id = format!("g{n}");
            for (m, action) in goal.actions.iter_mut().enumerate() {
                action.id = format!("a{n}{m}");
                for (k, indicator) in action.indicators.iter_mut().enumerate() {
                    indicator.id = format!("i{n}{m}{k}");
                }
            }
        }
        let current = serde_json::to_value(&draft).unwrap();
        (document, draft, current)
    }

    fn written(draft: &Draft) -> String {
        let (mut document, _, current) = identified();
        draft::apply_identified(&mut document, draft, &current);
        document.to_string()
    }

    #[test]
    fn a_moved_goal_takes_its_comments_hints_and_quoting_with_it() {
        let (_, mut draft, _) = identified();
        let second = draft.goals.remove(1);
        draft.goals.insert(0, second);
        let text = written(&draft);
        assert_eq!(draft::read(&text.parse().unwrap()).goals[0].text, "目標二");
        let expected_start = "order = 1                   # 冊子の中での順番\ndepartment = \"東区\"\ndivision = \"地域課\"\n\n\
            # 担当: 佐藤（目標二のメモ）\n[[goals]]   # No. 1\ntext = \"目標二\"             # 組織目標\n";
        assert!(text.starts_with(expected_start), "{text}");
        assert!(text.contains("target = '''\n複数行\n目標'''\n    # result = \"\"           # 結果（年度末に記入）\n\n[[goals]]   # No. 2\ntext = \"目標一\""), "{text}");
        assert!(text.contains("    name = \"指標一\"         # 指標名\n    target = \"5件\"\n    # result = \"\"           # 結果（年度末に記入）\n\n[[goals]]   # No. 3\n"), "{text}");
        assert_eq!(text.matches("plan_ref").count(), 1, "{text}");
        assert_eq!(text.matches("# result").count(), 3, "{text}");
        // Moved back, the file is as it was.
        let (_, back, _) = identified();
        let mut moved: DocumentMut = text.parse().unwrap();
        let current = serde_json::to_value(&draft).unwrap();
        draft::apply_identified(&mut moved, &back, &current);
        assert_eq!(moved.to_string(), FILE);
    }

    #[test]
    fn a_deleted_goal_takes_its_hints_and_a_restored_one_comes_back_in_its_place() {
        let (_, mut draft, _) = identified();
        let first = draft.goals.remove(0);
        let text = written(&draft);
        assert!(text.contains("division = \"地域課\"\n\n# 担当: 佐藤（目標二のメモ）\n[[goals]]   # No. 1\ntext = \"目標二\""), "{text}");
        assert_eq!(text.matches("# result").count(), 2, "{text}");
        assert_eq!(text.matches("# rating").count(), 1, "{text}");
        assert!(
            text.contains("    target = \"3回\"          # 目標\n"),
            "{text}"
        );
        // Deleting the middle goal leaves the last one's note and the first one's hints.
        let (_, mut middle, _) = identified();
        middle.goals.remove(1);
        let text = written(&middle);
        assert!(!text.contains("佐藤") && !text.contains("複数行"), "{text}");
        assert!(text.contains("    name = \"指標一\"         # 指標名\n    target = \"5件\"\n    # result = \"\"           # 結果（年度末に記入）\n\n[[goals]]   # No. 2\ntext = \"目標三\""), "{text}");
        // A goal the file no longer has, put back in the middle, is written there.
        let (_, whole, _) = identified();
        let mut restored = middle.clone();
        restored.goals.insert(1, whole.goals[1].clone());
        let mut document: DocumentMut = text.parse().unwrap();
        let current = serde_json::to_value(&middle).unwrap();
        draft::apply_identified(&mut document, &restored, &current);
        let text = document.to_string();
        let back = draft::read(&text.parse().unwrap());
        let texts: Vec<&str> = back.goals.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["目標一", "目標二", "目標三"], "{text}");
        assert!(
            text.contains("[[goals]]   # No. 3\ntext = \"目標三\""),
            "{text}"
        );
        let _ = first;
    }

    #[test]
    fn a_deleted_indicator_takes_its_hint_and_leaves_none_under_its_action() {
        let (_, mut draft, _) = identified();
        draft.goals[2].actions[0].indicators.clear();
        draft.goals[0].actions[0].indicators.clear();
        let text = written(&draft);
        assert_eq!(text.matches("# result").count(), 1, "{text}");
        assert!(
            text.contains("  name = \"取組一\"           # 取組名称（事業名）\n\n# 担当"),
            "{text}"
        );
        assert!(
            text.ends_with("  name = \"取組三\"           # 取組名称（事業名）\n"),
            "{text}"
        );
    }
}
