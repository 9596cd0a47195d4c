//! What can be wrong with the input, as data: each kind of problem with its arguments. The words
//! for them are in [`words`](super::words), in the catalogues of `locales/`, so that they can be shown in another language,
//! as JSON, or next to a field in a form, without parsing a sentence.

use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;

/// A kind of problem with the input, and what it is about, grouped by concern (each group an
/// enum of its own, put in words by its own exhaustive `match` in [`words`](super::words)). As
/// JSON, whatever its group: `{"kind": "not_a_rating", "mark": "◎"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    // The place two files give and the limits of a division's items stand at the top: the
    // server tells them too, by these names, for a draft before it is saved.
    /// Two files of a ward with one `order`.
    OrderTaken {
        order: u32,
        by: PathBuf,
        line: usize,
        column: usize,
    },
    /// More goals than a division may have (blank slots and all).
    TooManyGoals { count: usize, max: usize },
    /// More actions than a goal may have.
    TooManyActions { max: usize },
    /// More indicators than an action may have.
    TooManyIndicators { max: usize },
    /// A folder or a file as a whole.
    #[serde(untagged)]
    Files(FileKind),
    /// The file format.
    #[serde(untagged)]
    Format(FormatKind),
    /// A slip of typing with a Japanese input method.
    #[serde(untagged)]
    Slip(SlipKind),
    /// The sheet's rules.
    #[serde(untagged)]
    Rule(RuleKind),
    /// Characters.
    #[serde(untagged)]
    Characters(CharacterKind),
}

/// What is wrong with a folder or a file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileKind {
    /// The sheets folder cannot be listed (the system's reason).
    CannotReadSheets { reason: String },
    /// The sheets folder holds no ward.
    NoWard,
    /// A ward folder cannot be listed.
    CannotReadWard { reason: String },
    /// A ward folder has `ward.toml` but no division file.
    NoDivision,
    /// A file cannot be read.
    CannotReadFile { reason: String },
    /// A sheet's path is a folder, a pipe or a device.
    NotAFile,
    /// A file larger than any sheet's.
    TooLarge { mib: u64, max_mib: u64 },
    /// Something named like a division's file that is not a file.
    NotASheetFile { what: NotAFileKind },
    /// A division's file with an odd name (`x.toml.txt`, `x.TOML`), read all the same.
    RenameToToml { stem: String },
    /// A file in another encoding, read all the same.
    NotUtf8 { encoding: String },
    /// Bytes that are no text mokuhyo can read without guessing.
    NotText,
    /// A file that starts with a UTF-16 byte order mark but is not UTF-16.
    BrokenUtf16 { encoding: String },
    /// A Shift_JIS file with a byte that is neither Shift_JIS nor UTF-8.
    BadShiftJisByte,
    /// More problems in the file than are shown.
    MoreProblems { count: usize },
    /// Two files of a ward for one division.
    DuplicateDivision { name: String, first: PathBuf },
    /// A ward folder inside another ward's folder: `build` and `check` do not read it there.
    NestedWard { folder: PathBuf },
}

/// What is wrong with the TOML: its syntax, keys and types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FormatKind {
    /// A TOML syntax error, in the parser's words.
    Syntax { message: String },
    /// A value serde could not read, in its words (the shape check finds these first).
    Unreadable { message: String },
    /// A key the table does not have.
    UnknownKey {
        key: String,
        /// The table it is in (`goals.actions`), `None` for the file itself.
        table: Option<String>,
        /// The known key it most likely means.
        suggestion: Option<String>,
        /// The keys the table has.
        keys: Vec<String>,
    },
    /// A required key left out.
    MissingKey {
        key: String,
        table: Option<String>,
        expected: Expected,
    },
    /// A value of the wrong type; `unquoted` is the value as it should be written, when it was
    /// only quoted by mistake (`order = "3"`).
    WrongType {
        found: Found,
        expected: Expected,
        unquoted: Option<String>,
    },
    /// An item of an array of tables that is not a table.
    NotATable { found: Found },
    /// One table (`[goals]`) where an array of tables (`[[goals]]`) is needed.
    OneTable { table: String },
}

/// Slips of typing with a Japanese input method (IME), each with what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SlipKind {
    /// `＝` where `=` is meant.
    FullWidthEquals,
    /// `　` outside quotes: before a key, around `=`, as indentation.
    FullWidthSpace,
    /// A value with no quotes that is no number, date or true/false (`target = 10者`).
    Unquoted { key: String, value: String },
    /// `“`, `”`, `＂`, `「`… where `"` is meant.
    CurlyQuotes { key: String, quote: String },
    /// A `"…"` value that goes on past the end of its line.
    NewlineInString { key: String },
    /// A number with full-width digits (`order = ３`); `digits` is it in ASCII.
    FullWidthDigits { written: String, digits: String },
    /// `［［goals］］`; `header` is it in ASCII.
    FullWidthBrackets { written: String, header: String },
    /// `＃` where a comment's `#` is meant.
    FullWidthHash,
    /// A key written in Japanese (`組織目標 = …`), and the key it most likely means.
    JapaneseKey {
        key: String,
        suggestion: Option<String>,
        keys: Vec<String>,
    },
}

/// What breaks one of the sheet's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleKind {
    TooManyStamps {
        count: usize,
        max: usize,
    },
    EmptyStamp,
    /// `stamps` is neither "paper" nor "electronic".
    UnknownStamps {
        written: String,
    },
    EmptyWardName,
    BadFiscalYear {
        year: i64,
    },
    EvaluatedBeforeCreated {
        evaluated: NaiveDate,
        created: NaiveDate,
    },
    /// A 作成日 outside the fiscal year the sheet is of.
    CreatedOutsideYear {
        created: NaiveDate,
        year: i32,
    },
    /// A 評価日 before the fiscal year has ended (31 March after it).
    EvaluatedBeforeYearEnd {
        evaluated: NaiveDate,
        year_end: NaiveDate,
    },
    /// A fiscal year far from this one (a slip of the keyboard: 2052 for 2025).
    FarFiscalYear {
        year: i32,
        this_year: i32,
    },
    /// Ratings or results written while the ward has no 評価日: they would print with none.
    EvaluationWithoutDate,
    /// Invisible characters (bidi controls, zero-width spaces) in a name.
    InvisibleInName {
        name: String,
    },
    /// A date with a time or an offset, or no date at all.
    NotAPlainDate {
        written: String,
    },
    /// A date before the eras the sheet prints (before 1873).
    BeforeEras {
        date: String,
    },
    BadOrder {
        order: i64,
    },
    /// `department` or `division` left empty.
    EmptyName {
        key: String,
    },
    NoGoal,
    /// Only blank goal slots (as `new` writes them).
    NoGoalYet,
    /// More goals than the form's rows: they print as further rows.
    ExtraGoals {
        count: usize,
        rows: usize,
    },
    EmptyGoalText,
    NotARating {
        mark: String,
    },
    RatedWithoutResult,
    /// A goal without a rating in the evaluated edition: the summary counts it as not achieved.
    Unrated,
    /// A target or result that is only spaces (half- or full-width): it prints as blank.
    OnlySpaces,
    NoAction,
    NoIndicator,
}

/// Characters that would not print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CharacterKind {
    /// Characters no font has (they would print as empty boxes).
    NoGlyph { chars: Vec<char>, place: TextPlace },
    /// Control characters (they print as nothing).
    Controls { chars: Vec<char>, place: TextPlace },
}

/// What a path that looks like a division's file is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotAFileKind {
    Folder,
    DanglingLink,
    Special,
}

/// What a value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    Text,
    Integer,
    Flag,
    Date,
    Texts,
    Tables,
}

/// What a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    String,
    Integer,
    Float,
    Boolean,
    Date,
    Array,
    Table,
}

/// Where a text is in the sheet, for a reader: the division, the goal's No. and the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextPlace {
    pub division: String,
    pub goal: Option<usize>,
    pub key: String,
}
