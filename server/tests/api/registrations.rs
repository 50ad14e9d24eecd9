//! Registration storage on both databases (pages and API come next).

use app::editions::domain::NewEdition;
use app::editions::service::create_edition;
use app::editions::types::{EditionInput, EditionStatus};
use app::error::AppError;
use app::registration::domain::parse_delegation;
use app::registration::service::{list_registrations, register_delegation};
use app::registration::types::{PersonForm, RegistrationStatus};

use crate::helpers::{BACKENDS, spawn_app};

fn person(latin: &str, email: &str, category: &str) -> PersonForm {
    PersonForm {
        name_native: "李华".into(),
        name_latin: latin.into(),
        email: email.into(),
        category: category.into(),
        arrival: "2027-03-27T10:00".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_delegation_is_stored_whole_and_a_second_registration_is_caught() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let city = app.city("Lisboa", "Lisbon", "PT").await;
        let mut input = EditionInput {
            year: 2027,
            title: "Cities Forum 2027".into(),
            host_city_id: city,
            venue: "Centro de Congressos".into(),
            start_date: "2027-03-29".parse().unwrap(),
            end_date: "2027-03-31".parse().unwrap(),
            time_zone: "Europe/Lisbon".into(),
            status: EditionStatus::RegistrationOpen,
        };
        let edition = create_edition(app.db(), NewEdition::parse(input.clone()).unwrap(), vec![])
            .await
            .unwrap();

        let head = person("Li Hua", "li.hua@quanzhou.example", "head_of_delegation");
        let members = [
            person("Chen Jing", "chen@quanzhou.example", "delegate"),
            person("Wang Fang", "wang@quanzhou.example", "speaker"),
        ];
        let delegation = parse_delegation(&head, &members, true, None).unwrap();
        let created = register_delegation(app.db(), edition.id, Some(city), delegation)
            .await
            .unwrap();
        assert_eq!(created.len(), 3, "{backend:?}");
        assert!(
            created
                .iter()
                .all(|r| r.delegation_id == created[0].delegation_id
                    && r.delegation_id.is_some()
                    && r.status == RegistrationStatus::Submitted)
        );

        // The same mayor again, with a new colleague: caught on the head's
        // row, and the colleague is not stored either.
        let again = parse_delegation(
            &head,
            &[person("Zhao Lei", "zhao@quanzhou.example", "delegate")],
            true,
            None,
        )
        .unwrap();
        let err = register_delegation(app.db(), edition.id, Some(city), again)
            .await
            .unwrap_err();
        assert_eq!(
            err.field_messages("email"),
            vec!["already_registered"],
            "{backend:?}"
        );
        assert_eq!(
            list_registrations(app.db(), edition.id)
                .await
                .unwrap()
                .len(),
            3
        );

        // 01:30 on 28 March 2027 does not exist in Lisbon (clocks jump).
        let mut gap = person("Ana Silva", "ana@lisboa.example", "observer");
        gap.arrival = "2027-03-28T01:30".into();
        let alone = parse_delegation(&gap, &[], true, None).unwrap();
        let err = register_delegation(app.db(), edition.id, None, alone)
            .await
            .unwrap_err();
        assert_eq!(err.field_messages("arrival"), vec!["invalid_datetime"]);

        input.status = EditionStatus::Closed;
        app::editions::service::update_edition(
            app.db(),
            edition.id,
            NewEdition::parse(input).unwrap(),
        )
        .await
        .unwrap();
        let late = parse_delegation(
            &person("Late", "late@x.example", "delegate"),
            &[],
            true,
            None,
        )
        .unwrap();
        assert_eq!(
            register_delegation(app.db(), edition.id, None, late)
                .await
                .unwrap_err(),
            AppError::Conflict("registration_closed".into())
        );
    }
}
