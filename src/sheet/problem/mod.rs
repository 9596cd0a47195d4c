//! Problems with the input: what is wrong, where (file, line, column, key), and the line itself
//! with a caret under the place, so that whoever wrote the file can act on it.
//!
//! ```text
//! sheets/higashi-r5/01_地域課.toml:8:10: error: `goals[1].rating`: `◎` is not a rating: …
//!     8 | rating = "◎"
//!       |          ^
//! ```

mod kind;
mod words;

pub use kind::{
    CharacterKind, Expected, FileKind, FormatKind, Found, Kind, NotAFileKind, RuleKind, SlipKind,
    TextPlace,
};

use crate::output::visible;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file: 1-based line and column (counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Something wrong with an input file, and where it is. As JSON, its kind's arguments beside
/// its place: `{"severity": "error", "file": …, "line": 8, "column": 10, "key":
/// "goals[1].rating", "kind": "not_a_rating", "mark": "◎", …}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: PathBuf,
    /// Where in the file; `None` when the problem is the file (or folder) as a whole.
    pub at: Option<Position>,
    /// The key the problem is about, as a path: `goals[2].rating`.
    pub key: String,
    /// The division the file is of, when its `division` could be read.
    pub division: Option<String>,
    /// The goal's No. the key is under (`goals[2].rating` → 2).
    pub goal: Option<usize>,
    /// What is wrong, with its arguments; in words only where it is shown.
    #[serde(flatten)]
    pub kind: Kind,
    /// The text of the line the problem is on (empty when there is none), shown with a caret.
    pub source_line: String,
}

impl Problem {
    /// An error with a whole file or folder (no line to point at).
    pub fn whole_file(file: &Path, kind: Kind) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_path_buf(),
            at: None,
            key: String::new(),
            division: None,
            goal: None,
            kind,
            source_line: String::new(),
        }
    }

    /// The same problem as a warning.
    pub fn warning(self) -> Self {
        Self {
            severity: Severity::Warning,
            ..self
        }
    }

    /// What is wrong, in the chosen language's words.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => crate::t!("severity-error"),
            Severity::Warning => crate::t!("severity-warning"),
        };
        write!(f, "{}", visible(&self.file.display().to_string()))?;
        if let Some(at) = self.at {
            write!(f, ":{}:{}", at.line, at.column)?;
        }
        write!(f, ": {level}")?;
        if !self.key.is_empty() {
            write!(f, ": `{}`", visible(&self.key))?;
        }
        let message = self.kind.to_string();
        let message: Vec<String> = message.split('\n').map(|l| visible(&clip(l))).collect();
        write!(f, ": {}", message.join("\n"))?;
        if let Some(at) = self.at
            && !self.source_line.trim().is_empty()
        {
            let number = at.line.to_string();
            let gutter = " ".repeat(number.len());
            let (shown, padding) = snippet(&self.source_line, at.column);
            write!(f, "\n {number} | {shown}")?;
            write!(f, "\n {gutter} | {padding}^")?;
        }
        Ok(())
    }
}

/// How many characters of a line are shown on either side of the caret: a 40 KB line (a
/// whole file on one line) shows as one screen line, not 40 KB for every problem on it.
const CONTEXT: usize = 60;

/// The part of `line` around `column` as it is shown, and the blanks that put a caret under
/// `column` (full-width kana and kanji take two cells; a tab stays a tab).
fn snippet(line: &str, column: usize) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(CONTEXT);
    let end = (at + CONTEXT).min(chars.len());
    let mut shown = String::new();
    let mut padding = String::new();
    if start > 0 {
        shown.push('…');
        padding.push(' ');
    }
    for (i, &c) in chars[start..end].iter().enumerate() {
        let text = match c {
            '\t' => "\t".to_string(),
            c => visible(&c.to_string()),
        };
        if start + i < at {
            match c {
                '\t' => padding.push('\t'),
                _ => padding
                    .push_str(&" ".repeat(text.chars().map(|c| c.width().unwrap_or(0)).sum())),
            }
        }
        shown.push_str(&text);
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, padding)
}

/// A message line cut to a screen's worth around its start: messages quote the data, and a
/// 10 MB value must not print as 10 MB.
fn clip(line: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 400;
    match line.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &line[..at]).into(),
        None => line.into(),
    }
}

/// The goal's No. a key path is under: `goals[2].actions[1].summary` → 2.
pub fn goal_of(key: &str) -> Option<usize> {
    let rest = key.strip_prefix("goals[")?;
    rest.split(']').next()?.parse().ok()
}

/// 1-based line and column (counted in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The text of the 1-based line `line` (without its line end).
pub fn line_text(text: &str, line: usize) -> &str {
    text.split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r')
}

pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where the offsets of a text made from a file (its slips mended) are in the file: line by
/// line, since mending changes the length of a line but never the number of lines.
#[derive(Debug, Default, Clone)]
pub(crate) struct LineMap {
    /// Each line's start in the made text, its start in the file, and its length in the file.
    lines: Vec<(usize, usize, usize)>,
}

impl LineMap {
    /// Says that the line at `made` in the made text is the line at `original` in the file,
    /// `length` bytes long there. Lines are pushed in order.
    pub fn push(&mut self, made: usize, original: usize, length: usize) {
        self.lines.push((made, original, length));
    }

    /// The file's offset for the made text's `offset` (inside a mended line: as far into the
    /// line, or its end).
    pub fn original(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|&(made, _, _)| made <= offset);
        match i.checked_sub(1).map(|i| self.lines[i]) {
            Some((made, original, length)) => original + (offset - made).min(length),
            None => offset,
        }
    }
}

/// Where a text's lines start, to find the line of an offset by a binary search rather than
/// by counting the line ends before it: a file with thousands of problems is told in time
/// linear in its size, not in its size times its problems.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn of(text: &'a str) -> Self {
        let ends = text.match_indices('\n').map(|(i, _)| i + 1);
        Self {
            text,
            starts: std::iter::once(0).chain(ends).collect(),
        }
    }

    /// 1-based line and column (counted in characters) of a byte offset, as [`line_column`].
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// The text of the 1-based line `line`, as [`line_text`].
    pub fn text(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }
}

/// Collects the problems of one file, turning byte spans into line, column and source line.
pub(crate) struct Report<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    pub problems: Vec<Problem>,
    /// The text spans are offsets of: `text`, or a mended copy of it.
    pub spans_of: &'a str,
    /// Where spans of a mended text are in `text`; `None` when spans are of `text` itself.
    map: Option<&'a LineMap>,
    /// `text`'s lines, found when the first problem is told.
    lines: std::cell::OnceCell<Lines<'a>>,
}

impl<'a> Report<'a> {
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        Self {
            file,
            text,
            problems: Vec::new(),
            spans_of: text,
            map: None,
            lines: std::cell::OnceCell::new(),
        }
    }

    /// A report of problems found in `mended`, a mended copy of `text`, whose spans `map`
    /// takes back to `text`.
    pub fn mapped(file: &'a Path, text: &'a str, mended: &'a str, map: &'a LineMap) -> Self {
        Self {
            spans_of: mended,
            map: Some(map),
            ..Self::new(file, text)
        }
    }

    /// The offset in the file of a span's start.
    pub fn offset(&self, offset: usize) -> usize {
        self.map.map_or(offset, |map| map.original(offset))
    }

    /// The line and column in the file of the file's `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines().line_column(offset)
    }

    fn lines(&self) -> &Lines<'a> {
        self.lines.get_or_init(|| Lines::of(self.text))
    }

    pub fn push(&mut self, severity: Severity, span: Range<usize>, key: &str, kind: Kind) {
        let (line, column) = self.line_column(self.offset(span.start));
        let source_line = self.lines().text(line).to_string();
        self.problems.push(Problem {
            severity,
            file: self.file.to_path_buf(),
            at: Some(Position { line, column }),
            key: key.to_string(),
            division: None,
            goal: goal_of(key),
            kind,
            source_line,
        });
    }

    pub fn error(&mut self, span: Range<usize>, key: &str, kind: Kind) {
        self.push(Severity::Error, span, key, kind);
    }

    pub fn warning(&mut self, span: Range<usize>, key: &str, kind: Kind) {
        self.push(Severity::Warning, span, key, kind);
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(message: &str) -> Kind {
        Kind::Format(FormatKind::Syntax {
            message: message.to_string(),
        })
    }

    #[test]
    fn the_lines_index_finds_what_counting_finds() {
        let text = "a = 1\r\nあいう = 2\n\nlast";
        let lines = Lines::of(text);
        for offset in 0..=text.len() + 2 {
            let (line, column) = line_column(text, offset);
            assert_eq!(lines.line_column(offset), (line, column), "{offset}");
            assert_eq!(lines.text(line), line_text(text, line), "{line}");
        }
        assert_eq!(lines.text(9), "");
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nあいう = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let offset = text.find('=').unwrap();
        assert_eq!(line_column(text, offset), (1, 3));
        let offset = text.rfind('=').unwrap();
        assert_eq!(line_column(text, offset), (2, 5));
    }

    #[test]
    fn the_caret_sits_under_the_place_counting_full_width_as_two() {
        let text = "order = 1\nname = \"東区\" = x\n";
        let mut report = Report::new(Path::new("w.toml"), text);
        let at = text.rfind('=').unwrap();
        report.error(at..at + 1, "", syntax("expected a newline"));
        let shown = report.problems[0].to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "w.toml:2:13: error: expected a newline");
        assert_eq!(lines[1], " 2 | name = \"東区\" = x");
        // `name = "東区" ` is 14 cells wide on a terminal (東 and 区 take two each).
        assert_eq!(lines[2], format!("   | {}^", " ".repeat(14)));
    }

    #[test]
    fn a_long_line_shows_only_around_the_caret() {
        let line = format!("{}= x{}", "a".repeat(40_000), "b".repeat(40_000));
        let text = format!("{line}\n");
        let mut report = Report::new(Path::new("w.toml"), &text);
        report.error(40_000..40_001, "", syntax("expected a newline"));
        let shown = report.problems[0].to_string();
        assert!(shown.len() < 400, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[2].find('^').unwrap();
        let equals = lines[1].find('=').unwrap();
        // `…` is one cell but three bytes.
        assert_eq!(caret, equals - 2, "{shown}");
    }

    #[test]
    fn invisible_characters_show_in_the_snippet() {
        let text = "division = \"地域\u{202E}課\" x\n";
        let mut report = Report::new(Path::new("w.toml"), text);
        let at = text.rfind('x').unwrap();
        report.error(at..at + 1, "", syntax("expected a newline"));
        let shown = report.problems[0].to_string();
        assert!(shown.contains("地域<U+202E>課"), "{shown}");
        assert!(!shown.contains('\u{202E}'), "{shown}");
    }

    #[test]
    fn a_problem_is_data_its_words_come_last() {
        let text = "rating = \"◎\"\n";
        let mut report = Report::new(Path::new("01.toml"), text);
        let mark = "◎".to_string();
        report.error(
            9..12,
            "goals[1].rating",
            Kind::Rule(RuleKind::NotARating { mark }),
        );
        let problem = &report.problems[0];
        let json = serde_json::to_value(problem).unwrap();
        assert_eq!(json["kind"], "not_a_rating");
        assert_eq!(json["mark"], "◎");
        assert_eq!(json["severity"], "error");
        assert_eq!(json["at"]["line"], 1);
        assert_eq!(json["at"]["column"], 10);
        assert_eq!(json["key"], "goals[1].rating");
        assert_eq!(json["goal"], 1);
        assert!(problem.message().starts_with("`◎` is not a rating"));
    }

    #[test]
    fn a_whole_file_problem_has_no_snippet() {
        let reason = "Permission denied".to_string();
        let p = Problem::whole_file(
            Path::new("x.toml"),
            Kind::Files(FileKind::CannotReadFile { reason }),
        );
        assert_eq!(
            p.to_string(),
            "x.toml: error: cannot read the file: Permission denied"
        );
    }
}
