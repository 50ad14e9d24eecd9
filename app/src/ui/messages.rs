use leptos_i18n::I18nContext;

use crate::error::ErrorCode;
use crate::i18n::*;

/// The words for a code from the server or the form rules. The match is
/// exhaustive: a code without words does not build.
pub fn message(i18n: I18nContext<Locale>, code: &ErrorCode) -> String {
    match code {
        ErrorCode::Required => t_string!(i18n, msg_required).to_string(),
        ErrorCode::TooLong => t_string!(i18n, msg_too_long).to_string(),
        ErrorCode::YearOutOfRange => t_string!(i18n, msg_year_out_of_range).to_string(),
        ErrorCode::UnknownTimeZone => t_string!(i18n, msg_unknown_time_zone).to_string(),
        ErrorCode::EndBeforeStart => t_string!(i18n, msg_end_before_start).to_string(),
        ErrorCode::EditionTooLong => t_string!(i18n, msg_edition_too_long).to_string(),
        ErrorCode::DateNotInYear => t_string!(i18n, msg_date_not_in_year).to_string(),
        ErrorCode::InvalidDate => t_string!(i18n, msg_invalid_date).to_string(),
        ErrorCode::InvalidNumber => t_string!(i18n, msg_invalid_number).to_string(),
        ErrorCode::CapacityOutOfRange => t_string!(i18n, msg_capacity_out_of_range).to_string(),
        ErrorCode::YearTaken => t_string!(i18n, msg_year_taken).to_string(),
        ErrorCode::NotAMemberCity => t_string!(i18n, msg_not_a_member_city).to_string(),
        ErrorCode::RoomNameTaken => t_string!(i18n, msg_room_name_taken).to_string(),
        ErrorCode::MemberTaken => t_string!(i18n, msg_member_taken).to_string(),
        ErrorCode::NotLatinScript => t_string!(i18n, msg_not_latin_script).to_string(),
        ErrorCode::InvalidCountry => t_string!(i18n, msg_invalid_country).to_string(),
        ErrorCode::UnknownChoice => t_string!(i18n, msg_unknown_choice).to_string(),
        ErrorCode::UnknownMember => t_string!(i18n, msg_unknown_member).to_string(),
        ErrorCode::CommitteeTaken => t_string!(i18n, msg_committee_taken).to_string(),
        ErrorCode::CouncilMemberTaken => t_string!(i18n, msg_council_member_taken).to_string(),
        ErrorCode::InvalidEmail => t_string!(i18n, msg_invalid_email).to_string(),
        ErrorCode::PasswordTooShort => t_string!(i18n, msg_password_too_short).to_string(),
        ErrorCode::EmailTaken => t_string!(i18n, msg_email_taken).to_string(),
        ErrorCode::UnknownUser => t_string!(i18n, msg_unknown_user).to_string(),
        ErrorCode::UnknownStatus => t_string!(i18n, msg_unknown_status).to_string(),
        ErrorCode::UnknownRole => t_string!(i18n, msg_unknown_role).to_string(),
        ErrorCode::ConsentRequired => t_string!(i18n, msg_consent_required).to_string(),
        ErrorCode::DepartureBeforeArrival => {
            t_string!(i18n, msg_departure_before_arrival).to_string()
        }
        ErrorCode::OneHeadPerDelegation => t_string!(i18n, msg_one_head_per_delegation).to_string(),
        ErrorCode::EmailRepeated => t_string!(i18n, msg_email_repeated).to_string(),
        ErrorCode::DelegationTooLarge => t_string!(i18n, msg_delegation_too_large).to_string(),
        ErrorCode::InvalidLanguage => t_string!(i18n, msg_invalid_language).to_string(),
        ErrorCode::InvalidDatetime => t_string!(i18n, msg_invalid_datetime).to_string(),
        ErrorCode::AlreadyRegistered => t_string!(i18n, msg_already_registered).to_string(),
        ErrorCode::RegistrationClosed => t_string!(i18n, msg_registration_closed).to_string(),
        ErrorCode::RegistrationNotOpenYet => {
            t_string!(i18n, msg_registration_not_open_yet).to_string()
        }
        ErrorCode::InvitationRequired => t_string!(i18n, msg_invitation_required).to_string(),
        ErrorCode::UnknownInvitation => t_string!(i18n, msg_unknown_invitation).to_string(),
        ErrorCode::ClosesBeforeOpens => t_string!(i18n, msg_closes_before_opens).to_string(),
        ErrorCode::InvalidCapacity => t_string!(i18n, msg_invalid_capacity).to_string(),
        ErrorCode::RegistrationCancelled => t_string!(i18n, msg_registration_cancelled).to_string(),
        ErrorCode::AlreadyDecided => t_string!(i18n, msg_already_decided).to_string(),
        ErrorCode::CategoryFull => t_string!(i18n, msg_category_full).to_string(),
        ErrorCode::NoneSelected => t_string!(i18n, msg_none_selected).to_string(),
        ErrorCode::EditDeadlinePassed => t_string!(i18n, msg_edit_deadline_passed).to_string(),
        ErrorCode::EditionOver => t_string!(i18n, msg_edition_over).to_string(),
        ErrorCode::MemberInvited => t_string!(i18n, msg_member_invited).to_string(),
        ErrorCode::CsvUnreadable => t_string!(i18n, msg_csv_unreadable).to_string(),
        ErrorCode::CsvWrongCellCount => t_string!(i18n, msg_csv_wrong_cell_count).to_string(),
        ErrorCode::NotApproved => t_string!(i18n, msg_not_approved).to_string(),
        ErrorCode::CsvNoRows => t_string!(i18n, msg_csv_no_rows).to_string(),
        ErrorCode::TitleRequired => t_string!(i18n, msg_title_required).to_string(),
        ErrorCode::UnknownSessionKind => t_string!(i18n, msg_unknown_session_kind).to_string(),
        ErrorCode::EndNotAfterStart => t_string!(i18n, msg_end_not_after_start).to_string(),
        ErrorCode::SessionTooLong => t_string!(i18n, msg_session_too_long).to_string(),
        ErrorCode::SpeakerAndModerator => t_string!(i18n, msg_speaker_and_moderator).to_string(),
        ErrorCode::UnknownRoom => t_string!(i18n, msg_unknown_room).to_string(),
        ErrorCode::UnknownCommittee => t_string!(i18n, msg_unknown_committee).to_string(),
        ErrorCode::UnknownPerson => t_string!(i18n, msg_unknown_person).to_string(),
        ErrorCode::BoothsOutOfRange => t_string!(i18n, msg_booths_out_of_range).to_string(),
        ErrorCode::RoomInUse => t_string!(i18n, msg_room_in_use).to_string(),
        ErrorCode::HardConflicts => t_string!(i18n, msg_hard_conflicts).to_string(),
        ErrorCode::DraftNotPublished => t_string!(i18n, msg_draft_not_published).to_string(),
        ErrorCode::PublishedSessionsAreCancelled => {
            t_string!(i18n, msg_published_sessions_are_cancelled).to_string()
        }
        ErrorCode::RegistrationNotApproved => {
            t_string!(i18n, msg_registration_not_approved).to_string()
        }
        ErrorCode::SessionFull => t_string!(i18n, msg_session_full).to_string(),
        ErrorCode::DatabaseNotEmpty => t_string!(i18n, msg_database_not_empty).to_string(),
        ErrorCode::LanguageRepeated => t_string!(i18n, msg_language_repeated).to_string(),
        ErrorCode::OutOfRange => t_string!(i18n, msg_out_of_range).to_string(),
        ErrorCode::EmailFixed => t_string!(i18n, msg_email_fixed).to_string(),
        ErrorCode::LineBreak => t_string!(i18n, msg_line_break).to_string(),
        ErrorCode::InvalidPhone => t_string!(i18n, msg_invalid_phone).to_string(),
        ErrorCode::LastOrganizer => t_string!(i18n, msg_last_organizer).to_string(),
        ErrorCode::NotAStaffRole => t_string!(i18n, msg_not_a_staff_role).to_string(),
        ErrorCode::PasswordsDiffer => t_string!(i18n, msg_passwords_differ).to_string(),
        ErrorCode::UnknownLayout => t_string!(i18n, msg_unknown_layout).to_string(),
        ErrorCode::UnknownBatchStatus => t_string!(i18n, msg_unknown_batch_status).to_string(),
        ErrorCode::NothingToPrint => t_string!(i18n, msg_nothing_to_print).to_string(),
        ErrorCode::BatchNotReady => t_string!(i18n, msg_batch_not_ready).to_string(),
        ErrorCode::TooManyBatches => t_string!(i18n, msg_too_many_batches).to_string(),
        ErrorCode::UnknownList => t_string!(i18n, msg_unknown_list).to_string(),
        ErrorCode::ClientIdInvalid => t_string!(i18n, msg_client_id_invalid).to_string(),
        ErrorCode::PairingCodeInvalid => t_string!(i18n, msg_pairing_code_invalid).to_string(),
        ErrorCode::TooManyScans => t_string!(i18n, msg_too_many_scans).to_string(),
        ErrorCode::DeviceRevoked => t_string!(i18n, msg_device_revoked).to_string(),
        ErrorCode::EditionClosed => t_string!(i18n, msg_edition_closed).to_string(),
        // CSV header problems name their column.
        ErrorCode::UnknownColumn(column) => t_string!(i18n, msg_unknown_column, column),
        ErrorCode::MissingColumn(column) => t_string!(i18n, msg_missing_column, column),
        // Only API clients send what the JSON parser cannot read; the
        // parser's own words are the useful part.
        ErrorCode::Unreadable(text) => text.clone(),
    }
}
