//! Who may do what: one table, used by every server function and API
//! handler, and tested role by role.

use super::types::Role;
use crate::error::{AppError, ErrorCode};

/// Every guarded operation of the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Read editions, their rooms and status.
    ViewEditions,
    /// Create and edit editions and their rooms.
    ManageEditions,
    /// Read member cities, institutions, committees, Business Council.
    ViewDirectory,
    /// Create and edit the directory.
    ManageDirectory,
    /// Read every queued and sent message.
    ReadOutbox,
    /// Read and decide registrations, export and import them.
    ReviewRegistrations,
    /// Set an edition's registration window, capacities and invitations.
    ManageRegistrationSettings,
    /// See, change and cancel one's own registration (and, for a head,
    /// the delegation's); the service checks whose it is.
    ManageOwnRegistration,
    /// Build the programme: sessions, their publication, conflicts. (The
    /// published programme and its feeds are public; agendas come with
    /// ManageOwnRegistration.)
    ManageProgramme,
    /// Read the audit log of every change (nobody may change it).
    ReadAuditLog,
    /// Make, list and revoke one's own API tokens (staff: scripts and
    /// integrations; delegates have the pages).
    ManageOwnApiTokens,
    /// Invite staff, change their roles, switch accounts off and on.
    ManageAccounts,
    /// Print badges (single, batches, reprints) and see who has one.
    PrintBadges,
    /// Rotate and revoke the keys that sign badges.
    ManageBadgeKeys,
    /// Check badge codes; read the public keys and the revocation list
    /// (what check-in devices need).
    VerifyBadges,
    /// Register check-in devices, pair and revoke them.
    ManageCheckinDevices,
    /// Watch arrivals and attendance live.
    ViewArrivals,
    /// Read the budget: summary, items, receipts, rates, history, exports.
    ViewBudget,
    /// Keep the books: categories, items, receipts, rates, payers, income.
    KeepBudget,
    /// Approve commitments above the threshold and set the threshold.
    ApproveBudget,
    /// Read agreements, their versions, activities, the follow-up
    /// dashboard and the outcome reports.
    ViewAgreements,
    /// Draft and keep agreements: templates, texts, parties, status, the
    /// signing, activities, committees' initiatives.
    KeepAgreements,
    /// See and update the activities of the agreements one is a party's
    /// contact for; the service checks whose they are.
    UpdateOwnActivities,
}

impl Operation {
    pub const ALL: [Operation; 23] = [
        Operation::ViewEditions,
        Operation::ManageEditions,
        Operation::ViewDirectory,
        Operation::ManageDirectory,
        Operation::ReadOutbox,
        Operation::ReviewRegistrations,
        Operation::ManageRegistrationSettings,
        Operation::ManageOwnRegistration,
        Operation::ManageProgramme,
        Operation::ReadAuditLog,
        Operation::ManageOwnApiTokens,
        Operation::ManageAccounts,
        Operation::PrintBadges,
        Operation::ManageBadgeKeys,
        Operation::VerifyBadges,
        Operation::ManageCheckinDevices,
        Operation::ViewArrivals,
        Operation::ViewBudget,
        Operation::KeepBudget,
        Operation::ApproveBudget,
        Operation::ViewAgreements,
        Operation::KeepAgreements,
        Operation::UpdateOwnActivities,
    ];
}

/// The permission table.
pub fn may(role: Role, operation: Operation) -> bool {
    use Operation::*;
    use Role::*;
    match operation {
        // Delegates see the editions they may register for.
        ViewEditions => true,
        ManageEditions => role == Organizer,
        // The directory is staff work; delegates see only their own data.
        ViewDirectory => role != Delegate,
        // Coordinators add the parties of agreements.
        ManageDirectory => matches!(role, Organizer | Coordinator),
        // Messages carry delegates' personal data.
        ReadOutbox => role == Organizer,
        ReviewRegistrations => matches!(role, Organizer | Registrar),
        ManageRegistrationSettings => role == Organizer,
        // Staff register for the Forum too.
        ManageOwnRegistration => true,
        ManageProgramme => role == Organizer,
        // Who changed what, delegates' data included.
        ReadAuditLog => role == Organizer,
        ManageOwnApiTokens => role != Delegate,
        // Who may do what is the organizers' to decide.
        ManageAccounts => role == Organizer,
        // Registrars print at the registration desk too.
        PrintBadges => matches!(role, Organizer | Registrar),
        // A revoked key voids every badge it signed.
        ManageBadgeKeys => role == Organizer,
        VerifyBadges => matches!(role, Organizer | Registrar | Checkin),
        // A device token scans as the check-in role; who holds one is
        // the organizers' to decide.
        ManageCheckinDevices => role == Organizer,
        // Registrars run the desk where late arrivals are sorted out.
        ViewArrivals => matches!(role, Organizer | Registrar),
        // The host city's finance officer keeps the books; organizers
        // watch them and may correct them.
        ViewBudget | KeepBudget => matches!(role, Organizer | Finance),
        // A large commitment takes someone other than the one keeping
        // the books (the service also refuses whoever saved it last).
        ApproveBudget => role == Organizer,
        // Follow-up coordinators draft and chase agreements; organizers
        // run the signing ceremony.
        ViewAgreements | KeepAgreements => matches!(role, Organizer | Coordinator),
        // A party's representative signs in with an e-mailed link (a
        // delegate account); what is theirs is the service's to check.
        UpdateOwnActivities => true,
    }
}

/// Fails with `Forbidden` unless the role may do the operation.
pub fn authorize(role: Role, operation: Operation) -> Result<(), AppError> {
    if may(role, operation) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// How long an API token works unless its maker says otherwise.
pub const API_TOKEN_DAYS: i64 = 90;
/// The longest an API token may be made to work.
pub const API_TOKEN_MAX_DAYS: i64 = 366;

/// The rules for a new password: long enough to resist guessing.
pub fn check_password(password: &str) -> Result<(), ErrorCode> {
    if password.chars().count() < 12 {
        Err(ErrorCode::PasswordTooShort)
    } else {
        Ok(())
    }
}

/// E-mail addresses are compared trimmed and lower-cased.
pub fn normalize_email(email: &str) -> Result<String, ErrorCode> {
    let email = email.trim().to_lowercase();
    // RFC 5321's limit on a forward path.
    if email.len() > 254 {
        return Err(ErrorCode::TooLong);
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(email)
    } else {
        Err(ErrorCode::InvalidEmail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_organizers_manage_editions() {
        for role in Role::ALL {
            assert_eq!(
                may(role, Operation::ManageEditions),
                role == Role::Organizer,
                "{role:?}"
            );
        }
    }

    #[test]
    fn delegates_cannot_read_the_directory() {
        assert!(!may(Role::Delegate, Operation::ViewDirectory));
        assert!(may(Role::Checkin, Operation::ViewDirectory));
        assert_eq!(
            authorize(Role::Delegate, Operation::ManageDirectory),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn roles_round_trip_through_text() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("mayor").is_err());
    }

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            normalize_email("  Mayor@Quanzhou.GOV.cn "),
            Ok("mayor@quanzhou.gov.cn".to_owned())
        );
        for bad in ["", "no-at", "@x.org", "a@nodot", "a b@x.org", "a@x."] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_password("short").is_err());
        assert!(check_password("a-long-enough-passphrase").is_ok());
    }
}
