//! The role matrix, generated from what the server registers: every REST
//! operation of the OpenAPI document and every server function must have a
//! row here or in `roles::calls` (the test fails when a new entry point has
//! none), and each row is called as anonymous and as each role.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::json;

use app::auth::domain::Operation;
use app::auth::types::Role;

use super::roles::{Call, EXPECTED, calls, sign_in, status_of};
use crate::helpers::{Backend, edition_body, spawn_app};

/// Who may call an entry point.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Anyone, signed in or not (each says why in its doc comment).
    Public,
    /// Roles allowed `Operation`; 401 without credentials.
    Op(Operation),
    /// A paired check-in device's token only: an account's token or
    /// session is no device (401 for every role).
    Device,
}

/// A placeholder id no record has: the guard answers before any lookup,
/// so a refused caller sees 401 or 403 and an allowed one 404 or 422.
const NONE: &str = "987654";

/// Entry points not in `roles::calls`, with arguments enough for the
/// guard to be reached (the server function's arguments must decode).
fn more_calls(edition: i64) -> Vec<(Access, Call)> {
    use Access::*;
    use Call::*;
    let e = edition.to_string();
    let person = |prefix: &str| {
        vec![
            (format!("{prefix}[name_latin]"), "Matrix Person".to_owned()),
            (format!("{prefix}[email]"), "matrix@x.example".to_owned()),
            (format!("{prefix}[category]"), "delegate".to_owned()),
        ]
    };
    let leak = |pairs: Vec<(String, String)>| -> Vec<(&'static str, String)> {
        pairs
            .into_iter()
            .map(|(k, v)| (&*Box::leak(k.into_boxed_str()), v))
            .collect()
    };
    let with = |mut base: Vec<(&'static str, String)>, more: Vec<(String, String)>| {
        base.extend(leak(more));
        base
    };
    vec![
        // Public: the registration page, the published programme and its
        // feeds, signing in and out, asking for a link.
        (
            Public,
            ServerFn("/api/registration/intro", vec![("edition_id", e.clone())]),
        ),
        (
            Public,
            ServerFn(
                "/api/registration/register",
                with(
                    vec![
                        ("edition_id", e.clone()),
                        ("invitation_code", String::new()),
                        ("consent", "true".into()),
                    ],
                    [person("head"), person("members[0]")].concat(),
                ),
            ),
        ),
        (
            Public,
            ServerFn(
                "/api/registration/send_link",
                vec![("email", "nobody@x.example".into())],
            ),
        ),
        (
            Public,
            ServerFn(
                "/api/auth/login",
                vec![
                    ("email", "nobody@x.example".into()),
                    ("password", "not the password".into()),
                ],
            ),
        ),
        (Public, ServerFn("/api/auth/me", vec![])),
        (
            Public,
            ServerFn("/api/auth/language", vec![("code", "fr".into())]),
        ),
        (Public, ServerFn("/api/home/editions", vec![])),
        // Staff accounts.
        (
            Op(Operation::ManageAccounts),
            ServerFn(
                "/api/accounts/invite",
                vec![
                    ("email", "matrix.invitee@x.example".into()),
                    ("display_name", "Matrix Invitee".into()),
                    ("role", "checkin".into()),
                    ("lang", "en".into()),
                ],
            ),
        ),
        (
            Op(Operation::ManageAccounts),
            ServerFn(
                "/api/accounts/set_role",
                vec![("id", NONE.into()), ("role", "registrar".into())],
            ),
        ),
        (
            Op(Operation::ManageAccounts),
            ServerFn(
                "/api/accounts/switch",
                vec![("id", NONE.into()), ("on", "false".into())],
            ),
        ),
        (
            Public,
            ServerFn(
                "/api/accounts/request_reset",
                vec![("email", "nobody@x.example".into()), ("lang", "en".into())],
            ),
        ),
        (
            Public,
            ServerFn(
                "/api/accounts/password_link",
                vec![("secret", "0".repeat(64))],
            ),
        ),
        (
            Public,
            ServerFn(
                "/api/accounts/set_password",
                vec![
                    ("secret", "0".repeat(64)),
                    ("password", "a long enough password".into()),
                    ("again", "a long enough password".into()),
                ],
            ),
        ),
        (
            Op(Operation::ManageEditions),
            ServerFn("/api/dashboard/edition", vec![("edition_id", e.clone())]),
        ),
        (
            Op(Operation::PrintBadges),
            ServerFn(
                "/api/badges/start_batch",
                vec![("edition_id", e.clone()), ("layout", "a6_on_a4".into())],
            ),
        ),
        (
            Op(Operation::PrintBadges),
            ServerFn(
                "/api/badges/batch",
                vec![("edition_id", e.clone()), ("batch_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::PrintBadges),
            ServerFn(
                "/api/badges/reprint",
                vec![("edition_id", e.clone()), ("registration_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageBadgeKeys),
            ServerFn(
                "/api/badges/revoke_key",
                vec![("edition_id", e.clone()), ("key_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::PrintBadges),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/registrations/987654/badge.pdf",
                None,
            ),
        ),
        (
            Op(Operation::PrintBadges),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/registrations/987654/badge/reprint",
                None,
            ),
        ),
        (
            // Staff who print see any QR; a delegate their own (404 otherwise).
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/registrations/987654/badge/qr.png",
                None,
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/registrations/987654/badge/qr.svg",
                None,
            ),
        ),
        (
            Op(Operation::PrintBadges),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/badges/batches",
                Some(json!({})),
            ),
        ),
        (
            Op(Operation::PrintBadges),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/badges/batches/987654",
                None,
            ),
        ),
        (
            Op(Operation::PrintBadges),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/badges/batches/987654/badges.pdf",
                None,
            ),
        ),
        (
            Op(Operation::VerifyBadges),
            Api(Method::GET, "/api/v1/editions/{edition}/badges/keys", None),
        ),
        (
            Op(Operation::ManageBadgeKeys),
            Api(Method::POST, "/api/v1/editions/{edition}/badges/keys", None),
        ),
        (
            Op(Operation::ManageBadgeKeys),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/badges/keys/987654/revoke",
                None,
            ),
        ),
        (
            Op(Operation::VerifyBadges),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/badges/verify",
                Some(json!({"code": "CF"})),
            ),
        ),
        (
            Op(Operation::ManageCheckinDevices),
            ServerFn(
                "/api/checkin/register_device",
                vec![("edition_id", e.clone()), ("name", "Matrix door".into())],
            ),
        ),
        (
            Op(Operation::ManageCheckinDevices),
            ServerFn(
                "/api/checkin/new_pairing",
                vec![("edition_id", e.clone()), ("device_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageCheckinDevices),
            ServerFn(
                "/api/checkin/revoke_device",
                vec![("edition_id", e.clone()), ("device_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageCheckinDevices),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/checkin/devices",
                Some(json!({"name": "Matrix door"})),
            ),
        ),
        (
            Op(Operation::ManageCheckinDevices),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/checkin/devices/987654/pairing",
                None,
            ),
        ),
        (
            Op(Operation::ManageCheckinDevices),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/checkin/devices/987654/revoke",
                None,
            ),
        ),
        (
            Op(Operation::ViewArrivals),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/checkin/attendance",
                None,
            ),
        ),
        (
            Op(Operation::ViewArrivals),
            Api(
                Method::GET,
                "/api/v1/editions/987654/checkin/arrivals",
                None,
            ),
        ),
        // The budget.
        (
            Op(Operation::ViewBudget),
            Api(Method::GET, "/api/v1/editions/{edition}/budget", None),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/budget",
                Some(json!({"currency": "CNY", "version": 0})),
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/summary.pdf",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/charts/{chart}",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/items.csv",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/categories",
                None,
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/budget/categories/987654",
                Some(json!({"planned_minor": 1, "version": 1})),
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/budget/categories/987654",
                None,
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/budget/categories/copy",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/payers",
                None,
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/budget/payers",
                Some(json!({"kind": "sponsor", "name": ""})),
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/budget/payers/987654",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(Method::GET, "/api/v1/editions/{edition}/budget/rates", None),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/budget/rates",
                Some(json!({"currency": "USD", "rate": "x"})),
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/budget/rates/987654",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(Method::GET, "/api/v1/editions/{edition}/budget/items", None),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/budget/items",
                Some(json!({"description": ""})),
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/items/987654",
                None,
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/budget/items/987654",
                Some(json!({"description": "x", "version": 1})),
            ),
        ),
        (
            Op(Operation::ApproveBudget),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/budget/items/987654/approve",
                Some(json!({"version": 1})),
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/budget/items/987654/receipts",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/items/987654/receipts/987654",
                None,
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/budget/items/987654/receipts/987654",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/income",
                None,
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/budget/income",
                Some(json!({"description": ""})),
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/budget/income/987654",
                Some(json!({"description": "", "version": 1})),
            ),
        ),
        (
            Op(Operation::KeepBudget),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/budget/income/987654",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/history",
                None,
            ),
        ),
        (
            Op(Operation::ViewBudget),
            ServerFn(
                "/api/budget/overview",
                vec![("edition_id", e.clone()), ("lang", "en".into())],
            ),
        ),
        (
            Op(Operation::ViewBudget),
            ServerFn("/api/budget/items", vec![("edition_id", e.clone())]),
        ),
        (
            Op(Operation::ViewBudget),
            ServerFn(
                "/api/budget/item",
                vec![("edition_id", e.clone()), ("item_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/save_item",
                vec![
                    ("edition_id", e.clone()),
                    ("form[category_id]", String::new()),
                    ("form[payer_id]", String::new()),
                    ("form[description]", String::new()),
                    ("form[vendor]", String::new()),
                    ("form[currency]", "CNY".into()),
                    ("form[planned]", String::new()),
                    ("form[committed]", String::new()),
                    ("form[actual]", String::new()),
                    ("form[committed_on]", String::new()),
                    ("form[invoiced_on]", String::new()),
                    ("form[paid_on]", String::new()),
                    ("form[invoice_ref]", String::new()),
                    ("form[notes]", String::new()),
                    ("form[cancelled]", "false".into()),
                    ("form[version]", "0".into()),
                ],
            ),
        ),
        (
            Op(Operation::ApproveBudget),
            ServerFn(
                "/api/budget/approve_item",
                vec![
                    ("edition_id", e.clone()),
                    ("item_id", NONE.into()),
                    ("version", "1".into()),
                ],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/save_settings",
                vec![
                    ("edition_id", e.clone()),
                    ("currency", "XXQ".into()),
                    ("version", "0".into()),
                ],
            ),
        ),
        (
            Op(Operation::ApproveBudget),
            ServerFn(
                "/api/budget/set_threshold",
                vec![("edition_id", e.clone()), ("threshold", "-1".into())],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/save_category",
                vec![
                    ("edition_id", e.clone()),
                    ("kind", "custom".into()),
                    ("name", String::new()),
                ],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/delete_category",
                vec![("edition_id", e.clone()), ("category_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/copy_categories",
                vec![("edition_id", e.clone())],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/add_payer",
                vec![
                    ("edition_id", e.clone()),
                    ("kind", "sponsor".into()),
                    ("name", String::new()),
                ],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/delete_payer",
                vec![("edition_id", e.clone()), ("payer_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/add_rate",
                vec![
                    ("edition_id", e.clone()),
                    ("currency", "USD".into()),
                    ("valid_from", String::new()),
                    ("rate", "x".into()),
                ],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/delete_rate",
                vec![("edition_id", e.clone()), ("rate_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/save_income",
                vec![
                    ("edition_id", e.clone()),
                    ("form[payer_id]", String::new()),
                    ("form[description]", String::new()),
                    ("form[currency]", "CNY".into()),
                    ("form[pledged]", String::new()),
                    ("form[received]", String::new()),
                    ("form[received_on]", String::new()),
                    ("form[version]", "0".into()),
                ],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/delete_income",
                vec![("edition_id", e.clone()), ("income_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/delete_receipt",
                vec![
                    ("edition_id", e.clone()),
                    ("item_id", NONE.into()),
                    ("receipt_id", NONE.into()),
                ],
            ),
        ),
        (
            Op(Operation::ViewBudget),
            ServerFn("/api/budget/history", vec![("edition_id", e.clone())]),
        ),
        // Agreements.
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/agreement-templates", None),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/agreement-templates/987654", None),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(
                Method::PUT,
                "/api/v1/agreement-templates/987654",
                Some(json!({})),
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(Method::DELETE, "/api/v1/agreement-templates/987654", None),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/agreements", None),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(Method::POST, "/api/v1/agreements", Some(json!({}))),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/agreements/987654", None),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(Method::PUT, "/api/v1/agreements/987654", Some(json!({}))),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(
                Method::PUT,
                "/api/v1/agreements/987654/text",
                Some(json!({})),
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(
                Method::POST,
                "/api/v1/agreements/987654/status",
                Some(json!({"to": "negotiating"})),
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(
                Method::POST,
                "/api/v1/agreements/987654/signing",
                Some(json!({})),
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/agreements/987654/versions", None),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/agreements/987654/versions/1", None),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(
                Method::GET,
                "/api/v1/agreements/987654/compare?from=1&to=2",
                None,
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(
                Method::GET,
                "/api/v1/agreements/987654/versions/1/comments",
                None,
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(
                Method::POST,
                "/api/v1/agreements/987654/versions/1/comments",
                Some(json!({"body": "Matrix"})),
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(
                Method::POST,
                "/api/v1/agreements/987654/parties/987654/contact-link",
                None,
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/agreements/987654/agreement.pdf", None),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/agreements/987654/activities", None),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(
                Method::POST,
                "/api/v1/agreements/987654/activities",
                Some(json!({})),
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(
                Method::GET,
                "/api/v1/agreements/987654/activities/987654",
                None,
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(
                Method::PUT,
                "/api/v1/agreements/987654/activities/987654",
                Some(json!({})),
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(
                Method::POST,
                "/api/v1/agreements/987654/activities/987654/notes",
                Some(json!({"body": "Matrix"})),
            ),
        ),
        (
            Op(Operation::UpdateOwnActivities),
            Api(
                Method::POST,
                "/api/v1/my/activities/987654/notes",
                Some(json!({"body": "Matrix"})),
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/follow-up", None),
        ),
        // Personal data: retention per edition, one's own download and
        // erasure request, a registrar's erasure.
        (
            Op(Operation::ManageEditions),
            Api(Method::GET, "/api/v1/editions/{edition}/retention", None),
        ),
        (
            Op(Operation::ManageEditions),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/retention",
                Some(json!({"keep_days": 180})),
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(Method::GET, "/api/v1/my/data", None),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            ServerFn("/api/privacy/request_erasure", vec![]),
        ),
        (
            Op(Operation::ManageEditions),
            ServerFn("/api/privacy/retention", vec![("edition_id", e.clone())]),
        ),
        (
            Op(Operation::ManageEditions),
            ServerFn(
                "/api/privacy/save_retention",
                vec![("edition_id", e.clone()), ("keep_days", "180".into())],
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(Method::POST, "/api/v1/my/erasure-request", Some(json!({}))),
        ),
        (
            Op(Operation::ReviewRegistrations),
            ServerFn(
                "/api/privacy/erase",
                vec![("edition_id", e.clone()), ("id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/registrations/987654/erase",
                Some(json!({})),
            ),
        ),
        // Travel: registrars and organizers reach everyone's, each person
        // their own (here nobody's: 404 past the role check).
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/registrations/987654/travel",
                None,
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/registrations/987654/travel/legs",
                Some(
                    json!({"direction": "arrival", "mode": "flight", "place": "XMN", "scheduled_at": "2027-11-01T14:05"}),
                ),
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/registrations/987654/travel/legs/987654",
                Some(
                    json!({"direction": "arrival", "mode": "flight", "place": "XMN", "scheduled_at": "2027-11-01T14:05"}),
                ),
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/registrations/987654/travel/legs/987654",
                None,
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/registrations/987654/travel/document",
                Some(
                    json!({"passport_name": "MATRIX", "passport_number": "X1", "issuing_country": "CN", "nationality": "CN", "expires_on": "2030-01-01", "born_on": "1970-01-01"}),
                ),
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(Method::GET, "/api/v1/my/registrations/987654/travel", None),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::POST,
                "/api/v1/my/registrations/987654/travel/legs",
                Some(
                    json!({"direction": "arrival", "mode": "flight", "place": "XMN", "scheduled_at": "2027-11-01T14:05"}),
                ),
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::PUT,
                "/api/v1/my/registrations/987654/travel/legs/987654",
                Some(
                    json!({"direction": "arrival", "mode": "flight", "place": "XMN", "scheduled_at": "2027-11-01T14:05"}),
                ),
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::DELETE,
                "/api/v1/my/registrations/987654/travel/legs/987654",
                None,
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::PUT,
                "/api/v1/my/registrations/987654/travel/document",
                Some(
                    json!({"passport_name": "MATRIX", "passport_number": "X1", "issuing_country": "CN", "nationality": "CN", "expires_on": "2030-01-01", "born_on": "1970-01-01"}),
                ),
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/initiatives", None),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(Method::POST, "/api/v1/initiatives", Some(json!({}))),
        ),
        (
            Op(Operation::KeepAgreements),
            Api(Method::PUT, "/api/v1/initiatives/987654", Some(json!({}))),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/signing-ceremony",
                None,
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/editions/{edition}/outcome", None),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/editions/{edition}/outcome.csv", None),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/editions/{edition}/outcome.pdf", None),
        ),
        (
            Op(Operation::ViewAgreements),
            Api(Method::GET, "/api/v1/editions/{edition}/outcome.svg", None),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn("/api/agreements/list", vec![]),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn("/api/agreements/choices", vec![]),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFnJson("/api/agreements/create", json!({"input": {}})),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn("/api/agreements/one", vec![("id", NONE.into())]),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFnJson("/api/agreements/text", json!({"id": 987654, "input": {}})),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFnJson(
                "/api/agreements/particulars",
                json!({"id": 987654, "input": {}}),
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFn(
                "/api/agreements/move",
                vec![
                    ("id", NONE.into()),
                    ("to", "negotiating".into()),
                    ("version", "1".into()),
                ],
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFnJson("/api/agreements/sign", json!({"id": 987654, "input": {}})),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn("/api/agreements/versions", vec![("id", NONE.into())]),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn(
                "/api/agreements/compare",
                vec![
                    ("id", NONE.into()),
                    ("from", "1".into()),
                    ("to", "2".into()),
                ],
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn(
                "/api/agreements/comments",
                vec![("id", NONE.into()), ("number", "1".into())],
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn(
                "/api/agreements/comment",
                vec![
                    ("id", NONE.into()),
                    ("number", "1".into()),
                    ("body", "Matrix".into()),
                ],
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFn(
                "/api/agreements/contact-link",
                vec![("id", NONE.into()), ("party_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn("/api/agreements/activities", vec![("id", NONE.into())]),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFnJson(
                "/api/agreements/activity",
                json!({"id": 987654, "activity_id": null, "input": {}}),
            ),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFnJson(
                "/api/agreements/note",
                json!({"id": 987654, "activity_id": 987654, "input": {"body": "Matrix"}}),
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn("/api/agreements/outcome", vec![("edition_id", e.clone())]),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn("/api/agreements/ceremony", vec![("edition_id", e.clone())]),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFnJson(
                "/api/agreements/template",
                json!({"id": 987654, "input": {}}),
            ),
        ),
        (
            Op(Operation::ViewAgreements),
            ServerFn("/api/agreements/plans", vec![]),
        ),
        (
            Op(Operation::KeepAgreements),
            ServerFnJson(
                "/api/agreements/initiative",
                json!({"id": 987654, "input": {}}),
            ),
        ),
        (
            Op(Operation::UpdateOwnActivities),
            ServerFn("/api/agreements/mine", vec![]),
        ),
        (
            Op(Operation::UpdateOwnActivities),
            ServerFnJson(
                "/api/agreements/my-note",
                json!({"activity_id": 987654, "input": {"body": "Matrix"}}),
            ),
        ),
        (
            // A wrong pairing code: 422 for anyone (rate limited).
            Public,
            Api(
                Method::POST,
                "/api/v1/checkin/pair",
                Some(json!({"code": "AAAA-AAAA"})),
            ),
        ),
        (Device, Api(Method::GET, "/api/v1/checkin/bootstrap", None)),
        (
            Device,
            Api(
                Method::POST,
                "/api/v1/checkin/scans",
                Some(json!({"client_id": "m1", "list": "entry", "code": "CF"})),
            ),
        ),
        (
            Device,
            Api(
                Method::POST,
                "/api/v1/checkin/scans/batch",
                Some(json!({"scans": []})),
            ),
        ),
        (
            Device,
            Api(
                Method::POST,
                "/api/v1/checkin/scans/123/undo",
                Some(json!({"reason": "matrix"})),
            ),
        ),
        (
            Device,
            Api(Method::GET, "/api/v1/checkin/search?q=ab", None),
        ),
        (
            Device,
            Api(Method::POST, "/api/v1/checkin/people/987654/reprint", None),
        ),
        (
            Public,
            ServerFn("/api/programme/public", vec![("edition_id", e.clone())]),
        ),
        (
            Public,
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/registrations",
                Some(
                    json!({"consent": true, "head": {"name_latin": "Matrix", "email": "m@x.example", "category": "delegate"}}),
                ),
            ),
        ),
        (
            Public,
            Api(Method::GET, "/api/v1/editions/{edition}/calendar.ics", None),
        ),
        (
            Public,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/rooms/987654/calendar.ics",
                None,
            ),
        ),
        (
            Public,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/committees/987654/calendar.ics",
                None,
            ),
        ),
        (
            Public,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/sessions/987654/calendar.ics",
                None,
            ),
        ),
        (
            Public,
            Api(Method::GET, "/api/v1/agenda/{token}/calendar.ics", None),
        ),
        // Editions and rooms.
        (
            Op(Operation::ViewEditions),
            Api(Method::GET, "/api/v1/editions/{edition}/rooms", None),
        ),
        (
            Op(Operation::ManageEditions),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/rooms",
                Some(json!({"name": "Matrix Room", "capacity": 10})),
            ),
        ),
        (
            Op(Operation::ManageRegistrationSettings),
            ServerFn(
                "/api/registration/save_settings",
                vec![
                    ("edition_id", e.clone()),
                    ("form[opens_on]", String::new()),
                    ("form[closes_on]", String::new()),
                    ("form[edit_deadline]", String::new()),
                    ("form[invite_only]", "false".into()),
                    ("form[capacities][0][0]", "press".into()),
                    ("form[capacities][0][1]", "5".into()),
                ],
            ),
        ),
        (
            Op(Operation::ManageEditions),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/rooms/987654",
                None,
            ),
        ),
        (
            Op(Operation::ManageEditions),
            ServerFn(
                "/api/editions/delete_room",
                vec![("edition_id", e.clone()), ("room_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageEditions),
            ServerFn(
                "/api/editions/save_room_names",
                vec![
                    ("edition_id", e.clone()),
                    ("room_id", NONE.into()),
                    ("names[fr]", "Salle".into()),
                ],
            ),
        ),
        (
            Op(Operation::ManageDirectory),
            ServerFn(
                "/api/committees/save_names",
                vec![("id", NONE.into()), ("names[fr]", "Comité".into())],
            ),
        ),
        (
            Op(Operation::KeepBudget),
            ServerFn(
                "/api/budget/save_category_names",
                vec![
                    ("edition_id", e.clone()),
                    ("category_id", NONE.into()),
                    ("names[fr]", "Catégorie".into()),
                ],
            ),
        ),
        // Registrations.
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/registrations/987654",
                None,
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::PATCH,
                "/api/v1/editions/{edition}/registrations/987654",
                Some(json!({"decision": "approve"})),
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/registrations.csv",
                None,
            ),
        ),
        (
            // Staff read any letter; a delegate their own (404 otherwise).
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/registrations/987654/visa-letter.pdf",
                None,
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            ServerFn(
                "/api/registration/decide",
                vec![
                    ("edition_id", e.clone()),
                    ("ids[0]", NONE.into()),
                    ("decision", "approve".into()),
                    ("reason", String::new()),
                ],
            ),
        ),
        (
            Op(Operation::ReviewRegistrations),
            ServerFn(
                "/api/registration/import",
                vec![("edition_id", e.clone()), ("csv", String::new())],
            ),
        ),
        (
            Op(Operation::ManageRegistrationSettings),
            ServerFn(
                "/api/registration/invite",
                vec![
                    ("edition_id", e.clone()),
                    ("member_id", NONE.into()),
                    ("max_size", String::new()),
                ],
            ),
        ),
        (
            Op(Operation::ManageRegistrationSettings),
            ServerFn(
                "/api/registration/uninvite",
                vec![("edition_id", e.clone()), ("id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            ServerFn(
                "/api/registration/update_mine",
                with(vec![("id", NONE.into())], person("form")),
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            ServerFn("/api/registration/cancel_mine", vec![("id", NONE.into())]),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            ServerFn(
                "/api/registration/add_member",
                with(vec![("delegation_id", NONE.into())], person("form")),
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            ServerFn("/api/auth/revoke_links", vec![("id", NONE.into())]),
        ),
        (
            Op(Operation::ManageOwnApiTokens),
            ServerFn("/api/auth/revoke_token", vec![("id", NONE.into())]),
        ),
        // The programme.
        // The published programme is public (organizers see drafts too).
        (
            Public,
            Api(Method::GET, "/api/v1/editions/{edition}/sessions", None),
        ),
        (
            Public,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/sessions/987654",
                None,
            ),
        ),
        (
            Op(Operation::ManageProgramme),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/sessions/987654",
                Some(
                    json!({"texts": [{"lang": "en", "title": "Matrix"}], "kind": "plenary",
                            "starts_at": "2030-11-02T09:00", "ends_at": "2030-11-02T10:00"}),
                ),
            ),
        ),
        (
            Op(Operation::ManageProgramme),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/sessions/987654",
                None,
            ),
        ),
        (
            Op(Operation::ManageProgramme),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/sessions/987654/publish",
                Some(json!({})),
            ),
        ),
        (
            Op(Operation::ManageProgramme),
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/sessions/987654/cancel",
                None,
            ),
        ),
        (
            Op(Operation::ManageProgramme),
            ServerFn(
                "/api/programme/save",
                vec![
                    ("edition_id", e.clone()),
                    ("form[kind]", "plenary".into()),
                    ("form[starts_at]", "2030-11-02T09:00".into()),
                    ("form[ends_at]", "2030-11-02T10:00".into()),
                ],
            ),
        ),
        (
            Op(Operation::ManageProgramme),
            ServerFn(
                "/api/programme/publish",
                vec![
                    ("edition_id", e.clone()),
                    ("session_id", NONE.into()),
                    ("confirm", "false".into()),
                ],
            ),
        ),
        (
            Op(Operation::ManageProgramme),
            ServerFn(
                "/api/programme/cancel",
                vec![("edition_id", e.clone()), ("session_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageProgramme),
            ServerFn(
                "/api/programme/delete",
                vec![("edition_id", e.clone()), ("session_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(Method::GET, "/api/v1/editions/{edition}/agenda", None),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(Method::POST, "/api/v1/editions/{edition}/agenda/feed", None),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/agenda/987654",
                None,
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            Api(
                Method::DELETE,
                "/api/v1/editions/{edition}/agenda/987654",
                None,
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            ServerFn(
                "/api/programme/book",
                vec![("edition_id", e.clone()), ("session_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            ServerFn(
                "/api/programme/unbook",
                vec![("edition_id", e.clone()), ("session_id", NONE.into())],
            ),
        ),
        (
            Op(Operation::ManageOwnRegistration),
            ServerFn("/api/programme/renew_feed", vec![("edition_id", e.clone())]),
        ),
        // The directory.
        (
            Op(Operation::ViewDirectory),
            ServerFn("/api/members/get", vec![("id", NONE.into())]),
        ),
        (
            Op(Operation::ManageDirectory),
            ServerFn(
                "/api/council/save",
                vec![
                    ("name", "Matrix Co".into()),
                    ("kind", "company".into()),
                    ("organization", "Matrix".into()),
                    ("member_id", String::new()),
                ],
            ),
        ),
        // Last: it signs the browser out.
        (Public, ServerFn("/api/auth/logout", vec![])),
    ]
}

/// `/api/v1/editions/{id}/rooms/{room_id}` and `/api/v1/editions/12/rooms/7`
/// both read `/api/v1/editions/{}/rooms/{}`.
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    path.split('/')
        .map(|segment| {
            let id = segment.starts_with('{') || segment.bytes().all(|b| b.is_ascii_digit());
            if id && !segment.is_empty() {
                "{}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Every entry point the server registers, as (method, path shape).
fn registered() -> BTreeSet<(String, String)> {
    let doc = server::api::document();
    let mut all = BTreeSet::new();
    for (path, item) in &doc.paths.paths {
        let methods = [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("PATCH", item.patch.is_some()),
            ("DELETE", item.delete.is_some()),
        ];
        for (method, present) in methods {
            if present {
                all.insert((method.to_owned(), shape(path)));
            }
        }
    }
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        all.insert((method.to_string(), shape(path)));
    }
    all
}

fn covered(rows: &[(Access, Call)]) -> BTreeSet<(String, String)> {
    rows.iter()
        .map(|(_, call)| match call {
            Call::Api(method, path, _) => (method.to_string(), shape(path)),
            Call::ServerFn(path, _) | Call::ServerFnJson(path, _) => {
                ("POST".to_owned(), shape(path))
            }
        })
        .collect()
}

fn all_rows(city: i64, edition: i64, year: i32) -> Vec<(Access, Call)> {
    calls(city, edition, year)
        .into_iter()
        .map(|(op, call)| (Access::Op(op), call))
        .chain(more_calls(edition))
        .collect()
}

#[test]
fn every_registered_entry_point_has_a_row() {
    let rows = all_rows(1, 1, 2040);
    let registered = registered();
    let covered = covered(&rows);
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "entry points without a row: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "rows for nothing the server registers: {stale:?}"
    );
    eprintln!(
        "role matrix: {} entry points registered, {} rows",
        registered.len(),
        rows.len()
    );
    // The matrix spans what the issue counted (about 76 then).
    assert!(registered.len() >= 80, "{}", registered.len());
}

#[tokio::test]
async fn every_entry_point_answers_each_role_as_the_matrix_says() {
    let app = spawn_app(Backend::Sqlite).await;
    let city = app.city("泉州", "Quanzhou", "CN").await;
    let organizer = app.token_for(Role::Organizer).await;
    let edition = app
        .send_json(
            Method::POST,
            "/api/v1/editions",
            Some(&organizer),
            &edition_body(2030, city),
        )
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let anonymous = reqwest::Client::new();
    let mut checked = 0;
    for (year, role) in (2050..).zip(Role::ALL) {
        let token = app.token_for(role).await;
        let browser = sign_in(&app, role).await;
        for (access, call) in more_calls(edition) {
            let what = match &call {
                Call::Api(m, p, _) => format!("{m} {p}"),
                Call::ServerFn(p, _) | Call::ServerFnJson(p, _) => format!("server fn {p}"),
            };
            let (status, body) =
                status_of(&app, &call, Some(&token), &browser, (city, edition)).await;
            assert!(status < 500, "{role:?} {what}: {status} {body}");
            match access {
                Access::Public => assert_ne!(status, 403, "{role:?} {what}: {body}"),
                Access::Device => assert_eq!(status, 401, "{role:?} {what}: {body}"),
                Access::Op(op) => {
                    let allowed = EXPECTED
                        .iter()
                        .find(|(o, _)| *o == op)
                        .is_some_and(|(_, roles)| roles.contains(&role));
                    if allowed {
                        assert!(
                            status != 401 && status != 403,
                            "{role:?} may {what}, got {status}: {body}"
                        );
                    } else {
                        assert_eq!(status, 403, "{role:?} may not {what}: {body}");
                    }
                }
            }
            checked += 1;
            let _ = year;
        }
    }
    for (access, call) in more_calls(edition) {
        let what = match &call {
            Call::Api(m, p, _) => format!("{m} {p}"),
            Call::ServerFn(p, _) | Call::ServerFnJson(p, _) => format!("server fn {p}"),
        };
        let (status, body) = status_of(&app, &call, None, &anonymous, (city, edition)).await;
        assert!(status < 500, "anonymous {what}: {status} {body}");
        match access {
            Access::Public => assert!(status != 403, "anonymous {what}: {body}"),
            Access::Op(_) | Access::Device => {
                assert_eq!(status, 401, "anonymous {what}: {body}")
            }
        }
        checked += 1;
    }
    eprintln!("role matrix: {checked} calls checked");
    assert!(checked > 300, "{checked}");
}
