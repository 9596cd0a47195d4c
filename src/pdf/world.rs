//! The typst `World` one document is compiled in.
//!
//! Its file system is virtual and small: the templates under `/templates/` (embedded in the
//! binary, or a user's folder given with `--templates`, whose other files, such as a logo,
//! may be read too) and the document's data at `/data.json`. Nothing else can be read: a
//! template asking for `/etc/passwd` gets an error saying what it may read, `../x` above the
//! root is refused by typst, and a symbolic link out of the templates folder is refused
//! here. The library, fonts and parsed templates are built once per process and shared by
//! every document; only the data changes between divisions, under the same `FileId`.

use super::Error;
use crate::pdf::fonts::FontSet;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

/// The templates shipped in `templates/`, compiled into the binary.
pub const EMBEDDED_TEMPLATES: [(&str, &str); 3] = [
    ("form.typ", include_str!("../../templates/form.typ")),
    ("sheet.typ", include_str!("../../templates/sheet.typ")),
    ("volume.typ", include_str!("../../templates/volume.typ")),
];

/// Where a document's data appears to its template.
pub const DATA_PATH: &str = "/data.json";

/// The one `FileId` of the data, the same for every document of the process.
pub static DATA_ID: LazyLock<FileId> = LazyLock::new(|| project_file(DATA_PATH));

/// The interned id of a path in the project root.
pub fn project_file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the paths named here are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The id of a template by file name: `sheet.typ` → `/templates/sheet.typ`.
pub fn template_file(name: &str) -> FileId {
    project_file(&format!("/templates/{name}"))
}

/// The templates, parsed once.
pub struct Templates {
    sources: HashMap<FileId, Source>,
    /// The user's templates folder (canonical), whose other files templates may read.
    dir: Option<PathBuf>,
}

impl Templates {
    /// The embedded templates, each replaced by the file of the same name in `dir` if there is
    /// one; other `.typ` files in `dir` are added (a user's template may import its own parts).
    pub fn load(dir: Option<&Path>) -> Result<Self, Error> {
        let mut texts: HashMap<String, String> = EMBEDDED_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let dir = dir
            .map(|dir| {
                dir.canonicalize().map_err(|source| Error::TemplatesFolder {
                    path: dir.to_path_buf(),
                    source,
                })
            })
            .transpose()?;
        if let Some(dir) = &dir {
            let entries = std::fs::read_dir(dir).map_err(|source| Error::TemplatesFolder {
                path: dir.clone(),
                source,
            })?;
            for entry in entries.flatten() {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                if !name.ends_with(".typ") {
                    continue;
                }
                // The same rule as for every other file a template reads: inside the folder
                // once links are followed, and a file.
                let real = path
                    .canonicalize()
                    .map_err(|source| Error::read(&path, source))?;
                if !real.starts_with(dir) {
                    return Err(Error::TemplateOutside { path, target: real });
                }
                if !real.is_file() {
                    continue;
                }
                let text =
                    std::fs::read_to_string(&real).map_err(|source| Error::read(&path, source))?;
                texts.insert(name.to_string(), text);
            }
        }
        let sources = texts
            .into_iter()
            .map(|(name, text)| {
                let id = template_file(&name);
                (
                    id,
                    Source::new(id, text.trim_start_matches('\u{FEFF}').to_string()),
                )
            })
            .collect();
        Ok(Self { sources, dir })
    }

    /// Where a template file is, as the user knows it: in their `--templates` folder, or
    /// `templates/…` for a built-in one.
    pub fn shown_path(&self, id: FileId) -> PathBuf {
        let path = id.vpath().get_without_slash().to_string();
        let user = (self.dir.as_ref())
            .zip(path.strip_prefix("templates/"))
            .map(|(dir, name)| dir.join(name))
            .filter(|file| file.is_file());
        user.unwrap_or_else(|| PathBuf::from(path))
    }

    pub fn get(&self, id: FileId) -> Option<&Source> {
        self.sources.get(&id)
    }

    /// Whether the template `name` is the one shipped, not replaced by the user's.
    pub fn is_embedded(&self, name: &str) -> bool {
        let shipped = EMBEDDED_TEMPLATES.iter().find(|(n, _)| *n == name);
        match (shipped, self.get(template_file(name))) {
            (Some((_, text)), Some(source)) => source.text() == text.trim_start_matches('\u{FEFF}'),
            _ => false,
        }
    }

    /// A file of the user's templates folder other than the templates themselves: `id` must
    /// be under `/templates/`, and the file inside the folder once links are followed.
    fn read_user_file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_with_slash();
        let Some(rest) = path.strip_prefix("/templates/") else {
            return Err(outside(id));
        };
        let Some(dir) = &self.dir else {
            return Err(FileError::NotFound(path.into()));
        };
        let relative = VirtualPath::new(rest).map_err(|_| outside(id))?;
        let real = relative.realize(dir).map_err(FileError::Realize)?;
        let real = real
            .canonicalize()
            .map_err(|err| FileError::from_io(err, Path::new(path)))?;
        if !real.starts_with(dir) {
            return Err(outside(id));
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&real)
            .map(Bytes::new)
            .map_err(|err| FileError::from_io(err, Path::new(path)))
    }
}

/// The error for a file a template may not read: says what it may.
fn outside(id: FileId) -> FileError {
    FileError::Other(Some(
        format!(
            "{} cannot be read: templates read only /data.json and the files of the templates \
             folder (/templates/…, with --templates DIR the files in DIR)",
            id.vpath().get_with_slash()
        )
        .into(),
    ))
}

/// One document: a template (`main`) with its data.
pub struct SheetWorld<'a> {
    pub library: &'a LazyHash<Library>,
    pub fonts: &'a FontSet,
    pub templates: &'a Templates,
    pub main: FileId,
    pub data: Bytes,
    /// What `datetime.today()` gives: the edition's date, so output never depends on the clock.
    pub today: Option<Datetime>,
}

impl World for SheetWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.templates.get(id) {
            Some(source) => Ok(source.clone()),
            None if id == *DATA_ID => Err(FileError::NotSource),
            None => {
                let bytes = self.templates.read_user_file(id)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text.to_string()))
            }
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA_ID {
            return Ok(self.data.clone());
        }
        match self.templates.get(id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => self.templates.read_user_file(id),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
