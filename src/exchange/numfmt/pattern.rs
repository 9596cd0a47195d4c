//! A number format's sections and tokens, and a number or a date shown by them: the engine
//! behind [`super::display_in`].

use super::general;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

/// The sections of a format (`positive;negative;zero;text`), split outside quotes.
pub(super) fn split_sections(format: &str) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut quoted = false;
    let mut escaped = false;
    for c in format.chars() {
        let current = sections.last_mut().expect("one section at least");
        match c {
            _ if escaped => {
                current.push(c);
                escaped = false;
            }
            '\\' => {
                current.push(c);
                escaped = true;
            }
            '"' => {
                current.push(c);
                quoted = !quoted;
            }
            ';' if !quoted => sections.push(String::new()),
            _ => current.push(c),
        }
    }
    sections
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    Literal(String),
    /// A run of digit placeholders (`#,##0.00`).
    Digits(String),
    Percent,
    General,
    /// A date or time part: `yyyy`, `m`, `dd`, `ggg`, `e`, `h`, `mm` (minutes), `ss`, `aaa`.
    Date(String),
}

/// A format section as tokens: literals, digit runs, `%`, date parts.
pub(super) fn tokenize(section: &str) -> Vec<Token> {
    let chars: Vec<char> = section.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().collect();
        if rest.to_ascii_lowercase().starts_with("general") {
            tokens.push(Token::General);
            i += "general".len();
            continue;
        }
        match c {
            '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|c| *c == '"')
                    .map_or(chars.len(), |e| i + 1 + e);
                let text: String = chars[i + 1..end].iter().collect();
                literal(&mut tokens, &text);
                i = end + 1;
            }
            '\\' => {
                if let Some(next) = chars.get(i + 1) {
                    literal(&mut tokens, &next.to_string());
                }
                i += 2;
            }
            // Padding to a character's width, and repeating a character: nothing to show.
            '_' | '*' => i += 2,
            '[' => i = bracket(&chars, i, &mut tokens),
            '0' | '#' | '?' | ',' | '.' if digits_ahead(&chars[i..]) => {
                let start = i;
                while i < chars.len() && matches!(chars[i], '0' | '#' | '?' | ',' | '.') {
                    i += 1;
                }
                tokens.push(Token::Digits(chars[start..i].iter().collect()));
            }
            '%' => {
                tokens.push(Token::Percent);
                i += 1;
            }
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'g' | 'G' | 'e' | 'E'
            | 'a' | 'A'
                if !is_am_pm(&rest) =>
            {
                i = date_run(&chars, i, &mut tokens);
            }
            _ if is_am_pm(&rest) => {
                tokens.push(Token::Date("ampm".into()));
                i += if rest.starts_with("AM/PM") || rest.starts_with("am/pm") {
                    5
                } else {
                    3
                };
            }
            _ => {
                literal(&mut tokens, &c.to_string());
                i += 1;
            }
        }
    }
    tokens
}

/// `text` shown as it is, joined to the literal before it.
fn literal(tokens: &mut Vec<Token>, text: &str) {
    match tokens.last_mut() {
        Some(Token::Literal(last)) => last.push_str(text),
        _ => tokens.push(Token::Literal(text.to_string())),
    }
}

/// The `[…]` at `i`: colours, conditions and locales (`[Red]`, `[$-411]`) show nothing but a
/// currency's symbol; elapsed hours (`[h]`) are kept. Where the tokens go on.
fn bracket(chars: &[char], i: usize, tokens: &mut Vec<Token>) -> usize {
    let end = chars[i..]
        .iter()
        .position(|c| *c == ']')
        .map_or(chars.len(), |e| i + e);
    let inner: String = chars[i + 1..end].iter().collect();
    if matches!(
        inner.to_ascii_lowercase().as_str(),
        "h" | "hh" | "m" | "mm" | "s" | "ss"
    ) {
        tokens.push(Token::Date(inner.to_ascii_lowercase()));
    } else if let Some(currency) = inner.strip_prefix('$') {
        let symbol = currency.split('-').next().unwrap_or_default();
        if !symbol.is_empty() {
            literal(tokens, symbol);
        }
    }
    end + 1
}

/// The run of one date letter at `i` (`yyyy`, `m`, `ggg`), as a date part; `a` or `aa` alone
/// is text. Where the tokens go on.
fn date_run(chars: &[char], mut i: usize, tokens: &mut Vec<Token>) -> usize {
    let lower = chars[i].to_ascii_lowercase();
    let start = i;
    while i < chars.len() && chars[i].to_ascii_lowercase() == lower {
        i += 1;
    }
    let run: String = chars[start..i]
        .iter()
        .collect::<String>()
        .to_ascii_lowercase();
    if lower == 'a' && run.len() < 3 {
        literal(tokens, &chars[start..i].iter().collect::<String>());
    } else {
        tokens.push(Token::Date(run));
    }
    i
}

fn is_am_pm(rest: &str) -> bool {
    rest.starts_with("AM/PM") || rest.starts_with("am/pm") || rest.starts_with("A/P")
}

/// Whether a digit placeholder starts here (a `,` or `.` only when a placeholder follows).
fn digits_ahead(chars: &[char]) -> bool {
    match chars.first() {
        Some('0' | '#' | '?') => true,
        Some(',' | '.') => chars.get(1).is_some_and(|c| matches!(c, '0' | '#' | '?')),
        _ => false,
    }
}

/// A number by the digit runs, percent signs and literals of a section.
pub(super) fn number(value: f64, tokens: &[Token]) -> String {
    let percents = tokens.iter().filter(|t| **t == Token::Percent).count();
    let mut value = value * 100f64.powi(percents as i32);
    let pattern: String = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Digits(d) => Some(d.as_str()),
            _ => None,
        })
        .collect();
    // Commas after the last placeholder divide by a thousand each.
    let trailing = pattern.len() - pattern.trim_end_matches(',').len();
    value /= 1000f64.powi(trailing as i32);
    let pattern = pattern.trim_end_matches(',');
    let (whole, fraction) = pattern.split_once('.').unwrap_or((pattern, ""));
    let decimals = fraction
        .chars()
        .filter(|c| matches!(c, '0' | '#' | '?'))
        .count();
    let required = fraction.chars().filter(|c| *c == '0').count();
    let grouped = whole.contains(',');
    let min_whole = whole.chars().filter(|c| *c == '0').count();
    let negative = value < 0.0;
    // Excel rounds half away from zero on the number as it shows it, not on its binary
    // approximation (0.805 × 100 is 80.49999999999999 in binary, and shows as 81%).
    let shown: f64 = format!("{:.12e}", value.abs())
        .parse()
        .unwrap_or(value.abs());
    let scale = 10f64.powi(decimals as i32);
    let text = format!("{:.*}", decimals, (shown * scale).round() / scale);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut frac = frac.to_string();
    while frac.len() > required && frac.ends_with('0') {
        frac.pop();
    }
    let int = if int == "0" && min_whole == 0 {
        ""
    } else {
        int
    };
    let int = format!("{int:0>min_whole$}");
    let int = if grouped { group(&int) } else { int };
    let mut digits = if negative { format!("-{int}") } else { int };
    if !frac.is_empty() {
        digits.push('.');
        digits.push_str(&frac);
    }
    let mut out = String::new();
    let mut placed = false;
    for token in tokens {
        match token {
            Token::Literal(text) => out.push_str(text),
            Token::Percent => out.push('%'),
            Token::Digits(_) if !placed => {
                out.push_str(&digits);
                placed = true;
            }
            Token::General if !placed => {
                out.push_str(&general(value));
                placed = true;
            }
            _ => {}
        }
    }
    if !placed {
        out.push_str(&digits);
    }
    out
}

/// `1234567` → `1,234,567`.
fn group(int: &str) -> String {
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    out
}

/// A date serial (days since 1899-12-30, as Excel's 1900 system counts them) by the date and
/// time parts of a section; `None` for a serial no calendar has.
pub(super) fn date(value: f64, tokens: &[Token]) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&value) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (value * 86_400.0).round() as i64;
    let at: NaiveDateTime = epoch + Duration::seconds(seconds);
    let era = crate::sheet::era::era_date(at.date()).ok();
    let hour_before = |i: usize| {
        tokens[..i].iter().rev().find_map(|t| match t {
            Token::Date(part) => Some(part.starts_with('h')),
            _ => None,
        }) == Some(true)
    };
    let second_after = |i: usize| {
        tokens[i + 1..].iter().find_map(|t| match t {
            Token::Date(part) => Some(part.starts_with('s')),
            _ => None,
        }) == Some(true)
    };
    let twelve_hour = tokens.contains(&Token::Date("ampm".into()));
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        let part = match token {
            Token::Literal(text) => {
                out.push_str(text);
                continue;
            }
            Token::Date(part) => part.as_str(),
            Token::Digits(d) => {
                out.push_str(d);
                continue;
            }
            Token::Percent => {
                out.push('%');
                continue;
            }
            Token::General => continue,
        };
        let text = match part {
            "yyyy" | "yyy" => format!("{}", at.year()),
            "yy" | "y" => format!("{:02}", at.year() % 100),
            "m" | "mm" if hour_before(i) || second_after(i) => minutes(part, at.minute()),
            "m" => at.month().to_string(),
            "mm" => format!("{:02}", at.month()),
            "mmm" => MONTHS[at.month0() as usize].to_string(),
            "mmmm" | "mmmmm" => MONTHS_LONG[at.month0() as usize].to_string(),
            "d" => at.day().to_string(),
            "dd" => format!("{:02}", at.day()),
            "ddd" => DAYS[at.weekday().num_days_from_sunday() as usize].to_string(),
            "dddd" => DAYS_LONG[at.weekday().num_days_from_sunday() as usize].to_string(),
            "aaa" => WEEKDAYS_JA[at.weekday().num_days_from_sunday() as usize].to_string(),
            "aaaa" => format!(
                "{}曜日",
                WEEKDAYS_JA[at.weekday().num_days_from_sunday() as usize]
            ),
            "g" => era.as_ref()?.era.letter.to_string(),
            "gg" => era.as_ref()?.era.name.chars().next()?.to_string(),
            "ggg" => era.as_ref()?.era.name.to_string(),
            "e" => era_year(era.as_ref()?.year, false),
            "ee" => era_year(era.as_ref()?.year, true),
            "h" | "[h]" if twelve_hour => ((at.hour() + 11) % 12 + 1).to_string(),
            "h" => at.hour().to_string(),
            "hh" if twelve_hour => format!("{:02}", (at.hour() + 11) % 12 + 1),
            "hh" => format!("{:02}", at.hour()),
            "s" => at.second().to_string(),
            "ss" => format!("{:02}", at.second()),
            "ampm" => (if at.hour() < 12 { "AM" } else { "PM" }).to_string(),
            "[h]" | "[hh]" => ((value * 24.0).floor() as i64).to_string(),
            _ => return None,
        };
        out.push_str(&text);
    }
    Some(out)
}

fn minutes(part: &str, minute: u32) -> String {
    match part {
        "m" => minute.to_string(),
        _ => format!("{minute:02}"),
    }
}

/// An era year as Excel shows it: `元` is not used by `e`, only by Japanese dates people type.
fn era_year(year: i32, padded: bool) -> String {
    if padded {
        format!("{year:02}")
    } else {
        year.to_string()
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const DAYS_LONG: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const WEEKDAYS_JA: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
