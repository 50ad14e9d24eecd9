//! Sign-in and password forms posted as plain HTML (dispatched in forms.rs).

use crate::error::AppError;
use crate::ui::posted::Posted;
use crate::ui::posted::Submitted;

pub async fn login(posted: &Posted) -> Result<Submitted, AppError> {
    super::server_fns::login(posted.value("email"), posted.value("password")).await?;
    // Staff land on their home: the places their role works in.
    Ok(Submitted::Done(Some("/".to_owned())))
}

pub async fn reset(posted: &Posted) -> Result<Submitted, AppError> {
    super::server_fns::request_password_reset(posted.value("email"), posted.value("lang")).await?;
    Ok(Submitted::Done(Some("/account/reset?sent=1".to_owned())))
}

pub async fn set_password(posted: &Posted) -> Result<Submitted, AppError> {
    super::server_fns::set_password(
        posted.value("secret"),
        posted.value("password"),
        posted.value("again"),
    )
    .await?;
    Ok(Submitted::Done(Some("/".to_owned())))
}

/// One sign-in link revoked, or (without an id) all of them.
pub async fn revoke_links(id: Option<i64>) -> Result<Submitted, AppError> {
    super::server_fns::revoke_my_sign_in_links(id).await?;
    Ok(Submitted::Done(None))
}
