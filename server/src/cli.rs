//! `cities-forum [serve|migrate|user add|token add|list|revoke|demo|backup]`

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use app::audit::{Actor, Change, record};
use app::auth::service::{
    NewUser, create_user, find_user_by_email, issue_api_token, list_api_tokens, revoke_api_token,
};
use app::auth::types::Role;
use app::error::{AppError, ErrorCode};

use crate::config::Config;
use crate::database;
use crate::startup::Application;

#[derive(Parser)]
#[command(name = "cities-forum", version, about = "Runs the Cities Forum")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the site (the default).
    Serve,
    /// Migrate the database and exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Load the demo: committees, member cities, the Business Council and
    /// an edition. Refuses to touch a database that already has members.
    Demo,
    /// Write a consistent copy of the live SQLite database to a new file
    /// (safe while the server runs). For PostgreSQL use pg_dump.
    Backup {
        /// The copy to write; must not exist yet.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Queue the follow-up reminders due and exit (the server does this
    /// every CF_REMINDER_SECONDS; each reminder goes once either way).
    Reminders {
        /// The day to act as today (YYYY-MM-DD); today by default.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
    /// Erase the personal details of every edition past its retention
    /// period, as the server does daily, and exit.
    ErasePersonalData {
        /// The day to act as today (YYYY-MM-DD); today by default.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        /// organizer, finance, registrar, checkin, coordinator or delegate
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Print a new API token for an account (on the last line).
    Add {
        #[arg(long)]
        email: String,
        /// What the token is for, shown in lists.
        #[arg(long, default_value = "")]
        label: String,
        /// Days it works (1 to 366).
        #[arg(long, default_value_t = app::auth::service::API_TOKEN_DAYS)]
        days: i64,
    },
    /// List tokens (never the tokens themselves): id, owner, label,
    /// made, expires, last used, state.
    List {
        /// Only this account's.
        #[arg(long)]
        email: Option<String>,
    },
    /// Revoke a token by its id (from `token list`).
    Revoke { id: i64 },
}

/// Anything that stops a command, as one line for the operator.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Database(#[from] database::DatabaseError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("server stopped: {0}")]
    Serve(std::io::Error),
    #[error(transparent)]
    Smtp(#[from] crate::mail::SmtpConfigError),
    #[error("{0}")]
    Printing(String),
}

fn describe(err: AppError) -> Failure {
    match err {
        AppError::Validation(fields) => Failure::Usage(
            fields
                .iter()
                .map(|(field, codes)| {
                    let codes: Vec<String> = codes.iter().map(ErrorCode::to_string).collect();
                    format!("{field}: {}", codes.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        AppError::Conflict(ErrorCode::DatabaseNotEmpty) => Failure::Usage(
            "the database already has members; the demo loads only into an empty one".into(),
        ),
        other => Failure::Usage(other.to_string()),
    }
}

pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match execute(cli.command.unwrap_or(Command::Serve)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("cities-forum: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn open(config: &Config) -> Result<DatabaseConnection, Failure> {
    let db = database::connect(&config.database_url).await?;
    database::migrate(&db).await?;
    Ok(db)
}

async fn execute(command: Command) -> Result<(), Failure> {
    let config = Config::from_env()?;
    let db = open(&config).await?;
    match command {
        Command::Serve => serve(&config, db).await,
        Command::Migrate => {
            println!("database migrated");
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    name,
                    password_stdin,
                },
        } => {
            let role = Role::parse(&role).map_err(|_| {
                Failure::Usage(format!(
                    "unknown role {role:?}; use one of organizer, finance, registrar, checkin, coordinator, delegate"
                ))
            })?;
            let password = if password_stdin {
                Some(read_password()?)
            } else {
                None
            };
            let user = create_user(
                &db,
                NewUser {
                    email,
                    display_name: name,
                    role,
                    password,
                    language: None,
                },
            )
            .await
            .map_err(describe)?;
            println!("added {} as {}", user.email, user.role.as_str());
            Ok(())
        }
        Command::Token { command } => token_command(&db, command).await,
        Command::Backup { to } => backup(&config, &db, &to).await,
        Command::Reminders { today } => {
            let today = today.unwrap_or_else(app::agreements::service::activities::today);
            let sent =
                app::agreements::service::reminders::send_due(&db, today, &config.link_base())
                    .await
                    .map_err(describe)?;
            println!("{sent} reminders queued for {today}");
            Ok(())
        }
        Command::ErasePersonalData { today } => {
            let today = today.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let report =
                app::privacy::service::erase_due(&db, &app::audit::Actor::system("cli"), today)
                    .await
                    .map_err(describe)?;
            println!(
                "{} editions erased ({} people, {} scans, {} letters, {} audit entries) as of {today}",
                report.editions.len(),
                report.people,
                report.scans,
                report.letters,
                report.audit_entries
            );
            Ok(())
        }
        Command::Demo => {
            let summary = crate::demo::load(&db, &config.link_base())
                .await
                .map_err(describe)?;
            println!("{summary}");
            Ok(())
        }
    }
}

async fn token_command(db: &DatabaseConnection, command: TokenCommand) -> Result<(), Failure> {
    let cli = Actor::system("cli");
    match command {
        TokenCommand::Add { email, label, days } => {
            let user = find_user_by_email(db, &email)
                .await
                .map_err(describe)?
                .ok_or_else(|| Failure::Usage(format!("no account has the e-mail {email}")))?;
            let txn = db.begin().await.map_err(|e| describe(e.into()))?;
            let token = issue_api_token(&txn, user.id, &label, days)
                .await
                .map_err(describe)?;
            let made = list_api_tokens(&txn, Some(user.id))
                .await
                .map_err(describe)?
                .into_iter()
                .next();
            if let Some(made) = &made {
                record(
                    &txn,
                    &cli,
                    Change::new("created", "api_token", made.id).after(made),
                )
                .await
                .map_err(describe)?;
            }
            txn.commit().await.map_err(|e| describe(e.into()))?;
            println!("{token}");
            Ok(())
        }
        TokenCommand::List { email } => {
            let owner = match email {
                Some(email) => Some(
                    find_user_by_email(db, &email)
                        .await
                        .map_err(describe)?
                        .ok_or_else(|| {
                            Failure::Usage(format!("no account has the e-mail {email}"))
                        })?
                        .id,
                ),
                None => None,
            };
            let day = |at: Option<chrono::DateTime<chrono::Utc>>| {
                at.map_or_else(
                    || "-".to_owned(),
                    |at| at.format("%Y-%m-%d %H:%M").to_string(),
                )
            };
            println!("id\towner\tlabel\tmade\texpires\tlast used\tstate");
            for t in list_api_tokens(db, owner).await.map_err(describe)? {
                let state = if t.revoked_at.is_some() {
                    "revoked"
                } else if t.active {
                    "active"
                } else {
                    "expired"
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{state}",
                    t.id,
                    t.owner,
                    t.label,
                    day(Some(t.created_at)),
                    day(t.expires_at),
                    day(t.last_used_at),
                );
            }
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            let txn = db.begin().await.map_err(|e| describe(e.into()))?;
            let revoked = revoke_api_token(&txn, id, None)
                .await
                .map_err(|err| match err {
                    AppError::NotFound => Failure::Usage(format!("no token has the id {id}")),
                    other => describe(other),
                })?;
            record(
                &txn,
                &cli,
                Change::new("revoked", "api_token", id).after(&revoked),
            )
            .await
            .map_err(describe)?;
            txn.commit().await.map_err(|e| describe(e.into()))?;
            println!("revoked token {id} of {}", revoked.owner);
            Ok(())
        }
    }
}

/// `VACUUM INTO` writes a consistent snapshot of a live SQLite database
/// (readers and the server's writers go on meanwhile).
async fn backup(
    config: &Config,
    db: &DatabaseConnection,
    to: &std::path::Path,
) -> Result<(), Failure> {
    if !config.database_url.starts_with("sqlite:") {
        return Err(Failure::Usage(
            "backup copies a SQLite database; for PostgreSQL use pg_dump".into(),
        ));
    }
    if to.exists() {
        return Err(Failure::Usage(format!(
            "{} exists already; name a new file",
            to.display()
        )));
    }
    let path = to
        .to_str()
        .ok_or_else(|| Failure::Usage(format!("{} is not a UTF-8 path", to.display())))?;
    db.execute_unprepared(&format!("VACUUM INTO '{}'", path.replace('\'', "''")))
        .await
        .map_err(|err| Failure::Usage(format!("backup failed: {err}")))?;
    println!("backed up to {}", to.display());
    Ok(())
}

fn read_password() -> Result<String, Failure> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|err| Failure::Usage(format!("cannot read the password: {err}")))?;
    let password = text.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        return Err(Failure::Usage(
            "the password on standard input is empty".into(),
        ));
    }
    Ok(password)
}

/// On an empty database, loads the demo and an organizer account with a
/// generated password, so a newcomer sees a living Forum at once.
async fn first_start(config: &Config, db: &DatabaseConnection) -> Result<(), Failure> {
    if !crate::demo::is_empty(db).await.map_err(describe)? {
        return Ok(());
    }
    let summary = crate::demo::load(db, &config.link_base())
        .await
        .map_err(describe)?;
    let password = crate::demo::generated_password();
    let email = "organizer@forum.example";
    create_user(
        db,
        NewUser {
            email: email.into(),
            display_name: "Demo organizer".into(),
            role: Role::Organizer,
            password: Some(password.clone()),
            language: None,
        },
    )
    .await
    .map_err(describe)?;
    println!("{summary}");
    println!("Sign in as an organizer: e-mail {email}, password {password}");
    Ok(())
}

async fn serve(config: &Config, db: DatabaseConnection) -> Result<(), Failure> {
    // Said now, not on the first badge or visa letter: a font or the
    // badge key vault missing would otherwise print boxes or fail later.
    app::print::fonts::check().map_err(Failure::Printing)?;
    app::credentials::keys::check().map_err(Failure::Printing)?;
    app::badges::service::fail_interrupted_batches(&db)
        .await
        .map_err(describe)?;
    if std::env::var("CF_NO_DEMO").is_err() {
        first_start(config, &db).await?;
    }
    tokio::spawn(crate::retention::run(db.clone()));
    tokio::spawn(crate::reminders::run(
        db.clone(),
        config.link_base(),
        crate::reminders::interval_from_env(),
    ));
    match crate::mail::SmtpConfig::from_env()? {
        Some(smtp) => {
            // Names this process in the outbox leases.
            let worker = format!("{}-{:08x}", std::process::id(), rand::random::<u32>());
            println!("Sending mail through {}:{}", smtp.host, smtp.port);
            tokio::spawn(crate::mail::run_worker(db.clone(), smtp, worker));
        }
        None => println!("No CF_SMTP_HOST: messages stay in the outbox (/outbox)."),
    }
    let addr = config.leptos.site_addr;
    let app = Application::bind(config, db)
        .await
        .map_err(|source| Failure::Bind { addr, source })?;
    println!("Cities Forum listening on http://{addr}");
    app.run().await.map_err(Failure::Serve)
}
