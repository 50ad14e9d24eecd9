//! Accounts, password checks, sessions and API tokens (server only).

use std::collections::{BTreeSet, HashMap};

use chrono::Duration;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use sha2::{Digest, Sha256};

use super::domain::{check_password, normalize_email};
use super::entity::{api_token, session, sign_in_link, user};
use super::hashing::{hash_password, password_matches};
use super::types::{ApiTokenView, Role, SignInLinkView, UserView};
use crate::db::{now, unique_or_internal};
use crate::error::{AppError, ErrorCode, Validator, validated};
use crate::locale::Locale;

/// How long a browser session lasts without signing in again.
pub const SESSION_DAYS: i64 = 7;
/// How long an e-mailed sign-in link works. It may be used several times
/// (people open the same message again); a new one is a click away on the
/// page an expired link leads to.
pub const SIGN_IN_LINK_HOURS: i64 = 72;
pub use super::domain::{API_TOKEN_DAYS, API_TOKEN_MAX_DAYS};
/// `last_used_at` is written at most this often, so that a busy script
/// does not turn every read into a write.
const TOKEN_USE_GRANULARITY: Duration = Duration::minutes(1);
/// Prefix of API tokens, so that a leaked one is easy to recognise.
const TOKEN_PREFIX: &str = "cf_";

fn view(model: user::Model) -> Result<UserView, AppError> {
    let role = model.role;
    Ok(UserView {
        id: model.id,
        email: model.email,
        display_name: model.display_name,
        role,
        language: model.language,
    })
}

/// A random secret for a cookie or token, as hex.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `len` random characters from `alphabet`: codes people read or type
/// (passwords handed out, invitation codes), from an alphabet without
/// look-alikes.
pub fn readable_code(alphabet: &[u8], len: usize) -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..len)
        .map(|_| alphabet[rng.random_range(0..alphabet.len())] as char)
        .collect()
}

/// Secrets are stored as SHA-256: they are long and random, so a plain
/// hash is enough and a stolen table holds nothing usable.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Long enough for any name with its titles; bounded like every input.
pub const DISPLAY_NAME_MAX: usize = 120;

pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password: Option<String>,
    /// The language the account reads in, when known at creation (an
    /// invitation's, a registration's first language).
    pub language: Option<Locale>,
}

pub async fn create_user(db: &impl ConnectionTrait, new: NewUser) -> Result<UserView, AppError> {
    let mut v = Validator::new();
    let email = v.check("email", normalize_email(&new.email));
    if let Some(password) = &new.password {
        v.check("password", check_password(password));
    }
    let display_name = new.display_name.trim().to_owned();
    if display_name.chars().count() > DISPLAY_NAME_MAX {
        v.add("display_name", ErrorCode::TooLong);
    }
    v.finish()?;
    let email = validated(email)?;
    let password_hash = match new.password {
        Some(password) => Some(hash_password(password).await?),
        None => None,
    };
    let display_name = if display_name.is_empty() {
        email.clone()
    } else {
        display_name
    };
    let model = user::ActiveModel {
        id: NotSet,
        email: Set(email),
        display_name: Set(display_name),
        role: Set(new.role),
        password_hash: Set(password_hash),
        created_at: Set(now()),
        disabled_at: Set(None),
        language: Set(new.language.map(|l| crate::locale::code(l).to_owned())),
    }
    .insert(db)
    .await
    .map_err(|err| unique_or_internal(err, "email", ErrorCode::EmailTaken))?;
    view(model)
}

/// Keeps `locale` as the language the account reads in.
pub async fn remember_language(
    db: &impl ConnectionTrait,
    user_id: i64,
    locale: Locale,
) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(
            user::Column::Language,
            Expr::value(crate::locale::code(locale)),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// At sign-in, the language the browser already reads in (`browsing`,
/// the language switch's cookie) becomes the account's; a browser without
/// one is given the account's. Returns the language the browser is to be
/// given, if any.
pub async fn language_at_sign_in(
    db: &impl ConnectionTrait,
    account: &UserView,
    browsing: Option<Locale>,
) -> Result<Option<Locale>, AppError> {
    let kept = account
        .language
        .as_deref()
        .and_then(crate::locale::locale_of);
    match browsing {
        Some(locale) => {
            if kept != Some(locale) {
                remember_language(db, account.id, locale).await?;
            }
            Ok(None)
        }
        None => Ok(kept),
    }
}

pub async fn find_user_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<UserView>, AppError> {
    let Ok(email) = normalize_email(email) else {
        return Ok(None);
    };
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
        .map(view)
        .transpose()
}

/// The account for this e-mail and password; the same `Unauthorized` for
/// an unknown e-mail and a wrong password, so neither is revealed.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> Result<UserView, AppError> {
    let email = normalize_email(email).map_err(|_| AppError::Unauthorized)?;
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?;
    let Some(model) = found else {
        // Spend the same time as a real check, so timing reveals nothing.
        hash_password(password.to_owned()).await?;
        return Err(AppError::Unauthorized);
    };
    let Some(stored) = model.password_hash.clone() else {
        // An account without a password (signs in by link): the same time.
        hash_password(password.to_owned()).await?;
        return Err(AppError::Unauthorized);
    };
    // A switched-off account is refused after the same check, so that
    // timing does not tell it from a wrong password.
    if password_matches(password.to_owned(), stored).await? && model.disabled_at.is_none() {
        view(model)
    } else {
        Err(AppError::Unauthorized)
    }
}

/// Starts a session and returns the secret for the cookie. A new secret
/// at each sign-in is what rotates the session id.
pub async fn create_session(db: &impl ConnectionTrait, user_id: i64) -> Result<String, AppError> {
    let secret = random_secret();
    let created_at = now();
    session::ActiveModel {
        id_hash: Set(secret_hash(&secret)),
        user_id: Set(user_id),
        created_at: Set(created_at),
        expires_at: Set(created_at + Duration::days(SESSION_DAYS)),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Signs `user_id` in: ends the browser's old session, if any, and starts
/// a new one (a new id at every sign-in). Returns the new secret.
pub async fn rotate_session(
    db: &impl ConnectionTrait,
    old_secret: Option<&str>,
    user_id: i64,
) -> Result<String, AppError> {
    if let Some(old) = old_secret {
        delete_session(db, old).await?;
    }
    create_session(db, user_id).await
}

pub async fn session_user(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<Option<UserView>, AppError> {
    let found = session::Entity::find_by_id(secret_hash(secret))
        .one(db)
        .await?;
    match found {
        Some(s) if s.expires_at > now() => user_by_id(db, s.user_id).await,
        _ => Ok(None),
    }
}

pub async fn delete_session(db: &impl ConnectionTrait, secret: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(secret_hash(secret))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes expired sessions; returns how many.
pub async fn purge_expired_sessions(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    let result = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(now()))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// The account behind a session or token, unless it is switched off.
async fn user_by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<UserView>, AppError> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|model| model.disabled_at.is_none())
        .map(view)
        .transpose()
}

/// Whether the account may still do `operation`: switched on, and its
/// role (as it is now, not as it was when a request began) allows it.
pub async fn still_may(
    db: &impl ConnectionTrait,
    user_id: i64,
    operation: super::domain::Operation,
) -> Result<bool, AppError> {
    Ok(user_by_id(db, user_id)
        .await?
        .is_some_and(|user| super::domain::may(user.role, operation)))
}

/// Issues an API token for the account with this e-mail, working for
/// `API_TOKEN_DAYS`; the token is shown once and stored hashed.
pub async fn create_api_token(db: &impl ConnectionTrait, email: &str) -> Result<String, AppError> {
    let user = find_user_by_email(db, email)
        .await?
        .ok_or_else(|| AppError::field("email", ErrorCode::UnknownUser))?;
    issue_api_token(db, user.id, "", API_TOKEN_DAYS).await
}

/// A new token for account `user_id`, working for `days` (1 to
/// `API_TOKEN_MAX_DAYS`).
pub async fn issue_api_token(
    db: &impl ConnectionTrait,
    user_id: i64,
    label: &str,
    days: i64,
) -> Result<String, AppError> {
    if !(1..=API_TOKEN_MAX_DAYS).contains(&days) {
        return Err(AppError::field("days", ErrorCode::OutOfRange));
    }
    let label = label.trim();
    if label.chars().count() > 80 {
        return Err(AppError::field("label", ErrorCode::TooLong));
    }
    let token = format!("{TOKEN_PREFIX}{}", random_secret());
    let created_at = now();
    api_token::ActiveModel {
        id: NotSet,
        user_id: Set(user_id),
        token_hash: Set(secret_hash(&token)),
        created_at: Set(created_at),
        revoked_at: Set(None),
        label: Set(label.to_owned()),
        expires_at: Set(Some(created_at + Duration::days(days))),
        last_used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The account of a token that is neither revoked nor expired; notes when
/// it was used (to the minute).
pub async fn token_user(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<UserView>, AppError> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let at = now();
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(secret_hash(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .filter(|t| token_expiry(t) > at);
    let Some(found) = found else {
        return Ok(None);
    };
    if found
        .last_used_at
        .is_none_or(|used| at - used >= TOKEN_USE_GRANULARITY)
    {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(at))
            .filter(api_token::Column::Id.eq(found.id))
            .exec(db)
            .await?;
    }
    user_by_id(db, found.user_id).await
}

/// When a token stops working; those made before tokens expired (no
/// date stored) work for `API_TOKEN_DAYS` from when they were made.
fn token_expiry(t: &api_token::Model) -> chrono::DateTime<chrono::Utc> {
    t.expires_at
        .unwrap_or(t.created_at + Duration::days(API_TOKEN_DAYS))
}

fn token_view(t: api_token::Model, owner: String) -> ApiTokenView {
    let at = now();
    let expires_at = token_expiry(&t);
    ApiTokenView {
        id: t.id,
        owner,
        label: t.label,
        created_at: t.created_at,
        active: t.revoked_at.is_none() && expires_at > at,
        expires_at: Some(expires_at),
        last_used_at: t.last_used_at,
        revoked_at: t.revoked_at,
    }
}

/// Tokens, newest first: one account's, or every account's (`None`, for
/// the command line).
pub async fn list_api_tokens(
    db: &impl ConnectionTrait,
    user_id: Option<i64>,
) -> Result<Vec<ApiTokenView>, AppError> {
    let mut query = api_token::Entity::find().order_by_desc(api_token::Column::Id);
    if let Some(user_id) = user_id {
        query = query.filter(api_token::Column::UserId.eq(user_id));
    }
    let tokens = query.all(db).await?;
    let owners: std::collections::HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(tokens.iter().map(|t| t.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    Ok(tokens
        .into_iter()
        .map(|t| {
            let owner = owners.get(&t.user_id).cloned().unwrap_or_default();
            token_view(t, owner)
        })
        .collect())
}

/// Revokes token `id`: any token (`owner: None`, the command line), or
/// only one of the owner's. Revoking twice is not an error.
pub async fn revoke_api_token(
    db: &impl ConnectionTrait,
    id: i64,
    owner: Option<i64>,
) -> Result<ApiTokenView, AppError> {
    let found = api_token::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|t| owner.is_none_or(|owner| t.user_id == owner))
        .ok_or(AppError::NotFound)?;
    let found = if found.revoked_at.is_none() {
        let mut active: api_token::ActiveModel = found.into();
        active.revoked_at = Set(Some(now()));
        active.update(db).await?
    } else {
        found
    };
    let owner = user::Entity::find_by_id(found.user_id)
        .one(db)
        .await?
        .map(|u| u.email)
        .unwrap_or_default();
    Ok(token_view(found, owner))
}

/// A new sign-in link secret for this e-mail, stored hashed; the caller
/// puts it in a message to that address (and nowhere else).
pub async fn create_sign_in_link(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<String, AppError> {
    let email = normalize_email(email).map_err(|code| AppError::field("email", code))?;
    let secret = random_secret();
    let created_at = now();
    sign_in_link::ActiveModel {
        id: NotSet,
        email: Set(email),
        token_hash: Set(secret_hash(&secret)),
        created_at: Set(created_at),
        expires_at: Set(created_at + Duration::hours(SIGN_IN_LINK_HOURS)),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// The account a sign-in link opens: the existing one for its e-mail, or
/// a new delegate account without a password. An unknown, expired or
/// revoked link is `Unauthorized`; a staff account is `Forbidden` (staff
/// sign in with their password, so a forwarded letter cannot open one).
pub async fn redeem_sign_in_link(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<UserView, AppError> {
    let at = now();
    let link = sign_in_link::Entity::find()
        .filter(sign_in_link::Column::TokenHash.eq(secret_hash(secret.trim())))
        .filter(sign_in_link::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .filter(|link| link.expires_at > at)
        .ok_or(AppError::Unauthorized)?;
    let user = match find_user_by_email(db, &link.email).await? {
        Some(user) => user,
        None => delegate_account(db, &link.email).await?,
    };
    if user.role != Role::Delegate {
        return Err(AppError::Forbidden);
    }
    if user_by_id(db, user.id).await?.is_none() {
        // Switched off.
        return Err(AppError::Unauthorized);
    }
    sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, Expr::value(at))
        .filter(sign_in_link::Column::Id.eq(link.id))
        .exec(db)
        .await?;
    Ok(user)
}

/// The delegate account a first sign-in link makes.
async fn delegate_account(db: &impl ConnectionTrait, email: &str) -> Result<UserView, AppError> {
    let created = create_user(
        db,
        NewUser {
            email: email.to_owned(),
            display_name: String::new(),
            role: Role::Delegate,
            password: None,
            language: None,
        },
    )
    .await;
    match created {
        Ok(user) => Ok(user),
        // Two clicks at once: the other one created it.
        Err(AppError::Validation(_)) => find_user_by_email(db, email)
            .await?
            .ok_or_else(|| AppError::internal("the account another sign-in made is gone")),
        Err(err) => Err(err),
    }
}

/// Whether a sign-in link was made for this address in the last `within`:
/// letters nobody asked for (someone submitted the address again) go out
/// at most once in that time, however many submissions name it, and in
/// every process alike.
pub async fn link_made_within(
    db: &impl ConnectionTrait,
    email: &str,
    within: Duration,
) -> Result<bool, AppError> {
    use sea_orm::PaginatorTrait;
    let recent = sign_in_link::Entity::find()
        .filter(sign_in_link::Column::Email.eq(email))
        .filter(sign_in_link::Column::CreatedAt.gt(now() - within))
        .count(db)
        .await?;
    Ok(recent > 0)
}

/// The sign-in links sent to this address, newest first.
pub async fn sign_in_links_of(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Vec<SignInLinkView>, AppError> {
    let at = now();
    Ok(sign_in_link::Entity::find()
        .filter(sign_in_link::Column::Email.eq(email))
        .order_by_desc(sign_in_link::Column::Id)
        .limit(100)
        .all(db)
        .await?
        .into_iter()
        .map(|l| SignInLinkView {
            id: l.id,
            created_at: l.created_at,
            expires_at: l.expires_at,
            used_at: l.used_at,
            active: l.revoked_at.is_none() && l.expires_at > at,
        })
        .collect())
}

/// Revokes the links sent to this address: one (`Some(id)`) or all that
/// still work. Returns how many were revoked.
pub async fn revoke_sign_in_links(
    db: &impl ConnectionTrait,
    email: &str,
    id: Option<i64>,
) -> Result<u64, AppError> {
    let mut update = sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::RevokedAt, Expr::value(now()))
        .filter(sign_in_link::Column::Email.eq(email))
        .filter(sign_in_link::Column::RevokedAt.is_null());
    if let Some(id) = id {
        update = update.filter(sign_in_link::Column::Id.eq(id));
    }
    Ok(update.exec(db).await?.rows_affected)
}

/// The names accounts are shown by to people outside the staff (a
/// party's contact reading notes): the display name, else the role
/// ("coordinator"), never an e-mail address.
pub async fn account_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: BTreeSet<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::DisplayName)
        .column(user::Column::Role)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i64, String, Role)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name, role)| {
            // A contact's account is often named by its address.
            let name = name.trim();
            let shown = if name.is_empty() || name.contains('@') {
                role.as_str()
            } else {
                name
            };
            (id, shown.to_owned())
        })
        .collect())
}

/// E-mails of the accounts behind `ids`, for "entered by".
pub async fn account_labels(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: BTreeSet<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Email)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}
