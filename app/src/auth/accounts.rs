//! Staff accounts managed in the app (server only): an organizer invites
//! someone by e-mail with a role, the invitation lets them choose their
//! password, a forgotten password is reset by e-mail, an organizer changes
//! a role or switches an account off. The command line stays for the
//! first organizer. Every change is in the audit log.

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::domain::{check_password, normalize_email};
use super::entity::{api_token, password_link, session, user};
use super::hashing::hash_password;
use super::service::{NewUser, create_user, random_secret, revoke_sign_in_links, secret_hash};
use super::types::{LinkPurpose, Role, StaffView, UserView};
use crate::audit::{Actor, Change, record};
use crate::db::now;
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::mail::letter::{Recipient, letter};
use crate::mail::service::enqueue;

/// An invitation waits a week for its taker; a reset is asked for by
/// someone at their desk and works for two hours.
pub fn link_lifetime(purpose: LinkPurpose) -> Duration {
    match purpose {
        LinkPurpose::Invitation => Duration::days(7),
        LinkPurpose::Reset => Duration::hours(2),
    }
}

fn staff_view(model: user::Model) -> StaffView {
    StaffView {
        id: model.id,
        email: model.email,
        display_name: model.display_name,
        role: model.role,
        created_at: model.created_at,
        has_password: model.password_hash.is_some(),
        disabled_at: model.disabled_at,
    }
}

/// The page a password link opens.
pub fn password_url(public_url: &str, secret: &str) -> String {
    format!(
        "{}/account/password/{secret}",
        public_url.trim_end_matches('/')
    )
}

/// Every account but delegates', by e-mail.
pub async fn list_staff(db: &impl ConnectionTrait) -> Result<Vec<StaffView>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.ne(Role::Delegate))
        .order_by_asc(user::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .map(staff_view)
        .collect())
}

fn staff_role(role: Role) -> Result<Role, AppError> {
    if role == Role::Delegate {
        // Delegates get their accounts by registering.
        Err(AppError::field("role", ErrorCode::NotAStaffRole))
    } else {
        Ok(role)
    }
}

async fn staff_account(db: &impl ConnectionTrait, id: i64) -> Result<user::Model, AppError> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|u| u.role != Role::Delegate)
        .ok_or(AppError::NotFound)
}

/// Refuses a change that would leave no organizer who can sign in: someone
/// must be able to manage the accounts.
async fn keep_an_organizer(
    db: &impl ConnectionTrait,
    leaving: &user::Model,
) -> Result<(), AppError> {
    if leaving.role != Role::Organizer || leaving.disabled_at.is_some() {
        return Ok(());
    }
    let others = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Organizer))
        .filter(user::Column::DisabledAt.is_null())
        .filter(user::Column::Id.ne(leaving.id))
        .count(db)
        .await?;
    if others == 0 {
        Err(AppError::Conflict(ErrorCode::LastOrganizer))
    } else {
        Ok(())
    }
}

/// A new single-use password link for the account; its secret goes into
/// one letter and nowhere else.
async fn make_password_link(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: LinkPurpose,
) -> Result<String, AppError> {
    let secret = random_secret();
    let at = now();
    password_link::ActiveModel {
        id: NotSet,
        user_id: Set(user_id),
        token_hash: Set(secret_hash(&secret)),
        purpose: Set(purpose),
        created_at: Set(at),
        expires_at: Set(at + link_lifetime(purpose)),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

fn recipient(account: &user::Model, locale: Locale) -> Recipient {
    Recipient {
        email: account.email.clone(),
        name_native: String::new(),
        name_latin: account.display_name.clone(),
        honorific: String::new(),
        languages: vec![locale.as_str().to_owned()],
    }
}

/// What an organizer types to invite someone.
pub struct Invitation {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The language of the letter.
    pub locale: Locale,
    /// Who invites, as the letter names them.
    pub invited_by: String,
}

/// Makes the account (no password yet) and queues the letter with the
/// link to choose one, in one transaction.
pub async fn invite_staff(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    invitation: Invitation,
    public_url: &str,
) -> Result<StaffView, AppError> {
    let role = staff_role(invitation.role)?;
    let txn = db.begin().await?;
    let created = create_user(
        &txn,
        NewUser {
            email: invitation.email,
            display_name: invitation.display_name,
            role,
            password: None,
            language: Some(invitation.locale),
        },
    )
    .await?;
    let account = staff_account(&txn, created.id).await?;
    let secret = make_password_link(&txn, account.id, LinkPurpose::Invitation).await?;
    let locale = invitation.locale;
    let inviter = invitation.invited_by;
    enqueue(
        &txn,
        letter(
            &recipient(&account, locale),
            locale,
            td_string!(locale, mail_invitation_subject).to_string(),
            &[td_string!(
                locale,
                mail_invitation_body,
                inviter,
                role = role.label(locale)
            )
            .to_string()],
            Some((
                td_string!(locale, mail_invitation_label).to_string(),
                &password_url(public_url, &secret),
            )),
        ),
    )
    .await?;
    let view = staff_view(account);
    record(
        &txn,
        actor,
        Change::new("invited", "user", view.id).after(&view),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Gives a staff account another role (never the last organizer's away).
pub async fn change_role(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    role: Role,
) -> Result<StaffView, AppError> {
    let role = staff_role(role)?;
    let txn = db.begin().await?;
    let account = staff_account(&txn, id).await?;
    if account.role == role {
        return Ok(staff_view(account));
    }
    if role != Role::Organizer {
        keep_an_organizer(&txn, &account).await?;
    }
    let before = staff_view(account.clone());
    let mut model: user::ActiveModel = account.into();
    model.role = Set(role);
    let after = staff_view(model.update(&txn).await?);
    record(
        &txn,
        actor,
        Change::new("role_changed", "user", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Switches an account off (its sessions, tokens and links end at once)
/// or on again. The last organizer cannot be switched off.
pub async fn switch_account(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    on: bool,
) -> Result<StaffView, AppError> {
    let txn = db.begin().await?;
    let account = staff_account(&txn, id).await?;
    if account.disabled_at.is_none() == on {
        return Ok(staff_view(account));
    }
    let at = now();
    if !on {
        keep_an_organizer(&txn, &account).await?;
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(id))
            .exec(&txn)
            .await?;
        api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(at))
            .filter(api_token::Column::UserId.eq(id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        revoke_sign_in_links(&txn, &account.email, None).await?;
        end_password_links(&txn, id).await?;
    }
    let before = staff_view(account.clone());
    let action = if on { "switched_on" } else { "switched_off" };
    // Recorded before the switch: an organizer may switch their own
    // account off, and `record` refuses writes of accounts that are off.
    let disabled_at = if on { None } else { Some(at) };
    record(
        &txn,
        actor,
        Change::new(action, "user", id)
            .before(&before)
            .after(&staff_view(user::Model {
                disabled_at,
                ..account.clone()
            })),
    )
    .await?;
    let mut model: user::ActiveModel = account.into();
    model.disabled_at = Set(disabled_at);
    let after = staff_view(model.update(&txn).await?);
    txn.commit().await?;
    Ok(after)
}

/// Marks every unused password link of the account used.
async fn end_password_links(db: &impl ConnectionTrait, user_id: i64) -> Result<(), AppError> {
    password_link::Entity::update_many()
        .col_expr(password_link::Column::UsedAt, Expr::value(now()))
        .filter(password_link::Column::UserId.eq(user_id))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// "I forgot my password": a reset letter to a staff account that can
/// sign in; nothing for any other address. The caller answers the same
/// either way, so the answer tells nobody who has an account.
pub async fn request_password_reset(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    locale: Locale,
    public_url: &str,
) -> Result<(), AppError> {
    let email = normalize_email(email).map_err(|code| AppError::field("email", code))?;
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
        .filter(|u| u.role != Role::Delegate && u.disabled_at.is_none());
    let Some(account) = found else {
        return Ok(());
    };
    let txn = db.begin().await?;
    let secret = make_password_link(&txn, account.id, LinkPurpose::Reset).await?;
    enqueue(
        &txn,
        letter(
            &recipient(&account, locale),
            locale,
            td_string!(locale, mail_reset_subject).to_string(),
            &[td_string!(locale, mail_reset_body).to_string()],
            Some((
                td_string!(locale, mail_reset_label).to_string(),
                &password_url(public_url, &secret),
            )),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The link behind a secret, if it still works: unused, unexpired, for an
/// account that is not switched off.
async fn working_link(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<(password_link::Model, user::Model), AppError> {
    let at = now();
    let link = password_link::Entity::find()
        .filter(password_link::Column::TokenHash.eq(secret_hash(secret.trim())))
        .filter(password_link::Column::UsedAt.is_null())
        .one(db)
        .await?
        .filter(|link| link.expires_at > at)
        .ok_or(AppError::Unauthorized)?;
    let account = user::Entity::find_by_id(link.user_id)
        .one(db)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .ok_or(AppError::Unauthorized)?;
    Ok((link, account))
}

/// What a password link is for, so its page can say so; `Unauthorized`
/// when it no longer works.
pub async fn password_link_purpose(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<(LinkPurpose, String), AppError> {
    let (link, account) = working_link(db, secret).await?;
    Ok((link.purpose, account.email))
}

/// Sets the password a link was sent for. The link and any other unused
/// one end, and so do the account's sessions elsewhere; the caller signs
/// the person in.
pub async fn set_password_with_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    secret: &str,
    password: &str,
    again: &str,
) -> Result<UserView, AppError> {
    check_password(password).map_err(|code| AppError::field("password", code))?;
    if password != again {
        return Err(AppError::field("again", ErrorCode::PasswordsDiffer));
    }
    let hashed = hash_password(password.to_owned()).await?;
    let txn = db.begin().await?;
    let (link, account) = working_link(&txn, secret).await?;
    // Used once: a second click (or a copy of the letter) finds nothing.
    let used = password_link::Entity::update_many()
        .col_expr(password_link::Column::UsedAt, Expr::value(now()))
        .filter(password_link::Column::Id.eq(link.id))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(AppError::Unauthorized);
    }
    end_password_links(&txn, account.id).await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(account.id))
        .exec(&txn)
        .await?;
    let mut model: user::ActiveModel = account.into();
    model.password_hash = Set(Some(hashed));
    let account = model.update(&txn).await?;
    let view = UserView {
        id: account.id,
        email: account.email.clone(),
        display_name: account.display_name.clone(),
        role: account.role,
        language: account.language.clone(),
    };
    let action = match link.purpose {
        LinkPurpose::Invitation => "invitation_accepted",
        LinkPurpose::Reset => "password_reset",
    };
    // Never the hash: only that it changed.
    record(
        &txn,
        &Actor::user(&view),
        Change::new(action, "user", view.id),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}
