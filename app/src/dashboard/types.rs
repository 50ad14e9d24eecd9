use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agreements::types::AgreementsTile;
use crate::badges::types::BadgeSummary;
use crate::budget::types::BudgetTile;
use crate::checkin::types::CheckinSummary;
use crate::editions::types::EditionView;
use crate::mail::types::MailSummary;
use crate::programme::types::ProgrammeSummary;
use crate::registration::types::RegistrationSummary;

/// Everything the dashboard of one edition shows, read in one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionDashboard {
    pub edition: EditionView,
    /// Today in the host city, for the countdown.
    pub today: NaiveDate,
    pub registration: RegistrationSummary,
    pub programme: ProgrammeSummary,
    /// The whole outbox: messages are not kept per edition.
    pub mail: MailSummary,
    pub badges: BadgeSummary,
    pub checkin: CheckinSummary,
    pub budget: BudgetTile,
    pub agreements: AgreementsTile,
}

/// Where an edition stands in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Countdown {
    /// Days until the first day.
    DaysToGo(i64),
    /// Day `n` of `of`, while it runs.
    Day { n: i64, of: i64 },
    /// Days since the last day.
    DaysSince(i64),
}
