//! The rules every area's text fields follow, written once: a one-line
//! text (a name, a title, a place) and a paragraph (an intro, a
//! description). One error code per rule: `required`, `too_long`,
//! `line_break` (a line break in a one-line text) and `invalid_characters`
//! (any other control character: a NUL fails on PostgreSQL, and the rest
//! break mail headers, calendar lines and badges).

use crate::error::{ErrorCode, Validator};

/// A one-line text: trimmed, bounded, no line breaks or control
/// characters.
pub fn line(text: &str, max: usize, required: bool) -> Result<String, ErrorCode> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(ErrorCode::Required);
    }
    if text.chars().count() > max {
        return Err(ErrorCode::TooLong);
    }
    if text.contains(['\n', '\r']) {
        return Err(ErrorCode::LineBreak);
    }
    if text.chars().any(char::is_control) {
        return Err(ErrorCode::InvalidCharacters);
    }
    Ok(text.to_owned())
}

/// A text of several lines: trimmed, bounded, line breaks and tabs
/// allowed, other control characters not; `\r\n` stored as `\n`.
pub fn paragraph(text: &str, max: usize, required: bool) -> Result<String, ErrorCode> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(ErrorCode::Required);
    }
    if text.chars().count() > max {
        return Err(ErrorCode::TooLong);
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(ErrorCode::InvalidCharacters);
    }
    Ok(text.replace("\r\n", "\n"))
}

/// `text` checked in place as the one-line field `field` of a form: kept
/// trimmed when good, else its problem noted in `v` (and left as typed).
pub fn check_line(v: &mut Validator, field: &str, text: &mut String, max: usize, required: bool) {
    if let Some(good) = v.check(field, line(text, max, required)) {
        *text = good;
    }
}

/// As [`check_line`], for a paragraph.
pub fn check_paragraph(
    v: &mut Validator,
    field: &str,
    text: &mut String,
    max: usize,
    required: bool,
) {
    if let Some(good) = v.check(field, paragraph(text, max, required)) {
        *text = good;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_code_per_rule() {
        assert_eq!(line("  Hall A ", 10, true), Ok("Hall A".into()));
        assert_eq!(line("   ", 10, true), Err(ErrorCode::Required));
        assert_eq!(line("", 10, false), Ok(String::new()));
        assert_eq!(line("Hall A", 3, true), Err(ErrorCode::TooLong));
        assert_eq!(line("Hall\nA", 10, true), Err(ErrorCode::LineBreak));
        assert_eq!(line("Hall\0A", 10, true), Err(ErrorCode::InvalidCharacters));
        assert_eq!(line("Hall\tA", 10, true), Err(ErrorCode::InvalidCharacters));
        assert_eq!(paragraph("a\r\nb\tc", 10, true), Ok("a\nb\tc".into()));
        assert_eq!(
            paragraph("a\0b", 10, true),
            Err(ErrorCode::InvalidCharacters)
        );
        // Characters, not bytes: 泉州 is two.
        assert_eq!(line("泉州", 2, true), Ok("泉州".into()));
    }
}
