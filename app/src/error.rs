//! The one error type at the boundary: server functions, API handlers and
//! the UI's error views all speak it. Causes are logged on the server and
//! never shown to clients.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Field name → messages, in the order the fields appear on the form.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

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
    Conflict(String),
    #[error("something went wrong on our side")]
    Internal,
    /// The request never reached our code (network, serialization).
    #[error("the server could not be reached: {0}")]
    Transport(String),
}

impl AppError {
    /// A validation error on one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), vec![message.into()]);
        AppError::Validation(errors)
    }

    /// The messages for one field, if this is a validation error.
    pub fn field_messages(&self, field: &str) -> Vec<String> {
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
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

/// A database error is ours, never the client's: `?` logs it (with the
/// line that asked) and answers "internal".
#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    #[track_caller]
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::internal(err)
    }
}

/// Collects field errors while a form is parsed, so that every bad field is
/// reported at once rather than the first only.
#[derive(Debug, Default)]
pub struct Validator {
    errors: FieldErrors,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.errors
            .entry(field.to_owned())
            .or_default()
            .push(message.into());
    }

    /// Keeps the value when it parsed, records the message when it did not.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
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
        v.add("name", "required");
        v.add("year", "too early");
        v.add("name", "too short");
        let err = v.finish().unwrap_err();
        assert_eq!(err.field_messages("name"), vec!["required", "too short"]);
        assert_eq!(err.field_messages("year"), vec!["too early"]);
        assert_eq!(err.status_code(), 422);
    }

    #[test]
    fn errors_round_trip_as_json() {
        let err = AppError::field("end_date", "ends before it starts");
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(
            json,
            r#"{"error":"validation","detail":{"end_date":["ends before it starts"]}}"#
        );
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
    }
}
