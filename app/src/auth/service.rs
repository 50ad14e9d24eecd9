//! Accounts, password checks, sessions and API tokens (server only).

use chrono::Duration;
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set,
};
use sha2::{Digest, Sha256};

use super::domain::{check_password, normalize_email};
use super::entity::{api_token, session, sign_in_link, user};
use super::hashing::{hash_password, password_matches};
use super::types::{Role, UserView};
use crate::db::{now, unique_or_internal};
use crate::error::{AppError, ErrorCode, Validator, validated};

/// How long a browser session lasts without signing in again.
pub const SESSION_DAYS: i64 = 7;
/// How long an e-mailed sign-in link works (it may be used several times:
/// people click the same message again, and mail scanners open links).
pub const SIGN_IN_LINK_DAYS: i64 = 14;
/// Prefix of API tokens, so that a leaked one is easy to recognise.
const TOKEN_PREFIX: &str = "cf_";

fn view(model: user::Model) -> Result<UserView, AppError> {
    let role = model.role;
    Ok(UserView {
        id: model.id,
        email: model.email,
        display_name: model.display_name,
        role,
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
fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password: Option<String>,
}

pub async fn create_user(db: &impl ConnectionTrait, new: NewUser) -> Result<UserView, AppError> {
    let mut v = Validator::new();
    let email = v.check("email", normalize_email(&new.email));
    if let Some(password) = &new.password {
        v.check("password", check_password(password));
    }
    let display_name = new.display_name.trim().to_owned();
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
    }
    .insert(db)
    .await
    .map_err(|err| unique_or_internal(err, "email", ErrorCode::EmailTaken))?;
    view(model)
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
    if password_matches(password.to_owned(), stored).await? {
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

async fn user_by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<UserView>, AppError> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(view)
        .transpose()
}

/// Issues an API token for the account with this e-mail; the token is
/// shown once and stored hashed.
pub async fn create_api_token(db: &impl ConnectionTrait, email: &str) -> Result<String, AppError> {
    let user = find_user_by_email(db, email)
        .await?
        .ok_or_else(|| AppError::field("email", ErrorCode::UnknownUser))?;
    let token = format!("{TOKEN_PREFIX}{}", random_secret());
    api_token::ActiveModel {
        id: NotSet,
        user_id: Set(user.id),
        token_hash: Set(secret_hash(&token)),
        created_at: Set(now()),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

pub async fn token_user(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<UserView>, AppError> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(secret_hash(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    match found {
        Some(t) => user_by_id(db, t.user_id).await,
        None => Ok(None),
    }
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
        expires_at: Set(created_at + Duration::days(SIGN_IN_LINK_DAYS)),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// The account a sign-in link opens: the existing one for its e-mail, or
/// a new delegate account without a password. An unknown or expired link
/// is `Unauthorized`.
pub async fn redeem_sign_in_link(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<UserView, AppError> {
    let link = sign_in_link::Entity::find()
        .filter(sign_in_link::Column::TokenHash.eq(secret_hash(secret.trim())))
        .one(db)
        .await?
        .filter(|link| link.expires_at > now())
        .ok_or(AppError::Unauthorized)?;
    if let Some(user) = find_user_by_email(db, &link.email).await? {
        return Ok(user);
    }
    let created = create_user(
        db,
        NewUser {
            email: link.email.clone(),
            display_name: String::new(),
            role: Role::Delegate,
            password: None,
        },
    )
    .await;
    match created {
        Ok(user) => Ok(user),
        // Two clicks at once: the other one created it.
        Err(AppError::Validation(_)) => find_user_by_email(db, &link.email)
            .await?
            .ok_or_else(|| AppError::internal("the account another sign-in made is gone")),
        Err(err) => Err(err),
    }
}
