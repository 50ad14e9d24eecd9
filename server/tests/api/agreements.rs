//! Agreements over HTTP, on both backends: a draft from a template (every
//! placeholder asked for), revisions kept as versions and compared word
//! by word, two saves of one reading, comments, the status moves allowed
//! and refused, the signing that freezes the text, activities, reminders
//! on a controllable clock (each once, even from two processes at once,
//! in the owner's language, never for finished work), the dashboard, the
//! outcome report and its exports, the PDF, and a party's contact who
//! sees and reports on their own activities only.

use chrono::{Duration, NaiveDate};
use reqwest::Method;
use serde_json::{Value, json};

use app::agreements::service::reminders::send_due;
use app::auth::types::Role;

use crate::helpers::{TestApp, backends, call, field_codes, open_edition, spawn_app};
use crate::pdf::read_pdf;

async fn get(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    let response = app.get(path, Some(token)).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A conflict's code (409 `{"error": "conflict", "detail": code}`).
fn code(body: &Value) -> String {
    body["detail"].as_str().unwrap_or_default().to_owned()
}

async fn outbox(app: &TestApp) -> Vec<app::mail::types::MessageView> {
    app::mail::service::list_messages(app.db(), 500)
        .await
        .unwrap()
}

struct Drafted {
    coordinator: String,
    edition: i64,
    agreement: Value,
    quanzhou: i64,
    dushanbe: i64,
}

/// An economic cooperation agreement between Quanzhou and Dushanbe,
/// drafted from the standard template.
async fn drafted(app: &TestApp) -> Drafted {
    let coordinator = app.token_for(Role::Coordinator).await;
    let (edition, quanzhou) = open_edition(app).await;
    let dushanbe = app.city("Душанбе", "Dushanbe", "TJ").await;
    let (status, templates) = get(app, "/api/v1/agreement-templates", &coordinator).await;
    assert_eq!(status, 200);
    assert_eq!(templates.as_array().unwrap().len(), 5, "the standard five");
    let economic = templates
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "economic_cooperation")
        .unwrap()
        .clone();
    let asked: Vec<String> = economic["placeholders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}:{}",
                p["kind"].as_str().unwrap(),
                p["key"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        asked,
        [
            "party:first",
            "party:second",
            "text:project",
            "amount:contribution",
            "date:deadline",
            "date:start",
            "text:term"
        ]
    );
    let parties = json!([
        {"member_id": quanzhou, "contact_name": "李华", "contact_email": "li.hua@quanzhou.example", "language": "zh"},
        {"member_id": dushanbe, "contact_name": "Rustam", "contact_email": "rustam@dushanbe.example", "language": "ru"}
    ]);
    // A placeholder left out and a bad amount: told by key, nothing saved.
    let (status, refused) = call(
        app,
        Method::POST,
        "/api/v1/agreements",
        &coordinator,
        json!({
            "title": "Port logistics cooperation",
            "template_id": economic["id"],
            "edition_id": edition,
            "parties": parties,
            "values": {"first": "1", "second": "2", "project": "a joint port logistics study",
                "contribution": "CNY 12.345", "deadline": "2027-03-01", "start": "2027-11-03"}
        }),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(field_codes(&refused, "values.term"), ["required"]);
    assert_eq!(
        field_codes(&refused, "values.contribution"),
        ["too_many_decimals"]
    );
    let (_, none) = get(app, "/api/v1/agreements", &coordinator).await;
    assert_eq!(none.as_array().unwrap().len(), 0);

    let (status, agreement) = call(
        app,
        Method::POST,
        "/api/v1/agreements",
        &coordinator,
        json!({
            "title": "Port logistics cooperation",
            "template_id": economic["id"],
            "edition_id": edition,
            "parties": parties,
            "values": {"first": "1", "second": "2", "project": "a joint port logistics study",
                "contribution": "CNY 500000", "deadline": "2027-03-01", "start": "2027-11-03",
                "term": "five years"}
        }),
    )
    .await;
    assert_eq!(status, 201, "{agreement}");
    Drafted {
        coordinator,
        edition,
        agreement,
        quanzhou,
        dushanbe,
    }
}

#[tokio::test]
async fn an_agreement_is_drafted_revised_compared_signed_and_followed_up() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let Drafted {
            coordinator,
            edition,
            agreement,
            quanzhou,
            dushanbe,
        } = drafted(&app).await;
        let id = agreement["id"].as_i64().unwrap();
        let base = format!("/api/v1/agreements/{id}");
        assert_eq!(agreement["status"], "draft");
        assert_eq!(agreement["latest_version"], 1);
        assert_eq!(agreement["language_b"], "zh");
        // Every placeholder filled, in each column's language.
        let text: String = agreement["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| format!("{} {} ", c["a"]["body"], c["b"]["body"]))
            .collect();
        assert!(!text.contains("{{"), "{text}");
        assert!(text.contains("Quanzhou and Dushanbe"), "{text}");
        assert!(text.contains("泉州与Душанбе"), "{text}");
        assert!(
            text.contains("CNY 500,000.00 to it by 1 March 2027"),
            "{text}"
        );
        assert!(
            text.contains("于2027年3月1日前出资CNY 500,000.00"),
            "{text}"
        );

        // A revision, then a second save from the same reading: told.
        let mut clauses = agreement["clauses"].clone();
        let project = clauses[1]["a"]["body"].as_str().unwrap().to_owned();
        clauses[1]["a"]["body"] = json!(project.replace("joint port", "joint sea port"));
        let (status, revised) = call(
            &app,
            Method::PUT,
            &format!("{base}/text"),
            &coordinator,
            json!({"title": "Port logistics cooperation", "clauses": clauses, "note": "sea port", "base_version": 1}),
        )
        .await;
        assert_eq!(status, 200, "{revised}");
        assert_eq!(revised["latest_version"], 2);
        let (status, late) = call(
            &app,
            Method::PUT,
            &format!("{base}/text"),
            &coordinator,
            json!({"title": "Port cooperation", "clauses": agreement["clauses"], "base_version": 1}),
        )
        .await;
        assert_eq!((status, code(&late)), (409, "edited_meanwhile".into()));
        let (_, versions) = get(&app, &format!("{base}/versions"), &coordinator).await;
        assert_eq!(
            versions.as_array().unwrap().len(),
            2,
            "the late save made none"
        );
        assert_eq!(versions[0]["note"], "sea port");

        // Compared word by word: "sea" added, nothing removed.
        let (status, compared) =
            get(&app, &format!("{base}/compare?from=1&to=2"), &coordinator).await;
        assert_eq!(status, 200, "{compared}");
        assert_eq!(compared["words_added"], 1);
        assert_eq!(compared["words_removed"], 0);
        let added: Vec<&str> = compared["a"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["op"] == "added")
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert_eq!(added.concat().trim(), "sea");
        let (status, _) = get(&app, &format!("{base}/compare?from=1&to=9"), &coordinator).await;
        assert_eq!(status, 404);

        // A comment on version 2.
        let (status, comment) = call(
            &app,
            Method::POST,
            &format!("{base}/versions/2/comments"),
            &coordinator,
            json!({"body": "Dushanbe asks for \"sea port\" to stay."}),
        )
        .await;
        assert_eq!(status, 201, "{comment}");
        let (_, comments) = get(&app, &format!("{base}/versions/2/comments"), &coordinator).await;
        assert_eq!(comments[0]["author"], "coordinator@forum.example");

        // A move from a reading older than the latest text is refused:
        // nobody marks ready a text they have not seen.
        let (status, stale) = call(
            &app,
            Method::POST,
            &format!("{base}/status"),
            &coordinator,
            json!({"to": "negotiating", "version": agreement["version"]}),
        )
        .await;
        assert_eq!((status, code(&stale)), (409, "edited_meanwhile".into()));

        // Not ready while the signatories are missing.
        let version = revised["version"].as_i64().unwrap();
        assert!(version > agreement["version"].as_i64().unwrap());
        let (status, refused) = call(
            &app,
            Method::POST,
            &format!("{base}/status"),
            &coordinator,
            json!({"to": "ready_to_sign", "version": version}),
        )
        .await;
        assert_eq!((status, code(&refused)), (409, "parties_incomplete".into()));
        let parties: Vec<Value> = revised["parties"]
            .as_array()
            .unwrap()
            .iter()
            .zip([
                ("蔡明", "Mayor of Quanzhou"),
                ("Rustam Emomali", "Mayor of Dushanbe"),
            ])
            .map(|(p, (name, title))| {
                json!({"id": p["id"], "member_id": p["member_id"], "signatory_name": name,
                    "signatory_title": title, "contact_name": p["contact_name"],
                    "contact_email": p["contact_email"], "language": p["language"]})
            })
            .collect();
        let (status, particulars) = call(
            &app,
            Method::PUT,
            &base,
            &coordinator,
            json!({"edition_id": edition, "sector": "Ports", "parties": parties, "version": version}),
        )
        .await;
        assert_eq!(status, 200, "{particulars}");
        let version = particulars["version"].as_i64().unwrap();
        // The same party twice is refused beside it.
        let mut twice = parties.clone();
        twice[1]["member_id"] = json!(quanzhou);
        twice[1]["id"] = Value::Null;
        let (status, refused) = call(
            &app,
            Method::PUT,
            &base,
            &coordinator,
            json!({"parties": twice, "version": version}),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(
            field_codes(&refused, "parties.1.member_id"),
            ["party_repeated"]
        );

        // Moves: signing cannot be skipped or done by a bare move.
        for (to, expected) in [
            ("signed", "sign_with_signing"),
            ("completed", "transition_not_allowed"),
            ("in_implementation", "transition_not_allowed"),
        ] {
            let (status, refused) = call(
                &app,
                Method::POST,
                &format!("{base}/status"),
                &coordinator,
                json!({"to": to, "version": version}),
            )
            .await;
            assert_eq!((status, code(&refused)), (409, expected.into()), "{to}");
        }
        let (status, ready) = call(
            &app,
            Method::POST,
            &format!("{base}/status"),
            &coordinator,
            json!({"to": "ready_to_sign", "version": version}),
        )
        .await;
        assert_eq!(status, 200, "{ready}");
        assert_eq!(ready["status"], "ready_to_sign");
        assert_eq!(ready["editable"], false);
        let (status, frozen) = call(
            &app,
            Method::PUT,
            &format!("{base}/text"),
            &coordinator,
            json!({"title": "Changed", "clauses": clauses, "base_version": 2}),
        )
        .await;
        assert_eq!((status, code(&frozen)), (409, "text_frozen".into()));
        // Listed for the edition's signing ceremony.
        let (_, ceremony) = get(
            &app,
            &format!("/api/v1/editions/{edition}/signing-ceremony"),
            &coordinator,
        )
        .await;
        assert_eq!(ceremony["unassigned"][0]["id"], id);

        // The dashboard, kept between requests, sees each change at once.
        let (_, before) = get(&app, "/api/v1/follow-up", &coordinator).await;
        assert_eq!(
            before["by_status"],
            json!([{"status": "ready_to_sign", "count": 1}])
        );

        // The signing: edition, day, place, signatories; the text frozen.
        let (status, refused) = call(
            &app,
            Method::POST,
            &format!("{base}/signing"),
            &coordinator,
            json!({"signed_on": "", "place": "", "version": ready["version"]}),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(field_codes(&refused, "signed_on"), ["required"]);
        assert_eq!(field_codes(&refused, "place"), ["required"]);
        let (status, signed) = call(
            &app,
            Method::POST,
            &format!("{base}/signing"),
            &coordinator,
            json!({"signed_on": "2027-11-03", "place": "Quanzhou, Strait Convention Center",
                "version": ready["version"]}),
        )
        .await;
        assert_eq!(status, 200, "{signed}");
        assert_eq!(signed["status"], "signed");
        assert_eq!(signed["signing"]["version_number"], 2);
        assert_eq!(signed["signing"]["edition_id"], edition);
        assert_eq!(signed["signing"]["signatories"][0]["name"], "蔡明");
        assert_eq!(signed["signing"]["signatories"][1]["party"], "Dushanbe");
        let (status, again) = call(
            &app,
            Method::POST,
            &format!("{base}/signing"),
            &coordinator,
            json!({"signed_on": "2027-11-04", "place": "Quanzhou", "version": signed["version"]}),
        )
        .await;
        assert_eq!(
            (status, code(&again)),
            (409, "transition_not_allowed".into())
        );
        let (_, after) = get(&app, "/api/v1/follow-up", &coordinator).await;
        assert_eq!(
            after["by_status"],
            json!([{"status": "signed", "count": 1}])
        );
        // Signed parties stay who they were; a contact may change.
        let mut changed = parties.clone();
        changed[0]["signatory_name"] = json!("Someone else");
        let (status, refused) = call(
            &app,
            Method::PUT,
            &base,
            &coordinator,
            json!({"edition_id": edition, "parties": changed, "version": signed["version"]}),
        )
        .await;
        assert_eq!((status, code(&refused)), (409, "signatories_frozen".into()));

        // The PDF: two columns, the signature page, every script.
        let response = app
            .get(&format!("{base}/agreement.pdf"), Some(&coordinator))
            .await;
        assert_eq!(response.status().as_u16(), 200);
        let pdf = read_pdf(&response.bytes().await.unwrap(), false);
        for expected in [
            "Port logistics cooperation",
            "泉州",
            "Душанбе",
            "joint sea port",
            // The agreement's own words in both its languages.
            "Signatures · 签署",
            "For · 代表",
            "蔡明",
            "Mayor of Dushanbe",
        ] {
            assert!(pdf.text.contains(expected), "{expected} in {}", pdf.text);
        }
        assert!(pdf.pages >= 2, "{} pages", pdf.pages);

        // Activities: only once signed; owner a party; refusals by field.
        let owner = signed["parties"][1]["id"].as_i64().unwrap();
        let (status, refused) = call(
            &app,
            Method::POST,
            &format!("{base}/activities"),
            &coordinator,
            json!({"title": "", "owner_party_id": 999999, "due_on": "2027-02-30"}),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(field_codes(&refused, "title"), ["required"]);
        assert_eq!(field_codes(&refused, "owner_party_id"), ["unknown_party"]);
        assert_eq!(field_codes(&refused, "due_on"), ["invalid_date"]);
        let due = NaiveDate::from_ymd_opt(2028, 3, 10).unwrap();
        let (status, study) = call(
            &app,
            Method::POST,
            &format!("{base}/activities"),
            &coordinator,
            json!({"title": "Feasibility study", "owner_party_id": owner, "due_on": due.to_string()}),
        )
        .await;
        assert_eq!(status, 201, "{study}");
        // The party's contact answers for it unless another is named.
        assert_eq!(study["contact_email"], "rustam@dushanbe.example");
        let (status, visit) = call(
            &app,
            Method::POST,
            &format!("{base}/activities"),
            &coordinator,
            json!({"title": "技术考察", "owner_party_id": signed["parties"][0]["id"],
                "due_on": due.to_string()}),
        )
        .await;
        assert_eq!(status, 201, "{visit}");

        // Reminders on a controllable clock: a week before, on the day,
        // weekly after; each once; none for finished work.
        let url = "https://forum.example";
        let before = outbox(&app).await.len();
        assert_eq!(
            send_due(app.db(), due - Duration::days(8), url)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            send_due(app.db(), due - Duration::days(7), url)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            send_due(app.db(), due - Duration::days(3), url)
                .await
                .unwrap(),
            0
        );
        assert_eq!(send_due(app.db(), due, url).await.unwrap(), 2);
        assert_eq!(send_due(app.db(), due, url).await.unwrap(), 0, "once a day");
        // Two processes at the same moment: each reminder once.
        let (one, two) = tokio::join!(
            send_due(app.db(), due + Duration::days(1), url),
            send_due(app.db(), due + Duration::days(1), url)
        );
        assert_eq!(one.unwrap() + two.unwrap(), 2);
        assert_eq!(
            send_due(app.db(), due + Duration::days(7), url)
                .await
                .unwrap(),
            0
        );
        let mail = outbox(&app).await;
        assert_eq!(mail.len() - before, 6, "{mail:#?}");
        let russian = mail
            .iter()
            .find(|m| {
                m.to_address == "rustam@dushanbe.example" && m.subject.starts_with("Просрочено")
            })
            .expect("the overdue reminder to Dushanbe, in Russian");
        assert_eq!(russian.language, "ru");
        let chinese = mail
            .iter()
            .find(|m| m.to_address == "li.hua@quanzhou.example" && m.subject.contains("已逾期"))
            .expect("the overdue reminder to Quanzhou, in Chinese");
        assert!(chinese.subject.contains("技术考察"), "{}", chinese.subject);

        // The dashboard, seen on the day after the due date.
        let dashboard =
            app::agreements::service::report::dashboard(app.db(), due + Duration::days(1))
                .await
                .unwrap();
        assert_eq!(dashboard.overdue_total, 2);
        assert_eq!(dashboard.overdue[0].agreement, "Port logistics cooperation");
        let dushanbe_row = dashboard
            .by_party
            .iter()
            .find(|g| g.id == Some(dushanbe))
            .unwrap();
        assert_eq!((dushanbe_row.agreements, dushanbe_row.overdue), (1, 1));

        // The contact reports progress; the study is done and reminders stop.
        let rustam = contact_token(&app, "rustam@dushanbe.example").await;
        let (status, mine) = get(&app, "/api/v1/my/activities", &rustam).await;
        assert_eq!(status, 200);
        assert_eq!(
            mine.as_array().unwrap().len(),
            2,
            "their agreement's activities"
        );
        let study_id = study["id"].as_i64().unwrap();
        let (status, reported) = call(
            &app,
            Method::POST,
            &format!("/api/v1/my/activities/{study_id}/notes"),
            &rustam,
            json!({"body": "Study delivered.", "evidence_url": "https://dushanbe.example/study.pdf", "status": "done"}),
        )
        .await;
        assert_eq!(status, 201, "{reported}");
        assert_eq!(reported["status"], "done");
        assert_eq!(
            reported["notes"][0]["evidence_url"],
            "https://dushanbe.example/study.pdf"
        );
        // Notes name people, never by a staff e-mail address.
        assert!(
            reported["notes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|n| !n["author"].as_str().unwrap_or("").contains('@')),
            "{reported}"
        );
        // Done is done for a contact: only coordinators reopen (the day
        // it was done on stays).
        let (status, refused) = call(
            &app,
            Method::POST,
            &format!("/api/v1/my/activities/{study_id}/notes"),
            &rustam,
            json!({"body": "Reopening", "status": "in_progress"}),
        )
        .await;
        assert_eq!((status, code(&refused)), (409, "activity_closed".into()));
        let (_, still) = get(&app, &format!("{base}/activities/{study_id}"), &coordinator).await;
        assert_eq!(still["status"], "done");
        assert!(still["done_on"].is_string(), "{still}");
        let (status, refused) = call(
            &app,
            Method::POST,
            &format!("/api/v1/my/activities/{study_id}/notes"),
            &rustam,
            json!({"body": "x", "evidence_url": "javascript:alert(1)"}),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(field_codes(&refused, "evidence_url"), ["invalid_url"]);
        assert_eq!(
            send_due(app.db(), due + Duration::days(8), url)
                .await
                .unwrap(),
            1,
            "only the open one"
        );
        // A contact reports progress; planning and cancelling are not
        // theirs, and cancelled work stays closed.
        let visit_id = visit["id"].as_i64().unwrap();
        let (status, refused) = call(
            &app,
            Method::POST,
            &format!("/api/v1/my/activities/{visit_id}/notes"),
            &rustam,
            json!({"body": "Back to planning", "status": "planned"}),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(field_codes(&refused, "status"), ["unknown_status"]);
        let (_, current) = get(&app, &format!("{base}/activities/{visit_id}"), &coordinator).await;
        let (status, cancelled) = call(
            &app,
            Method::PUT,
            &format!("{base}/activities/{visit_id}"),
            &coordinator,
            json!({"title": current["title"], "owner_party_id": current["owner_party_id"],
                "due_on": current["due_on"], "status": "cancelled", "version": current["version"]}),
        )
        .await;
        assert_eq!(status, 200, "{cancelled}");
        let (status, closed) = call(
            &app,
            Method::POST,
            &format!("/api/v1/my/activities/{visit_id}/notes"),
            &rustam,
            json!({"body": "Done after all", "status": "done"}),
        )
        .await;
        assert_eq!((status, code(&closed)), (409, "activity_closed".into()));
        assert_eq!(
            send_due(app.db(), due + Duration::days(15), url)
                .await
                .unwrap(),
            0,
            "nothing open is left"
        );
        // Someone else's activity does not exist for them; nor the rest.
        let stranger = contact_token(&app, "nobody@elsewhere.example").await;
        let (status, _) = call(
            &app,
            Method::POST,
            &format!("/api/v1/my/activities/{study_id}/notes"),
            &stranger,
            json!({"body": "hello"}),
        )
        .await;
        assert_eq!(status, 404);
        let (_, theirs) = get(&app, "/api/v1/my/activities", &stranger).await;
        assert_eq!(theirs.as_array().unwrap().len(), 0);
        let (status, _) = get(&app, &base, &rustam).await;
        assert_eq!(status, 403);

        // The outcome report of the edition: page data, CSV, PDF, chart.
        let (status, report) = get(
            &app,
            &format!("/api/v1/editions/{edition}/outcome"),
            &coordinator,
        )
        .await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["signed"], 1);
        assert_eq!(report["agreements"][0]["activities"], 2);
        let response = app
            .get(
                &format!("/api/v1/editions/{edition}/outcome.csv"),
                Some(&coordinator),
            )
            .await;
        let csv = response.text().await.unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert!(
            csv.contains("Port logistics cooperation,signed,,Quanzhou; Dushanbe,2027-11-03,2"),
            "{csv}"
        );
        let response = app
            .get(
                &format!("/api/v1/editions/{edition}/outcome.pdf"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(response.status().as_u16(), 200);
        let pdf = read_pdf(&response.bytes().await.unwrap(), false);
        assert!(
            pdf.text.contains("Port logistics cooperation"),
            "{}",
            pdf.text
        );
        // In the language asked for.
        let response = app
            .get(
                &format!("/api/v1/editions/{edition}/outcome.pdf?lang=fr"),
                Some(&coordinator),
            )
            .await;
        let text = read_pdf(&response.bytes().await.unwrap(), false).text;
        assert!(text.contains("Résultats de"), "{text}");
        assert!(text.contains("Port logistics cooperation"), "{text}");
        let response = app
            .get(
                &format!("/api/v1/editions/{edition}/outcome.svg"),
                Some(&coordinator),
            )
            .await;
        let svg = response.text().await.unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("Signed"), "{svg}");

        let organizer = app.token_for(Role::Organizer).await;
        // Every change is in the audit log, before and after as objects.
        let (_, updates) = get(
            &app,
            "/api/v1/audit?entity=agreement&action=updated",
            &organizer,
        )
        .await;
        assert!(updates["total"].as_i64().unwrap() >= 1, "{updates}");
        assert!(
            updates["items"][0]["after"]["parties"].is_array(),
            "{updates}"
        );
        let (_, log) = get(&app, "/api/v1/audit?entity=agreement_signing", &organizer).await;
        assert_eq!(log["total"], 1, "{log}");
        assert_eq!(log["items"][0]["action"], "signed");
    }
}

/// A delegate account for this address (a party's contact signs in with
/// an e-mailed link; the test takes a token for it directly).
async fn contact_token(app: &TestApp, email: &str) -> String {
    use app::auth::service::{NewUser, create_api_token, create_user};
    if app::auth::service::find_user_by_email(app.db(), email)
        .await
        .unwrap()
        .is_none()
    {
        create_user(
            app.db(),
            NewUser {
                email: email.into(),
                display_name: String::new(),
                role: Role::Delegate,
                password: None,
                language: None,
            },
        )
        .await
        .unwrap();
    }
    create_api_token(app.db(), email).await.unwrap()
}

#[tokio::test]
async fn templates_are_checked_and_two_saves_of_one_reading_are_told() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let coordinator = app.token_for(Role::Coordinator).await;
        let (status, refused) = call(
            &app,
            Method::POST,
            "/api/v1/agreement-templates",
            &coordinator,
            json!({"name": "Port MoU", "kind": "memorandum", "language_b": "ar",
                "clauses": [{"a": {"heading": "", "body": "{{colour:x}} and {{date:x}"}, "b": {"heading": "", "body": ""}}]}),
        )
        .await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(
            field_codes(&refused, "clauses.0"),
            ["unknown_placeholder_kind"]
        );
        let (status, made) = call(
            &app,
            Method::POST,
            "/api/v1/agreement-templates",
            &coordinator,
            json!({"name": "Port MoU", "kind": "memorandum", "language_b": "ar",
                "clauses": [{"a": {"heading": "Parties", "body": "{{party:a}} and {{party:b}} meet on {{date:when}}."},
                    "b": {"heading": "الأطراف", "body": "{{party:a}} و {{party:b}}"}}]}),
        )
        .await;
        assert_eq!(status, 201, "{made}");
        assert_eq!(made["placeholders"].as_array().unwrap().len(), 3);
        let path = format!("/api/v1/agreement-templates/{}", made["id"]);
        let body = |name: &str| {
            json!({"name": name, "kind": "memorandum", "language_b": "ar",
                "clauses": made["clauses"], "version": 1})
        };
        let (first, _) = call(&app, Method::PUT, &path, &coordinator, body("Port MoU 2")).await;
        let (second, late) = call(&app, Method::PUT, &path, &coordinator, body("Port MoU 3")).await;
        assert_eq!(
            (first, second, code(&late)),
            (200, 409, "edited_meanwhile".into())
        );
        let (status, taken) = call(
            &app,
            Method::POST,
            "/api/v1/agreement-templates",
            &coordinator,
            json!({"name": "Port MoU 2", "kind": "other", "language_b": "fr",
                "clauses": [{"a": {"heading": "", "body": "x"}, "b": {"heading": "", "body": ""}}]}),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(field_codes(&taken, "name"), ["title_taken"]);
        // Finance may not keep agreements; anonymous callers must sign in.
        let finance = app.token_for(Role::Finance).await;
        let (status, _) = get(&app, "/api/v1/agreements", &finance).await;
        assert_eq!(status, 403);
        let status = app.get("/api/v1/follow-up", None).await.status().as_u16();
        assert_eq!(status, 401);
    }
}

/// The standard memorandum is in the six languages: an agreement drafted
/// from it in Chinese and Arabic has each column in its language (the
/// parties by their native names, the date as each writes it), prints
/// both directions and reads back from the PDF; a pair the template
/// lacks, or one language twice, is refused by field. Its committee's
/// names travel with it.
#[tokio::test]
async fn a_memorandum_drafted_in_chinese_and_arabic_reads_in_both_on_paper() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let coordinator = app.token_for(Role::Coordinator).await;
        let (edition, quanzhou) = open_edition(&app).await;
        let dushanbe = app.city("Душанбе", "Dushanbe", "TJ").await;
        let (_, templates) = get(&app, "/api/v1/agreement-templates", &coordinator).await;
        let memorandum = templates
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["kind"] == "memorandum")
            .unwrap()
            .clone();
        assert_eq!(
            memorandum["languages"],
            json!(["en", "zh", "ar", "es", "fr", "ru"])
        );
        // A committee named in French: agreements, lists and choices carry
        // its names for each reader.
        let committee = crate::helpers::ports_committee(&app).await;
        app::directory::service::save_committee_names(
            app.db(),
            &crate::helpers::staff(),
            committee,
            [("fr".to_owned(), "Commission des ports".to_owned())].into(),
        )
        .await
        .unwrap();
        let draft = |a: &str, b: &str| {
            json!({
                "title": "Smart ports memorandum",
                "template_id": memorandum["id"],
                "committee_id": committee,
                "language_a": a,
                "language_b": b,
                "edition_id": edition,
                "parties": [
                    {"member_id": quanzhou, "contact_name": "李华", "contact_email": "li.hua@quanzhou.example", "language": "zh"},
                    {"member_id": dushanbe, "contact_name": "Rustam", "contact_email": "rustam@dushanbe.example", "language": "ru"}
                ],
                "values": {"first": "1", "second": "2", "field": "smart ports",
                    "start": "2027-03-01", "term": "five years"}
            })
        };
        for ((a, b), field, expected) in [
            (("de", "ar"), "language_a", "template_lacks_language"),
            (("zh", "zh"), "language_b", "same_language"),
        ] {
            let (status, refused) = call(
                &app,
                Method::POST,
                "/api/v1/agreements",
                &coordinator,
                draft(a, b),
            )
            .await;
            assert_eq!(status, 422, "{refused}");
            assert_eq!(field_codes(&refused, field), [expected], "{a}|{b}");
        }
        let (_, none) = get(&app, "/api/v1/agreements", &coordinator).await;
        assert_eq!(none.as_array().unwrap().len(), 0);

        let (status, agreement) = call(
            &app,
            Method::POST,
            "/api/v1/agreements",
            &coordinator,
            draft("zh", "ar"),
        )
        .await;
        assert_eq!(status, 201, "{agreement}");
        assert_eq!(
            (&agreement["language_a"], &agreement["language_b"]),
            (&json!("zh"), &json!("ar"))
        );
        assert_eq!(agreement["committee_names"]["fr"], "Commission des ports");
        let (_, listed) = get(&app, "/api/v1/agreements", &coordinator).await;
        assert_eq!(listed[0]["committee_names"]["fr"], "Commission des ports");
        let clauses = &agreement["clauses"];
        assert_eq!(clauses[0]["a"]["heading"], "双方");
        assert_eq!(clauses[0]["b"]["heading"], "الطرفان");
        let parties_ar = clauses[0]["b"]["body"].as_str().unwrap();
        assert!(
            parties_ar.contains("泉州") && parties_ar.contains("Душанбе"),
            "{parties_ar}"
        );
        assert!(
            clauses[4]["a"]["body"]
                .as_str()
                .unwrap()
                .contains("2027年3月1日"),
            "{clauses}"
        );
        assert!(
            clauses[4]["b"]["body"]
                .as_str()
                .unwrap()
                .contains("1 مارس 2027"),
            "{clauses}"
        );

        let response = app
            .get(
                &format!("/api/v1/agreements/{}/agreement.pdf", agreement["id"]),
                Some(&coordinator),
            )
            .await;
        assert_eq!(response.status().as_u16(), 200);
        let pdf = read_pdf(&response.bytes().await.unwrap(), false);
        for expected in [
            "Smart ports memorandum",
            "目的",
            "后续落实",
            "الغرض",
            "المتابعة",
            "泉州",
        ] {
            assert!(pdf.text.contains(expected), "{expected} in {}", pdf.text);
        }

        // A French template text must match the clauses it translates.
        let mut texts = memorandum["texts"].clone();
        texts["fr"][1]["body"] = json!("Les Parties coopèrent.");
        let (status, refused) = call(
            &app,
            Method::PUT,
            &format!("/api/v1/agreement-templates/{}", memorandum["id"]),
            &coordinator,
            json!({"name": memorandum["name"], "kind": "memorandum", "language_b": "zh",
                "clauses": memorandum["clauses"], "texts": texts, "version": memorandum["version"]}),
        )
        .await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(
            field_codes(&refused, "texts.fr.1"),
            ["translation_mismatch"]
        );
    }
}
