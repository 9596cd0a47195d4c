//! Numbers as Excel displays them: a cell holds `0.805` and shows `80.5%`, holds `1200` and
//! shows `1,200人`, holds `45747` and shows `2025/3/31` or `令和7年3月31日`. What a division typed
//! is what it saw, so import takes the cell as displayed, by its number format.
//!
//! The formats are those Excel's Japanese UI offers and people write: General, `0`, `0.0`,
//! `#,##0`, percentages, literal text (`"人"`, `\円`), dates (`yyyy/m/d`, `yyyy"年"m"月"d"日"`,
//! `m/d`), 和暦 (`[$-ja-JP-x-gannen]ggge"年"m"月"d"日"`, `ge.m.d`) and times. Colours, padding
//! and locale tags are left out; a format with a part for negative numbers uses it.

mod pattern;

use pattern::{Token, date, number, split_sections, tokenize};

/// The format of a built-in number format id, as Excel in Japanese shows it.
pub fn builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        14 => "yyyy/m/d",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "yyyy/m/d h:mm",
        27 | 28 | 29 | 30 | 31 | 36 | 50 | 51 | 52 | 53 | 54 | 57 | 58 => {
            "[$-411]ggge\"年\"m\"月\"d\"日\""
        }
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        49 => "@",
        55 | 56 => "yyyy\"年\"m\"月\"d\"日\"",
        _ => return None,
    })
}

/// `value` as a cell with the number format `format` shows it.
pub fn display(value: f64, format: &str) -> String {
    display_in(value, format, DateSystem::From1900)
}

/// How a workbook counts its date serials: from 1900 (Excel for Windows, the default), or
/// from 1904 (`date1904`, as Excel for Mac saved them), 1462 days later.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateSystem {
    #[default]
    From1900,
    From1904,
}

impl DateSystem {
    /// A serial of this system as one of the 1900 system.
    fn in_1900(self, value: f64) -> f64 {
        match self {
            DateSystem::From1900 => value,
            DateSystem::From1904 => value + 1462.0,
        }
    }
}

/// [`display`] for a workbook of the date system `system`.
pub fn display_in(value: f64, format: &str, system: DateSystem) -> String {
    let sections = split_sections(format);
    let (section, value) = match sections.as_slice() {
        [_, negative, ..] if value < 0.0 => (negative.as_str(), -value),
        [first, ..] => (first.as_str(), value),
        [] => ("General", value),
    };
    if section.trim() == "@" {
        return general(value); // Text format: a number typed in it shows as typed.
    }
    let tokens = tokenize(section);
    if tokens.iter().any(|t| matches!(t, Token::Date(_)))
        && let Some(text) = date(system.in_1900(value), &tokens)
    {
        return text;
    }
    if tokens
        .iter()
        .all(|t| matches!(t, Token::Literal(_) | Token::General))
    {
        let literal = tokens.iter().any(|t| matches!(t, Token::Literal(_)));
        if !literal || tokens.iter().any(|t| matches!(t, Token::General)) {
            return tokens
                .iter()
                .map(|t| match t {
                    Token::General => general(value),
                    Token::Literal(text) => text.clone(),
                    _ => String::new(),
                })
                .collect();
        }
    }
    number(value, &tokens)
}

/// A number as Excel's General format shows it.
pub fn general(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    // Excel shows at most 11 significant digits in a cell of General format.
    let rounded: f64 = format!("{value:.10e}").parse().unwrap_or(value);
    rounded.to_string()
}

/// What an xlsx's parts say about one worksheet's cells beyond their values.
#[derive(Debug, Default)]
pub struct SheetCells {
    /// The number formats other than General, by (row, column), 0-based.
    pub formats: std::collections::HashMap<(u32, u32), String>,
    /// Formula cells saved without a value (by a program that does not compute them).
    pub unvalued: Vec<(u32, u32)>,
}

/// The parts of an xlsx workbook that say how its cells display, read once: its worksheets'
/// parts by name and its cell styles' number formats. Each worksheet is then read on its own.
pub struct XlsxParts {
    zip: zip::ZipArchive<std::io::BufReader<std::fs::File>>,
    /// Each worksheet's name and its part (`xl/worksheets/sheet1.xml`).
    sheets: Vec<(String, String)>,
    /// Each cell style's number format, `None` for General.
    styles: Vec<Option<String>>,
    /// How the workbook counts dates (`<workbookPr date1904="1"/>`).
    pub dates: DateSystem,
}

impl XlsxParts {
    /// The workbook at `path`; `None` when its parts cannot be read as expected (calamine says
    /// what is wrong with the workbook itself).
    pub fn open(path: &std::path::Path) -> Option<Self> {
        let file = std::fs::File::open(path).ok()?;
        let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
        let targets = elements(&mut zip, "xl/_rels/workbook.xml.rels", "Relationship")?;
        let target = |id: &str| {
            let found = targets.iter().find(|a| attribute(a, "Id") == Some(id))?;
            let target = attribute(found, "Target")?;
            Some(match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            })
        };
        let sheets = (elements(&mut zip, "xl/workbook.xml", "sheet")?.iter())
            .filter_map(|a| {
                Some((
                    attribute(a, "name")?.to_string(),
                    target(attribute(a, "r:id")?)?,
                ))
            })
            .collect();
        let styles = styles(&mut zip)?;
        let date1904 = (elements(&mut zip, "xl/workbook.xml", "workbookPr")?.iter())
            .any(|a| matches!(attribute(a, "date1904"), Some("1" | "true")));
        let dates = match date1904 {
            true => DateSystem::From1904,
            false => DateSystem::From1900,
        };
        Some(Self {
            zip,
            sheets,
            styles,
            dates,
        })
    }

    /// The number formats and unvalued formulas of the worksheet `name`; none when it cannot
    /// be read.
    pub fn sheet(&mut self, name: &str) -> SheetCells {
        self.read_sheet(name).unwrap_or_default()
    }

    fn read_sheet(&mut self, name: &str) -> Option<SheetCells> {
        use quick_xml::events::Event;
        let part = &self.sheets.iter().find(|(sheet, _)| sheet == name)?.1;
        let styles = &self.styles;
        let zip = &mut self.zip;
        let entry = zip.by_name(part).ok()?;
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(entry));
        let mut cells = SheetCells::default();
        let mut buffer = Vec::new();
        // The cell being read: its place, and whether it has a formula and a value; whether the
        // reader is inside its value (`<v>`).
        let mut cell: Option<((u32, u32), bool, bool)> = None;
        let mut in_value = false;
        loop {
            match reader.read_event_into(&mut buffer).ok()? {
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"c" => {
                    let attributes = attributes_of(&e, &reader);
                    let at = attribute(&attributes, "r").and_then(cell_position);
                    let numeric =
                        matches!(attribute(&attributes, "t"), None | Some("n") | Some("d"));
                    let style = attribute(&attributes, "s").and_then(|s| s.parse::<usize>().ok());
                    let code = style.and_then(|s| styles.get(s)).and_then(Option::as_ref);
                    if let (true, Some(code), Some(at)) = (numeric, code, at)
                        && cells.formats.len() < MAX_FORMATTED
                    {
                        cells.formats.insert(at, code.clone());
                    }
                    cell = at.map(|at| (at, false, false));
                }
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"f" => {
                    if let Some((_, formula, _)) = cell.as_mut() {
                        *formula = true;
                    }
                }
                Event::Start(e) if e.name().as_ref() == b"v" => in_value = true,
                Event::End(e) if e.name().as_ref() == b"v" => in_value = false,
                Event::Text(text) if in_value && !text.is_empty() => {
                    if let Some((_, _, value)) = cell.as_mut() {
                        *value = true;
                    }
                }
                Event::End(e) if e.name().as_ref() == b"c" => {
                    if let Some((at, true, false)) = cell.take()
                        && cells.unvalued.len() < MAX_FORMATTED
                    {
                        cells.unvalued.push(at);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buffer.clear();
        }
        Some(cells)
    }
}

/// The most cells whose formats are kept: as many as a sheet's table may have.
const MAX_FORMATTED: usize = 1 << 20;

/// Each cell style's number format (by the style's index), `None` for General.
fn styles<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Option<Vec<Option<String>>> {
    let mut custom = std::collections::HashMap::new();
    for attributes in elements(zip, "xl/styles.xml", "numFmt")? {
        if let (Some(id), Some(code)) = (
            attribute(&attributes, "numFmtId"),
            attribute(&attributes, "formatCode"),
        ) {
            custom.insert(id.parse::<u32>().ok()?, code.to_string());
        }
    }
    let xfs = elements_in(zip, "xl/styles.xml", "cellXfs", "xf")?;
    Some(
        xfs.into_iter()
            .map(|attributes| {
                let id: u32 = attribute(&attributes, "numFmtId")?.parse().ok()?;
                let code = custom
                    .get(&id)
                    .cloned()
                    .or_else(|| builtin(id).map(str::to_string))?;
                (code != "General").then_some(code)
            })
            .collect(),
    )
}

type Attributes = Vec<(String, String)>;

fn attribute<'a>(attributes: &'a Attributes, name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// The attributes of every `element` of a part.
fn elements<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    part: &str,
    element: &str,
) -> Option<Vec<Attributes>> {
    elements_in(zip, part, "", element)
}

/// The attributes of every `element` of a part inside a `parent` (anywhere when `parent` is
/// empty).
fn elements_in<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    part: &str,
    parent: &str,
    element: &str,
) -> Option<Vec<Attributes>> {
    use quick_xml::events::Event;
    let entry = zip.by_name(part).ok()?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(entry));
    let mut buffer = Vec::new();
    let mut found = Vec::new();
    let mut inside = parent.is_empty();
    loop {
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(e) | Event::Empty(e)
                if e.name().as_ref() == element.as_bytes() && inside =>
            {
                found.push(attributes_of(&e, &reader));
            }
            Event::Start(e) if !parent.is_empty() && e.name().as_ref() == parent.as_bytes() => {
                inside = true;
            }
            Event::End(e) if !parent.is_empty() && e.name().as_ref() == parent.as_bytes() => {
                inside = false;
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    Some(found)
}

/// The attributes of an element, unescaped.
fn attributes_of<R>(
    e: &quick_xml::events::BytesStart,
    reader: &quick_xml::Reader<R>,
) -> Attributes {
    (e.attributes().flatten())
        .filter_map(|a| {
            let key = String::from_utf8(a.key.as_ref().to_vec()).ok()?;
            let value = a.decode_and_unescape_value(reader.decoder()).ok()?;
            Some((key, value.into_owned()))
        })
        .collect()
}

/// `B3` → (2, 1).
fn cell_position(reference: &str) -> Option<(u32, u32)> {
    let letters = reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .count();
    let (column, row) = reference.split_at(letters);
    let column = column.bytes().try_fold(0u32, |n, b| {
        Some(n.checked_mul(26)? + u32::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1)
    })?;
    let row: u32 = row.parse().ok()?;
    Some((row.checked_sub(1)?, column.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-03-31, as Excel counts days.
    const MARCH_31: f64 = 45747.0;

    #[test]
    fn numbers_show_as_their_format_shows_them() {
        let cases: [(f64, &str, &str); 17] = [
            (0.805, "0.0%", "80.5%"),
            (0.805, "0%", "81%"),
            (0.5, "0.00%", "50.00%"),
            (1200.0, "#,##0\"人\"", "1,200人"),
            (1200.0, "#,##0", "1,200"),
            (1234567.891, "#,##0.00", "1,234,567.89"),
            (12.0, "0\"件\"", "12件"),
            (12.0, "\"約\"0\"件\"", "約12件"),
            (3.0, "0\\回", "3回"),
            (-5.0, "#,##0;[Red]\\-#,##0", "-5"),
            (-5.0, "#,##0;(#,##0)", "(5)"),
            (0.805, "General", "0.805"),
            (1200.0, "General", "1200"),
            (12.5, "0.0", "12.5"),
            (7.0, "00", "07"),
            (1500.0, "[$¥-411]#,##0", "¥1,500"),
            (44.0, "@", "44"),
        ];
        for (value, format, shown) in cases {
            assert_eq!(display(value, format), shown, "{value} as {format}");
        }
    }

    #[test]
    fn dates_show_as_their_format_shows_them_also_in_japanese_eras() {
        let cases: [(&str, &str); 9] = [
            ("yyyy/m/d", "2025/3/31"),
            ("yyyy/mm/dd", "2025/03/31"),
            ("yyyy\"年\"m\"月\"d\"日\"", "2025年3月31日"),
            ("m/d", "3/31"),
            (
                "[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\"",
                "令和7年3月31日",
            ),
            ("[$-411]ggge\"年\"m\"月\"d\"日\"", "令和7年3月31日"),
            ("ge.m.d", "R7.3.31"),
            ("gge\"年\"m\"月\"", "令7年3月"),
            ("m\"月\"d\"日\"(aaa)", "3月31日(月)"),
        ];
        for (format, shown) in cases {
            assert_eq!(display(MARCH_31, format), shown, "{format}");
        }
        assert_eq!(display(MARCH_31 + 0.5, "yyyy/m/d h:mm"), "2025/3/31 12:00");
        assert_eq!(display(0.75, "h:mm"), "18:00");
        assert_eq!(display(0.75, "h:mm AM/PM"), "6:00 PM");
        assert_eq!(display(MARCH_31, builtin(14).unwrap()), "2025/3/31");
        assert_eq!(display(MARCH_31, builtin(58).unwrap()), "令和7年3月31日");
    }
}
