//! Sign-in links by e-mail, for people without a password: whoever may
//! receive one is answered by the areas that know them (registration: a
//! registered person; agreements: a party's or an activity's contact),
//! each registering a [`LinkRecipient`] with the server's parts at start,
//! so no area calls another to find out. An address nobody knows writes
//! nothing.

use std::future::Future;
use std::pin::Pin;

use sea_orm::{DatabaseConnection, TransactionTrait};

use super::domain::normalize_email;
use super::service::create_sign_in_link;
use crate::error::AppError;
use crate::mail::service::enqueue;
use crate::mail::types::NewMessage;

/// The letter that carries a link, once the link is made.
pub type LinkLetter = Box<dyn FnOnce(&str) -> NewMessage + Send>;

/// What a [`LinkRecipient`] answers: how to write the letter, or `None`
/// when it does not know the address.
pub type LetterFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Option<LinkLetter>, AppError>> + Send + 'a>>;

/// An area's answer to "may `email` sign in by a link?".
pub type LinkRecipient = for<'a> fn(&'a DatabaseConnection, &'a str) -> LetterFuture<'a>;

/// The areas' answers, asked in order (the first that knows the address
/// writes the letter).
#[derive(Default)]
pub struct LinkRecipients(pub Vec<LinkRecipient>);

/// The address of a sign-in link.
pub fn sign_in_url(public_url: &str, secret: &str) -> String {
    format!("{public_url}/my/link/{secret}")
}

/// Sends a sign-in link to `email` if an area knows the address; else
/// nothing is written.
pub async fn send_sign_in_link(
    db: &DatabaseConnection,
    recipients: &LinkRecipients,
    email: &str,
    public_url: &str,
) -> Result<(), AppError> {
    let email = normalize_email(email).map_err(|code| AppError::field("email", code))?;
    for recipient in &recipients.0 {
        if let Some(letter) = recipient(db, &email).await? {
            let txn = db.begin().await?;
            let secret = create_sign_in_link(&txn, &email).await?;
            enqueue(&txn, letter(&sign_in_url(public_url, &secret))).await?;
            return txn.commit().await.map_err(AppError::from);
        }
    }
    Ok(())
}
