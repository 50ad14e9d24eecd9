//! A delegate's agenda booked and unbooked by plain HTML forms (dispatched
//! in forms.rs).

use crate::error::AppError;
use crate::ui::posted::Posted;
use crate::ui::posted::{Submitted, id_field};

pub async fn book(posted: &Posted, session_id: i64, book: bool) -> Result<Submitted, AppError> {
    let edition_id = id_field(posted, "edition_id")?;
    if book {
        super::server_fns::book_session(edition_id, session_id).await?;
    } else {
        super::server_fns::unbook_session(edition_id, session_id).await?;
    }
    Ok(Submitted::Done(None))
}
