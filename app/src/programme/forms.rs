//! A delegate's agenda booked and unbooked by plain HTML forms (see
//! `crate::forms`).

use crate::error::AppError;
use crate::forms::{Submitted, id_field};
use crate::ui::posted::Posted;

pub async fn book(posted: &Posted, session_id: i64, book: bool) -> Result<Submitted, AppError> {
    let edition_id = id_field(posted, "edition_id")?;
    if book {
        super::server_fns::book_session(edition_id, session_id).await?;
    } else {
        super::server_fns::unbook_session(edition_id, session_id).await?;
    }
    Ok(Submitted::Done(None))
}
