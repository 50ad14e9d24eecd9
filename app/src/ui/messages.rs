use leptos_i18n::I18nContext;

use crate::i18n::*;

/// The words for a message code from the server or the form rules. The
/// codes are the contract between the domain and the UI; an unknown one
/// is shown as it is rather than hidden.
pub fn message(i18n: I18nContext<Locale>, code: &str) -> String {
    // CSV header problems name their column: `unknown_column:name`.
    if let Some((kind, column)) = code.split_once(':') {
        let text = match kind {
            "unknown_column" => t_string!(i18n, msg_unknown_column).to_string(),
            "missing_column" => t_string!(i18n, msg_missing_column).to_string(),
            _ => return code.to_owned(),
        };
        return text.replace("%COLUMN%", column);
    }
    match code {
        "required" => t_string!(i18n, msg_required).to_string(),
        "too_long" => t_string!(i18n, msg_too_long).to_string(),
        "year_out_of_range" => t_string!(i18n, msg_year_out_of_range).to_string(),
        "unknown_time_zone" => t_string!(i18n, msg_unknown_time_zone).to_string(),
        "end_before_start" => t_string!(i18n, msg_end_before_start).to_string(),
        "edition_too_long" => t_string!(i18n, msg_edition_too_long).to_string(),
        "date_not_in_year" => t_string!(i18n, msg_date_not_in_year).to_string(),
        "invalid_date" => t_string!(i18n, msg_invalid_date).to_string(),
        "invalid_number" => t_string!(i18n, msg_invalid_number).to_string(),
        "capacity_out_of_range" => t_string!(i18n, msg_capacity_out_of_range).to_string(),
        "year_taken" => t_string!(i18n, msg_year_taken).to_string(),
        "not_a_member_city" => t_string!(i18n, msg_not_a_member_city).to_string(),
        "room_name_taken" => t_string!(i18n, msg_room_name_taken).to_string(),
        "member_taken" => t_string!(i18n, msg_member_taken).to_string(),
        "not_latin_script" => t_string!(i18n, msg_not_latin_script).to_string(),
        "invalid_country" => t_string!(i18n, msg_invalid_country).to_string(),
        "unknown_choice" => t_string!(i18n, msg_unknown_choice).to_string(),
        "unknown_member" => t_string!(i18n, msg_unknown_member).to_string(),
        "committee_taken" => t_string!(i18n, msg_committee_taken).to_string(),
        "council_member_taken" => t_string!(i18n, msg_council_member_taken).to_string(),
        "invalid_email" => t_string!(i18n, msg_invalid_email).to_string(),
        "password_too_short" => t_string!(i18n, msg_password_too_short).to_string(),
        "email_taken" => t_string!(i18n, msg_email_taken).to_string(),
        "unknown_user" => t_string!(i18n, msg_unknown_user).to_string(),
        "unknown_status" => t_string!(i18n, msg_unknown_status).to_string(),
        "unknown_role" => t_string!(i18n, msg_unknown_role).to_string(),
        "consent_required" => t_string!(i18n, msg_consent_required).to_string(),
        "departure_before_arrival" => t_string!(i18n, msg_departure_before_arrival).to_string(),
        "one_head_per_delegation" => t_string!(i18n, msg_one_head_per_delegation).to_string(),
        "email_repeated" => t_string!(i18n, msg_email_repeated).to_string(),
        "delegation_too_large" => t_string!(i18n, msg_delegation_too_large).to_string(),
        "invalid_language" => t_string!(i18n, msg_invalid_language).to_string(),
        "invalid_datetime" => t_string!(i18n, msg_invalid_datetime).to_string(),
        "already_registered" => t_string!(i18n, msg_already_registered).to_string(),
        "registration_closed" => t_string!(i18n, msg_registration_closed).to_string(),
        "registration_not_open_yet" => t_string!(i18n, msg_registration_not_open_yet).to_string(),
        "invitation_required" => t_string!(i18n, msg_invitation_required).to_string(),
        "unknown_invitation" => t_string!(i18n, msg_unknown_invitation).to_string(),
        "closes_before_opens" => t_string!(i18n, msg_closes_before_opens).to_string(),
        "invalid_capacity" => t_string!(i18n, msg_invalid_capacity).to_string(),
        "registration_cancelled" => t_string!(i18n, msg_registration_cancelled).to_string(),
        "already_decided" => t_string!(i18n, msg_already_decided).to_string(),
        "category_full" => t_string!(i18n, msg_category_full).to_string(),
        "none_selected" => t_string!(i18n, msg_none_selected).to_string(),
        "edit_deadline_passed" => t_string!(i18n, msg_edit_deadline_passed).to_string(),
        "edition_over" => t_string!(i18n, msg_edition_over).to_string(),
        "member_invited" => t_string!(i18n, msg_member_invited).to_string(),
        "csv_unreadable" => t_string!(i18n, msg_csv_unreadable).to_string(),
        "csv_wrong_cell_count" => t_string!(i18n, msg_csv_wrong_cell_count).to_string(),
        "not_approved" => t_string!(i18n, msg_not_approved).to_string(),
        "csv_no_rows" => t_string!(i18n, msg_csv_no_rows).to_string(),
        "title_required" => t_string!(i18n, msg_title_required).to_string(),
        "unknown_session_kind" => t_string!(i18n, msg_unknown_session_kind).to_string(),
        "end_not_after_start" => t_string!(i18n, msg_end_not_after_start).to_string(),
        "session_too_long" => t_string!(i18n, msg_session_too_long).to_string(),
        "speaker_and_moderator" => t_string!(i18n, msg_speaker_and_moderator).to_string(),
        "unknown_room" => t_string!(i18n, msg_unknown_room).to_string(),
        "unknown_committee" => t_string!(i18n, msg_unknown_committee).to_string(),
        "unknown_person" => t_string!(i18n, msg_unknown_person).to_string(),
        "booths_out_of_range" => t_string!(i18n, msg_booths_out_of_range).to_string(),
        "room_in_use" => t_string!(i18n, msg_room_in_use).to_string(),
        "hard_conflicts" => t_string!(i18n, msg_hard_conflicts).to_string(),
        "draft_not_published" => t_string!(i18n, msg_draft_not_published).to_string(),
        "published_sessions_are_cancelled" => {
            t_string!(i18n, msg_published_sessions_are_cancelled).to_string()
        }
        "registration_not_approved" => t_string!(i18n, msg_registration_not_approved).to_string(),
        "session_full" => t_string!(i18n, msg_session_full).to_string(),
        other => other.to_owned(),
    }
}
