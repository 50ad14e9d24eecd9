//! Invite-only editions: an invitation per member, with a code, that names
//! the member and caps the delegation.

use app::registration::domain::{Delegation, parse_delegation};
use app::registration::service::{create_invitation, register_delegation, save_settings};

use super::{URL, open_edition, person, settings};
use crate::helpers::staff;
use crate::helpers::{TestApp, backends, spawn_app};

/// An invite-only edition and its host city's invitation for two people;
/// returns the edition, the city and the code.
async fn invited(app: &TestApp) -> (i64, i64, String) {
    let (edition, city) = open_edition(app).await;
    save_settings(
        app.db(),
        &staff(),
        edition,
        settings(true, &[]).parse().unwrap(),
    )
    .await
    .unwrap();
    let invitation = create_invitation(app.db(), &staff(), edition, city, Some(2))
        .await
        .unwrap();
    (edition, city, invitation.code)
}

/// The head and `members` of the delegates Chen Jing and Wang Fang.
fn delegation(members: usize) -> Delegation {
    let head = person("Li Hua", "李华", "li@qz.example", "head_of_delegation");
    let delegates = [
        person("Chen Jing", "陈静", "chen@qz.example", "delegate"),
        person("Wang Fang", "王芳", "wang@qz.example", "delegate"),
    ];
    parse_delegation(&head, &delegates[..members], true).unwrap()
}

#[tokio::test]
async fn an_invitation_has_a_code_and_a_member_gets_one() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, city, code) = invited(&app).await;
        assert_eq!(code.len(), 8, "{backend:?}");
        assert_eq!(
            create_invitation(app.db(), &staff(), edition, city, None)
                .await
                .unwrap_err()
                .field_messages("member_id"),
            vec![app::error::ErrorCode::MemberInvited]
        );
    }
}

#[tokio::test]
async fn an_invite_only_edition_wants_a_known_code() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _, _) = invited(&app).await;
        let no_code =
            register_delegation(app.db(), &staff(), edition, None, "", delegation(2), URL)
                .await
                .unwrap_err();
        assert_eq!(
            no_code.field_messages("invitation_code"),
            vec![app::error::ErrorCode::InvitationRequired],
            "{backend:?}"
        );
        let wrong = register_delegation(
            app.db(),
            &staff(),
            edition,
            None,
            "NOTACODE",
            delegation(2),
            URL,
        )
        .await
        .unwrap_err();
        assert_eq!(
            wrong.field_messages("invitation_code"),
            vec![app::error::ErrorCode::UnknownInvitation]
        );
    }
}

#[tokio::test]
async fn an_invitation_caps_the_delegation_and_names_the_member() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _, code) = invited(&app).await;
        let too_many = register_delegation(
            app.db(),
            &staff(),
            edition,
            None,
            &code.to_lowercase(),
            delegation(2),
            URL,
        )
        .await
        .unwrap_err();
        assert_eq!(
            too_many.field_messages("members"),
            vec![app::error::ErrorCode::DelegationTooLarge],
            "{backend:?}"
        );
        let created =
            register_delegation(app.db(), &staff(), edition, None, &code, delegation(1), URL)
                .await
                .unwrap()
                .created;
        assert_eq!(created[0].member_name.as_deref(), Some("Quanzhou"));
        assert_eq!(created.len(), 2);
    }
}
