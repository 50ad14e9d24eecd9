//! What every CSV export shares (server only): a byte order mark, so that
//! spreadsheets show every script, and cells that cannot run as formulas.

/// UTF-8's byte order mark: Excel reads the file as UTF-8 only with it.
pub const BOM: &str = "\u{feff}";

/// A cell that a spreadsheet would run as a formula gets a leading
/// apostrophe (OWASP's advice against CSV injection).
pub fn safe_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_text_is_kept() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("李华"), "李华");
    }
}
