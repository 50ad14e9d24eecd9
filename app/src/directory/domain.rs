//! Rules for members, committees and the Business Council.

use super::types::{CommitteeInput, CouncilMemberInput, MemberInput, MemberPatch};
use crate::error::{AppError, ErrorCode, Validator};
use crate::text::check_line;

/// Country codes are ISO 3166-1 alpha-2, stored upper-case.
pub fn parse_country(text: &str) -> Result<String, ErrorCode> {
    let code = text.trim().to_ascii_uppercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(ErrorCode::InvalidCountry)
    }
}

/// The Latin name must be readable by staff who do not read the native
/// script: it may carry accents (Kraków) but not CJK or Arabic letters.
fn is_latin_text(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    })
}

pub fn validate_member(mut input: MemberInput) -> Result<MemberInput, AppError> {
    let mut v = Validator::new();
    check_line(&mut v, "name_native", &mut input.name_native, 200, true);
    check_line(&mut v, "name_latin", &mut input.name_latin, 200, true);
    if !input.name_latin.is_empty() && !is_latin_text(&input.name_latin) {
        v.add("name_latin", ErrorCode::NotLatinScript);
    }
    if let Some(country) = v.check("country", parse_country(&input.country)) {
        input.country = country;
    }
    v.finish()?;
    Ok(input)
}

impl MemberPatch {
    pub fn apply_to(self, current: MemberInput) -> MemberInput {
        MemberInput {
            kind: self.kind.unwrap_or(current.kind),
            name_native: self.name_native.unwrap_or(current.name_native),
            name_latin: self.name_latin.unwrap_or(current.name_latin),
            country: self.country.unwrap_or(current.country),
        }
    }
}

/// A committee's name, in any language.
pub const COMMITTEE_NAME_MAX: usize = 200;

pub fn validate_committee(mut input: CommitteeInput) -> Result<CommitteeInput, AppError> {
    let mut v = Validator::new();
    check_line(&mut v, "name", &mut input.name, COMMITTEE_NAME_MAX, true);
    check_line(&mut v, "sector", &mut input.sector, 100, true);
    v.finish()?;
    Ok(input)
}

pub fn validate_council_member(
    mut input: CouncilMemberInput,
) -> Result<CouncilMemberInput, AppError> {
    let mut v = Validator::new();
    check_line(&mut v, "name", &mut input.name, 200, true);
    input.organization = input.organization.trim().to_owned();
    v.finish()?;
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::types::MemberKind;

    fn quanzhou() -> MemberInput {
        MemberInput {
            kind: MemberKind::City,
            name_native: " 泉州 ".into(),
            name_latin: "Quanzhou".into(),
            country: "cn".into(),
        }
    }

    #[test]
    fn a_city_is_trimmed_and_its_country_upper_cased() {
        let member = validate_member(quanzhou()).unwrap();
        assert_eq!(member.name_native, "泉州");
        assert_eq!(member.country, "CN");
    }

    #[test]
    fn a_latin_name_may_carry_accents_but_not_other_scripts() {
        let mut m = quanzhou();
        m.name_latin = "Kraków Łódź Hội An".into();
        assert!(validate_member(m).is_ok());
        let mut m = quanzhou();
        m.name_latin = "泉州".into();
        assert_eq!(
            validate_member(m).unwrap_err().field_messages("name_latin"),
            vec![ErrorCode::NotLatinScript]
        );
    }

    #[test]
    fn missing_names_and_bad_countries_are_all_reported() {
        let err = validate_member(MemberInput {
            country: "China".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(err.field_messages("name_native"), vec![ErrorCode::Required]);
        assert_eq!(err.field_messages("name_latin"), vec![ErrorCode::Required]);
        assert_eq!(
            err.field_messages("country"),
            vec![ErrorCode::InvalidCountry]
        );
    }

    #[test]
    fn committees_need_a_name_and_sector() {
        let err = validate_committee(CommitteeInput::default()).unwrap_err();
        assert_eq!(err.field_messages("name"), vec![ErrorCode::Required]);
        assert_eq!(err.field_messages("sector"), vec![ErrorCode::Required]);
    }
}
