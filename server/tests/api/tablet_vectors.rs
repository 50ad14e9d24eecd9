//! The check-in tablet judges badges offline with its own copy of the
//! judgement (`public/checkin/judge.js`). This test makes real codes in
//! every state a door meets, has the server judge each at the door, and
//! writes the codes, the server's verdicts and the bootstrap the tablet
//! holds then to `target/judge-vectors.json`; the browser test
//! `end2end/tests/judge-vectors.spec.ts` runs the tablet's judge on each
//! and fails where the two disagree.

use std::path::PathBuf;

use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;
use app::badges::service::code_for_staff;
use app::credentials::code::BadgeClaim;
use app::credentials::keys::{new_key, sign};
use app::registration::service::decide;
use app::registration::types::Decision;

use crate::badges::approved_people;
use crate::checkin::{forged, paired};
use crate::helpers::{backends, spawn_app, staff};

/// Where the browser test reads the vectors (`end2end/` is beside it).
pub fn vectors_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/judge-vectors.json")
}

#[tokio::test]
async fn the_server_judges_a_code_in_every_state_and_writes_them_for_the_tablet() {
    let app = spawn_app(backends()[0]).await;
    let organizer = app.token_for(Role::Organizer).await;
    let registrar = app.token_for(Role::Registrar).await;
    let (edition, ids) = approved_people(&app).await;
    let (_, door) = paired(&app, &organizer, edition, "Vectors door", false).await;
    let keys_path = format!("/api/v1/editions/{edition}/badges/keys");

    // Signed by the first key, which is then replaced and revoked.
    let by_revoked_key = code_for_staff(app.db(), edition, ids[3]).await.unwrap();
    let first_key: Value = app
        .get(&keys_path, Some(&organizer))
        .await
        .json()
        .await
        .unwrap();
    let first_key = first_key[0]["id"].as_i64().unwrap();
    let rotated = app
        .send_json(Method::POST, &keys_path, Some(&organizer), &json!({}))
        .await;
    assert_eq!(rotated.status(), 201);
    let current_key = rotated.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let revoked = app
        .send_json(
            Method::POST,
            &format!("{keys_path}/{first_key}/revoke"),
            Some(&organizer),
            &json!({}),
        )
        .await;
    assert_eq!(revoked.status(), 200);

    let valid = code_for_staff(app.db(), edition, ids[0]).await.unwrap();
    let reprinted = code_for_staff(app.db(), edition, ids[1]).await.unwrap();
    let reprint = app
        .send_json(
            Method::POST,
            &format!(
                "/api/v1/editions/{edition}/registrations/{}/badge/reprint",
                ids[1]
            ),
            Some(&registrar),
            &json!({}),
        )
        .await;
    assert_eq!(reprint.status(), 200);
    let declined = code_for_staff(app.db(), edition, ids[2]).await.unwrap();
    decide(
        app.db(),
        &staff(),
        edition,
        &ids[2..3],
        Decision::Decline,
        "no visa",
        "https://forum.example",
    )
    .await
    .unwrap();
    let claim = |key_id, edition_id| BadgeClaim {
        key_id,
        edition_id,
        registration_id: ids[4],
        version: 1,
    };
    let unknown_key = sign(&claim(current_key + 1000, edition), &new_key());
    let other_edition = sign(&claim(current_key, edition + 1000), &new_key());
    let other_edition_unknown_key = sign(&claim(current_key + 1000, edition + 1000), &new_key());
    // The current key's id, another key's signature.
    let wrong_signature = sign(&claim(current_key, edition), &new_key());

    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("valid", valid.clone(), "green", "welcome"),
        (
            "valid, lower case with spaces",
            format!("  {}  ", valid.to_lowercase()),
            "amber",
            "already_in",
        ),
        ("reprinted since", reprinted, "red", "superseded"),
        ("declined since", declined, "red", "not_approved"),
        (
            "signed by a revoked key",
            by_revoked_key.clone(),
            "red",
            "revoked_key",
        ),
        (
            "revoked key, altered",
            forged(&by_revoked_key),
            "red",
            "forged",
        ),
        ("altered", forged(&valid), "red", "forged"),
        ("signed by another key", wrong_signature, "red", "forged"),
        ("unknown key", unknown_key, "red", "unknown_key"),
        ("another edition's", other_edition, "red", "other_edition"),
        (
            "another edition's, unknown key",
            other_edition_unknown_key,
            "red",
            "other_edition",
        ),
        ("not ours", "hello".into(), "red", "unreadable"),
        (
            "cut short",
            valid[..valid.len() - 20].to_owned(),
            "red",
            "unreadable",
        ),
        ("empty", String::new(), "red", "unreadable"),
    ];

    // The tablet's data as it would hold it now, before any scan.
    let bootstrap: Value = app
        .get("/api/v1/checkin/bootstrap", Some(&door))
        .await
        .json()
        .await
        .unwrap();
    let mut vectors = Vec::new();
    for (n, (name, code, light, outcome)) in cases.into_iter().enumerate() {
        let response = app
            .send_json(
                Method::POST,
                "/api/v1/checkin/scans",
                Some(&door),
                &json!({"client_id": format!("v{n}"), "list": "entry", "code": code, "staff": "Vectors"}),
            )
            .await;
        assert_eq!(response.status(), 200, "{name}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(
            (answer["light"].as_str(), answer["outcome"].as_str()),
            (Some(light), Some(outcome)),
            "{name}: {answer}"
        );
        vectors.push(json!({
            "name": name,
            "code": code,
            "light": light,
            "outcome": outcome,
            // The tablet admits the valid code once: the second time it is
            // already in, as the server says after the first scan.
            "after_checkin_of": (outcome == "already_in").then_some(ids[0]),
        }));
    }
    let written = json!({"bootstrap": bootstrap, "vectors": vectors});
    let file = vectors_file();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, serde_json::to_vec_pretty(&written).unwrap()).unwrap();
}
