//! `watch`: builds, then rebuilds what changed whenever a sheet or a template is saved, for
//! editing with the PDF open beside it. A ward is rebuilt when one of its files changes; every
//! ward when a template does (the templates are read again). Problems are printed and the
//! watch goes on.

use super::Error;
use crate::pdf::build::{BuildOptions, BuildReport, build};
use crate::pdf::render::{Renderer, Resources};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the files must be quiet after a change before the rebuild: editors save in steps.
const SETTLE: Duration = Duration::from_millis(300);

/// Watches `options.sheets` (and `resources.templates`, if any) until the process is stopped.
/// `report` is called after each build with what it did and how long it took.
pub fn watch(
    resources: &Resources,
    options: &BuildOptions,
    report: &dyn Fn(&BuildReport, Duration),
) -> Result<(), Error> {
    let (_watcher, events) = watcher(resources, options)?;
    let out = std::path::absolute(&options.out).unwrap_or_else(|_| options.out.clone());
    let templates = resources
        .templates
        .as_ref()
        .and_then(|t| std::path::absolute(t).ok());

    let mut renderer = Renderer::new(resources)?;
    run(&renderer, options, report);
    loop {
        // Wait for a change, then for the files to settle.
        let Ok(first) = events.recv() else {
            return Err(Error::WatcherStopped);
        };
        let changed: Vec<PathBuf> = settled(first, &events)
            .into_iter()
            .filter(|path| relevant(path, &out, templates.as_deref()))
            .collect();
        if changed.is_empty() {
            continue;
        }
        let template_changed = templates
            .as_ref()
            .is_some_and(|t| changed.iter().any(|p| p.starts_with(t)));
        if template_changed {
            match Renderer::new(resources) {
                Ok(new) => renderer = new,
                Err(err) => {
                    crate::errln!("{}: {err}", crate::t!("severity-error"));
                    continue;
                }
            }
            run(&renderer, options, report);
            continue;
        }
        for ward in wards_of(&changed, &options.sheets) {
            let ward_options = BuildOptions {
                sheets: ward,
                ..options.clone()
            };
            run(&renderer, &ward_options, report);
        }
    }
}

type Events = mpsc::Receiver<notify::Result<notify::Event>>;

/// A watcher of the sheets folder and the templates folder, and the events it sends.
fn watcher(
    resources: &Resources,
    options: &BuildOptions,
) -> Result<(notify::RecommendedWatcher, Events), Error> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = sender.send(event);
    })
    .map_err(|err| Error::Watch {
        path: options.sheets.clone(),
        source: err,
    })?;
    let folders = std::iter::once(&options.sheets).chain(resources.templates.as_ref());
    for folder in folders {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|err| Error::Watch {
                path: folder.clone(),
                source: err,
            })?;
    }
    Ok((watcher, events))
}

/// The paths changed by `first` and the events that follow it until the files settle.
fn settled(first: notify::Result<notify::Event>, events: &Events) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut collect = |event: notify::Result<notify::Event>| match event {
        Ok(event) if !matches!(event.kind, notify::EventKind::Access(_)) => {
            changed.extend(event.paths)
        }
        Ok(_) => {}
        Err(err) => crate::errln!("{}: {err}", crate::t!("severity-warning")),
    };
    collect(first);
    while let Ok(event) = events.recv_timeout(SETTLE) {
        collect(event);
    }
    changed
}

/// The wards the changed files are in; the whole tree when a change is outside them.
fn wards_of(changed: &[PathBuf], sheets: &Path) -> Vec<PathBuf> {
    let mut wards: Vec<PathBuf> = Vec::new();
    for path in changed {
        match ward_of(path, sheets) {
            Some(ward) if !wards.contains(&ward) => wards.push(ward),
            Some(_) => {}
            None => return vec![sheets.to_path_buf()],
        }
    }
    wards
}

fn run(renderer: &Renderer, options: &BuildOptions, report: &dyn Fn(&BuildReport, Duration)) {
    let started = Instant::now();
    let done = build(renderer, options, &());
    report(&done, started.elapsed());
}

/// A file whose change calls for a rebuild: in the sheets, a `.toml` file or a folder (a ward
/// or division added, renamed or removed); in the templates folder, any file (a template, or
/// an image or font a template reads). Never a file under the output folder, nor a temporary
/// file of an editor or of mokuhyo; nor any other file beside the sheets, such as a log the
/// watch's own output is written to, which would make every build call for the next.
fn relevant(path: &Path, out: &Path, templates: Option<&Path>) -> bool {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if absolute.starts_with(out) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.')
        || name.starts_with('~')
        || name.ends_with('~')
        || name.ends_with(".tmp")
    {
        return false;
    }
    let extension = path.extension().and_then(|e| e.to_str());
    if templates.is_some_and(|t| absolute.starts_with(t)) {
        return !matches!(extension, Some("pdf" | "swp" | "swx" | "bak"));
    }
    // The files the model reads as sheets, also as Windows editors save them.
    if crate::sheet::model::toml_name(&name).is_some() {
        return true;
    }
    // A folder (`nishi.r7` too), or what was one: the event of a removal cannot tell.
    path.is_dir() || (extension.is_none() && !path.exists())
}

/// The ward folder (with a `ward.toml`) under `sheets` that `path` is in.
fn ward_of(path: &Path, sheets: &Path) -> Option<PathBuf> {
    let sheets = std::path::absolute(sheets).ok()?;
    let path = std::path::absolute(path).ok()?;
    path.ancestors()
        .take_while(|a| a.starts_with(&sheets))
        .find(|a| a.join(crate::sheet::model::WARD_FILE).is_file())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::relevant;
    use std::path::Path;

    #[test]
    fn only_sheets_folders_and_templates_call_for_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("output");
        let templates = root.join("templates");
        std::fs::create_dir_all(root.join("sheets/nishi")).unwrap();
        std::fs::create_dir_all(root.join("sheets/kita.r7")).unwrap();
        let relevant = |path: &str| relevant(&root.join(path), &out, Some(&templates));

        assert!(relevant("sheets/nishi/01_企画課.toml"));
        assert!(relevant("sheets/nishi/ward.TOML"));
        assert!(relevant("sheets/nishi/02_総務課.toml.txt"));
        assert!(relevant("sheets/nishi"));
        assert!(relevant("sheets/kita.r7"));
        assert!(relevant("sheets/removed-ward"));
        assert!(relevant("templates/sheet.typ"));
        assert!(relevant("templates/logo.png"));

        assert!(!relevant("output/nishi/01_企画課.pdf"));
        assert!(!relevant("output/nishi"));
        assert!(!relevant("sheets/watch.log"));
        assert!(!relevant("sheets/nishi/01_企画課.pdf"));
        assert!(!relevant("sheets/nishi/.01_企画課.toml.swp"));
        assert!(!relevant("sheets/nishi/01_企画課.toml~"));
        assert!(!relevant("sheets/nishi/.tmpA1b2C3"));
        assert!(!relevant("templates/.sheet.typ.swp"));
        // Without a templates folder, only the sheets' own files count.
        assert!(!super::relevant(
            Path::new("templates/logo.png"),
            &out,
            None
        ));
    }
}
