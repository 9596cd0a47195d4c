//! The slips of typing TOML with a Japanese input method: `＝` for `=`, a full-width space, a
//! value without quotes, `“…”` or `「…」` for `"…"`, Enter inside `"…"`, full-width digits,
//! brackets and `#`, and keys written in Japanese. Each is reported at its own line and column
//! with what to type instead, and mended in a copy of the text (what the writer meant), so that
//! the parser and the checks after it read the rest of the file as if it had been typed right.

use super::shape::{self, Field};
use crate::sheet::problem::SlipKind;
use crate::sheet::problem::{Kind, LineMap, Report};
use std::collections::HashMap;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// The text as its writer meant it, and where its lines are in the file.
pub(super) struct Mended {
    pub(super) text: String,
    pub(super) map: LineMap,
    /// The 1-based lines that have a slip: the parser's own words about them are not needed.
    pub(super) lines: Vec<usize>,
    /// The keys (as paths) of lines left out of the mended text, and the keys a key written in
    /// Japanese likely means: they are not missing, their slip is told.
    pub(super) left_out: Vec<String>,
}

/// The quotes that are typed for `"` with an input method, each with its closing mark.
const QUOTES: [(char, char); 6] = [
    ('“', '”'),
    ('”', '”'),
    ('＂', '＂'),
    ('「', '」'),
    ('『', '』'),
    ('‘', '’'),
];

/// Reports the slips of `text` (a file whose tables have the keys `fields`) and mends them.
pub(super) fn mend(report: &mut Report, text: &str, fields: &'static [Field]) -> Mended {
    let mut scan = Scan {
        report,
        fields,
        mended: Mended {
            text: String::with_capacity(text.len()),
            map: LineMap::default(),
            lines: Vec::new(),
            left_out: Vec::new(),
        },
        table: Table::default(),
        closing: '"',
    };
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .collect();
    let mut i = 0;
    let mut inside: Option<&str> = None;
    while i < lines.len() {
        let (start, line) = lines[i];
        let mut edits = Vec::new();
        let skip = match inside {
            Some(delimiter) => {
                inside = open_at_end(line, Some(delimiter));
                0
            }
            None => scan.line(&lines, i, &mut edits, &mut inside),
        };
        if !edits.is_empty() {
            scan.mended.lines.push(i + 1);
        }
        scan.push(start, line, &edits);
        for &(start, line) in &lines[i + 1..i + 1 + skip] {
            let mut edits = Vec::new();
            let quote = scan.closing;
            if let Some(at) = unescaped_quote(line, quote) {
                edits.push(Edit::new(at..at + 1, quote.to_string().repeat(3)));
            }
            scan.push(start, line, &edits);
        }
        i += 1 + skip;
    }
    scan.mended
}

/// A change to one line: the bytes at `range` (of the line) become `with`.
struct Edit {
    range: Range<usize>,
    with: String,
}

impl Edit {
    fn new(range: Range<usize>, with: impl Into<String>) -> Self {
        Self {
            range,
            with: with.into(),
        }
    }
}

/// Where the scan is: the table the lines are in, as a key path (`goals[2].actions[1]`) and
/// its header (`goals.actions`), and how many of each array of tables there have been.
#[derive(Default)]
struct Table {
    path: String,
    header: String,
    counts: HashMap<String, usize>,
}

struct Scan<'r, 'a> {
    report: &'r mut Report<'a>,
    fields: &'static [Field],
    mended: Mended,
    table: Table,
    /// The quote that closes a value going on past its line (`"` or `'`).
    closing: char,
}

impl Scan<'_, '_> {
    /// Writes a line of the mended text, its edits made, and where it is in the file.
    fn push(&mut self, start: usize, line: &str, edits: &[Edit]) {
        self.mended
            .map
            .push(self.mended.text.len(), start, line.len());
        let mut at = 0;
        let mut edits: Vec<&Edit> = edits.iter().collect();
        // An insertion at a place (a `#` that comments the line out) before a change there.
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        for edit in edits {
            if edit.range.start < at {
                continue;
            }
            self.mended.text.push_str(&line[at..edit.range.start]);
            self.mended.text.push_str(&edit.with);
            at = edit.range.end;
        }
        self.mended.text.push_str(&line[at..]);
    }

    fn slip(&mut self, offset: usize, key: &str, kind: Kind) {
        self.report.error(offset..offset, key, kind);
    }

    /// Scans line `i` (not inside a multi-line string), adding its edits; returns how many of
    /// the following lines belong to it (a `"…"` value that goes on past its line).
    fn line(
        &mut self,
        lines: &[(usize, &str)],
        i: usize,
        edits: &mut Vec<Edit>,
        inside: &mut Option<&'static str>,
    ) -> usize {
        let (start, line) = lines[i];
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches([' ', '\t', '　']).len();
        self.full_width_spaces(start, body, 0..indent, "", edits);
        let rest = &body[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            return 0;
        }
        if rest.starts_with('＃') {
            self.slip(start + indent, "", Kind::Slip(SlipKind::FullWidthHash));
            edits.push(Edit::new(indent..indent + '＃'.len_utf8(), "#"));
            return 0;
        }
        if rest.starts_with(['[', '［']) {
            self.header(start, body, indent, edits);
            return 0;
        }
        self.key_value(lines, i, indent, edits, inside)
    }

    /// Full-width spaces in `range` of `body`: one problem for each run, each made a space.
    fn full_width_spaces(
        &mut self,
        start: usize,
        body: &str,
        range: Range<usize>,
        key: &str,
        edits: &mut Vec<Edit>,
    ) {
        let mut previous = None;
        for (at, c) in body[range.clone()].char_indices() {
            let at = range.start + at;
            if c == '　' {
                if previous != Some(at) {
                    self.slip(start + at, key, Kind::Slip(SlipKind::FullWidthSpace));
                }
                edits.push(Edit::new(at..at + c.len_utf8(), " "));
                previous = Some(at + c.len_utf8());
            }
        }
    }

    /// A `[table]` or `[[array of tables]]` header; full-width brackets are a slip.
    fn header(&mut self, start: usize, body: &str, indent: usize, edits: &mut Vec<Edit>) {
        let end = body.rfind([']', '］']).map_or(body.len(), |at| {
            at + body[at..].chars().next().map_or(1, char::len_utf8)
        });
        let written = &body[indent..end];
        let ascii: String = (written.chars())
            .map(|c| match c {
                '［' => '[',
                '］' => ']',
                '　' => ' ',
                c => c,
            })
            .collect();
        if ascii != written {
            let header = ascii.replace(' ', "");
            let kind = Kind::Slip(SlipKind::FullWidthBrackets {
                written: written.to_string(),
                header: header.clone(),
            });
            self.slip(start + indent, "", kind);
            edits.push(Edit::new(indent..end, header));
        }
        self.table.enter(&ascii);
    }

    /// A `key = value` line.
    fn key_value(
        &mut self,
        lines: &[(usize, &str)],
        i: usize,
        indent: usize,
        edits: &mut Vec<Edit>,
        inside: &mut Option<&'static str>,
    ) -> usize {
        let (start, line) = lines[i];
        let body = line.trim_end_matches(['\n', '\r']);
        let Some((equals, sign)) = separator(body, indent) else {
            return 0;
        };
        let written_key = body[indent..equals].trim_matches([' ', '\t', '　']);
        if written_key.is_empty() {
            return 0; // No key: the parser says so.
        }
        let key = shape::join(&self.table.path, written_key.trim_matches(['"', '\'']));
        self.full_width_spaces(start, body, indent..equals, &key, edits);
        if sign == '＝' {
            self.slip(start + equals, &key, Kind::Slip(SlipKind::FullWidthEquals));
            edits.push(Edit::new(equals..equals + sign.len_utf8(), "="));
        }
        let quoted = written_key.starts_with(['"', '\'']);
        if !quoted && !written_key.is_ascii() {
            self.japanese_key(start + indent, written_key, &key);
            // Left out of what is read: it is no key the file may have.
            edits.push(Edit::new(indent..indent, "#"));
            self.mended.left_out.push(key);
            return 0;
        }
        let after = equals + sign.len_utf8();
        let value_at =
            after + body[after..].len() - body[after..].trim_start_matches([' ', '\t', '　']).len();
        self.full_width_spaces(start, body, after..value_at, &key, edits);
        self.value(lines, i, value_at, &key, edits, inside)
    }

    fn japanese_key(&mut self, offset: usize, written: &str, key: &str) {
        let fields = shape::fields_at(self.fields, &self.table.header).unwrap_or_default();
        let suggestion = likely_key(written, fields);
        if let Some(meant) = suggestion {
            let meant = shape::join(&self.table.path, meant);
            self.mended.left_out.push(meant);
        }
        let kind = Kind::Slip(SlipKind::JapaneseKey {
            key: written.to_string(),
            suggestion: suggestion.map(str::to_string),
            keys: fields.iter().map(|f| f.key.to_string()).collect(),
        });
        self.slip(offset, key, kind);
    }

    /// The value of a `key = value` line, from byte `at` of the line.
    fn value(
        &mut self,
        lines: &[(usize, &str)],
        i: usize,
        at: usize,
        key: &str,
        edits: &mut Vec<Edit>,
        inside: &mut Option<&'static str>,
    ) -> usize {
        let (start, line) = lines[i];
        let body = line.trim_end_matches(['\n', '\r']);
        let value = &body[at..];
        if value.starts_with("\"\"\"") || value.starts_with("'''") {
            *inside = open_at_end(value, None);
            return 0;
        }
        if let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let closed = unescaped_quote(&value[1..], quote).map(|end| at + 1 + end + 1);
            return match closed {
                Some(end) => {
                    self.trailing(start, body, end, key, edits);
                    0
                }
                None => self.newline_in_string(lines, i, at, quote, key, edits),
            };
        }
        if let Some(&(open, close)) = QUOTES.iter().find(|(open, _)| value.starts_with(*open)) {
            self.curly(start, body, at, (open, close), key, edits);
            return 0;
        }
        if value.starts_with(['[', '{']) {
            // A multi-line string may open inside an array and close lines below.
            if let Some(delimiter) = open_at_end(value, None) {
                *inside = Some(delimiter);
                return 0;
            }
            self.curly_in_array(start, body, at, key, edits);
            return 0;
        }
        self.bare(start, body, at, key, edits);
        0
    }

    /// What follows a closed string: a full-width space before a comment is a slip.
    fn trailing(&mut self, start: usize, body: &str, end: usize, key: &str, edits: &mut Vec<Edit>) {
        let rest = &body[end..];
        let blank = rest.len() - rest.trim_start_matches([' ', '\t', '　']).len();
        self.full_width_spaces(start, body, end..end + blank, key, edits);
    }

    /// A `"…"` not closed on its line: Enter pressed inside it. Mended as a `"""…"""` string
    /// when a later line closes it.
    fn newline_in_string(
        &mut self,
        lines: &[(usize, &str)],
        i: usize,
        at: usize,
        quote: char,
        key: &str,
        edits: &mut Vec<Edit>,
    ) -> usize {
        let (start, _) = lines[i];
        let kind = Kind::Slip(SlipKind::NewlineInString { key: name(key) });
        self.slip(start + at, key, kind);
        // The text goes on until a line with the closing quote, before the next `key =`.
        let mut closing = None;
        for (n, (_, line)) in lines[i + 1..].iter().enumerate().take(100) {
            let key_at = separator(line, 0).map(|(at, _)| at);
            match unescaped_quote(line, quote) {
                Some(at) if key_at.is_none_or(|key_at| at < key_at) => {
                    closing = Some(n + 1);
                    break;
                }
                _ if key_at.is_some() || line.trim_start().starts_with('[') => break,
                _ => {}
            }
        }
        match closing {
            Some(count) => {
                edits.push(Edit::new(at..at + 1, quote.to_string().repeat(3)));
                self.closing = quote;
                count
            }
            None => {
                edits.push(Edit::new(0..0, "#"));
                self.mended.left_out.push(key.to_string());
                0
            }
        }
    }

    /// A value in `“…”`, `「…」` or `＂…＂`.
    fn curly(
        &mut self,
        start: usize,
        body: &str,
        at: usize,
        (open, close): (char, char),
        key: &str,
        edits: &mut Vec<Edit>,
    ) {
        let kind = Kind::Slip(SlipKind::CurlyQuotes {
            key: name(key),
            quote: open.to_string(),
        });
        self.slip(start + at, key, kind);
        let inner_at = at + open.len_utf8();
        match body[inner_at..].rfind(close) {
            Some(end) => {
                let end = inner_at + end;
                let inner = body[inner_at..end]
                    .replace('\\', "\\\\")
                    .replace('"', "\\\"");
                edits.push(Edit::new(
                    at..end + close.len_utf8(),
                    format!("\"{inner}\""),
                ));
            }
            None => {
                edits.push(Edit::new(0..0, "#"));
                self.mended.left_out.push(key.to_string());
            }
        }
    }

    /// Curly quotes around the items of an array (`["区長", “課長”]`), outside its `"…"`.
    fn curly_in_array(
        &mut self,
        start: usize,
        body: &str,
        at: usize,
        key: &str,
        edits: &mut Vec<Edit>,
    ) {
        let mut curly = Vec::new();
        outside_strings(&body[at..], None, |i, c| {
            if QUOTES.iter().any(|(open, close)| *open == c || *close == c) {
                curly.push((at + i, c));
            }
        });
        if let Some(&(first, c)) = curly.first() {
            let kind = Kind::Slip(SlipKind::CurlyQuotes {
                key: name(key),
                quote: c.to_string(),
            });
            self.slip(start + first, key, kind);
        }
        for (i, c) in curly {
            edits.push(Edit::new(i..i + c.len_utf8(), "\""));
        }
    }

    /// A value with no quotes: a number, date or true/false as it is; full-width digits, or
    /// text that needs quotes, a slip.
    fn bare(&mut self, start: usize, body: &str, at: usize, key: &str, edits: &mut Vec<Edit>) {
        let end = body[at..].find(" #").map_or(body.len(), |i| at + i);
        let written = body[at..end].trim_end_matches([' ', '\t', '　']);
        // A value starting with `=`, `,` or the like is no text typed without quotes: the
        // parser says what is wrong with it.
        let punctuation =
            written.starts_with(|c: char| c.is_ascii_punctuation() && !"+-.".contains(c));
        if written.is_empty() || punctuation || is_value(written) {
            return;
        }
        let range = at..at + written.len();
        let ascii: String = written.nfkc().collect();
        if ascii != written && is_value(&ascii) {
            let kind = Kind::Slip(SlipKind::FullWidthDigits {
                written: written.to_string(),
                digits: ascii.clone(),
            });
            self.slip(start + at, key, kind);
            edits.push(Edit::new(range, ascii));
            return;
        }
        let kind = Kind::Slip(SlipKind::Unquoted {
            key: name(key),
            value: written.to_string(),
        });
        self.slip(start + at, key, kind);
        let quoted = written.replace('\\', "\\\\").replace('"', "\\\"");
        edits.push(Edit::new(range, format!("\"{quoted}\"")));
    }
}

impl Table {
    /// Enters the table of a header as written (`[[goals.actions]]`).
    fn enter(&mut self, header: &str) {
        let array = header.trim_start().starts_with("[[");
        let name: String = (header.chars())
            .filter(|c| !matches!(c, '[' | ']' | ' ' | '\t'))
            .collect();
        if array {
            *self.counts.entry(name.clone()).or_default() += 1;
            let prefix = format!("{name}.");
            self.counts.retain(|k, _| !k.starts_with(&prefix));
        }
        let mut path = Vec::new();
        let mut so_far = String::new();
        for part in name.split('.') {
            so_far = shape::join(&so_far, part);
            match self.counts.get(&so_far) {
                Some(n) => path.push(format!("{part}[{n}]")),
                None => path.push(part.to_string()),
            }
        }
        self.path = path.join(".");
        self.header = name;
    }
}

/// The last key of a key path, as it is written on its line: `goals[1].rating` → `rating`.
fn name(key: &str) -> String {
    key.rsplit('.').next().unwrap_or(key).to_string()
}

/// Where a line's `=` (or `＝`) is, outside a quoted key; `None` for a line with none.
fn separator(body: &str, from: usize) -> Option<(usize, char)> {
    let mut quote = None;
    for (i, c) in body.get(from..)?.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '=' | '＝') => return Some((from + i, c)),
            (None, '#') => return None,
            _ => {}
        }
    }
    None
}

/// The multi-line string (`"""` or `'''`) still open at the end of `text`, which starts
/// inside `open` (or outside any string).
fn open_at_end(text: &str, open: Option<&'static str>) -> Option<&'static str> {
    outside_strings(text, open, |_, _| {})
}

/// Walks `text` (which starts inside the string `open`, or outside any) up to a comment,
/// calling `visit` with the place and character of everything outside its strings; gives the
/// multi-line string still open at its end.
fn outside_strings(
    text: &str,
    open: Option<&'static str>,
    mut visit: impl FnMut(usize, char),
) -> Option<&'static str> {
    const DELIMITERS: [&str; 4] = ["\"\"\"", "'''", "\"", "'"];
    let mut quoted = open;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        match quoted {
            Some(delimiter) if delimiter.starts_with('"') && c == '\\' => {
                // The escaped character is skipped with the backslash.
                i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                continue;
            }
            Some(delimiter) if rest.starts_with(delimiter) => {
                quoted = None;
                i += delimiter.len();
                continue;
            }
            Some(_) => {}
            None if c == '#' => break,
            None => match DELIMITERS.iter().find(|d| rest.starts_with(**d)) {
                Some(delimiter) => {
                    quoted = Some(delimiter);
                    i += delimiter.len();
                    continue;
                }
                None => visit(i, c),
            },
        }
        i += c.len_utf8();
    }
    quoted.filter(|delimiter| delimiter.len() == 3)
}

/// Where the first `quote` in `text` is that no backslash escapes (for `'`, none can).
fn unescaped_quote(text: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' if quote == '"' => escaped = !escaped,
            c if c == quote && !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// Whether `text` is a TOML value as it is written (a number, a date, true or false).
fn is_value(text: &str) -> bool {
    toml::de::DeValue::parse(text).is_ok()
}

/// The key a key written in Japanese most likely means, by the words the sheet uses for each
/// key (its schema's description): `評価` → `rating`, `組織目標` → `text` in a `[[goals]]`.
fn likely_key(written: &str, fields: &[Field]) -> Option<&'static str> {
    let label = |f: &Field| f.about.split(['（', '(']).next().unwrap_or(f.about);
    let score = |f: &Field| -> (usize, usize) {
        let rank = if label(f) == written {
            3
        } else if label(f).contains(written) {
            2
        } else if f.about.contains(written) {
            1
        } else {
            0
        };
        let common = match rank {
            0 => common_run(written, f.about),
            _ => written.chars().count(),
        };
        (rank, common)
    };
    fields
        .iter()
        .map(|f| (score(f), f))
        .filter(|((rank, common), _)| *rank > 0 || *common >= 2)
        .max_by(|(a, f), (b, g)| {
            a.cmp(b)
                .then_with(|| label(g).chars().count().cmp(&label(f).chars().count()))
                .then_with(|| g.about.chars().count().cmp(&f.about.chars().count()))
        })
        .map(|(_, f)| f.key)
}

/// The length in characters of the longest run of characters two texts share.
fn common_run(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut best = 0;
    for i in 0..a.len() {
        for j in 0..b.len() {
            let run = (0..).take_while(|k| a.get(i + k).is_some_and(|c| b.get(j + k) == Some(c)));
            best = best.max(run.count());
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn slips(text: &str) -> (Vec<Kind>, String) {
        let mut report = Report::new(Path::new("01.toml"), text);
        let mended = mend(&mut report, text, shape::division());
        let kinds = report.problems.into_iter().map(|p| p.kind).collect();
        (kinds, mended.text)
    }

    #[test]
    fn valid_toml_has_no_slips_whatever_its_strings_hold() {
        let text = r#"order = 1 # ＝ and 「」 in a comment
department = "区＝「役所」　“本庁”"
division = '課\n'
policy_indicators = ["「一」", '＂二＂', """
三
＝ 四 ［［goals］］
""", '''
＃ 五
''']
approval = [
  "区長",
  "課長",
]
[[goals]]
text = """
　全角スペースで始まる行
status = "これも本文"
"""
  [[goals.actions]]
  name = "a" # “b”
  summary = 'c'
    [[goals.actions.indicators]]
    name = "b"
    target = "10者"
    inline = { a = "「」", b = 1 }
"#;
        let (kinds, mended) = slips(text);
        assert!(kinds.is_empty(), "{kinds:?}");
        assert_eq!(mended, text);
    }

    #[test]
    fn the_mended_text_is_what_the_writer_meant() {
        let text = "order　＝　３\n［goals］\n＃ x\ntext = 「目標」\nrating = “○”\nstatus = \"一\n二\"\ntarget = 10者\n";
        let (kinds, mended) = slips(text);
        assert_eq!(kinds.len(), 10, "{kinds:?}");
        assert_eq!(
            mended,
            "order = 3\n[goals]\n# x\ntext = \"目標\"\nrating = \"○\"\nstatus = \"\"\"一\n二\"\"\"\ntarget = \"10者\"\n"
        );
        assert!(toml::de::DeTable::parse(&mended).is_ok(), "{mended}");
    }
}
