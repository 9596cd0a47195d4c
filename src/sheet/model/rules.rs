//! The sheet's own rules, beyond the file format: names not empty, dates inside the eras the
//! sheet prints, ratings, approval stamps, goals with actions with indicators, and limits.

use super::files::{ActionFile, DivisionFile, GoalFile, IndicatorFile, WardFile};
use super::format::parse_toml;
use super::shape;
use super::{
    Action, Checks, Division, FORM_ROWS, Goal, Indicator, MAX_ITEMS, MAX_STAMPS, Problem,
    normalize_rating, texts_of,
};
use crate::sheet::era;
use crate::sheet::fields::{self, FIELDS, Level};
use crate::sheet::problem::RuleKind;
use crate::sheet::problem::{Kind, Report, line_column, line_text};
use chrono::NaiveDate;
use std::path::Path;
use toml::Spanned;

pub(super) struct WardHeader {
    pub(super) name: String,
    pub(super) fiscal_year: i32,
    pub(super) created: NaiveDate,
    pub(super) evaluated: Option<NaiveDate>,
    pub(super) interim: bool,
    pub(super) approval: Vec<String>,
    pub(super) paper_stamps: bool,
    pub(super) deadline: Option<NaiveDate>,
}

/// `stamps`: "paper" (the boxes print empty) or "electronic" (approved steps print their seal).
fn paper_stamps(report: &mut Report, stamps: &Option<Spanned<String>>) -> bool {
    let Some(stamps) = stamps else {
        return false;
    };
    match stamps.get_ref().trim() {
        "paper" => true,
        "electronic" | "" => false,
        written => {
            let written = written.to_string();
            report.error(
                stamps.span(),
                "stamps",
                Kind::Rule(RuleKind::UnknownStamps { written }),
            );
            false
        }
    }
}

/// Approval stamp titles: at most [`MAX_STAMPS`], none empty.
pub(super) fn check_approval(
    report: &mut Report,
    approval: &Option<Spanned<Vec<String>>>,
) -> Option<Vec<String>> {
    let approval = approval.as_ref()?;
    let titles = approval.get_ref();
    if titles.len() > MAX_STAMPS {
        report.error(
            approval.span(),
            "approval",
            Kind::Rule(RuleKind::TooManyStamps {
                count: titles.len(),
                max: MAX_STAMPS,
            }),
        );
    }
    if titles.iter().any(|t| t.trim().is_empty()) {
        report.error(
            approval.span(),
            "approval",
            Kind::Rule(RuleKind::EmptyStamp),
        );
    }
    Some(titles.clone())
}

/// The ward's name (an error when empty) and its fiscal year (0 and an error when no era
/// names it).
fn name_and_year(report: &mut Report, file: &WardFile) -> (String, i32) {
    let ward = file.ward.get_ref().trim().to_string();
    if ward.is_empty() {
        report.error(
            file.ward.span(),
            "ward",
            Kind::Rule(RuleKind::EmptyWardName),
        );
    }

    warn_invisible(report, &file.ward, "ward");

    let fiscal_year = match i32::try_from(*file.fiscal_year.get_ref()) {
        Ok(year) if era::fiscal_year_label(year).is_ok() && year <= 9999 => year,
        _ => {
            report.error(
                file.fiscal_year.span(),
                "fiscal_year",
                Kind::Rule(RuleKind::BadFiscalYear {
                    year: *file.fiscal_year.get_ref(),
                }),
            );
            0
        }
    };
    (ward, fiscal_year)
}

pub(super) fn parse_ward(
    path: &Path,
    text: &str,
    checks: &Checks,
) -> (Option<WardHeader>, Vec<Problem>) {
    let mut parsed = parse_toml::<WardFile>(path, text, shape::ward(), checks);
    let mut problems = std::mem::take(&mut parsed.problems);
    let Some(file) = parsed.value.take() else {
        return (None, problems);
    };
    let mut report = parsed.report(path, text);

    let (ward, fiscal_year) = name_and_year(&mut report, &file);

    let created = date_value(&mut report, &file.created, "created");
    let evaluated = file
        .evaluated
        .as_ref()
        .and_then(|d| date_value(&mut report, d, "evaluated"));
    if let (Some(created), Some(evaluated), Some(span)) = (
        created,
        evaluated,
        file.evaluated.as_ref().map(|e| e.span()),
    ) && evaluated < created
    {
        report.error(
            span,
            "evaluated",
            Kind::Rule(RuleKind::EvaluatedBeforeCreated { evaluated, created }),
        );
    }

    let interim = file.interim.as_ref().is_some_and(|i| *i.get_ref());
    if let Some(created) = created
        && !report.has_errors()
    {
        // An interim evaluation is written before the year ends.
        let year_end_evaluated = evaluated.filter(|_| !interim);
        check_year(
            &mut report,
            &file,
            fiscal_year,
            (created, year_end_evaluated),
        );
    }
    let approval = check_approval(&mut report, &file.approval).unwrap_or_default();
    let paper_stamps = paper_stamps(&mut report, &file.stamps);
    let deadline = (file.deadline.as_ref()).and_then(|d| date_value(&mut report, d, "deadline"));
    let failed = report.has_errors() || !parsed.sound;
    let header = match (created, failed) {
        (Some(created), false) => Some(WardHeader {
            name: ward,
            fiscal_year,
            created,
            evaluated,
            interim,
            approval,
            paper_stamps,
            deadline,
        }),
        _ => None,
    };
    add_untold(&mut problems, report.problems, &parsed.placeholders);
    (header, problems)
}

/// Warns of a half-done year: a 作成日 outside the fiscal year, a 評価日 before the year has
/// ended, and a fiscal year far from this one.
fn check_year(
    report: &mut Report,
    file: &WardFile,
    fiscal_year: i32,
    (created, evaluated): (NaiveDate, Option<NaiveDate>),
) {
    let (Some(start), Some(end)) = (
        NaiveDate::from_ymd_opt(fiscal_year, 4, 1),
        NaiveDate::from_ymd_opt(fiscal_year + 1, 3, 31),
    ) else {
        return;
    };
    if created < start || created > end {
        let kind = Kind::Rule(RuleKind::CreatedOutsideYear {
            created,
            year: fiscal_year,
        });
        report.warning(file.created.span(), "created", kind);
    }
    if let (Some(evaluated), Some(written)) = (evaluated, &file.evaluated)
        && evaluated <= end
    {
        let kind = Kind::Rule(RuleKind::EvaluatedBeforeYearEnd {
            evaluated,
            year_end: end,
        });
        report.warning(written.span(), "evaluated", kind);
    }
    // Far: a year ahead of next year's, or more than ten years back (an old volume reprinted).
    let this_year = era::fiscal_year_of(chrono::Local::now().date_naive());
    if fiscal_year > this_year + 1 || fiscal_year < this_year - 10 {
        let kind = Kind::Rule(RuleKind::FarFiscalYear {
            year: fiscal_year,
            this_year,
        });
        report.warning(file.fiscal_year.span(), "fiscal_year", kind);
    }
}

/// Adds the problems the rules found, but for those about a key that has an error already, or
/// that was read as empty for want of a value (a missing text is not empty too).
fn add_untold(problems: &mut Vec<Problem>, found: Vec<Problem>, placeholders: &[String]) {
    let mut told: std::collections::HashSet<String> = (problems.iter())
        .filter(|p| p.severity == crate::sheet::problem::Severity::Error)
        .map(|p| p.key.clone())
        .collect();
    told.extend(placeholders.iter().cloned());
    problems.extend(found.into_iter().filter(|p| !told.contains(&p.key)));
}

/// Warns of invisible characters in a name (a bidi override that turns text around, a
/// zero-width space pasted from the web): they are left out of file names, and shown here.
pub(super) fn warn_invisible(report: &mut Report, value: &Spanned<String>, key: &str) {
    let name = value.get_ref();
    if name.chars().any(crate::output::is_invisible) {
        report.warning(
            value.span(),
            key,
            Kind::Rule(RuleKind::InvisibleInName { name: name.clone() }),
        );
    }
}

/// A TOML date as a calendar date inside the eras the sheet can print.
pub(super) fn date_value(
    report: &mut Report,
    value: &Spanned<toml::value::Datetime>,
    key: &str,
) -> Option<NaiveDate> {
    let datetime = value.get_ref();
    let date = match (datetime.date, datetime.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
        _ => None,
    };
    let Some(date) = date else {
        report.error(
            value.span(),
            key,
            Kind::Rule(RuleKind::NotAPlainDate {
                written: datetime.to_string(),
            }),
        );
        return None;
    };
    if let Err(err) = era::short_date(date) {
        report.error(
            value.span(),
            key,
            Kind::Rule(RuleKind::BeforeEras { date: err.0 }),
        );
        return None;
    }
    Some(date)
}

/// One division's file as parsed: the division when it is sound, every problem found, and
/// where its `order` is written (to point at when another file takes the same place).
pub(super) struct ParsedDivision {
    pub(super) division: Option<Division>,
    pub(super) problems: Vec<Problem>,
    /// The division's name as written, also in a file with errors.
    pub(super) name: Option<String>,
    pub(super) order_at: Written,
}

/// Where a value is written: its line and column, and the text of its line.
#[derive(Default)]
pub(super) struct Written {
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) source_line: String,
}

pub(super) fn parse_division(path: &Path, text: &str, checks: &Checks) -> ParsedDivision {
    let mut parsed = parse_toml::<DivisionFile>(path, text, shape::division(), checks);
    let mut problems = std::mem::take(&mut parsed.problems);
    let name = parsed.division.take();
    let Some(file) = parsed.value.take() else {
        return ParsedDivision {
            division: None,
            problems,
            name,
            order_at: Written::default(),
        };
    };
    let mut report = parsed.report(path, text);
    let (line, column) = line_column(text, report.offset(file.order.span().start));
    let order_at = Written {
        line,
        column,
        source_line: line_text(text, line).to_string(),
    };

    let order = match u32::try_from(*file.order.get_ref()) {
        Ok(order) if order >= 1 => order,
        _ => {
            report.error(
                file.order.span(),
                "order",
                Kind::Rule(RuleKind::BadOrder {
                    order: *file.order.get_ref(),
                }),
            );
            0
        }
    };
    for (key, value) in [
        ("department", &file.department),
        ("division", &file.division),
    ] {
        if value.get_ref().trim().is_empty() {
            report.error(
                value.span(),
                key,
                Kind::Rule(RuleKind::EmptyName {
                    key: key.to_string(),
                }),
            );
        }
        warn_invisible(&mut report, value, key);
    }

    let goals = check_goals(&mut report, &file.goals);
    let approval = check_approval(&mut report, &file.approval);
    let division = (parsed.sound && !report.has_errors()).then(|| Division {
        file: path.to_path_buf(),
        order,
        approval,
        goals,
        ..super::texts_of(Level::Division, &file)
    });
    add_untold(&mut problems, report.problems, &parsed.placeholders);
    ParsedDivision {
        division,
        problems,
        name,
        order_at,
    }
}

/// The goals of a division's file: at least one filled in, at most [`MAX_ITEMS`], a warning past
/// the form's rows; each checked.
fn check_goals(report: &mut Report, goals: &Option<Spanned<Vec<Spanned<GoalFile>>>>) -> Vec<Goal> {
    let list = match goals {
        None => {
            report.error(0..0, "goals", Kind::Rule(RuleKind::NoGoal));
            return Vec::new();
        }
        Some(list) if list.get_ref().is_empty() => {
            report.error(list.span(), "goals", Kind::Rule(RuleKind::NoGoal));
            return Vec::new();
        }
        Some(list) => list,
    };
    // Past the limit (blank slots and all), said once and nothing more: 30,000 goals are
    // one problem, not 30,000 goals checked (nor their problems told) one by one.
    if let Some(extra) = list.get_ref().get(MAX_ITEMS) {
        let (count, max) = (list.get_ref().len(), MAX_ITEMS);
        report.error(extra.span(), "goals", Kind::TooManyGoals { count, max });
        return Vec::new();
    }
    // Slots left blank (as `mokuhyo new` writes five) are not goals.
    let filled = filled_slots(list.get_ref(), blank_goal);
    let count = filled.len();
    if filled.is_empty() {
        report.error(list.span(), "goals", Kind::Rule(RuleKind::NoGoalYet));
    }
    if let Some((_, extra)) = filled.get(FORM_ROWS) {
        let rows = FORM_ROWS;
        report.warning(
            extra.span(),
            "goals",
            Kind::Rule(RuleKind::ExtraGoals { count, rows }),
        );
    }
    filled
        .into_iter()
        .map(|(i, goal)| check_goal(report, i, goal))
        .collect()
}

/// A goal slot with nothing written in it: every text, action and indicator empty.
/// The slots of `items` that are filled in, with their index in the file: slots left blank
/// (as `mokuhyo new` writes them) are not there.
pub(super) fn filled_slots<T>(
    items: &[Spanned<T>],
    blank: fn(&T) -> bool,
) -> Vec<(usize, &Spanned<T>)> {
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| !blank(item.get_ref()))
        .collect()
}

pub(super) fn blank_goal(g: &GoalFile) -> bool {
    blank_item(Level::Goal, g)
}

/// An action slot with nothing written in it.
pub(super) fn blank_action(a: &ActionFile) -> bool {
    blank_item(Level::Action, a)
}

/// An indicator slot with nothing written in it.
pub(super) fn blank_indicator(i: &IndicatorFile) -> bool {
    blank_item(Level::Indicator, i)
}

/// An item with nothing written in it, nor in its items, as the field table says.
fn blank_item(level: Level, item: &impl serde::Serialize) -> bool {
    let keys = serde_json::to_value(item).unwrap_or_default();
    fields::blank(FIELDS, level, &keys)
}

pub(super) fn check_goal(report: &mut Report, i: usize, goal: &Spanned<GoalFile>) -> Goal {
    let key = format!("goals[{}]", i + 1);
    let g = goal.get_ref();
    if g.text.get_ref().trim().is_empty() {
        report.error(
            g.text.span(),
            &format!("{key}.text"),
            Kind::Rule(RuleKind::EmptyGoalText),
        );
    }
    let rating = check_rating(report, &key, g);
    // Action and indicator slots left blank (as `mokuhyo new` writes them) are not there.
    let filled_actions = filled_slots(&g.actions, blank_action);
    if filled_actions.is_empty() {
        report.error(goal.span(), &key, Kind::Rule(RuleKind::NoAction));
    }
    let actions = match g.actions.get(MAX_ITEMS) {
        // Said once; the actions are not checked one by one.
        Some(extra) => {
            let (max, at) = (MAX_ITEMS, format!("{key}.actions[{}]", MAX_ITEMS + 1));
            report.error(extra.span(), &at, Kind::TooManyActions { max });
            Vec::new()
        }
        None => (filled_actions.into_iter())
            .map(|(j, action)| check_action(report, &format!("{key}.actions[{}]", j + 1), action))
            .collect(),
    };
    Goal {
        rating,
        actions,
        ..texts_of(Level::Goal, g)
    }
}

/// A goal's rating as printed (○, △, × or none): look-alikes taken for their mark, anything else
/// an error; a rating without any result is a warning.
fn check_rating(report: &mut Report, key: &str, goal: &GoalFile) -> String {
    let Some(written) = &goal.rating else {
        return String::new();
    };
    let at = format!("{key}.rating");
    let mark = written.get_ref().trim();
    let Some(rating) = normalize_rating(mark) else {
        let mark = mark.to_string();
        report.error(
            written.span(),
            &at,
            Kind::Rule(RuleKind::NotARating { mark }),
        );
        return String::new();
    };
    let has_result = goal.actions.iter().any(|a| {
        let indicators = &a.get_ref().indicators;
        indicators.iter().any(|i| {
            let result = i.get_ref().result.as_ref();
            result.is_some_and(|r| !r.trim().is_empty())
        })
    });
    if !rating.is_empty() && !has_result {
        report.warning(
            written.span(),
            &at,
            Kind::Rule(RuleKind::RatedWithoutResult),
        );
    }
    rating.to_string()
}

/// An action with its indicators (slots left blank are not there): at least one, at most
/// [`MAX_ITEMS`].
fn check_action(report: &mut Report, key: &str, action: &Spanned<ActionFile>) -> Action {
    let a = action.get_ref();
    if a.indicators.len() > MAX_ITEMS {
        // Said once, blank slots and all; not read one by one.
        let max = MAX_ITEMS;
        report.error(action.span(), key, Kind::TooManyIndicators { max });
        let indicators = Vec::new();
        return Action {
            indicators,
            ..texts_of(Level::Action, a)
        };
    }
    let indicators: Vec<Indicator> = a
        .indicators
        .iter()
        .map(|ind| ind.get_ref())
        .filter(|ind| !blank_indicator(ind))
        .map(|ind| texts_of(Level::Indicator, ind))
        .collect();
    if indicators.is_empty() {
        report.error(action.span(), key, Kind::Rule(RuleKind::NoIndicator));
    }
    only_spaces(report, key, &a.indicators);
    Action {
        indicators,
        ..texts_of(Level::Action, a)
    }
}

/// A target or result of only spaces (half- or full-width), which prints as a blank cell:
/// a warning, as it is most likely a value yet to be written over.
fn only_spaces(report: &mut Report, key: &str, indicators: &[Spanned<IndicatorFile>]) {
    for (j, indicator) in indicators.iter().enumerate() {
        let i = indicator.get_ref();
        if blank_indicator(i) {
            continue;
        }
        let result = i.result.as_deref().unwrap_or("");
        for (name, value) in [("target", i.target.as_str()), ("result", result)] {
            if !value.is_empty() && value.trim().is_empty() {
                let at = format!("{key}.indicators[{}].{name}", j + 1);
                report.warning(indicator.span(), &at, Kind::Rule(RuleKind::OnlySpaces));
            }
        }
    }
}
