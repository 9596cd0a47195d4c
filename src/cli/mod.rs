//! The command line's words: every command, its arguments, help and examples (clap). What each
//! command does is in `main.rs`.

pub mod build;
pub mod check;
pub mod completions;
pub mod data;
pub mod export;
pub mod import;
pub mod new;
pub mod next_year;
pub mod schema;
pub mod serve;
pub mod status;
pub mod user;
pub mod watch;

use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use mokuhyo::locale::{Lang, text_in};
use mokuhyo::pdf::render::Resources;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "mokuhyo",
    version,
    disable_help_flag = true,
    disable_help_subcommand = true,
    disable_version_flag = true,
    arg_required_else_help = true,
    about = "組織目標管理シートを TOML から PDF に (organization goal sheets, TOML to PDF)",
    after_help = "Examples:\n  mokuhyo build                                  # sheets/ → output/\n  mokuhyo build --division 地域課                  # one division only\n  mokuhyo check --sheets sheets/higashi-r5\n  mokuhyo new sheets/nishi-r7 企画課               # a division file to fill in\n  mokuhyo import 西区.xlsx --out sheets/nishi-r7    # Excel → division files\n  mokuhyo export --format xlsx --out 東区.xlsx      # every sheet as one table\n  mokuhyo watch                                  # rebuild on every save"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages and help: ja or en (default: from the locale; Japanese when it
    /// is unset, C or POSIX).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Writes every division's PDF and each ward's volume.
    #[command(
        after_help = "Examples:\n  mokuhyo build                                   # sheets/ → output/\n  mokuhyo build --sheets sheets/higashi-r5 --division 地域課\n  mokuhyo build --pdf-standard a-2b --out archive  # PDF/A for the archive\n  mokuhyo build --font-path gaiji-fonts           # a folder of fonts for rare characters"
    )]
    Build(build::Args),
    /// Checks every file and prints every problem; exits 1 if there is an error.
    #[command(
        after_help = "Examples:\n  mokuhyo check\n  mokuhyo check --sheets sheets/higashi-r5 --strict   # characters no font has are errors"
    )]
    Check(check::Args),
    /// Shows where each ward's sheets are in submission and approval.
    #[command(after_help = "Examples:\n  mokuhyo status\n  mokuhyo status --sheets sheets")]
    Status(status::Args),
    /// Prints the JSON a template receives (for writing templates, or the stock typst CLI).
    #[command(
        after_help = "Examples:\n  mokuhyo data --sheets sheets/higashi-r5 > volume.json\n  mokuhyo data --sheets sheets/higashi-r5 --division 地域課 > data.json\n  typst compile --root . --font-path fonts --input data=/data.json templates/sheet.typ"
    )]
    Data(data::Args),
    /// Writes a division file to fill in (five goal slots, a comment on every key), and the
    /// ward's ward.toml when the ward folder is new.
    #[command(
        after_help = "Examples:\n  mokuhyo new sheets/higashi-r5 広報課\n  mokuhyo new sheets/nishi-r7 企画課 --ward 西区 --fiscal-year 2025"
    )]
    New(new::Args),
    /// Reads a table (xlsx or csv, one row per indicator) into division files.
    #[command(
        after_help = "The table has a header row naming its columns, in any order:\n  区 年度 順 部 課 施策指標 No. 組織目標 位置づけ 取組名称 概要 取組指標 目標 結果 評価 目標達成状況 今後の方針\n(課, No. and 組織目標 are required). Rows of the same 課 and No. are one goal; an empty cell\ncontinues the row above, as merged cells come out of Excel.\n\nExamples:\n  mokuhyo import 東区.xlsx --out sheets/higashi-r5\n  mokuhyo import city.csv --out sheets            # several 区: a folder per ward"
    )]
    Import(import::Args),
    /// Writes every sheet of the ward (or city) as one flat table, one row per indicator.
    #[command(
        after_help = "Examples:\n  mokuhyo export --format xlsx --out 東区.xlsx\n  mokuhyo export --sheets sheets --format csv --out city.csv   # CSV is UTF-8 with BOM for Excel\n  mokuhyo export --format json                               # to stdout"
    )]
    Export(export::Args),
    /// Writes next fiscal year's ward from this one: goals, actions, indicators and targets
    /// kept, the year's evaluation left out.
    NextYear(next_year::Args),
    /// Writes the JSON Schemas of ward.toml and of division files (for editors' TOML support).
    #[command(
        after_help = "Examples:\n  mokuhyo schema                 # schema/ward.schema.json, schema/division.schema.json\n  mokuhyo schema --out ../schema"
    )]
    Schema(schema::Args),
    /// Builds, then rebuilds what changed whenever a sheet or template is saved.
    #[command(
        after_help = "Examples:\n  mokuhyo watch\n  mokuhyo watch --sheets sheets/higashi-r5 --templates my-templates"
    )]
    Watch(watch::Args),
    /// Serves the sheets as web pages: each division fills in its sheet in a browser, with
    /// the printed page beside the form.
    #[command(
        after_help = "Examples:\n  mokuhyo serve --open\n  mokuhyo serve --sheets sheets/higashi-r5 --listen localhost:8080\n  mokuhyo serve --users users.toml --listen 0.0.0.0:8080 --host mokuhyo.ward.local\n  mokuhyo serve --users users.toml --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem --log /var/log/mokuhyo.log"
    )]
    Serve(serve::Args),
    /// Manages the accounts `serve` signs people in with.
    #[command(
        after_help = "Examples:\n  mokuhyo user add --users users.toml chiiki --division 地域課\n  mokuhyo user list --users users.toml"
    )]
    User(user::Args),
    /// Prints a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples:\n  mokuhyo completions bash > ~/.local/share/bash-completion/completions/mokuhyo\n  mokuhyo completions powershell >> $PROFILE"
    )]
    Completions(completions::Args),
}

/// `user add`'s arguments.
#[derive(Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub file: UsersArg,
    pub name: String,
    /// A division this person may change (by 課 name, or ward-folder/課); repeat for more.
    #[arg(
        long = "division",
        value_name = "NAME",
        required_unless_present = "all"
    )]
    pub divisions: Vec<String>,
    /// May change every division and the ward settings, and build volumes.
    #[arg(long, conflicts_with = "divisions")]
    pub all: bool,
    /// Reads the password from standard input instead of asking.
    #[arg(long)]
    pub password_stdin: bool,
    /// Where the wards are whose divisions --division must name.
    #[command(flatten)]
    pub input: Input,
    /// Adds the account even when no ward has a division it names.
    #[arg(long)]
    pub force: bool,
    /// May approve and return the sheets it may change, in the stamp box of --title.
    #[arg(long, requires = "title")]
    pub approve: bool,
    /// The stamp box it approves in (a title of ward.toml's approval): 課長.
    #[arg(long, value_name = "TITLE", requires = "approve")]
    pub title: Option<String>,
    /// The name its seal prints: 山田太郎 (else the account's name).
    #[arg(long, value_name = "NAME")]
    pub full_name: Option<String>,
}

/// `mokuhyo user …`
#[derive(Subcommand)]
pub enum UserAction {
    /// Adds an account, asking for its password.
    #[command(
        after_help = "Examples:\n  mokuhyo user add --users users.toml chiiki --division 地域課\n  mokuhyo user add --users users.toml kikaku --all\n  mokuhyo user add --users users.toml somu --division minato-r6/総務課 --sheets sheets"
    )]
    Add(AddArgs),
    /// Removes an account.
    #[command(after_help = "Examples:\n  mokuhyo user remove --users users.toml chiiki")]
    Remove {
        #[command(flatten)]
        file: UsersArg,
        name: String,
    },
    /// Sets an account's password.
    #[command(after_help = "Examples:\n  mokuhyo user passwd --users users.toml chiiki")]
    Passwd {
        #[command(flatten)]
        file: UsersArg,
        name: String,
        /// Reads the password from standard input instead of asking.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Lists the accounts and what each may change.
    #[command(after_help = "Examples:\n  mokuhyo user list --users users.toml")]
    List {
        #[command(flatten)]
        file: UsersArg,
    },
    /// Lets a name locked after failed sign-ins sign in again.
    #[command(after_help = "Examples:\n  mokuhyo user unlock --users users.toml chiiki")]
    Unlock {
        #[command(flatten)]
        file: UsersArg,
        name: String,
    },
}

#[derive(Args)]
pub struct UsersArg {
    /// The users file (written by mokuhyo user; passwords as hashes only).
    #[arg(long, value_name = "FILE")]
    pub users: PathBuf,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
    /// A workbook laid out like the printed sheet, a worksheet per division.
    Form,
}

#[derive(Args)]
pub struct Input {
    /// The sheets: a folder of ward folders, or one ward folder (with ward.toml).
    #[arg(long, default_value = "sheets")]
    pub sheets: PathBuf,
}

impl Command {
    /// The sheets folder the command reads, when it reads one: it must be there before the
    /// command starts (exit status 2 otherwise).
    pub fn sheets(&self) -> Option<&std::path::Path> {
        match self {
            Command::Build(args) => Some(&args.input.sheets),
            Command::Check(args) => Some(&args.input.sheets),
            Command::Status(args) => Some(&args.input.sheets),
            Command::Data(args) => Some(&args.input.sheets),
            Command::Export(args) => Some(&args.input.sheets),
            Command::Watch(args) => Some(&args.input.sheets),
            Command::Serve(args) => Some(&args.input.sheets),
            Command::New(_)
            | Command::Import(_)
            | Command::NextYear(_)
            | Command::Schema(_)
            | Command::User(_)
            | Command::Completions(_) => None,
        }
    }
}

/// What `build` and `watch` write, and where.
#[derive(Args)]
pub struct Target {
    /// Where the PDFs go: OUT/<ward folder>/…
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Only this division (by 課 name); repeat for more. No volume is written then.
    #[arg(long = "division", value_name = "NAME")]
    pub divisions: Vec<String>,
    /// Leave out the approval stamp boxes (a volume for the council, not the approval copy).
    #[arg(long)]
    pub no_stamps: bool,
    /// No 「案」 on the sheets not yet approved.
    #[arg(long)]
    pub no_draft_mark: bool,
}

#[derive(Args)]
pub struct ResourceArgs {
    /// A folder of more fonts (searched after the embedded ones); repeat for more.
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
    /// A folder of templates that replace the embedded ones by file name (sheet.typ, …).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// How many seconds one PDF may take to compile before it is given up (a template that
    /// loops without end).
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = parse_seconds)]
    timeout: Duration,
}

fn parse_seconds(text: &str) -> Result<Duration, NotSeconds> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds <= 86_400.0 => Ok(Duration::from_secs_f64(seconds)),
        _ => Err(NotSeconds(text.to_string())),
    }
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, NotADate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| NotADate(text.into()))
}

/// A `--created` that is no date.
#[derive(Debug)]
pub struct NotADate(String);

impl std::fmt::Display for NotADate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&mokuhyo::t!("not-a-date", text = self.0.as_str()))
    }
}

impl std::error::Error for NotADate {}

/// A `--timeout` that is no number of seconds.
#[derive(Debug)]
pub struct NotSeconds(String);

impl std::fmt::Display for NotSeconds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&mokuhyo::t!("not-seconds", text = self.0.as_str()))
    }
}

impl std::error::Error for NotSeconds {}

impl From<ResourceArgs> for Resources {
    fn from(args: ResourceArgs) -> Self {
        Resources {
            font_paths: args.font_paths,
            templates: args.templates,
            timeout: Some(args.timeout),
        }
    }
}

/// The language asked for on the command line (`--lang en`, `--lang=en`), read before the
/// command line is parsed, since the help is in it; `None` when not asked for, or not one of ours
/// (clap says so then).
pub fn asked_lang(args: &[std::ffi::OsString]) -> Option<Lang> {
    use clap::ValueEnum;
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = args.iter().enumerate().find_map(|(i, arg)| {
        arg.strip_prefix("--lang=").map(str::to_string).or_else(|| {
            (arg == "--lang")
                .then(|| args.get(i + 1).cloned())
                .flatten()
        })
    })?;
    Lang::from_str(&value, true).ok()
}

/// `--listen`: the address, and the name it was given by (`localhost:8080`), which is then one
/// of the server's names.
#[derive(Debug, Clone)]
pub struct Listen {
    pub addr: std::net::SocketAddr,
    pub name: Option<String>,
}

/// Why a `--listen` value names no address: put in words where clap shows it.
#[derive(Debug)]
pub enum ListenFault {
    /// No `:port`, or a port that is no number up to 65535.
    NoPort,
    /// A name that resolves to no address.
    Unknown(String),
}

impl std::fmt::Display for ListenFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = match self {
            ListenFault::NoPort => mokuhyo::t!("cli-listen-no-port"),
            ListenFault::Unknown(name) => mokuhyo::t!("cli-listen-unknown", name = name.as_str()),
        };
        f.write_str(&words)
    }
}

impl std::error::Error for ListenFault {}

/// `127.0.0.1:8080`, `[::1]:8080`, or a name and port: `localhost` is loopback (IPv4, as the
/// browsers try it first), another name is what it resolves to.
fn listen_address(text: &str) -> Result<Listen, ListenFault> {
    use std::net::{SocketAddr, ToSocketAddrs};
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(Listen { addr, name: None });
    }
    let (host, port) = text.rsplit_once(':').ok_or(ListenFault::NoPort)?;
    let port: u16 = port.parse().map_err(|_| ListenFault::NoPort)?;
    let unknown = || ListenFault::Unknown(host.to_string());
    let addr = if host.eq_ignore_ascii_case("localhost") {
        SocketAddr::from(([127, 0, 0, 1], port))
    } else {
        let mut found = (host, port).to_socket_addrs().map_err(|_| unknown())?;
        found.next().ok_or_else(unknown)?
    };
    Ok(Listen {
        addr,
        name: Some(host.to_string()),
    })
}

/// The command line parsed, its help and descriptions in `lang` (clap's own error messages stay
/// English).
pub fn parse(args: Vec<std::ffi::OsString>, lang: Lang) -> Cli {
    let command = localized(Cli::command(), lang, "");
    let matches = command
        .try_get_matches_from(args)
        .unwrap_or_else(|err| exit_with(err, lang));
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| exit_with(err, lang))
}

/// Says what is wrong with the command line in `lang`, and exits with status 2 (as clap does);
/// help and version are printed by clap, and a mistake no message here knows in clap's words.
fn exit_with(err: clap::Error, lang: Lang) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let id = match err.kind() {
        ErrorKind::UnknownArgument => "cli-error-unknown-argument",
        ErrorKind::InvalidSubcommand => "cli-error-unknown-command",
        ErrorKind::InvalidValue => "cli-error-invalid-value",
        ErrorKind::ValueValidation => "cli-error-bad-value",
        ErrorKind::MissingRequiredArgument => "cli-error-missing-argument",
        // Help and version, in the terminal's encoding.
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            mokuhyo::console::write_stdout(&err.render().to_string());
            std::process::exit(0)
        }
        _ => err.exit(),
    };
    let context = |kind: ContextKind| -> String {
        match err.get(kind) {
            Some(ContextValue::String(text)) => text.clone(),
            Some(ContextValue::Strings(texts)) => texts.join(", "),
            Some(other) => other.to_string(),
            None => "none".to_string(),
        }
    };
    let suggestion = match context(ContextKind::SuggestedArg).as_str() {
        "none" => context(ContextKind::SuggestedSubcommand),
        arg => arg.to_string(),
    };
    let reason = std::error::Error::source(&err).map_or_else(String::new, |e| e.to_string());
    let args = [
        ("argument", context(ContextKind::InvalidArg).into()),
        ("command", context(ContextKind::InvalidSubcommand).into()),
        ("value", context(ContextKind::InvalidValue).into()),
        ("valid", context(ContextKind::ValidValue).into()),
        ("suggestion", suggestion.into()),
        ("reason", reason.into()),
    ];
    let error = text_in(lang, "error-prefix", &[]);
    mokuhyo::errln!("{error}: {}", text_in(lang, id, &args));
    mokuhyo::errln!("{}", text_in(lang, "cli-error-more", &[]));
    std::process::exit(2)
}

/// The words of a command and of its subcommands and arguments, from the catalogue of `lang`:
/// `cli-<command>-about`, `cli-<command>-examples`, `cli-<command>-<argument>` (or the shared
/// `cli-<argument>`).
pub fn localized(command: clap::Command, lang: Lang, parent: &str) -> clap::Command {
    let name = match parent {
        "" => "mokuhyo".to_string(),
        "mokuhyo" => command.get_name().to_string(),
        _ => format!("{parent}-{}", command.get_name()),
    };
    let word = |id: String| text_in(lang, &id, &[]);
    let mut command = command
        .about(word(format!("cli-{name}-about")))
        .long_about(None)
        .after_help(word(format!("cli-{name}-examples")))
        .help_template(word("cli-help-template".into()))
        .subcommand_help_heading(word("cli-heading-commands".into()))
        .subcommand_value_name(word("cli-command".into()))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(word("cli-help".into()))
                .help_heading(word("cli-heading-options".into())),
        );
    if parent.is_empty() {
        command = command.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(word("cli-version".into()))
                .help_heading(word("cli-heading-options".into())),
        );
    }
    let ids: Vec<String> = (command.get_arguments())
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        command = command.mut_arg(&id, |arg| localized_arg(arg, lang, &name));
    }
    let names: Vec<String> = (command.get_subcommands())
        .map(|c| c.get_name().to_string())
        .collect();
    for sub in names {
        command = command.mut_subcommand(&sub, |c| localized(c, lang, &name));
    }
    let usage = usage(&command, lang, parent);
    command.override_usage(usage)
}

/// `mokuhyo new [OPTIONS] <WARD_DIR> <DIVISION>`, with clap's `[OPTIONS]` and `<COMMAND>` in
/// the words of `lang`.
fn usage(command: &clap::Command, lang: Lang, parent: &str) -> String {
    let options = text_in(lang, "cli-options", &[]);
    let mut usage = match parent {
        "" => format!("mokuhyo [{options}]"),
        "mokuhyo" => format!("mokuhyo {} [{options}]", command.get_name()),
        _ => format!(
            "mokuhyo {} {} [{options}]",
            parent.replace('-', " "),
            command.get_name()
        ),
    };
    for arg in command.get_positionals() {
        let name = (arg.get_value_names().and_then(|names| names.first()))
            .map(|name| name.to_string())
            .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        match arg.is_required_set() {
            true => usage.push_str(&format!(" <{name}>")),
            false => usage.push_str(&format!(" [{name}]")),
        }
    }
    if command.has_subcommands() {
        usage.push_str(&format!(" <{}>", text_in(lang, "cli-command", &[])));
    }
    usage
}

fn localized_arg(arg: Arg, lang: Lang, command: &str) -> Arg {
    let id = arg.get_id().as_str().replace('_', "-");
    let own = format!("cli-{command}-{id}");
    let message = match mokuhyo::locale::has(lang, &own) {
        true => own,
        false => format!("cli-{id}"),
    };
    let mut help = text_in(lang, &message, &[]);
    // clap's `[default: …]` and `[possible values: …]` are English: said in the message's own
    // language instead.
    let values: Vec<String> = (arg.get_possible_values().iter())
        .map(|v| v.get_name().to_string())
        .collect();
    let takes_values = arg.get_action().takes_values();
    if !values.is_empty() && takes_values {
        let values = values.join(", ");
        help.push_str(&text_in(lang, "cli-values", &[("values", values.into())]));
    }
    if let Some(default) = arg.get_default_values().first() {
        let default = default.to_string_lossy().into_owned();
        help.push_str(&text_in(
            lang,
            "cli-default",
            &[("default", default.into())],
        ));
    }
    let heading = match arg.is_positional() {
        true => "cli-heading-arguments",
        false => "cli-heading-options",
    };
    arg.help(help)
        .hide_default_value(takes_values)
        .hide_possible_values(takes_values)
        .help_heading(text_in(lang, heading, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command's help, in `lang`.
    fn helps(lang: Lang) -> Vec<(String, String)> {
        let mut command = localized(Cli::command(), lang, "");
        command.build();
        let mut helps = vec![("mokuhyo".to_string(), command.render_help().to_string())];
        for sub in command.get_subcommands_mut() {
            helps.push((sub.get_name().to_string(), sub.render_help().to_string()));
            let name = sub.get_name().to_string();
            for nested in sub.get_subcommands_mut() {
                let help = nested.render_help().to_string();
                helps.push((format!("{name} {}", nested.get_name()), help));
            }
        }
        helps
    }

    #[test]
    fn the_help_is_in_japanese_with_no_english_left() {
        let helps = helps(Lang::Ja);
        // mokuhyo, its 13 commands, and user's 5.
        assert_eq!(helps.len(), 19);
        for (name, help) in &helps {
            for english in [
                "Usage:",
                "Options:",
                "OPTIONS",
                "COMMAND",
                "Commands:",
                "Arguments:",
                "Print help",
                "[default:",
                "possible values",
                "Examples:",
            ] {
                assert!(!help.contains(english), "{name}: `{english}` in\n{help}");
            }
            assert!(help.contains("使い方: mokuhyo"), "{name}:\n{help}");
            assert!(help.contains("オプション:"), "{name}:\n{help}");
            assert!(help.contains("例："), "{name}:\n{help}");
        }
        let build = &helps.iter().find(|(n, _)| n == "build").unwrap().1;
        assert!(
            build.contains("各課の PDF と区ごとの冊子を作ります"),
            "{build}"
        );
        assert!(build.contains("（既定：output）"), "{build}");
    }

    #[test]
    fn the_help_is_in_english_when_asked() {
        for (name, help) in helps(Lang::En) {
            assert!(help.contains("Usage: mokuhyo"), "{name}:\n{help}");
            assert!(!help.contains("使い方"), "{name}:\n{help}");
        }
    }

    #[test]
    fn the_language_is_read_before_the_command_line_is_parsed() {
        let args = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            asked_lang(&args(&["mokuhyo", "--lang", "en", "check"])),
            Some(Lang::En)
        );
        assert_eq!(
            asked_lang(&args(&["mokuhyo", "check", "--lang=ja"])),
            Some(Lang::Ja)
        );
        assert_eq!(asked_lang(&args(&["mokuhyo", "check"])), None);
        assert_eq!(asked_lang(&args(&["mokuhyo", "--lang", "fr"])), None);
    }
}
