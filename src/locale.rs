//! The language messages are shown in, and the message catalogues (`locales/*.ftl`, Fluent).
//! Every sentence mokuhyo shows is a message of the catalogues, looked up by its id with its
//! arguments; Japanese first, because the people who use it are Japanese.
//!
//! The language is chosen once, by `main`, from `--lang` or the locale ([`Lang::detect`]); a
//! library user who chooses none gets English.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// A language mokuhyo speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// 日本語
    Ja,
    /// English
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The language the environment asks for, in GNU gettext's order: `LANGUAGE` (a list,
    /// `en:ja`: the first language of it mokuhyo speaks) unless the locale is `C`, then the
    /// first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set (as POSIX orders them), else the
    /// system's locale (Windows, macOS). Japanese when that is `ja…`, and when nothing is set or
    /// it is `C` or `POSIX`: the users are Japanese, and an office PC's shell often sets no
    /// locale at all.
    pub fn detect() -> Lang {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let from_env = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(var);
        let locale = from_env.or_else(sys_locale::get_locale);
        let language = var("LANGUAGE").filter(|_| !is_c(locale.as_deref()));
        language
            .as_deref()
            .and_then(Lang::of_language_list)
            .unwrap_or_else(|| Lang::of_locale(locale.as_deref()))
    }

    /// The first language of a `LANGUAGE` list (`de:en_GB:ja`) mokuhyo speaks.
    pub fn of_language_list(list: &str) -> Option<Lang> {
        list.split(':').find_map(|entry| {
            let language = entry.split(['_', '-', '.', '@']).next()?;
            match language.to_ascii_lowercase().as_str() {
                "ja" => Some(Lang::Ja),
                "en" => Some(Lang::En),
                _ => None,
            }
        })
    }

    /// The language for a locale name such as `ja_JP.UTF-8`, `en-US` or `C`.
    pub fn of_locale(locale: Option<&str>) -> Lang {
        let Some(locale) = locale.map(str::trim).filter(|l| !l.is_empty()) else {
            return Lang::Ja;
        };
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "ja" | "c" | "posix" => Lang::Ja,
            _ => Lang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The catalogue's text, as it ships in the binary.
    pub fn catalogue(self) -> &'static str {
        match self {
            Lang::Ja => include_str!("../locales/ja.ftl"),
            Lang::En => include_str!("../locales/en.ftl"),
        }
    }
}

/// Whether a locale is the C locale (`C`, `C.UTF-8`, `POSIX`, or none), for which gettext
/// ignores `LANGUAGE`.
fn is_c(locale: Option<&str>) -> bool {
    let name = locale.unwrap_or_default().trim();
    let base = name.split('.').next().unwrap_or_default();
    name.is_empty() || base == "C" || base == "POSIX"
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Chooses the language of every message from now on; the first choice stays.
pub fn choose(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

thread_local! {
    /// The language of this thread's messages while [`with`] runs.
    static HERE: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with this thread's messages in `lang` (a request in a user's own language, a test
/// in both).
pub fn with<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            HERE.set(self.0);
        }
    }
    let _restore = Restore(HERE.replace(Some(lang)));
    f()
}

/// The language of messages: this thread's in [`with`], else the one chosen, else English.
pub fn current() -> Lang {
    HERE.get()
        .or_else(|| CHOSEN.get().copied())
        .unwrap_or(Lang::En)
}

/// One message argument: a name and its value.
pub type Arg<'a> = (&'static str, FluentValue<'a>);

/// The message `id` in the chosen language, with its arguments.
pub fn text(id: &str, args: &[Arg]) -> String {
    text_in(current(), id, args)
}

/// The message `id` in `lang`. A message missing from the catalogue shows as its id (and fails
/// the tests, which render every message in both languages).
pub fn text_in(lang: Lang, id: &str, args: &[Arg]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        debug_assert!(false, "no message `{id}` in the {} catalogue", lang.code());
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "message `{id}`: {errors:?}");
    text.into_owned()
}

/// Whether the catalogue of `lang` has the message `id`.
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static JA: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    };
    cell.get_or_init(|| load(lang))
}

fn load(lang: Lang) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(lang.catalogue().to_string())
        .unwrap_or_else(|(_, errors)| panic!("locales/{}.ftl: {errors:?}", lang.code()));
    let id = lang.code().parse().expect("a language code");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // The isolation marks (U+2068, U+2069) would show in terminals and files.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("locales/{}.ftl: {errors:?}", lang.code()));
    bundle
}

/// `t!("id", name = value, …)`: the message `id` in the chosen language.
#[macro_export]
macro_rules! t {
    ($id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::locale::text(
            $id,
            &[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),*],
        )
    };
}

/// The ids of the messages of a catalogue, in its order.
pub fn ids(lang: Lang) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    let resource = FluentResource::try_new(lang.catalogue().to_string()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some(message.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The system's reason for a failed file or network operation, in the chosen language for the
/// reasons a clerk meets (no such file, permission, disk full, address in use); the system's
/// own words for the rare others.
pub fn io_reason(error: &std::io::Error) -> String {
    let id = match error.kind() {
        std::io::ErrorKind::NotFound => "io-not-found",
        std::io::ErrorKind::PermissionDenied => "io-permission-denied",
        std::io::ErrorKind::AlreadyExists => "io-already-exists",
        std::io::ErrorKind::NotADirectory => "io-not-a-folder",
        std::io::ErrorKind::StorageFull => "io-storage-full",
        std::io::ErrorKind::ReadOnlyFilesystem => "io-read-only",
        std::io::ErrorKind::AddrInUse => "io-address-in-use",
        std::io::ErrorKind::AddrNotAvailable => "io-address-not-available",
        _ => return error.to_string(),
    };
    crate::t!(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Messages that are the same words in both languages.
    const THE_SAME: [&str; 3] = ["found-boolean", "web-pdf", "web-col-order"];

    #[test]
    fn every_message_is_in_both_catalogues_and_translated() {
        let (ja, en) = (ids(Lang::Ja), ids(Lang::En));
        assert!(ja.len() > 200, "{} messages", ja.len());
        let missing_in_en: Vec<_> = ja.iter().filter(|id| !en.contains(id)).collect();
        let missing_in_ja: Vec<_> = en.iter().filter(|id| !ja.contains(id)).collect();
        assert!(missing_in_en.is_empty(), "not in en.ftl: {missing_in_en:?}");
        assert!(missing_in_ja.is_empty(), "not in ja.ftl: {missing_in_ja:?}");
        for id in &ja {
            // The text as written, arguments and all, is compared.
            let (japanese, english) = (source(Lang::Ja, id), source(Lang::En, id));
            if THE_SAME.contains(&id.as_str()) {
                continue;
            }
            assert_ne!(japanese, english, "`{id}` is not translated");
            assert!(
                !japanese.is_ascii(),
                "`{id}` in ja.ftl has no Japanese: {japanese}"
            );
        }
    }

    /// The words of a message as the catalogue writes them (its text, not its arguments).
    fn source(lang: Lang, id: &str) -> String {
        use fluent_syntax::ast::Entry;
        let resource = fluent_syntax::parser::parse(lang.catalogue()).expect("a catalogue");
        let message = (resource.body.iter())
            .find_map(|entry| match entry {
                Entry::Message(message) if message.id.name == id => Some(message),
                _ => None,
            })
            .expect(id);
        words(message.value.as_ref().expect("a value"))
    }

    /// The text of a pattern, with the text of every variant of its selections; `{}` for an
    /// argument.
    fn words(pattern: &fluent_syntax::ast::Pattern<&str>) -> String {
        use fluent_syntax::ast::{Expression, PatternElement};
        (pattern.elements.iter())
            .map(|element| match element {
                PatternElement::TextElement { value } => value.to_string(),
                PatternElement::Placeable {
                    expression: Expression::Select { variants, .. },
                } => variants.iter().map(|v| words(&v.value)).collect(),
                PatternElement::Placeable { .. } => "{}".to_string(),
            })
            .collect()
    }

    #[test]
    fn a_message_with_its_arguments_reads_in_either_language() {
        let args = |n: usize| {
            [
                ("wards", FluentValue::from(1)),
                ("divisions", n.into()),
                ("errors", 0.into()),
                ("warnings", 1.into()),
            ]
        };
        assert_eq!(
            text_in(Lang::Ja, "check-summary", &args(8)),
            "1区・8課を確認しました。エラー 0件、警告 1件"
        );
        assert_eq!(
            text_in(Lang::En, "check-summary", &args(8)),
            "checked 1 ward(s) and 8 division(s): 0 error(s), 1 warning(s)"
        );
    }

    #[test]
    fn the_locale_chooses_the_language() {
        assert_eq!(Lang::of_locale(Some("ja_JP.UTF-8")), Lang::Ja);
        assert_eq!(Lang::of_locale(Some("ja")), Lang::Ja);
        assert_eq!(Lang::of_locale(Some("ja-JP")), Lang::Ja);
        assert_eq!(Lang::of_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::of_locale(Some("de_DE@euro")), Lang::En);
        // The users are Japanese: no locale, or the bare C locale, is Japanese.
        assert_eq!(Lang::of_locale(None), Lang::Ja);
        assert_eq!(Lang::of_locale(Some("")), Lang::Ja);
        assert_eq!(Lang::of_locale(Some("C")), Lang::Ja);
        assert_eq!(Lang::of_locale(Some("C.UTF-8")), Lang::Ja);
        assert_eq!(Lang::of_locale(Some("POSIX")), Lang::Ja);
        assert_eq!(Lang::of_language_list("en"), Some(Lang::En));
        assert_eq!(Lang::of_language_list("de:ja_JP:en"), Some(Lang::Ja));
        assert_eq!(Lang::of_language_list("fr:de"), None);
        assert!(is_c(Some("C.UTF-8")) && is_c(None) && !is_c(Some("ja_JP.UTF-8")));
    }
}
