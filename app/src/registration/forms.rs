//! Registration's forms posted as plain HTML (dispatched in forms.rs).

use crate::error::{AppError, ErrorCode};
use crate::registration::server_fns;
use crate::registration::types::{
    Category, Decision, MEMBER_PREFIX, PersonForm, member_prefix, member_rows,
};
use crate::ui::posted::Posted;
use crate::ui::posted::{Submitted, id_field};

/// The form with one more member row, of the head's organization.
fn with_member_added(posted: &Posted) -> Posted {
    let mut again = posted.clone();
    let prefix = member_prefix(member_rows(posted));
    again.fields.push((
        format!("{prefix}category"),
        Category::Delegate.as_str().to_owned(),
    ));
    again.fields.push((
        format!("{prefix}organization"),
        posted.value("organization"),
    ));
    again
}

/// The form without member row `row`; the rows after it move up.
fn with_member_removed(posted: &Posted, row: usize) -> Posted {
    let mut again = posted.clone();
    again.fields = posted
        .fields
        .iter()
        .filter_map(|(key, value)| {
            let Some((n, rest)) = key
                .strip_prefix(MEMBER_PREFIX)
                .and_then(|r| r.split_once('.'))
            else {
                return Some((key.clone(), value.clone()));
            };
            match n.parse::<usize>() {
                Ok(n) if n == row => None,
                Ok(n) if n > row => {
                    Some((format!("{}{rest}", member_prefix(n - 1)), value.clone()))
                }
                _ => Some((key.clone(), value.clone())),
            }
        })
        .collect();
    again
}

pub async fn register(posted: &Posted) -> Result<Submitted, AppError> {
    let edition_id = id_field(posted, "edition_id")?;
    let mut fields = posted.clone();
    // The buttons' own fields are not part of the form's data.
    fields
        .fields
        .retain(|(key, _)| key != "_add_member" && key != "_remove_member");
    if posted.has("_add_member") {
        return Ok(Submitted::Again(with_member_added(&fields)));
    }
    if let Ok(row) = posted.value("_remove_member").parse::<usize>() {
        return Ok(Submitted::Again(with_member_removed(&fields, row)));
    }
    let head = PersonForm::from_posted(posted, "");
    let members = (0..member_rows(posted))
        .map(|row| PersonForm::from_posted(posted, &member_prefix(row)))
        .collect();
    let receipt = server_fns::register(
        edition_id,
        posted.value("member_id").parse().ok(),
        posted.value("invitation_code"),
        head,
        members,
        posted.has("consent"),
    )
    .await?;
    Ok(Submitted::Done(Some(format!(
        "/editions/{edition_id}/register?sent={}",
        receipt.people
    ))))
}

pub async fn send_link(posted: &Posted) -> Result<Submitted, AppError> {
    server_fns::request_sign_in_link(posted.value("email")).await?;
    Ok(Submitted::Done(Some("/my?sent=link".to_owned())))
}

pub async fn update_mine(posted: &Posted, id: i64) -> Result<Submitted, AppError> {
    server_fns::update_my_registration(id, PersonForm::from_posted(posted, "")).await?;
    Ok(Submitted::Done(Some("/my?saved=1".to_owned())))
}

pub async fn cancel_mine(id: i64) -> Result<Submitted, AppError> {
    server_fns::cancel_my_registration(id).await?;
    Ok(Submitted::Done(None))
}

pub async fn add_member(posted: &Posted, delegation_id: i64) -> Result<Submitted, AppError> {
    server_fns::add_delegation_member(delegation_id, PersonForm::from_posted(posted, "")).await?;
    Ok(Submitted::Done(Some("/my?saved=1".to_owned())))
}

/// The registrar's decision on the ticked registrations, or on the one
/// row whose button was pressed (`row_decision` = `approve:12`).
pub async fn decide(posted: &Posted) -> Result<Submitted, AppError> {
    let edition_id = id_field(posted, "edition_id")?;
    let row_decision = posted.value("row_decision");
    let (decision, ids) = match row_decision.split_once(':') {
        Some((decision, id)) => (
            decision.to_owned(),
            vec![id.parse().map_err(|_| AppError::NotFound)?],
        ),
        None => (
            posted.value("decision"),
            posted
                .values("ids")
                .iter()
                .filter_map(|id| id.parse().ok())
                .collect(),
        ),
    };
    let decision = match decision.as_str() {
        "approve" => Decision::Approve,
        "waitlist" => Decision::Waitlist,
        "decline" => Decision::Decline,
        "cancel" => Decision::Cancel,
        _ => return Err(AppError::field("decision", ErrorCode::Required)),
    };
    server_fns::decide_registrations(edition_id, ids, decision, posted.value("reason")).await?;
    Ok(Submitted::Done(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(fields: &[(&str, &str)]) -> Posted {
        Posted {
            form: "register".into(),
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            error: None,
        }
    }

    #[test]
    fn rows_are_added_and_removed_keeping_what_was_typed() {
        let form = posted(&[
            ("organization", "Busan City"),
            ("members.0.name_native", "김"),
            ("members.1.name_native", "이"),
            ("members.2.name_native", "박"),
        ]);
        assert_eq!(member_rows(&form), 3);
        let added = with_member_added(&form);
        assert_eq!(member_rows(&added), 4);
        assert_eq!(added.value("members.3.organization"), "Busan City");
        let removed = with_member_removed(&form, 1);
        assert_eq!(member_rows(&removed), 2);
        assert_eq!(removed.value("members.0.name_native"), "김");
        assert_eq!(removed.value("members.1.name_native"), "박");
        assert_eq!(removed.value("organization"), "Busan City");
    }

    #[test]
    fn a_row_number_past_the_largest_delegation_is_not_read() {
        let form = posted(&[
            ("members.0.name_native", "김"),
            ("members.999999999.name_native", "x"),
        ]);
        assert_eq!(member_rows(&form), 1);
    }
}
