//! The layout's rules, read from the source itself (see `docs/ARCHITECTURE.md`): the arrows
//! between files (every `crate::`, `super::` and `mokuhyo::` path, in `use` lines and inline)
//! make no circle and never point from a lower wing up to a higher one; no file has more than
//! 600 lines of code and no function more than 80. Test modules (`#[cfg(test)]`) are left out
//! of all three, as are comments and blank lines from the counts.
//!
//! A module's root file (`mod.rs`) and the files of its folder are one part: the root declares
//! and re-exports them, so arrows between a file and the roots above it are not arrows between
//! parts. Every other pair of files counts, siblings included.
//!
//! `cargo test --lib architecture -- --nocapture` prints the figures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_FUNCTION_LINES: usize = 80;

/// The binary's files are under this name, beside the library's modules.
const BIN: &str = "<bin>";

/// A source file: where it is, its module path and its code with comments blanked, string
/// contents neutralised and test modules removed.
struct Source {
    /// Relative to `src/`, with `/`.
    name: String,
    module: Vec<String>,
    /// `mod.rs`, `lib.rs` or `main.rs`: the root of a folder of modules.
    root: bool,
    code: String,
    /// The code with the contents of its string literals kept (comments and tests left out).
    spelled: String,
}

/// How high a file's wing stands: arrows may only point to a lower or the same wing.
fn wing(module: &[String]) -> (u8, &'static str) {
    match module.first().map(String::as_str) {
        Some(BIN) => (4, "binary"),
        Some("serve") => (3, "serve"),
        Some("pdf") => (2, "pdf"),
        Some("exchange") => (2, "exchange"),
        Some("sheet") => (1, "sheet"),
        _ => (0, "ground"),
    }
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    let mut sources: Vec<Source> = files
        .iter()
        .map(|file| {
            let name = file
                .strip_prefix(&src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(file).expect("source readable");
            let (module, root) = module_of(&name);
            let code = without_tests(&blank(&text));
            Source {
                name,
                module,
                root,
                spelled: spelled(&text, &code),
                code,
            }
        })
        .collect();
    // Files that are test modules as a whole (`#[cfg(test)] mod tests;`).
    let test_files: BTreeSet<Vec<String>> = files
        .iter()
        .zip(&sources)
        .flat_map(|(file, source)| {
            let text = blank(&std::fs::read_to_string(file).expect("source readable"));
            test_modules(&text)
                .into_iter()
                .map(|name| {
                    // `a/mod.rs` and `a.rs` alike declare `a/tests.rs`.
                    let mut module = source.module.clone();
                    module.push(name);
                    module
                })
                .collect::<Vec<_>>()
        })
        .collect();
    sources
        .retain(|source| !test_files.contains(&source.module) && source.name != "architecture.rs");
    sources
}

fn collect(folder: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("src readable")
        .map(|entry| entry.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|ending| ending == "rs") {
            files.push(path);
        }
    }
}

fn module_of(name: &str) -> (Vec<String>, bool) {
    let mut parts: Vec<String> = name
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    let in_bin = parts[0] == "main" || parts[0] == "cli";
    let last = parts.pop().expect("a name");
    let root = matches!(last.as_str(), "mod" | "lib" | "main");
    if !root {
        parts.push(last);
    }
    if in_bin {
        parts.insert(0, BIN.to_string());
    }
    (parts, root)
}

/// The text with comments turned into spaces and the contents of string and character literals
/// into `s`, lines kept: braces and paths that remain are code.
fn blank(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep =
        |c: char, out: &mut String, with: char| out.push(if c == '\n' { '\n' } else { with });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    keep(chars[i], &mut out, ' ');
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.extend(std::iter::repeat_n(' ', j - i + 1));
            i = j + 1;
            while i < chars.len() {
                if chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                keep(chars[i], &mut out, 's');
                i += 1;
            }
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    keep(chars[i], &mut out, 's');
                    i += 1;
                }
                if i < chars.len() {
                    keep(chars[i], &mut out, 's');
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && char_literal_length(&chars, i).is_some() {
            let length = char_literal_length(&chars, i).expect("checked");
            out.push('\'');
            out.extend(std::iter::repeat_n('s', length - 2));
            out.push('\'');
            i += length;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The text as `code` has it (comments and tests blanked), with the contents of its string
/// and character literals as written: where a key is named, in code or in a literal.
fn spelled(text: &str, code: &str) -> String {
    let blanked = blank(text);
    (text.chars().zip(blanked.chars()).zip(code.chars()))
        .map(|((written, blanked), code)| match (blanked, code) {
            ('s', 's') => written,
            (_, code) => code,
        })
        .collect()
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// The length of the character literal at `i` (`'a'`, `'\n'`, `'\u{3000}'`), or `None` for a
/// lifetime.
fn char_literal_length(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i + 1) == Some(&'\\') {
        let end = (i + 2..chars.len().min(i + 14)).find(|&j| chars[j] == '\'')?;
        return Some(end - i + 1);
    }
    (chars.get(i + 2) == Some(&'\'')).then_some(3)
}

/// Names of the modules declared `#[cfg(test)] mod name;` in a file.
fn test_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        rest = &rest[at + "#[cfg(test)]".len()..];
        let item = rest.trim_start();
        if let Some(declared) = item
            .strip_prefix("mod ")
            .or_else(|| item.strip_prefix("pub mod "))
            .or_else(|| item.strip_prefix("pub(crate) mod "))
        {
            let name: String = declared
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if declared[name.len()..].trim_start().starts_with(';') {
                names.push(name);
            }
        }
    }
    names
}

/// The code with every item marked `#[cfg(test)]` blanked (lines kept).
fn without_tests(code: &str) -> String {
    let mut out: Vec<char> = code.chars().collect();
    let marker: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + marker.len() <= out.len() {
        if out[i..i + marker.len()] != marker[..] {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + marker.len();
        let mut depth = 0usize;
        while j < out.len() {
            match out[j] {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ';' if depth == 0 => break,
                _ => {}
            }
            j += 1;
        }
        let last = j.min(out.len() - 1);
        for c in &mut out[start..=last] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = j;
    }
    out.into_iter().collect()
}

/// A path a file names, and the name it gives it when a `use` line brings it in.
struct Named {
    path: Vec<String>,
    /// The name it is known by here, and whether it is re-exported (`pub use`).
    used_as: Option<(String, bool)>,
}

/// The paths a file names: those of its `use` lines, expanded, and the `crate::`, `super::`,
/// `self::` and `mokuhyo::` paths written inline.
fn paths(code: &str) -> Vec<Named> {
    let mut found = Vec::new();
    let mut rest = String::with_capacity(code.len());
    let mut i = 0;
    let bytes = code.as_bytes();
    while i < code.len() {
        let at_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if at_word && code[i..].starts_with("use ") {
            let public =
                code[..i].trim_end().ends_with("pub") || code[..i].trim_end().ends_with(')');
            let end = code[i..].find(';').map_or(code.len(), |end| i + end);
            let words = code[i + 4..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let tree = words.replace(" as ", "@").replace(' ', "");
            let mut expanded = Vec::new();
            expand(&tree, &mut Vec::new(), &mut expanded);
            found.extend(expanded.into_iter().map(|(path, name)| Named {
                path,
                used_as: Some((name, public)),
            }));
            rest.push_str(&" ".repeat(end - i));
            i = end;
        } else {
            let c = code[i..].chars().next().expect("in bounds");
            rest.push(c);
            i += c.len_utf8();
        }
    }
    let chars: Vec<char> = rest.chars().collect();
    for (i, _) in chars.iter().enumerate() {
        if ident_before(&chars, i) {
            continue;
        }
        let tail: String = chars[i..chars.len().min(i + 12)].iter().collect();
        if ["crate::", "super::", "self::", "mokuhyo::"]
            .iter()
            .any(|start| tail.starts_with(start))
        {
            let path: String = chars[i..]
                .iter()
                .take_while(|c| c.is_alphanumeric() || **c == '_' || **c == ':')
                .collect();
            let path = path
                .split("::")
                .filter(|part| !part.is_empty())
                .map(String::from)
                .collect();
            found.push(Named {
                path,
                used_as: None,
            });
        }
    }
    found
}

/// A `use` tree (`a::{b, c::{d, e@f}}`: whitespace removed, `as` written `@`) as its paths,
/// each with the name it is known by.
fn expand(tree: &str, prefix: &mut Vec<String>, found: &mut Vec<(Vec<String>, String)>) {
    let tree = tree.trim_start_matches("::");
    match tree.find('{') {
        Some(open) if tree.ends_with('}') => {
            let head: Vec<String> = tree[..open]
                .split("::")
                .filter(|part| !part.is_empty())
                .map(String::from)
                .collect();
            let depth = prefix.len();
            prefix.extend(head);
            for branch in split_top(&tree[open + 1..tree.len() - 1]) {
                expand(branch, prefix, found);
            }
            prefix.truncate(depth);
        }
        _ => {
            let (tree, alias) = tree
                .split_once('@')
                .map_or((tree, None), |(tree, alias)| (tree, Some(alias)));
            let mut path = prefix.clone();
            path.extend(
                tree.split("::")
                    .filter(|part| !part.is_empty() && *part != "self")
                    .map(String::from),
            );
            if let Some(last) = path.last().cloned() {
                found.push((path, alias.map_or(last, String::from)));
            }
        }
    }
}

fn split_top(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    parts.into_iter().filter(|part| !part.is_empty()).collect()
}

/// The file a path leads to: its longest beginning that is a module of ours, followed through
/// that module's re-exports (`pub use`) to the file that defines the name.
fn resolve(sources: &[Source], from: usize, path: &[String], modules: &Modules) -> Option<usize> {
    let source = &sources[from];
    // A `use` line may start at a module of its own (`pub use files::ward_schema;`).
    let relative;
    let path = match path.first().map(String::as_str) {
        Some("crate" | "mokuhyo" | "self" | "super") | None => path,
        Some(_) => {
            relative = [&["self".to_string()], path].concat();
            &relative[..]
        }
    };
    let in_bin = source.module.first().map(String::as_str) == Some(BIN);
    let mut absolute: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") if in_bin => vec![BIN.to_string()],
        Some("crate") | Some("mokuhyo") => Vec::new(),
        Some("self") => source.module.clone(),
        Some("super") => source.module[..source.module.len().saturating_sub(1)].to_vec(),
        _ => return None,
    };

    for part in &path[1..] {
        if part == "super" {
            absolute.pop();
        } else {
            absolute.push(part.clone());
        }
    }
    let length = (0..=absolute.len())
        .rev()
        .find(|&length| modules.files.contains_key(&absolute[..length]))?;
    let file = modules.files[&absolute[..length]];
    let reexported = absolute
        .get(length)
        .and_then(|name| modules.reexports[file].get(name));
    match reexported {
        Some(onward)
            if onward.first().map(String::as_str) != Some(&absolute[length]) || length > 0 =>
        {
            resolve(sources, file, onward, modules).or(Some(file))
        }
        _ => Some(file),
    }
}

struct Modules {
    files: BTreeMap<Vec<String>, usize>,
    /// Per file, the names it re-exports and their paths.
    reexports: Vec<BTreeMap<String, Vec<String>>>,
}

/// Arrows between files, a file's own module root above it left out.
fn arrows(sources: &[Source]) -> BTreeSet<(usize, usize)> {
    let named: Vec<Vec<Named>> = sources.iter().map(|source| paths(&source.code)).collect();
    let modules = Modules {
        files: sources
            .iter()
            .enumerate()
            .map(|(i, source)| (source.module.clone(), i))
            .collect(),
        reexports: named
            .iter()
            .map(|paths| {
                paths
                    .iter()
                    .filter_map(|named| match &named.used_as {
                        Some((name, true)) => Some((name.clone(), named.path.clone())),
                        _ => None,
                    })
                    .collect()
            })
            .collect(),
    };
    let mut arrows = BTreeSet::new();
    for (from, source) in sources.iter().enumerate() {
        for named in &named[from] {
            let Some(to) = resolve(sources, from, &named.path, &modules) else {
                continue;
            };
            let target = &sources[to];
            let nested = |outer: &Source, inner: &Source| {
                outer.root && inner.module.starts_with(&outer.module)
            };
            if to != from && !nested(target, source) && !nested(source, target) {
                arrows.insert((from, to));
            }
        }
    }
    arrows
}

/// Groups of files that reach each other (Tarjan's strongly connected components, size ≥ 2).
fn circles(count: usize, arrows: &BTreeSet<(usize, usize)>) -> Vec<Vec<usize>> {
    struct State<'a> {
        next: Vec<Vec<usize>>,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        counter: usize,
        found: &'a mut Vec<Vec<usize>>,
    }
    fn visit(state: &mut State, node: usize) {
        state.index[node] = Some(state.counter);
        state.low[node] = state.counter;
        state.counter += 1;
        state.stack.push(node);
        state.on_stack[node] = true;
        for next in state.next[node].clone() {
            match state.index[next] {
                None => {
                    visit(state, next);
                    state.low[node] = state.low[node].min(state.low[next]);
                }
                Some(index) if state.on_stack[next] => state.low[node] = state.low[node].min(index),
                Some(_) => {}
            }
        }
        if Some(state.low[node]) == state.index[node] {
            let mut group = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack[member] = false;
                group.push(member);
                if member == node {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                state.found.push(group);
            }
        }
    }
    let mut next = vec![Vec::new(); count];
    for &(from, to) in arrows {
        next[from].push(to);
    }
    let mut found = Vec::new();
    let mut state = State {
        next,
        index: vec![None; count],
        low: vec![0; count],
        on_stack: vec![false; count],
        stack: Vec::new(),
        counter: 0,
        found: &mut found,
    };
    for node in 0..count {
        if state.index[node].is_none() {
            visit(&mut state, node);
        }
    }
    found
}

fn code_lines(text: &str) -> usize {
    text.lines().filter(|line| !line.trim().is_empty()).count()
}

/// Every function's name and its lines of code, from `fn` to its closing brace.
fn functions(code: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i + 3 < chars.len() {
        let is_fn = chars[i] == 'f'
            && chars[i + 1] == 'n'
            && chars[i + 2] == ' '
            && !ident_before(&chars, i);
        if !is_fn {
            i += 1;
            continue;
        }
        let name: String = chars[i + 3..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        let mut j = i + 3;
        while j < chars.len() && chars[j] != '{' && chars[j] != ';' {
            j += 1;
        }
        if j >= chars.len() || chars[j] == ';' {
            i = j;
            continue;
        }
        let mut depth = 0;
        let mut end = j;
        while end < chars.len() {
            match chars[end] {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            end += 1;
        }
        let body: String = chars[i..end.min(chars.len() - 1) + 1].iter().collect();
        found.push((name, code_lines(&body)));
        i += 3;
    }
    found
}

#[test]
fn arrows_make_no_circle_and_never_point_up() {
    let sources = sources();
    let arrows = arrows(&sources);
    let name = |i: usize| sources[i].name.as_str();
    let circles = circles(sources.len(), &arrows);
    let upward: Vec<String> = arrows
        .iter()
        .filter(|&&(from, to)| wing(&sources[from].module).0 < wing(&sources[to].module).0)
        .map(|&(from, to)| {
            let (from_wing, to_wing) = (wing(&sources[from].module).1, wing(&sources[to].module).1);
            format!("{} ({from_wing}) → {} ({to_wing})", name(from), name(to))
        })
        .collect();
    let between_wings = arrows
        .iter()
        .filter(|&&(from, to)| wing(&sources[from].module).1 != wing(&sources[to].module).1)
        .count();
    let circles: Vec<Vec<&str>> = (circles.iter())
        .map(|group| group.iter().map(|&i| name(i)).collect::<Vec<_>>())
        .collect();
    println!(
        "{} files, {} arrows between files ({between_wings} between wings): {} circles, {} upward",
        sources.len(),
        arrows.len(),
        circles.len(),
        upward.len()
    );
    let inside: Vec<String> = arrows
        .iter()
        .filter(|(from, to)| {
            circles
                .iter()
                .any(|group| group.contains(&name(*from)) && group.contains(&name(*to)))
        })
        .map(|&(from, to)| format!("{} → {}", name(from), name(to)))
        .collect();
    assert!(
        circles.is_empty() && upward.is_empty(),
        "files that import each other: {circles:#?}\n{inside:#?}\narrows pointing up: {upward:#?}"
    );
}

#[test]
fn no_file_and_no_function_is_too_long() {
    let sources = sources();
    let mut longest = (0, "");
    let mut too_long = Vec::new();
    let mut longest_function = (0, String::new());
    for source in &sources {
        let lines = code_lines(&source.code);
        if lines > longest.0 {
            longest = (lines, &source.name);
        }
        if lines > MAX_FILE_LINES {
            too_long.push(format!("{}: {lines} lines of code", source.name));
        }
        for (function, lines) in functions(&source.code) {
            if lines > longest_function.0 {
                longest_function = (lines, format!("{}: fn {function}", source.name));
            }
            if lines > MAX_FUNCTION_LINES {
                too_long.push(format!("{}: fn {function}: {lines} lines", source.name));
            }
        }
    }
    println!(
        "longest file {} ({} lines of code), longest function {} ({} lines)",
        longest.1, longest.0, longest_function.1, longest_function.0
    );
    assert!(too_long.is_empty(), "too long: {too_long:#?}");
}

/// The reading itself: comments, strings and test modules are not code; `use` trees expand.
#[test]
fn the_reading_sees_code_only() {
    let code =
        blank("let a = \"crate::x { \"; // crate::y {\nlet c = '{'; /* } */ fn f<'a>() {}\n");
    assert!(!code.contains("crate::"));
    assert_eq!(code.matches('{').count(), 1);
    assert_eq!(code.lines().count(), 2);
    let code = without_tests("fn a() {}\n#[cfg(test)]\nmod tests {\n fn b() {}\n}\nfn c() {}\n");
    let names: Vec<String> = functions(&code).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["a", "c"]);
    let mut found = Vec::new();
    expand("crate::{a::{self,B},c::D@E}", &mut Vec::new(), &mut found);
    let names: Vec<&str> = found.iter().map(|(_, name)| name.as_str()).collect();
    assert_eq!(names, ["a", "B", "E"]);
    assert_eq!(found[2].0, ["crate", "c", "D"]);
}

/// The files besides the table (`sheet/fields.rs`), the typed model (`sheet/model/mod.rs`) and
/// the template (`templates/form.typ`) that a field's key may be named in: one.
const MAX_FILES_PER_KEY: usize = 4;

/// The keys of the field table held to [`MAX_FILES_PER_KEY`]: those that are no common English
/// word, so that a whole-word reading finds the key and not the word.
const DISTINCTIVE_KEYS: [&str; 3] = ["next_steps", "policy_indicators", "plan_ref"];

/// Whether `word` stands in `text` as a whole word (not inside a longer name).
fn names(text: &str, word: &str) -> bool {
    let part = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(part) && !after.is_some_and(part)
    })
}

/// The files that are not tests and name `key`: the library's and the binary's (code and
/// literals, comments aside), the templates and the browser's script.
fn files_naming(sources: &[Source], key: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut others = Vec::new();
    collect_with(&root.join("templates"), "typ", &mut others);
    collect_with(&root.join("assets"), "js", &mut others);
    let mut files: Vec<String> = (sources.iter())
        .filter(|source| names(&source.spelled, key))
        .map(|source| source.name.clone())
        .collect();
    for file in others {
        let text = std::fs::read_to_string(&file).expect("readable");
        let code: String = (text.lines())
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        if names(&code, key) {
            let name = file.strip_prefix(root).expect("under the root");
            files.push(name.to_string_lossy().replace('\\', "/"));
        }
    }
    files
}

fn collect_with(folder: &Path, ending: &str, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.map(|entry| entry.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_with(&path, ending, files);
        } else if path.extension().is_some_and(|e| e == ending) {
            files.push(path);
        }
    }
}

/// A field's key is named in the table, the typed model, the template and at most one file
/// more (the file format's serde structs): the rest reads the fields through the table.
#[test]
fn a_fields_key_is_named_in_few_files() {
    let sources = sources();
    let mut too_many = Vec::new();
    let mut figures = Vec::new();
    for field in crate::sheet::fields::FIELDS {
        let files = files_naming(&sources, field.key);
        let figure = format!("{} {}", field.key, files.len());
        if !figures.contains(&figure) {
            figures.push(figure);
        }
        if DISTINCTIVE_KEYS.contains(&field.key) && files.len() > MAX_FILES_PER_KEY {
            too_many.push(format!("{}: {files:?}", field.key));
        }
    }
    println!("files naming each key: {}", figures.join(", "));
    assert!(
        too_many.is_empty(),
        "keys named in too many files: {too_many:#?}"
    );
}

#[test]
fn a_key_is_found_where_it_is_named_only() {
    let text = "let a = g.plan_ref; // plan_ref\nlet b = \"goals[1].plan_ref\";\n";
    let code = without_tests(&blank(text));
    let kept = spelled(text, &code);
    assert_eq!(kept.matches("plan_ref").count(), 2, "{kept}");
    assert!(names("x.plan_ref", "plan_ref") && !names("plan_refs", "plan_ref"));
    let tested = "#[cfg(test)]\nmod tests {\n const K: &str = \"plan_ref\";\n}\n";
    assert!(!names(
        &spelled(tested, &without_tests(&blank(tested))),
        "plan_ref"
    ));
}
