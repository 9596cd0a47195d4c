//! Finding wards and their division files, and reading them: every problem of every file, a
//! file with an error left out of its ward and named in `Ward::failed`.

use super::rules::{parse_division, parse_ward};
use super::{
    Checks, MAX_FILE_BYTES, MAX_PROBLEMS_PER_FILE, Position, Problem, Severity, WARD_FILE, Ward,
};
use crate::sheet::encoding;
use crate::sheet::problem::line_column;
use crate::sheet::problem::{FileKind, RuleKind};
use crate::sheet::problem::{Kind, NotAFileKind};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// What reading a tree of sheets gives: the wards that are sound, and every problem found
/// (warnings included, also for the wards that were kept).
#[derive(Debug, Default)]
pub struct Loaded {
    pub wards: Vec<Ward>,
    pub problems: Vec<Problem>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The sound division named `name`, with its ward (the first, in a city).
    pub fn find_division(&self, name: &str) -> Option<(&Ward, &super::Division)> {
        self.wards
            .iter()
            .find_map(|ward| Some((ward, ward.divisions.iter().find(|d| d.name == name)?)))
    }
}

/// Reads every ward under `root`: `root` itself when it holds a `ward.toml`, else each folder
/// directly below it that does. A ward whose `ward.toml` has an error is left out of `wards`;
/// a division with an error is left out of its ward.
pub fn load_tree(root: &Path) -> Loaded {
    load_tree_with(root, &Checks::default())
}

/// [`load_tree`] with the checks of `checks`.
pub fn load_tree_with(root: &Path, checks: &Checks) -> Loaded {
    let mut loaded = Loaded::default();
    let ward_dirs = match find_wards(root) {
        Ok(dirs) => dirs,
        Err(problem) => {
            loaded.problems.push(*problem);
            return loaded;
        }
    };
    for dir in ward_dirs {
        let (ward, problems) = load_ward_with(&dir, checks);
        loaded.problems.extend(problems);
        if let Some(ward) = ward {
            loaded.wards.push(ward);
        }
    }
    loaded
}

pub fn find_wards(root: &Path) -> Result<Vec<PathBuf>, Box<Problem>> {
    if root.join(WARD_FILE).is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let entries = fs::read_dir(root).map_err(|err| {
        let reason = err.to_string();
        Problem::whole_file(root, Kind::Files(FileKind::CannotReadSheets { reason }))
    })?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.join(WARD_FILE).is_file())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(Box::new(Problem::whole_file(
            root,
            Kind::Files(FileKind::NoWard),
        )));
    }
    Ok(dirs)
}

/// Reads one ward folder. Returns the ward when its `ward.toml` is sound, with every division
/// that is; `complete` says whether all were.
pub fn load_ward(dir: &Path) -> (Option<Ward>, Vec<Problem>) {
    load_ward_with(dir, &Checks::default())
}

/// [`load_ward`] with the checks of `checks`.
pub fn load_ward_with(dir: &Path, checks: &Checks) -> (Option<Ward>, Vec<Problem>) {
    load_ward_drafted(dir, checks, None)
}

/// [`load_ward_with`], one division file read as `draft` says (a file name in `dir` and the
/// text it would have) instead of from the disk: what the ward would be if it were saved.
pub fn load_ward_drafted(
    dir: &Path,
    checks: &Checks,
    draft: Option<(&std::ffi::OsStr, &str)>,
) -> (Option<Ward>, Vec<Problem>) {
    let texts: Vec<(PathBuf, String)> = (draft.iter())
        .map(|(name, text)| (dir.join(name), text.to_string()))
        .collect();
    load_ward_planned(dir, checks, &texts, &[])
}

/// [`load_ward_with`] as the ward would be after several files are written and some removed
/// (an import's plan): each of `texts` (a path in `dir`, `ward.toml` too, and the text it would
/// have) is read from there instead of from the disk, also one not there yet; the files of
/// `removed` are left out. The folder itself need not be there yet.
pub fn load_ward_planned(
    dir: &Path,
    checks: &Checks,
    texts: &[(PathBuf, String)],
    removed: &[PathBuf],
) -> (Option<Ward>, Vec<Problem>) {
    let planned = |path: &Path| {
        (texts.iter())
            .find(|(planned, _)| planned == path)
            .map(|(_, text)| text.clone())
    };
    let mut problems = Vec::new();
    let ward_path = dir.join(WARD_FILE);
    let ward_text = planned(&ward_path).or_else(|| read_text(&ward_path, &mut problems));
    let header = ward_text.and_then(|text| {
        let (header, found) = parse_ward(&ward_path, &text, checks);
        problems.extend(found);
        header
    });
    let (files, mut failed) = division_files(dir, texts, removed, &mut problems);
    let mut divisions = Vec::new();
    let mut taken = Taken::default();
    for file in &files {
        let text = planned(file);
        let (division, found) = read_division(file, text, checks, &mut taken);
        match division {
            Some(division) => divisions.push(division),
            None => failed.push(file.clone()),
        }
        problems.extend(bounded(file, found));
    }
    divisions.sort_by_key(|d| d.order);
    if header.as_ref().is_some_and(|h| h.evaluated.is_none()) {
        problems.extend(evaluated_without_date(&divisions));
    }
    if header.as_ref().is_some_and(|h| h.evaluated.is_some()) {
        problems.extend(unrated_goals(&divisions));
    }
    problems.extend(nested_wards(dir));
    let ward = header.map(|h| Ward {
        dir: dir.to_path_buf(),
        name: h.name,
        fiscal_year: h.fiscal_year,
        created: h.created,
        evaluated: h.evaluated,
        interim: h.interim,
        approval: h.approval,
        paper_stamps: h.paper_stamps,
        deadline: h.deadline,
        divisions,
        failed,
    });
    (ward, problems)
}

/// The division files of `dir` to read, in name order, as the plan would leave them (those
/// of `removed` left out, the new ones of `texts` in), and those that cannot be read; what
/// stands in the way (a folder that cannot be listed, no division at all) goes to `problems`.
fn division_files(
    dir: &Path,
    texts: &[(PathBuf, String)],
    removed: &[PathBuf],
    problems: &mut Vec<Problem>,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let listing = match fs::read_dir(dir) {
        Ok(entries) => list_sheet_files(entries.filter_map(|e| e.ok().map(|e| e.path()))),
        // A folder an import would make: only its planned files.
        Err(_) if !texts.is_empty() && !dir.exists() => Listing::default(),
        Err(err) => {
            let reason = err.to_string();
            problems.push(Problem::whole_file(
                dir,
                Kind::Files(FileKind::CannotReadWard { reason }),
            ));
            Listing::default()
        }
    };
    problems.extend(listing.problems);
    let mut files = listing.files;
    files.retain(|file| !removed.contains(file));
    let ward_path = dir.join(WARD_FILE);
    for (path, _) in texts {
        if path != &ward_path && path.parent() == Some(dir) && !files.contains(path) {
            files.push(path.clone());
        }
    }
    files.sort();
    if files.is_empty() {
        problems.push(Problem::whole_file(dir, Kind::Files(FileKind::NoDivision)));
    }
    (files, listing.unreadable)
}

/// The 順 and names the divisions read so far have taken, each with its file (and where its
/// 順 is written): a later file of one of them loses its place in the volume.
#[derive(Default)]
struct Taken {
    orders: BTreeMap<u32, (PathBuf, usize, usize)>,
    names: BTreeMap<String, PathBuf>,
}

/// Reads one division file, from `planned` (its text as a plan would write it) or else from
/// the disk: the division when it is sound and its 順 and name are not taken, and its
/// problems, each with the division's name.
fn read_division(
    file: &Path,
    planned: Option<String>,
    checks: &Checks,
    taken: &mut Taken,
) -> (Option<super::Division>, Vec<Problem>) {
    let mut found = Vec::new();
    let parsed = match planned {
        Some(text) => Some(parse_division(file, &text, checks)),
        None => read_text(file, &mut found).map(|text| parse_division(file, &text, checks)),
    };
    let name = parsed.as_ref().and_then(|parsed| parsed.name.clone());
    let division = parsed.and_then(|parsed| {
        found.extend(parsed.problems);
        let division = parsed.division?;
        match taken.take(file, &division, &parsed.order_at) {
            Ok(()) => Some(division),
            Err(problem) => {
                found.push(*problem);
                None
            }
        }
    });
    found.sort_by_key(|p| p.at);
    for problem in &mut found {
        problem.division = name.clone();
    }
    (division, found)
}

impl Taken {
    /// Takes `division`'s 順 and name for `file`; the problem when another file has either.
    fn take(
        &mut self,
        file: &Path,
        division: &super::Division,
        order_at: &super::rules::Written,
    ) -> Result<(), Box<Problem>> {
        if let Some((first, line, column)) = self.orders.get(&division.order) {
            return Err(Box::new(Problem {
                at: Some(Position {
                    line: order_at.line,
                    column: order_at.column,
                }),
                key: "order".into(),
                source_line: order_at.source_line.clone(),
                ..Problem::whole_file(
                    file,
                    Kind::OrderTaken {
                        order: division.order,
                        by: first.clone(),
                        line: *line,
                        column: *column,
                    },
                )
            }));
        }
        let name = name_key(&division.name);
        if let Some(first) = self.names.get(&name) {
            return Err(Box::new(Problem {
                key: "division".into(),
                ..Problem::whole_file(
                    file,
                    Kind::Files(FileKind::DuplicateDivision {
                        name: division.name.clone(),
                        first: first.clone(),
                    }),
                )
            }));
        }
        let at = (file.to_path_buf(), order_at.line, order_at.column);
        self.orders.insert(division.order, at);
        self.names.insert(name, file.to_path_buf());
        Ok(())
    }
}

/// The problems of one file, at most [`MAX_PROBLEMS_PER_FILE`] of them, errors first.
pub(super) fn bounded(file: &Path, mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() <= MAX_PROBLEMS_PER_FILE {
        return problems;
    }
    let left_out = problems.len() - MAX_PROBLEMS_PER_FILE;
    problems.sort_by_key(|p| p.severity);
    problems.truncate(MAX_PROBLEMS_PER_FILE);
    problems.sort_by_key(|p| p.at);
    let count = left_out;
    problems.push(Problem::whole_file(
        file,
        Kind::Files(FileKind::MoreProblems { count }),
    ));
    problems
}

/// A division's name as compared for duplicates: full-width and half-width alike, without
/// spaces or invisible characters.
pub(crate) fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc()
        .filter(|c| !c.is_whitespace() && !crate::output::is_invisible(*c))
        .collect()
}

/// The files of a ward folder that are sheets, and what stands in the way of others.
#[derive(Default)]
pub(crate) struct Listing {
    /// Division files to read, in name order.
    pub(crate) files: Vec<PathBuf>,
    /// Files that look like sheets but cannot be read (a folder named `x.toml`, a link to
    /// nothing, a pipe): each reported, and left out of the volume, which says so.
    unreadable: Vec<PathBuf>,
    problems: Vec<Problem>,
}

/// How a file's name names a TOML file: `x.toml` as it should, or as Windows editors leave it
/// (`x.TOML`, メモ帳's `x.toml.txt`, `x.toml ` with a trailing space), with the stem it should
/// have then. `None` for any other name.
pub fn toml_name(name: &str) -> Option<TomlName> {
    if name.ends_with(".toml") {
        return Some(TomlName::Plain);
    }
    let base = name.trim_end();
    let lower = base.to_ascii_lowercase();
    let suffix = [".toml", ".toml.txt"]
        .into_iter()
        .find(|suffix| lower.ends_with(suffix))?;
    let stem = base.get(..base.len() - suffix.len()).unwrap_or(base);
    Some(TomlName::Odd {
        stem: stem.to_string(),
    })
}

/// See [`toml_name`].
#[derive(Debug, PartialEq, Eq)]
pub enum TomlName {
    Plain,
    /// Read all the same, with a warning to rename it `{stem}.toml`.
    Odd {
        stem: String,
    },
}

/// Sorts a ward folder's entries: `*.toml` in any case, also with the spaces or the `.txt`
/// that Windows editors add (`地域課.toml.txt`, メモ帳's default), are division files, the
/// odd ones with a warning to rename them; `ward.toml` is not one.
pub(crate) fn list_sheet_files(paths: impl Iterator<Item = PathBuf>) -> Listing {
    let mut listing = Listing::default();
    for path in paths {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let Some(toml) = toml_name(&name) else {
            continue;
        };
        if name.trim_end().eq_ignore_ascii_case(WARD_FILE) || name.starts_with('.') {
            continue;
        }
        if !path.is_file() {
            let what = match fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_dir() => NotAFileKind::Folder,
                Ok(meta) if meta.file_type().is_symlink() => NotAFileKind::DanglingLink,
                _ => NotAFileKind::Special,
            };
            let kind = Kind::Files(FileKind::NotASheetFile { what });
            listing.problems.push(Problem::whole_file(&path, kind));
            listing.unreadable.push(path);
            continue;
        }
        if let TomlName::Odd { stem } = toml {
            let problem = Problem::whole_file(&path, Kind::Files(FileKind::RenameToToml { stem }));
            listing.problems.push(problem.warning());
        }
        listing.files.push(path);
    }
    listing.files.sort();
    listing.unreadable.sort();
    listing
}

/// Reads a file's text (UTF-8, or another encoding [`encoding::decode`] can read without
/// guessing, with a warning); `None` with the problem when it cannot be read.
pub(crate) fn read_text(path: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    read_file(path, problems).map(|(_, text)| text)
}

/// [`read_text`], with the bytes as they are on disk (for a hash of the file's version).
pub(crate) fn read_file(path: &Path, problems: &mut Vec<Problem>) -> Option<(Vec<u8>, String)> {
    // Asked first, so that a FIFO or a device is never opened (reading one would wait
    // forever) and a huge file is never read into memory.
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            problems.push(Problem::whole_file(path, Kind::Files(FileKind::NotAFile)));
            return None;
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            let kind = Kind::Files(FileKind::TooLarge {
                mib: meta.len() >> 20,
                max_mib: MAX_FILE_BYTES >> 20,
            });
            problems.push(Problem::whole_file(path, kind));
            return None;
        }
        _ => {}
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            let reason = err.to_string();
            problems.push(Problem::whole_file(
                path,
                Kind::Files(FileKind::CannotReadFile { reason }),
            ));
            return None;
        }
    };
    match encoding::decode(&bytes) {
        Ok(decoded) => {
            if let Some(name) = decoded.encoding {
                let encoding = name.to_string();
                let problem =
                    Problem::whole_file(path, Kind::Files(FileKind::NotUtf8 { encoding }));
                problems.push(problem.warning());
            }
            Some((bytes, decoded.text))
        }
        Err(undecodable) => {
            let prefix = &undecodable.valid_prefix;
            let (line, column) = line_column(prefix, prefix.len());
            problems.push(Problem {
                at: Some(Position { line, column }),
                ..Problem::whole_file(path, undecodable.kind)
            });
            None
        }
    }
}

/// The divisions with ratings or results while the ward has no 評価日 (they would print under
/// a 評価日 left empty): a warning for each.
fn evaluated_without_date(divisions: &[crate::sheet::model::Division]) -> Vec<Problem> {
    use crate::sheet::fields::{self, FIELDS, Level};
    let evaluated = |d: &&crate::sheet::model::Division| {
        let keys = serde_json::to_value(d).unwrap_or_default();
        fields::evaluated(FIELDS, Level::Division, &keys)
    };
    divisions
        .iter()
        .filter(evaluated)
        .map(|d| Problem {
            division: Some(d.name.clone()),
            ..Problem::whole_file(&d.file, Kind::Rule(RuleKind::EvaluationWithoutDate)).warning()
        })
        .collect()
}

/// In the evaluated edition, each goal without a rating: counted as not achieved in the
/// 達成率, which is over every goal (a warning: the evaluation may be under way).
fn unrated_goals(divisions: &[crate::sheet::model::Division]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for division in divisions {
        for (i, goal) in division.goals.iter().enumerate() {
            if goal.rating.is_empty() {
                problems.push(Problem {
                    key: format!("goals[{}].rating", i + 1),
                    goal: Some(i + 1),
                    division: Some(division.name.clone()),
                    ..Problem::whole_file(&division.file, Kind::Rule(RuleKind::Unrated)).warning()
                });
            }
        }
    }
    problems
}

/// Ward folders inside the ward folder `dir` (a `next-year --out` put there): `build` and
/// `check` read wards only at the top of the sheets folder, so it would be left out unsaid.
fn nested_wards(dir: &Path) -> Vec<Problem> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut nested: Vec<PathBuf> = (entries.filter_map(|entry| entry.ok().map(|e| e.path())))
        .filter(|path| path.join(WARD_FILE).is_file())
        .collect();
    nested.sort();
    (nested.into_iter())
        .map(|folder| {
            let kind = Kind::Files(FileKind::NestedWard {
                folder: folder.clone(),
            });
            Problem::whole_file(&folder, kind).warning()
        })
        .collect()
}
