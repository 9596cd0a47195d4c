//! `import`: a table (xlsx, csv or json; one row per indicator) into division files, through
//! [`table`](crate::exchange::table). The files written are then read back like any others, so that the
//! problems of what was imported (a goal without an action, say) are told at once.

use super::Error;
use crate::exchange::form;
use crate::exchange::table::{self, ImportedWard, RowFault, Unplaced};
use crate::exchange::target::{Target, on_disk, same_name, target};
use crate::output::{Claims, Staged, safe_component};
use crate::sheet::draft::{self, Draft};
use crate::sheet::fields::{self, FIELDS, Level};
use crate::sheet::model::{self, Division, Problem};
use crate::sheet::problem::Kind;
use crate::sheet::problem::{CharacterKind, FileKind, FormatKind, RuleKind};
use crate::sheet::scaffold;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// How many divisions the table held.
    pub divisions: usize,
    /// Rows that could not be placed, and division files not written (they exist).
    pub unplaced: Vec<Unplaced>,
    /// Problems in the files written, as `check` reports them.
    pub problems: Vec<Problem>,
    /// Whether nothing was written because of what is in `unplaced`.
    pub refused: bool,
    /// Columns of the table that were not read (their headings are none mokuhyo knows).
    pub unknown: Vec<table::UnknownColumn>,
    /// Formula cells saved without a value, read as empty.
    pub unvalued: Vec<table::UnvaluedFormula>,
    /// Division files whose values are those of the table already: not written.
    pub unchanged: Vec<PathBuf>,
    /// Division files renamed (from, to), the division renamed in its worksheet.
    pub renamed: Vec<(PathBuf, PathBuf)>,
    /// Dates the workbook gives that are not the ward's (`ward.toml` is not written when it
    /// exists): told, not dropped without a word.
    pub ignored: Vec<IgnoredDate>,
    /// [`preview`] only: the files the import would write (path, text), nothing written.
    pub planned: Vec<(PathBuf, String)>,
}

/// A date of the workbook that differs from the ward's `ward.toml`, which an import leaves as
/// it is: where it is (`はじめに D11`), which date (作成日, 評価日) and as the cell has it.
#[derive(Debug, Clone, PartialEq)]
pub struct IgnoredDate {
    pub place: String,
    pub label: String,
    pub text: String,
}

/// Reads `file` and writes its divisions into the ward folder `out`; for a table of several
/// wards (its 区 or 年度 columns differ), into a folder per ward under `out`. Existing division
/// files are changed only with `force`; an existing `ward.toml` is never touched, and one is
/// written, from the table's 区 and 年度 (and a form's cover's dates), where there is none.
///
/// A division is one file: a worksheet goes to the file that names its division, whatever the
/// file's name or the worksheet's tab say, and that file is edited in place, only the values
/// that changed, as the browser's save does (comments and `#:schema` kept); a file whose
/// values are unchanged is not written (and needs no `force`). A division renamed in its
/// worksheet renames its file; so does one no file names whose 順 is that of a file no
/// worksheet names (its tab renamed too).
///
/// All or nothing: when a row cannot be placed, a file that would change exists (without
/// `force`), a file's values cannot all be read (even with `force`), the workbook is of another
/// ward or year than `ward.toml`, a ward has no `ward.toml` to be had, two wards or divisions
/// would be written to one file, or the wards as they would be have errors they have not now
/// (in `problems`), nothing is written and every reason is in `unplaced`. Otherwise every file
/// is written to a temporary file first and renamed into place only when all are.
pub fn import(file: &Path, out: &Path, force: bool) -> Result<Imported, Error> {
    run(file, out, force, true)
}

/// What [`import`] would do, nothing written: the same checks, and the files it would write
/// in [`Imported::planned`] (the browser's preview before the import is applied).
pub fn preview(file: &Path, out: &Path, force: bool) -> Result<Imported, Error> {
    run(file, out, force, false)
}

fn run(file: &Path, out: &Path, force: bool, write: bool) -> Result<Imported, Error> {
    let table = table::read(file)?;
    let (wards, unplaced) = table::group(&table.rows);
    let mut done = Imported {
        unplaced,
        unknown: table.unknown,
        unvalued: table.unvalued,
        ..Default::default()
    };
    if wards.is_empty() && done.unplaced.is_empty() {
        return Err(Error::NoRows {
            path: file.to_path_buf(),
        });
    }
    if wards.is_empty() {
        // No row could be placed (a 年度 no one can read, …): each is told.
        done.refused = true;
        return Ok(done);
    }
    // A ward folder takes its own ward only: a table of several (a worksheet whose 区 could
    // not be read makes a ward of its own) would be written into folders inside it.
    let strangers = strangers(&wards, out);
    if !strangers.is_empty() {
        done.unplaced.extend(strangers.into_iter().map(about_file));
        done.unplaced.push(about_file(RowFault::NothingWritten));
        done.refused = true;
        return Ok(done);
    }
    // What is checked (a file there or not, what `--force` would lose) still holds when the
    // files are written: no other program writes in these wards meanwhile. A ward folder not
    // there yet has nothing to check.
    let dirs: Vec<PathBuf> = (wards.iter())
        .map(|ward| ward_dir(out, ward, wards.len() > 1))
        .filter(|dir| dir.is_dir())
        .collect();
    let _held = crate::lock::wards(dirs.iter().map(PathBuf::as_path))?;
    let mut plan = plan(&wards, (&table.cover, &table.dates), out, force, &mut done);
    if !done.unplaced.is_empty() {
        done.refused = true;
        done.unchanged.clear(); // Nothing was looked at as done.
        return Ok(done);
    }
    // The wards as they would be: an import that brings errors in writes nothing.
    let new_errors = new_errors(&plan);
    if !new_errors.is_empty() {
        let count = new_errors.len();
        done.problems = new_errors;
        done.unplaced
            .push(about_file(RowFault::NewErrors { count }));
        done.unplaced.push(about_file(RowFault::NothingWritten));
        done.refused = true;
        done.unchanged.clear();
        return Ok(done);
    }
    done.unplaced.extend(std::mem::take(&mut plan.advice));
    if !write {
        done.planned = plan.files;
        done.renamed = plan.renamed;
        return Ok(done);
    }
    write_planned(&plan, &mut done)?;
    done.renamed = plan.renamed;
    // Read back what was written, as `check` would.
    let dirs: BTreeSet<&Path> = done.written.iter().filter_map(|p| p.parent()).collect();
    for dir in dirs {
        if dir.join(model::WARD_FILE).exists() {
            let (_, problems) = model::load_ward(dir);
            done.problems.extend(
                problems
                    .into_iter()
                    .filter(|p| done.written.contains(&p.file)),
            );
        }
    }
    Ok(done)
}

/// Writes the planned files all together (each to a temporary file first, renamed into place
/// once all are), then removes the files of renamed divisions.
fn write_planned(plan: &Plan, done: &mut Imported) -> Result<(), Error> {
    let mut staged = Staged::default();
    for dir in plan.files.iter().filter_map(|(path, _)| path.parent()) {
        std::fs::create_dir_all(dir).map_err(|err| Error::create_folder(dir, err))?;
    }
    for (path, text) in &plan.files {
        staged
            .add(path, text.as_bytes())
            .map_err(|err| Error::write(path, err))?;
    }
    done.written = staged
        .commit()
        .map_err(|(path, err)| Error::write(path, err))?;
    // A renamed division's old file goes once its new one is in place.
    for (from, _) in &plan.renamed {
        std::fs::remove_file(from).map_err(|err| Error::write(from, err))?;
    }
    Ok(())
}

/// The errors `check` would find in the wards the plan writes into, once written, that it
/// does not find there now (a new file of a 順 another file has, …). A folder without
/// `ward.toml` to be had is no ward to check.
fn new_errors(plan: &Plan) -> Vec<Problem> {
    let dirs: BTreeSet<&Path> = plan.files.iter().filter_map(|(p, _)| p.parent()).collect();
    let mut found = Vec::new();
    for dir in dirs {
        let ward_file = dir.join(model::WARD_FILE);
        if !ward_file.exists() && !plan.files.iter().any(|(p, _)| *p == ward_file) {
            continue;
        }
        let texts: Vec<(PathBuf, String)> = (plan.files.iter())
            .filter(|(path, _)| path.parent() == Some(dir))
            .cloned()
            .collect();
        let removed: Vec<PathBuf> = plan.renamed.iter().map(|(from, _)| from.clone()).collect();
        let checks = model::Checks::default();
        let (_, after) = model::load_ward_planned(dir, &checks, &texts, &removed);
        let before = match dir.is_dir() {
            true => model::load_ward(dir).1,
            false => Vec::new(),
        };
        let same =
            |a: &Problem, b: &Problem| a.file == b.file && a.key == b.key && a.kind == b.kind;
        found.extend(after.into_iter().filter(|p| {
            p.severity == model::Severity::Error && !before.iter().any(|b| same(b, p))
        }));
    }
    found
}

/// What an import would do: the files to write (path, text), in order; the files renamed
/// (from, to), the old ones to remove once the new are written; and what to tell about them (a
/// ward folder left without `ward.toml`).
#[derive(Default)]
struct Plan {
    files: Vec<(PathBuf, String)>,
    renamed: Vec<(PathBuf, PathBuf)>,
    advice: Vec<Unplaced>,
}

/// Plans the import of `wards`; what stands in the way of writing goes to `done.unplaced`.
fn plan(
    wards: &[ImportedWard],
    (cover, sheet_dates): (&form::Cover, &[form::SheetDate]),
    out: &Path,
    force: bool,
    done: &mut Imported,
) -> Plan {
    let mut plan = Plan::default();
    let mut claims = Claims::default();
    let several = wards.len() > 1;
    // What stands in the way, told once every ward is planned.
    let mut notes: Vec<RowFault> = Vec::new();
    for ward in wards {
        let label = label(ward);
        let dir = ward_dir(out, ward, several);
        claims.claim(&dir, format!("区 {label}"));
        plan_ward_file(
            ward,
            &dir,
            (!several).then_some(cover),
            &mut plan,
            &mut notes,
        );
        // The folder as `check` reads it now: its sound divisions, which `--force` must not
        // replace with less, and the problems that keep the others from being sound.
        let (current, problems) = match dir.is_dir() {
            true => model::load_ward(&dir),
            false => (None, Vec::new()),
        };
        if let Some(current) = &current {
            if let Some(fault) = other_ward(ward, (!several).then_some(cover), current) {
                notes.push(fault);
                continue;
            }
            if !several {
                done.ignored
                    .extend(ignored_dates(cover, sheet_dates, current));
            }
        }
        // A division without 部 is of the ward itself, as `new` writes it: 組織名（部）東区.
        let ward_name = Some(ward.ward.clone())
            .filter(|name| !name.trim().is_empty())
            .or_else(|| current.as_ref().map(|w| w.name.clone()));
        let disk = on_disk(&dir);
        for (division, source) in ward.divisions.iter().zip(&ward.sources) {
            done.divisions += 1;
            let mut division = division.clone();
            if division.department.trim().is_empty() {
                division.department = ward_name.clone().unwrap_or_default();
            }
            let target = match target(&dir, &division, source, ward, &disk) {
                Ok(target) => target,
                Err(fault) => {
                    notes.push(fault);
                    continue;
                }
            };
            let path = target.path().to_path_buf();
            claims.claim(&path, format!("{label} {}", division.name));
            let ask = Ask {
                force,
                current: current.as_ref(),
                problems: &problems,
            };
            match write(&target, &division, ask) {
                Ok(Some(text)) => {
                    plan.files.push((path, text));
                    if let Target::Renamed { from, to } = target {
                        plan.renamed.push((from, to));
                    }
                }
                Ok(None) => done.unchanged.push(path),
                Err(fault) => notes.push(fault),
            }
        }
    }
    notes.extend(claims.clashes().iter().cloned().map(RowFault::Clash));
    if !done.unplaced.is_empty() || !notes.is_empty() {
        notes.push(RowFault::NothingWritten);
    }
    done.unplaced.extend(notes.into_iter().map(about_file));
    plan
}

/// Plans the `ward.toml` of a ward folder without one, from the table's 区 and 年度 and, for
/// a workbook of this ward alone, its `cover`'s dates; a folder it cannot be written for is
/// told (its divisions can be written all the same; the folder is not a ward yet).
fn plan_ward_file(
    ward: &ImportedWard,
    dir: &Path,
    cover: Option<&form::Cover>,
    plan: &mut Plan,
    notes: &mut Vec<RowFault>,
) {
    let ward_file = dir.join(model::WARD_FILE);
    if ward_file.exists() {
        return;
    }
    match ward.fiscal_year {
        Some(year) if !ward.ward.is_empty() => {
            let dates = cover.map_or_else(Default::default, |cover| cover_dates(cover, notes));
            let schema = scaffold::schema_for(dir, scaffold::WARD_SCHEMA);
            let text = scaffold::ward_text_dated(&ward.ward, year, schema.as_deref(), dates);
            plan.files.push((ward_file, text));
        }
        _ => plan.advice.push(about_file(RowFault::NoWardFile {
            dir: dir.to_path_buf(),
        })),
    }
}

/// The wards of a table of several that are not the ward of `out`, when `out` is a ward
/// folder: each told as of another ward, where the table says so.
fn strangers(wards: &[ImportedWard], out: &Path) -> Vec<RowFault> {
    if wards.len() < 2 || !out.join(model::WARD_FILE).is_file() {
        return Vec::new();
    }
    let (current, _) = model::load_ward(out);
    let (name, year) = match &current {
        Some(ward) => (ward.name.clone(), Some(ward.fiscal_year)),
        None => (String::new(), None),
    };
    (wards.iter())
        .filter(|ward| !same_name(&ward.ward, &name) || ward.fiscal_year != year)
        .map(|ward| RowFault::OtherWard {
            path: out.join(model::WARD_FILE),
            place: (ward.sources.first().map(|s| s.sheet.clone()))
                .filter(|sheet| !sheet.is_empty())
                .unwrap_or_else(|| "区・年度".into()),
            table: year_label(&ward.ward, ward.fiscal_year),
            folder: year_label(&name, year),
        })
        .collect()
}

/// Whether the table is of another ward or year than the folder's `ward.toml`: by the
/// cover's 区 and 年度 (for a workbook of one ward), else by its rows.
fn other_ward(
    ward: &ImportedWard,
    cover: Option<&form::Cover>,
    current: &model::Ward,
) -> Option<RowFault> {
    let other_name = |name: &str| !name.trim().is_empty() && !same_name(name, &current.name);
    let other_year = |year: Option<i32>| year.is_some_and(|y| y != current.fiscal_year);
    let fault = |place: String, name: &str, year: Option<i32>| RowFault::OtherWard {
        path: current.dir.join(model::WARD_FILE),
        place,
        table: year_label(name, year),
        folder: year_label(&current.name, Some(current.fiscal_year)),
    };
    if let Some(cover) = cover {
        let at = |cell: &form::CoverCell| format!("{} {}", form::COVER, cell.cell);
        if let Some(cell) = cover.ward.as_ref().filter(|c| other_name(&c.text)) {
            return Some(fault(at(cell), &cell.text, None));
        }
        let year_of = |c: &form::CoverCell| crate::sheet::era::parse_fiscal_year(&c.text);
        if let Some(cell) = cover
            .fiscal_year
            .as_ref()
            .filter(|c| other_year(year_of(c)))
        {
            return Some(fault(at(cell), "", year_of(cell)));
        }
    }
    if other_name(&ward.ward) || other_year(ward.fiscal_year) {
        let sheet = ward.sources.first().map(|s| s.sheet.clone());
        let place = sheet
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "区・年度".into());
        return Some(fault(place, &ward.ward, ward.fiscal_year));
    }
    None
}

/// `東区 2023年度`, as far as given.
fn year_label(name: &str, year: Option<i32>) -> String {
    let year = year.map(|y| format!("{y}年度")).unwrap_or_default();
    format!("{} {year}", name.trim()).trim().to_string()
}

/// The workbook's dates (the cover's, each worksheet's 作成日 and 評価日) that are not those of
/// the ward's `ward.toml`, which the import does not write.
fn ignored_dates(
    cover: &form::Cover,
    sheets: &[form::SheetDate],
    current: &model::Ward,
) -> Vec<IgnoredDate> {
    let mut ignored = Vec::new();
    let mut compare = |sheet: &str, label: &str, cell: &form::CoverCell| {
        let kept = match label {
            "作成日" => Some(current.created),
            _ => current.evaluated,
        };
        if form::parse_date(&cell.text) != kept {
            ignored.push(IgnoredDate {
                place: format!("{sheet} {}", cell.cell),
                label: label.to_string(),
                text: cell.text.clone(),
            });
        }
    };
    for (label, cell) in [("作成日", &cover.created), ("評価日", &cover.evaluated)] {
        if let Some(cell) = cell {
            compare(form::COVER, label, cell);
        }
    }
    for date in sheets {
        compare(&date.sheet, &date.label, &date.cell);
    }
    ignored
}

/// The 作成日 and 評価日 of a form's cover, when it has them; one that is no date is told.
fn cover_dates(cover: &form::Cover, notes: &mut Vec<RowFault>) -> scaffold::WardDates {
    let mut date = |cell: &Option<form::CoverCell>| {
        let cell = cell.as_ref()?;
        let date = form::parse_date(&cell.text);
        if date.is_none() {
            notes.push(RowFault::BadDate {
                text: cell.text.clone(),
                cell: format!("{} {}", form::COVER, cell.cell),
            });
        }
        date
    };
    scaffold::WardDates {
        created: date(&cover.created),
        evaluated: date(&cover.evaluated),
    }
}

/// What the writing of a division may do: replace files (`--force`), and the folder's sound
/// divisions as they are, which it must not replace with less.
#[derive(Clone, Copy)]
struct Ask<'a> {
    force: bool,
    current: Option<&'a model::Ward>,
    /// The folder's problems as `check` finds them now.
    problems: &'a [Problem],
}

/// The text to write for `division` at `target`; `None` when its file says it already.
fn write(target: &Target, division: &Division, ask: Ask) -> Result<Option<String>, RowFault> {
    let (from, to) = match target {
        Target::Existing(path) => (Some(path), path),
        Target::New(path) => (None, path),
        Target::Renamed { from, to } => (Some(from), to),
    };
    for path in from.into_iter().chain([to]) {
        no_file_is_odd(path)?;
    }
    if from != Some(to) && to.exists() {
        // A file of another division (or of none to be read) is where this one would go.
        let (_, other) = model::written_place(to);
        return Err(match other {
            Some(other) => RowFault::FileOfAnother {
                path: to.clone(),
                division: division.name.clone(),
                other,
            },
            // One that cannot be read (no text, no TOML) is no reason to ask for `--force`.
            None => (as_read(to, &read_text(to), ask.problems).err())
                .unwrap_or(RowFault::FileExists { path: to.clone() }),
        });
    }
    let Some(from) = from else {
        return sized(to, division, model::write::division_file(division)).map(Some);
    };
    let old = read_text(from);
    let text = edited(&old, division).unwrap_or_else(|| model::write::division_file(division));
    if text == old && from == to {
        // Said already: not written, and no reason to ask for `--force`.
        return Ok(None);
    }
    // Only a file whose values are all read can be judged "never less": no other is replaced.
    let divisions = ask.current.iter().flat_map(|w| &w.divisions);
    let sound = match divisions.clone().find(|d| &d.file == from) {
        Some(sound) => sound.clone(),
        None => as_read(from, &old, ask.problems)?,
    };
    if !ask.force {
        return Err(match target {
            Target::Renamed { from, to } => RowFault::Renamed {
                from: from.clone(),
                to: to.clone(),
                former: model::written_place(from).1.unwrap_or_default(),
                division: division.name.clone(),
            },
            _ => RowFault::FileExists { path: from.clone() },
        });
    }
    if let Some(key) = lost(&sound, division) {
        return Err(RowFault::WouldLose {
            path: from.clone(),
            key,
        });
    }
    sized(to, division, text).map(Some)
}

/// A division file with errors (a blank one `new` wrote, a goal without an action) as far as
/// its values are read, when they all are: its errors are about values, not about its syntax or
/// keys (a missing `"`, a key in Japanese), which would leave values unread. Else the first of
/// those errors, as the reason it is not replaced.
fn as_read(file: &Path, text: &str, problems: &[Problem]) -> Result<Division, RowFault> {
    let unread = (problems.iter())
        .filter(|p| p.file == file && p.severity == model::Severity::Error)
        .find(|p| !about_values(&p.kind));
    let document = text.parse::<toml_edit::DocumentMut>();
    if unread.is_some() || document.is_err() {
        return Err(RowFault::Unsound {
            path: file.to_path_buf(),
            problem: unread.cloned().map(Box::new),
        });
    }
    let draft = document.map(|d| draft::read(&d)).unwrap_or_default();
    Ok(division_of(file, draft))
}

/// Whether a problem is about a value read (a rule of the sheet), not about a value left
/// unread (the file's syntax, its keys, their types).
fn about_values(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::OrderTaken { .. }
            | Kind::Files(FileKind::DuplicateDivision { .. })
            | Kind::Format(FormatKind::MissingKey { .. })
            | Kind::Rule(RuleKind::BadOrder { .. })
            | Kind::Rule(RuleKind::EmptyName { .. })
            | Kind::Rule(RuleKind::InvisibleInName { .. })
            | Kind::Rule(RuleKind::NoGoal)
            | Kind::Rule(RuleKind::NoGoalYet)
            | Kind::TooManyGoals { .. }
            | Kind::Rule(RuleKind::ExtraGoals { .. })
            | Kind::Rule(RuleKind::EmptyGoalText)
            | Kind::Rule(RuleKind::NotARating { .. })
            | Kind::Rule(RuleKind::RatedWithoutResult)
            | Kind::Rule(RuleKind::NoAction)
            | Kind::TooManyActions { .. }
            | Kind::TooManyIndicators { .. }
            | Kind::Rule(RuleKind::NoIndicator)
            | Kind::Characters(CharacterKind::NoGlyph { .. })
            | Kind::Rule(RuleKind::TooManyStamps { .. })
            | Kind::Rule(RuleKind::EmptyStamp)
    )
}

/// A division as the browser's form reads it from its file ([`draft::read`]), without the
/// empty goals, actions and indicators a blank file has to be filled in (they hold nothing to
/// lose).
fn division_of(file: &Path, draft: Draft) -> Division {
    let mut keys = serde_json::to_value(&draft).unwrap_or_default();
    fields::without_blank_items(FIELDS, Level::Division, &mut keys);
    Division {
        file: file.to_path_buf(),
        order: draft.order.and_then(|o| u32::try_from(o).ok()).unwrap_or(0),
        ..model::texts_of(Level::Division, &keys)
    }
}

/// A path where a division file would be read or written that is there but no file (a
/// folder, a link to nothing): never replaced, never written through.
fn no_file_is_odd(path: &Path) -> Result<(), RowFault> {
    let Ok(link) = std::fs::symlink_metadata(path) else {
        return Ok(()); // Nothing there.
    };
    let is_file = match link.file_type().is_symlink() {
        true => std::fs::metadata(path).is_ok_and(|m| m.is_file()),
        false => link.is_file(),
    };
    match is_file {
        true => Ok(()),
        false => Err(RowFault::NotAFile {
            path: path.to_path_buf(),
        }),
    }
}

/// `text` for `path`, unless it is too large to be read back (a cell far too long).
fn sized(path: &Path, division: &Division, text: String) -> Result<String, RowFault> {
    if text.len() as u64 > model::MAX_FILE_BYTES {
        return Err(RowFault::TooLarge {
            path: path.to_path_buf(),
            mib: text.len() >> 20,
            max_mib: model::MAX_FILE_BYTES >> 20,
            division: division.name.clone(),
        });
    }
    Ok(text)
}

/// A division file's text, in whatever encoding it was saved; empty when it cannot be read.
fn read_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    crate::sheet::encoding::decode(&bytes)
        .map(|decoded| decoded.text)
        .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned())
}

/// The file `text` with `division`'s values written into it in place, as the browser's save
/// writes them ([`draft::apply`]): only the values that changed, comments, blank lines, the
/// order of keys and `#:schema` kept. `None` when the text is no TOML to edit.
fn edited(text: &str, division: &Division) -> Option<String> {
    let mut document: toml_edit::DocumentMut = text.parse().ok()?;
    draft::apply(&mut document, &Draft::from(division));
    let top = document.as_table_mut();
    match &division.approval {
        Some(titles) => {
            let titles: toml_edit::Array = titles.iter().map(String::as_str).collect();
            draft::set(top, "approval", toml_edit::Value::Array(titles), true);
        }
        None => {
            top.remove("approval");
        }
    }
    Some(document.to_string())
}

/// A ward of the table as its rows name it: `東区_2025`.
fn label(ward: &ImportedWard) -> String {
    match ward.fiscal_year {
        Some(year) => format!("{}_{year}", ward.ward),
        None => ward.ward.clone(),
    }
}

/// The folder a ward of the table is written to: `out`, or for a table of `several` wards a
/// folder of its own under it.
fn ward_dir(out: &Path, ward: &ImportedWard, several: bool) -> PathBuf {
    match several {
        true => out.join(safe_component(&label(ward))),
        false => out.to_path_buf(),
    }
}

/// The first thing `old` has that `new` has not (a goal, action or indicator, or a text that
/// would be emptied), as a key path: `goals[2].actions[1].indicators[3]`, `goals[1].rating`;
/// compared field by field as the sheet's field table describes them.
fn lost(old: &model::Division, new: &model::Division) -> Option<String> {
    use crate::sheet::fields;
    fields::lost(fields::FIELDS, &Draft::from(old), &Draft::from(new))
}

/// A reason about a file the import would write, not about a row.
fn about_file(reason: RowFault) -> Unplaced {
    Unplaced {
        sheet: String::new(),
        line: 0,
        reason,
    }
}
