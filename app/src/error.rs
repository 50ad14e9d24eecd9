//! The one error type at the boundary: server functions, API handlers and
//! the UI's error views all speak it. Causes are logged on the server and
//! never shown to clients.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Field name → what is wrong with it, in the order found.
pub type FieldErrors = BTreeMap<String, Vec<ErrorCode>>;

/// Declares the codes with their wire names, once: the enum, its name
/// and its parser cannot drift apart.
macro_rules! error_codes {
    ($($variant:ident => $code:literal,)*) => {
        /// What is wrong, as the domain says it and the UI translates it
        /// (exhaustively: a new code does not build until it has words).
        /// On the wire each is its snake_case name, as the API documents.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(into = "String", from = "String")]
        pub enum ErrorCode {
            $($variant,)*
            /// A CSV header names a column we do not know: `unknown_column:NAME`.
            UnknownColumn(String),
            /// A CSV header lacks a column we need: `missing_column:NAME`.
            MissingColumn(String),
            /// A request body or query the JSON API could not read, with the
            /// parser's words (API clients only; pages never send one).
            Unreadable(String),
        }

        impl ErrorCode {
            /// The wire name.
            pub fn code(&self) -> std::borrow::Cow<'static, str> {
                match self {
                    $(ErrorCode::$variant => std::borrow::Cow::Borrowed($code),)*
                    ErrorCode::UnknownColumn(column) => format!("unknown_column:{column}").into(),
                    ErrorCode::MissingColumn(column) => format!("missing_column:{column}").into(),
                    ErrorCode::Unreadable(text) => text.clone().into(),
                }
            }

            /// Reads a wire name; anything else is an unreadable-request text.
            pub fn from_code(code: &str) -> ErrorCode {
                match code {
                    $($code => ErrorCode::$variant,)*
                    _ => match code.split_once(':') {
                        Some(("unknown_column", column)) => ErrorCode::UnknownColumn(column.to_owned()),
                        Some(("missing_column", column)) => ErrorCode::MissingColumn(column.to_owned()),
                        _ => ErrorCode::Unreadable(code.to_owned()),
                    },
                }
            }
        }
    };
}

error_codes! {
    Required => "required",
    TooLong => "too_long",
    YearOutOfRange => "year_out_of_range",
    UnknownTimeZone => "unknown_time_zone",
    EndBeforeStart => "end_before_start",
    EditionTooLong => "edition_too_long",
    DateNotInYear => "date_not_in_year",
    InvalidDate => "invalid_date",
    InvalidNumber => "invalid_number",
    CapacityOutOfRange => "capacity_out_of_range",
    YearTaken => "year_taken",
    NotAMemberCity => "not_a_member_city",
    RoomNameTaken => "room_name_taken",
    MemberTaken => "member_taken",
    NotLatinScript => "not_latin_script",
    InvalidCountry => "invalid_country",
    UnknownChoice => "unknown_choice",
    UnknownMember => "unknown_member",
    CommitteeTaken => "committee_taken",
    CouncilMemberTaken => "council_member_taken",
    InvalidEmail => "invalid_email",
    PasswordTooShort => "password_too_short",
    EmailTaken => "email_taken",
    UnknownUser => "unknown_user",
    UnknownStatus => "unknown_status",
    UnknownRole => "unknown_role",
    ConsentRequired => "consent_required",
    DepartureBeforeArrival => "departure_before_arrival",
    OneHeadPerDelegation => "one_head_per_delegation",
    EmailRepeated => "email_repeated",
    DelegationTooLarge => "delegation_too_large",
    InvalidLanguage => "invalid_language",
    InvalidDatetime => "invalid_datetime",
    AlreadyRegistered => "already_registered",
    RegistrationClosed => "registration_closed",
    RegistrationNotOpenYet => "registration_not_open_yet",
    InvitationRequired => "invitation_required",
    UnknownInvitation => "unknown_invitation",
    ClosesBeforeOpens => "closes_before_opens",
    InvalidCapacity => "invalid_capacity",
    RegistrationCancelled => "registration_cancelled",
    AlreadyDecided => "already_decided",
    CategoryFull => "category_full",
    NoneSelected => "none_selected",
    EditDeadlinePassed => "edit_deadline_passed",
    EditionOver => "edition_over",
    MemberInvited => "member_invited",
    CsvUnreadable => "csv_unreadable",
    CsvWrongCellCount => "csv_wrong_cell_count",
    NotApproved => "not_approved",
    CsvNoRows => "csv_no_rows",
    TitleRequired => "title_required",
    UnknownSessionKind => "unknown_session_kind",
    EndNotAfterStart => "end_not_after_start",
    SessionTooLong => "session_too_long",
    SpeakerAndModerator => "speaker_and_moderator",
    UnknownRoom => "unknown_room",
    UnknownCommittee => "unknown_committee",
    UnknownPerson => "unknown_person",
    BoothsOutOfRange => "booths_out_of_range",
    RoomInUse => "room_in_use",
    HardConflicts => "hard_conflicts",
    DraftNotPublished => "draft_not_published",
    PublishedSessionsAreCancelled => "published_sessions_are_cancelled",
    RegistrationNotApproved => "registration_not_approved",
    SessionFull => "session_full",
    DatabaseNotEmpty => "database_not_empty",
    LanguageRepeated => "language_repeated",
    OutOfRange => "out_of_range",
    EmailFixed => "email_fixed",
    LineBreak => "line_break",
    InvalidPhone => "invalid_phone",
    LastOrganizer => "last_organizer",
    NotAStaffRole => "not_a_staff_role",
    PasswordsDiffer => "passwords_differ",
    UnknownLayout => "unknown_layout",
    UnknownBatchStatus => "unknown_batch_status",
    NothingToPrint => "nothing_to_print",
    BatchNotReady => "batch_not_ready",
    TooManyBatches => "too_many_batches",
    UnknownList => "unknown_list",
    ClientIdInvalid => "client_id_invalid",
    PairingCodeInvalid => "pairing_code_invalid",
    TooManyScans => "too_many_scans",
    DeviceRevoked => "device_revoked",
    EditionClosed => "edition_closed",
    UnknownCurrency => "unknown_currency",
    NegativeAmount => "negative_amount",
    TooManyDecimals => "too_many_decimals",
    RateNotPositive => "rate_not_positive",
    RateMissing => "rate_missing",
    DateOutOfRange => "date_out_of_range",
    UnknownCategory => "unknown_category",
    UnknownPayer => "unknown_payer",
    CommitmentNeedsDate => "commitment_needs_date",
    ActualNeedsDate => "actual_needs_date",
    EditedMeanwhile => "edited_meanwhile",
    CurrencyInUse => "currency_in_use",
    CategoryTaken => "category_taken",
    CategoryInUse => "category_in_use",
    CategoryNamedByApp => "category_named_by_app",
    TranslationMismatch => "translation_mismatch",
    TemplateLacksLanguage => "template_lacks_language",
    SameLanguage => "same_language",
    PayerTaken => "payer_taken",
    PayerInUse => "payer_in_use",
    RateTaken => "rate_taken",
    RateInUse => "rate_in_use",
    ReportingCurrency => "reporting_currency",
    NothingToApprove => "nothing_to_approve",
    ApproveOwnItem => "approve_own_item",
    FileTooLarge => "file_too_large",
    NotAReceipt => "not_a_receipt",
    TooManyReceipts => "too_many_receipts",
    InvalidCharacters => "invalid_characters",
    TooMany => "too_many",
    PlaceholderUnclosed => "placeholder_unclosed",
    UnknownPlaceholderKind => "unknown_placeholder_kind",
    PlaceholderKindClash => "placeholder_kind_clash",
    InvalidUrl => "invalid_url",
    TransitionNotAllowed => "transition_not_allowed",
    TextFrozen => "text_frozen",
    LegConfirmed => "leg_confirmed",
    NotSignedYet => "not_signed_yet",
    PartiesIncomplete => "parties_incomplete",
    TooFewParties => "too_few_parties",
    PartyRepeated => "party_repeated",
    PlaceholdersLeft => "placeholders_left",
    SignWithSigning => "sign_with_signing",
    UnknownTemplate => "unknown_template",
    UnknownInitiative => "unknown_initiative",
    UnknownEdition => "unknown_edition",
    UnknownSession => "unknown_session",
    UnknownParty => "unknown_party",
    TitleTaken => "title_taken",
    PartyInUse => "party_in_use",
    SignatoriesFrozen => "signatories_frozen",
    ActivityClosed => "activity_closed",
    TooManyPlaceholders => "too_many_placeholders",
    FilledTooLong => "filled_too_long",
    AgreementTooLong => "agreement_too_long",
    RateImplausible => "rate_implausible",
    AlreadyErased => "already_erased",
}

impl From<ErrorCode> for String {
    fn from(code: ErrorCode) -> String {
        code.code().into_owned()
    }
}

impl From<String> for ErrorCode {
    fn from(code: String) -> ErrorCode {
        ErrorCode::from_code(&code)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign in first")]
    Unauthorized,
    #[error("your role may not do this")]
    Forbidden,
    #[error("some fields need attention")]
    Validation(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(ErrorCode),
    /// Too many requests of this kind at once: try again shortly.
    #[error("busy: try again shortly")]
    Busy,
    /// Too many requests from this client (or to this account): try again
    /// after this many seconds.
    #[error("too many requests: try again in {0} s")]
    RateLimited(u64),
    /// The database cannot be reached just now: nothing was done; try
    /// again shortly.
    #[error("the service is unavailable for a moment")]
    Unavailable,
    #[error("something went wrong on our side")]
    Internal,
    /// The request never reached our code (network, serialization).
    #[error("the server could not be reached: {0}")]
    Transport(String),
}

impl AppError {
    /// A validation error on one field.
    pub fn field(field: &str, code: ErrorCode) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), vec![code]);
        AppError::Validation(errors)
    }

    /// The codes for one field, if this is a validation error.
    pub fn field_messages(&self, field: &str) -> Vec<ErrorCode> {
        match self {
            AppError::Validation(errors) => errors.get(field).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// A failure on our side: the cause is logged with where it happened,
    /// and the client sees only that something went wrong.
    #[track_caller]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        #[cfg(feature = "ssr")]
        tracing::error!(
            error = %cause,
            at = %std::panic::Location::caller(),
            "internal error"
        );
        #[cfg(not(feature = "ssr"))]
        let _ = cause;
        AppError::Internal
    }

    /// The HTTP status this error maps to.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Busy | AppError::RateLimited(_) => 429,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// For a 429: the seconds to put in `Retry-After`.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::Busy => Some(2),
            AppError::Unavailable => Some(5),
            AppError::RateLimited(seconds) => Some(*seconds),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments that do not decode are the caller's mistake (422),
            // as an unreadable body is in the REST API.
            ServerFnErrorErr::Args(text)
            | ServerFnErrorErr::MissingArg(text)
            | ServerFnErrorErr::Deserialization(text) => {
                AppError::field("body", ErrorCode::Unreadable(text))
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

/// A database error is ours, never the client's: `?` logs it (with the
/// line that asked) and answers "internal".
#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    #[track_caller]
    fn from(err: sea_orm::DbErr) -> Self {
        // The database is gone (restarting, network): a clean 503 that
        // says when to retry; the pool reconnects when it is back.
        if unreachable(&err) {
            tracing::warn!(
                error = %err,
                at = %std::panic::Location::caller(),
                "database unreachable"
            );
            AppError::Unavailable
        } else {
            AppError::internal(err)
        }
    }
}

/// Whether the error says the database could not be reached (rather than
/// that our query was wrong): no connection to be had, the connection
/// broke, or the server is shutting down or not taking connections.
#[cfg(feature = "ssr")]
pub fn unreachable(err: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx.as_ref() {
        Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed => true,
        Sqlx::Protocol(_) | Sqlx::Tls(_) => true,
        // SQLSTATE class 08 (connection exception), 57P (operator
        // intervention: shutdown, cannot connect now).
        Sqlx::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// Collects field errors while a form is parsed, so that every bad field is
/// reported at once rather than the first only.
#[derive(Debug, Default)]
pub struct Validator {
    errors: FieldErrors,
}

/// A value a finished [`Validator`] vouches for: every field that failed
/// to parse added a message, so `None` here is our bug, logged with the
/// line that asked.
#[track_caller]
pub fn validated<T>(value: Option<T>) -> Result<T, AppError> {
    match value {
        Some(value) => Ok(value),
        None => Err(AppError::internal(
            "a field passed validation without a value",
        )),
    }
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, code: ErrorCode) {
        self.errors.entry(field.to_owned()).or_default().push(code);
    }

    /// Keeps the value when it parsed, records the code when it did not.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, ErrorCode>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validator_reports_every_field() {
        let mut v = Validator::new();
        v.add("name", ErrorCode::Required);
        v.add("year", ErrorCode::YearOutOfRange);
        v.add("name", ErrorCode::TooLong);
        let err = v.finish().unwrap_err();
        assert_eq!(
            err.field_messages("name"),
            vec![ErrorCode::Required, ErrorCode::TooLong]
        );
        assert_eq!(err.field_messages("year"), vec![ErrorCode::YearOutOfRange]);
        assert_eq!(err.status_code(), 422);
    }

    #[test]
    fn errors_round_trip_as_json_with_their_wire_names() {
        let err = AppError::field("end_date", ErrorCode::EndBeforeStart);
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(
            json,
            r#"{"error":"validation","detail":{"end_date":["end_before_start"]}}"#
        );
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
        let conflict = AppError::Conflict(ErrorCode::HardConflicts);
        let json = serde_json::to_string(&conflict).unwrap();
        assert_eq!(json, r#"{"error":"conflict","detail":"hard_conflicts"}"#);
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), conflict);
    }

    #[test]
    fn column_codes_carry_their_column() {
        let code = ErrorCode::UnknownColumn("name".into());
        assert_eq!(code.to_string(), "unknown_column:name");
        assert_eq!(ErrorCode::from_code("unknown_column:name"), code);
        assert_eq!(
            ErrorCode::from_code("missing_column:email"),
            ErrorCode::MissingColumn("email".into())
        );
        assert_eq!(
            ErrorCode::from_code("expected value at line 1"),
            ErrorCode::Unreadable("expected value at line 1".into())
        );
        assert_eq!(ErrorCode::from_code("session_full"), ErrorCode::SessionFull);
    }
}
