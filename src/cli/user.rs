//! `user`: the accounts of `serve --users`.

use super::UserAction;
use crate::cli::{self};
use crate::{Outcome, Status, shown, shown_text};
use mokuhyo::{errln, outln, t};

/// `mokuhyo user`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub(crate) action: UserAction,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args { action } = args;
    user(action)
}

pub(crate) fn user(action: cli::UserAction) -> Outcome {
    use cli::UserAction;
    use mokuhyo::serve::users::{Access, Lockouts, Users};
    // Each change: the file read, changed and written back whole holding its lock, and said.
    let change = |path: &std::path::Path,
                  done: &str,
                  name: &str,
                  edit: &dyn Fn(&mut Users) -> Result<(), mokuhyo::serve::Error>|
     -> Outcome {
        Users::change(path, edit)?;
        outln!("{}", t!(done, name = shown_text(name), path = shown(path)));
        Ok(Status::Done)
    };
    match action {
        UserAction::Add(args) => user_add(args),
        UserAction::Remove { file, name } => change(&file.users, "user-removed", &name, &|users| {
            users.remove(&name)
        }),
        UserAction::Passwd {
            file,
            name,
            password_stdin,
        } => {
            // Asked for only for an account that is there.
            if Users::load(&file.users)?.find(&name).is_none() {
                return Err(mokuhyo::serve::Error::NoSuchUser { name }.into());
            }
            let password = password(password_stdin)?;
            let set = |users: &mut Users| users.set_password(&name, &password);
            change(&file.users, "user-password-set", &name, &set)
        }
        UserAction::List { file } => {
            let (users, warnings) = Users::read(&file.users)?;
            for warning in warnings {
                errln!("{warning}");
            }
            if users.users.is_empty() {
                outln!("{}", t!("user-none", path = shown(&file.users)));
            }
            for user in &users.users {
                let access = match user.access() {
                    Access::All => t!("user-all"),
                    Access::Divisions(divisions) => shown_text(&divisions.join("、")),
                };
                let approver = match user.approve {
                    true => format!("\t{}", t!("user-approves", title = shown_text(&user.title))),
                    false => String::new(),
                };
                outln!("{}\t{access}{approver}", shown_text(&user.name));
            }
            Ok(Status::Done)
        }
        UserAction::Unlock { file, name } => {
            let done = match Lockouts::unlock(&file.users, &name)? {
                true => "user-unlocked",
                false => "user-not-locked",
            };
            outln!(
                "{}",
                t!(done, name = shown_text(&name), path = shown(&file.users))
            );
            Ok(Status::Done)
        }
    }
}
/// `user add`: the account with its rights, its approval right and title, and its full name.
fn user_add(args: cli::AddArgs) -> Outcome {
    use mokuhyo::serve::users::{
        Access, Approver, Users, check_divisions, check_full_name, check_title,
    };
    let cli::AddArgs {
        file,
        name,
        divisions,
        all,
        password_stdin,
        input,
        force,
        approve,
        title,
        full_name,
    } = args;
    if !all && !force {
        check_divisions(&input.sheets, &divisions)?;
    }
    check_full_name(full_name.as_deref().unwrap_or_default())?;
    let title = title.map(|t| t.trim().to_string());
    let to_check = title.as_deref().filter(|t| !force && !t.is_empty());
    if let Some(title) = to_check
        && !check_title(&input.sheets, title)?
    {
        let (title, sheets) = (shown_text(title), shown(&input.sheets));
        errln!(
            "{}",
            t!("user-title-unchecked", title = title, sheets = sheets)
        );
    }
    let password = password(password_stdin)?;
    let access = if all {
        Access::All
    } else {
        Access::Divisions(divisions)
    };
    let approver = Approver {
        approve,
        title: title.unwrap_or_default(),
        full_name: full_name.unwrap_or_default(),
    };
    Users::change(&file.users, |users| {
        users.add(&name, &password, access)?;
        users.set_approver(name.trim(), approver)
    })?;
    outln!(
        "{}",
        t!(
            "user-added",
            name = shown_text(&name),
            path = shown(&file.users)
        )
    );
    Ok(Status::Done)
}

/// A new password: a line of standard input, or typed twice without echo.
pub(crate) fn password(from_stdin: bool) -> Result<String, mokuhyo::serve::Error> {
    use mokuhyo::serve::Error;
    let no_password = |err: std::io::Error| Error::NoPassword {
        reason: mokuhyo::locale::io_reason(&err),
    };
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(no_password)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    // The question in the terminal's encoding; the answer read from the terminal unseen.
    let ask = |id: &str| {
        mokuhyo::console::write_stderr(&t!(id));
        rpassword::read_password().map_err(no_password)
    };
    let first = ask("user-password")?;
    let second = ask("user-password-again")?;
    if first != second {
        return Err(Error::PasswordsDiffer);
    }
    Ok(first)
}
