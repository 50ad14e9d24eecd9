//! CSV: an import is all or nothing and names every bad cell; the export
//! opens in a spreadsheet (a byte order mark).

use serde_json::Value;

use app::auth::types::Role;
use app::registration::service::{import_invited, list_registrations};
use app::registration::types::RegistrationFilter;

use super::{URL, open_edition, person, register_one};
use crate::helpers::staff;
use crate::helpers::{TestApp, backends, spawn_app};

/// An edition with one registration (Li Hua, a speaker); returns it.
async fn one_registered(app: &TestApp) -> i64 {
    let (edition, _) = open_edition(app).await;
    register_one(
        app,
        edition,
        person("Li Hua", "李华", "li@qz.example", "speaker"),
    )
    .await
    .unwrap();
    edition
}

#[tokio::test]
async fn a_bad_csv_names_every_bad_cell_and_imports_nothing() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let edition = one_registered(&app).await;
        let bad = "name_latin,name_native,email,category,member\n\
                   Ahmed Hassan,أحمد حسن,ahmed@alex.example,delegate,Quanzhou\n\
                   ,,not-an-email,delegate,Atlantis\n\
                   Li Again,,li@qz.example,guest,\n";
        let err = import_invited(app.db(), &staff(), edition, bad, URL)
            .await
            .unwrap_err();
        assert_eq!(
            err.field_messages("line.3.name_latin"),
            vec![app::error::ErrorCode::Required],
            "{backend:?}"
        );
        assert_eq!(
            err.field_messages("line.3.email"),
            vec![app::error::ErrorCode::InvalidEmail]
        );
        assert_eq!(
            err.field_messages("line.3.member"),
            vec![app::error::ErrorCode::UnknownMember]
        );
        assert_eq!(
            err.field_messages("line.4.category"),
            vec![app::error::ErrorCode::UnknownChoice]
        );
        assert_eq!(
            list_registrations(app.db(), edition, &RegistrationFilter::default())
                .await
                .unwrap()
                .len(),
            1,
            "nothing imported ({backend:?})"
        );
    }
}

#[tokio::test]
async fn csv_imports_through_the_api_and_exports_with_a_bom() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let edition = one_registered(&app).await;
        let good = "name_latin,name_native,email,category,member\n\
                    Ahmed Hassan,أحمد حسن,ahmed@alex.example,delegate,quanzhou\n\
                    Zhou Min,周敏,zhou@qz.example,staff,\n";
        let registrar = app.token_for(Role::Registrar).await;
        let imported = app
            .client
            .post(app.url(&format!("/api/v1/editions/{edition}/registrations.csv")))
            .bearer_auth(&registrar)
            .header("content-type", "text/csv")
            .body(good)
            .send()
            .await
            .unwrap();
        assert_eq!(imported.status(), 201, "{backend:?}");
        let imported: Value = imported.json().await.unwrap();
        assert_eq!(imported["imported"], 2);

        let csv = app
            .get(
                &format!("/api/v1/editions/{edition}/registrations.csv"),
                Some(&registrar),
            )
            .await;
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let bytes = csv.bytes().await.unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert_eq!(text.lines().count(), 4);
        assert!(text.contains("أحمد حسن"));
        assert!(text.contains(",approved,delegate,Quanzhou,"));
        assert!(text.contains("李华"));
    }
}
