//! Keys a save adds, written where the file has them as comment lines. `new` writes the keys
//! that are filled in later commented out, each with a note (`# rating = ""   # 評価: ○ / △ /
//! ×（年度末に記入）`); when a save fills one in, the key takes that line's place and keeps the
//! note, rather than being added below the last key with the stale comment left under it.

use std::collections::HashSet;
use toml_edit::{DocumentMut, Item, Table};
use unicode_width::UnicodeWidthStr;

/// Where a table is: each key from the top, with its index in an array of tables.
pub(super) type TablePath = Vec<(String, Option<usize>)>;

/// The tables and keys a document had before a save wrote into it.
pub struct Before {
    tables: HashSet<TablePath>,
    keys: HashSet<(TablePath, String)>,
}

impl Before {
    pub fn of(document: &DocumentMut) -> Self {
        let mut before = Self {
            tables: HashSet::new(),
            keys: HashSet::new(),
        };
        for (path, table) in tables_in_order(document.as_table()) {
            // A table without values is one a save is about to fill ([`super::rearrange`]).
            if !path.is_empty() && table.iter().all(|(_, item)| !item.is_value()) {
                continue;
            }
            for (key, item) in table.iter() {
                if item.is_value() {
                    before.keys.insert((path.clone(), key.to_string()));
                }
            }
            before.tables.insert(path);
        }
        before
    }
}

/// Each key added to a table the document had before (see [`Before`]) is written in place of
/// its commented-out line, when the file has one: above a key of its table, or between the
/// table's last key and the next table's header (the end of the file for the last table).
pub fn settle(document: &mut DocumentMut, before: &Before) {
    let order: Vec<TablePath> = tables_in_order(document.as_table())
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    for (n, path) in order.iter().enumerate() {
        if !before.tables.contains(path) {
            continue;
        }
        let Some(table) = table_at(document.as_table(), path) else {
            continue;
        };
        let added: Vec<String> = (table.iter())
            .filter(|(key, item)| {
                item.is_value() && !before.keys.contains(&(path.clone(), key.to_string()))
            })
            .map(|(key, _)| key.to_string())
            .collect();
        for key in added {
            let _ =
                above_a_key(document, path, &key) || below(document, path, order.get(n + 1), &key);
        }
    }
}

/// A table's commented-out keys below its last key (`# result = ""   # 結果…` under an
/// indicator, as `new` writes them) are, to `toml_edit`, the start of the next header's
/// comments (or the end of the file). A table a save adds right after it would take them
/// under its own keys: they are moved above the added table's header, beside their own keys.
pub fn keep_hints(document: &mut DocumentMut, before: &Before) {
    let order: Vec<TablePath> = tables_in_order(document.as_table())
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    for (n, path) in order.iter().enumerate() {
        let Some(added) = order.get(n + 1) else {
            continue;
        };
        if !before.tables.contains(path) || before.tables.contains(added) {
            continue;
        }
        // The comments are before the next header the file had, or at its end.
        let holder = order[n + 1..].iter().find(|p| before.tables.contains(*p));
        let text = match holder {
            Some(holder) => table_at(document.as_table(), holder)
                .and_then(|t| t.decor().prefix())
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string(),
            None => document.trailing().as_str().unwrap_or("").to_string(),
        };
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let hints = lines
            .iter()
            .take_while(|l| commented_key(l).is_some())
            .count();
        if hints == 0 {
            continue;
        }
        let (hints, rest) = (lines[..hints].concat(), lines[hints..].concat());
        match holder.and_then(|holder| table_at_mut(document.as_table_mut(), holder)) {
            Some(holder) => holder.decor_mut().set_prefix(rest),
            None => document.set_trailing(rest),
        }
        if let Some(table) = table_at_mut(document.as_table_mut(), added) {
            let own = table
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("");
            let prefix = format!("{hints}{own}");
            table.decor_mut().set_prefix(prefix);
        }
    }
}

/// Every table that has a header of its own, in the order the document is written: the top
/// table first, then by position in the file (a table added by a save follows the one before
/// it), as `toml_edit` writes them.
pub(super) fn tables_in_order(top: &Table) -> Vec<(TablePath, &Table)> {
    let mut found = Vec::new();
    let mut last = 0;
    visit(top, &mut Vec::new(), &mut last, &mut found);
    found.sort_by_key(|(position, path, _)| (!path.is_empty(), *position));
    found
        .into_iter()
        .map(|(_, path, table)| (path, table))
        .collect()
}

fn visit<'a>(
    table: &'a Table,
    path: &mut TablePath,
    last: &mut isize,
    found: &mut Vec<(isize, TablePath, &'a Table)>,
) {
    if !table.is_dotted() {
        if let Some(position) = table.position() {
            *last = position;
        }
        if path.is_empty() || !table.is_implicit() {
            found.push((*last, path.clone(), table));
        }
    }
    for (key, item) in table.iter() {
        match item {
            Item::Table(inner) => {
                path.push((key.to_string(), None));
                visit(inner, path, last, found);
                path.pop();
            }
            Item::ArrayOfTables(array) => {
                for (i, inner) in array.iter().enumerate() {
                    path.push((key.to_string(), Some(i)));
                    visit(inner, path, last, found);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

pub(super) fn table_at<'a>(top: &'a Table, path: &[(String, Option<usize>)]) -> Option<&'a Table> {
    path.iter()
        .try_fold(top, |table, (key, index)| match (table.get(key)?, index) {
            (Item::Table(inner), None) => Some(inner),
            (Item::ArrayOfTables(array), Some(i)) => array.get(*i),
            _ => None,
        })
}

pub(super) fn table_at_mut<'a>(
    top: &'a mut Table,
    path: &[(String, Option<usize>)],
) -> Option<&'a mut Table> {
    path.iter().try_fold(top, |table, (key, index)| {
        match (table.get_mut(key)?, index) {
            (Item::Table(inner), None) => Some(inner),
            (Item::ArrayOfTables(array), Some(i)) => array.get_mut(*i),
            _ => None,
        }
    })
}

/// The commented-out line is among the comments above another key of the table: the added
/// key moves to just before that key, the comments above the line go above it, those below
/// stay above the other key.
fn above_a_key(document: &mut DocumentMut, path: &TablePath, key: &str) -> bool {
    let Some(table) = table_at_mut(document.as_table_mut(), path) else {
        return false;
    };
    let names: Vec<String> = table.iter().map(|(name, _)| name.to_string()).collect();
    let prefix_of = |table: &Table, name: &str| {
        let prefix = table.key(name).and_then(|k| k.leaf_decor().prefix());
        prefix.and_then(|p| p.as_str()).unwrap_or("").to_string()
    };
    let Some(holder) = (names.iter())
        .filter(|name| *name != key)
        .find(|name| find_line(&prefix_of(table, name), key).is_some())
        .cloned()
    else {
        return false;
    };
    let prefix = prefix_of(table, &holder);
    let Some((above, line, below)) = find_line(&prefix, key) else {
        return false;
    };
    place(table, key, (&above, line));
    if let Some(mut holder_key) = table.key_mut(&holder) {
        holder_key.leaf_decor_mut().set_prefix(below);
    }
    // Just before the key the line stood above; every other key where it was.
    let rank = |name: &str| match names.iter().position(|n| n == name) {
        Some(_) if name == key => 2 * names.iter().position(|n| *n == holder).unwrap_or(0),
        Some(i) => 2 * i + 1,
        None => 0,
    };
    table.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
    true
}

/// The commented-out line is below the table's keys: in the comments before the next table's
/// header, or at the end of the file. The added key takes its place: keys are added at the end
/// of their table, in order, so the comments above the line go above the key and those below
/// stay below every key added.
fn below(
    document: &mut DocumentMut,
    path: &TablePath,
    next: Option<&TablePath>,
    key: &str,
) -> bool {
    let text = match next {
        Some(next) => table_at(document.as_table(), next)
            .and_then(|t| t.decor().prefix())
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string(),
        None => document.trailing().as_str().unwrap_or("").to_string(),
    };
    let Some((above, line, below)) = find_line(&text, key) else {
        return false;
    };
    let Some(table) = table_at_mut(document.as_table_mut(), path) else {
        return false;
    };
    place(table, key, (&above, line));
    match next.and_then(|next| table_at_mut(document.as_table_mut(), next)) {
        Some(next) => next.decor_mut().set_prefix(below),
        None => document.set_trailing(below),
    }
    true
}

/// The comment lines of `text` before the line `# key = …`, that line, and the lines after.
fn find_line<'a>(text: &'a str, key: &str) -> Option<(String, &'a str, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = lines
        .iter()
        .position(|line| commented_key(line) == Some(key))?;
    Some((lines[..at].concat(), lines[at], lines[at + 1..].concat()))
}

/// `key`, as its commented-out `line` was: the comments above it, the line's indentation, and
/// its note after the value, in its column.
fn place(table: &mut Table, key: &str, (above, line): (&str, &str)) {
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let Some(Item::Value(value)) = table.get_mut(key) else {
        return;
    };
    let written = format!("{indent}{key} = {}", value.clone().decorated("", ""));
    if let Some((column, note)) = note(line.trim_end()) {
        let padding = column.saturating_sub(written.width()).max(2);
        value.decor_mut().set_prefix(" ");
        value
            .decor_mut()
            .set_suffix(format!("{}{note}", " ".repeat(padding)));
    }
    if let Some(mut name) = table.key_mut(key) {
        name.leaf_decor_mut().set_prefix(format!("{above}{indent}"));
    }
}

/// The key of a commented-out line `# key = value`, when it is one.
pub(super) fn commented_key(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start();
    let (key, _) = rest.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    bare.then_some(key)
}

/// The note after the value of a commented-out line (`# 評価日（…）`) and the column it starts
/// at: the first `#` after which the value before it reads as TOML.
fn note(line: &str) -> Option<(usize, &str)> {
    let (_, value) = line.split_once('=')?;
    let start = line.len() - value.len();
    value.match_indices('#').find_map(|(i, _)| {
        let before = value[..i].trim();
        let readable = format!("x = {before}").parse::<DocumentMut>().is_ok();
        readable.then(|| (line[..start + i].width(), &value[i..]))
    })
}
