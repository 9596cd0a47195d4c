//! Fonts: the ones shipped in `fonts/` (embedded in the binary) and any the user adds with
//! `--font-path`. They are found and enumerated with fontdb, parsed once per process, and
//! shared by every document compiled in it.

use super::Error;
use fontdb::{Database, Source};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The fonts compiled into the binary: BIZ UDゴシック for the sheet and Noto Sans CJK for the
/// characters it lacks (such as 𠮷 U+20BB7 in people's and place names). All are under the
/// SIL Open Font License; see `fonts/`.
pub const EMBEDDED: [(&str, &[u8]); 3] = [
    (
        "BIZUDGothic-Regular.ttf",
        include_bytes!("../../fonts/BIZUDGothic-Regular.ttf"),
    ),
    (
        "BIZUDGothic-Bold.ttf",
        include_bytes!("../../fonts/BIZUDGothic-Bold.ttf"),
    ),
    (
        "NotoSansCJK-Regular.ttc",
        include_bytes!("../../fonts/NotoSansCJK-Regular.ttc"),
    ),
];

/// The families of the embedded fonts that documents may use. The Noto Sans CJK collection
/// holds ten faces with the same characters (Sans and Sans Mono, each in the glyph forms of
/// Japan, Korea, mainland China, Taiwan and Hong Kong); a Japanese sheet wants the Japanese
/// forms, and only that face is offered. Parsing a CJK face takes milliseconds (its coverage
/// of some 45,000 characters), so the nine others would cost every run's start for nothing.
/// Fonts from `--font-path` are all offered.
pub const EMBEDDED_FAMILIES: [&str; 2] = ["BIZ UDGothic", "Noto Sans CJK JP"];

/// Every font a document may use, with the book typst selects from.
pub struct FontSet {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
    /// Every code point some font has, as bits (made when first asked: typst's coverage
    /// answers by a scan over runs, too slow for every character of a city's sheets).
    covered: OnceLock<Vec<u64>>,
}

/// A font file whose bytes typst can share without copying.
struct Shared(Arc<dyn AsRef<[u8]> + Send + Sync>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.as_ref().as_ref()
    }
}

impl FontSet {
    /// The embedded fonts, then every font file found (recursively) in `extra_dirs`.
    pub fn load(extra_dirs: &[PathBuf]) -> Result<Self, Error> {
        let mut db = Database::new();
        for (_, data) in EMBEDDED {
            db.load_font_source(Source::Binary(Arc::new(data)));
        }
        for dir in extra_dirs {
            if !dir.is_dir() {
                return Err(Error::NoFontFolder { path: dir.clone() });
            }
            db.load_fonts_dir(dir);
        }

        // One `Bytes` per file, shared by all the faces of a collection (.ttc).
        let mut files: HashMap<PathBuf, Bytes> = HashMap::new();
        let mut faces = Vec::new();
        for face in db.faces() {
            let data = match &face.source {
                Source::Binary(_) if !offered(face) => continue,
                Source::Binary(data) => Bytes::new(Shared(data.clone())),
                Source::File(path) => match files.get(path) {
                    Some(bytes) => bytes.clone(),
                    None => {
                        let bytes = Bytes::new(read_font(path)?);
                        files.insert(path.clone(), bytes.clone());
                        bytes
                    }
                },
            };
            faces.push((data, face.index));
        }
        // Parsing a face (its coverage, above all) takes a few milliseconds for a CJK font:
        // the faces are parsed on all cores, which shortens every run's start.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = faces.len().div_ceil(threads).max(1);
        let fonts: Vec<Font> = std::thread::scope(|scope| {
            let parsing: Vec<_> = faces
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .filter_map(|(data, index)| Font::new(data.clone(), *index))
                            .collect::<Vec<Font>>()
                    })
                })
                .collect();
            parsing
                .into_iter()
                .flat_map(|handle| handle.join().unwrap_or_default())
                .collect()
        });
        Ok(Self {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            covered: OnceLock::new(),
        })
    }

    /// Whether any font of the set has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let covered = self.covered.get_or_init(|| {
            let mut bits = vec![0u64; (char::MAX as usize >> 6) + 1];
            for font in &self.fonts {
                for code in font.info().coverage.iter() {
                    if let Some(word) = bits.get_mut(code as usize >> 6) {
                        *word |= 1 << (code & 63);
                    }
                }
            }
            bits
        });
        let code = c as usize;
        covered[code >> 6] & (1 << (code & 63)) != 0
    }
}

/// Whether an embedded face is one of [`EMBEDDED_FAMILIES`].
fn offered(face: &fontdb::FaceInfo) -> bool {
    face.families
        .iter()
        .any(|(family, _)| EMBEDDED_FAMILIES.contains(&family.as_str()))
}

fn read_font(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Font {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_set_is_biz_ud_and_the_japanese_noto_face() {
        let fonts = FontSet::load(&[]).unwrap();
        let mut faces: Vec<(String, u16)> = fonts
            .fonts
            .iter()
            .map(|f| (f.info().family.clone(), f.info().variant.weight.to_number()))
            .collect();
        faces.sort();
        assert_eq!(
            faces,
            [
                ("BIZ UDGothic".to_string(), 400),
                ("BIZ UDGothic".to_string(), 700),
                ("Noto Sans CJK JP".to_string(), 400),
            ]
        );
        // The Japanese face still draws what BIZ UD lacks.
        assert!(fonts.covers('𠮷'));
        assert!(fonts.covers('東'));
        assert!(!fonts.covers('\u{E000}'));
    }
}
