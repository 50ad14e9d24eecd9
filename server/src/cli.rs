//! `cities-forum [serve|migrate|user add|token add|demo]`

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sea_orm::DatabaseConnection;

use app::auth::service::{NewUser, create_api_token, create_user};
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
    },
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
                },
            )
            .await
            .map_err(describe)?;
            println!("added {} as {}", user.email, user.role.as_str());
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Add { email },
        } => {
            let token = create_api_token(&db, &email).await.map_err(describe)?;
            println!("{token}");
            Ok(())
        }
        Command::Demo => {
            let summary = crate::demo::load(&db).await.map_err(describe)?;
            println!("{summary}");
            Ok(())
        }
    }
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
async fn first_start(db: &DatabaseConnection) -> Result<(), Failure> {
    if !crate::demo::is_empty(db).await.map_err(describe)? {
        return Ok(());
    }
    let summary = crate::demo::load(db).await.map_err(describe)?;
    let password = crate::demo::generated_password();
    let email = "organizer@forum.example";
    create_user(
        db,
        NewUser {
            email: email.into(),
            display_name: "Demo organizer".into(),
            role: Role::Organizer,
            password: Some(password.clone()),
        },
    )
    .await
    .map_err(describe)?;
    println!("{summary}");
    println!("Sign in as an organizer: e-mail {email}, password {password}");
    Ok(())
}

async fn serve(config: &Config, db: DatabaseConnection) -> Result<(), Failure> {
    if std::env::var("CF_NO_DEMO").is_err() {
        first_start(&db).await?;
    }
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
