//! Registrations to and from CSV (server only): an export that opens
//! correctly in spreadsheets, and an all-or-nothing import of invited
//! delegates.

use std::collections::HashMap;

use super::types::{PersonForm, RegistrationView};
use crate::error::{AppError, ErrorCode, FieldErrors, Validator};
use crate::spreadsheet::{BOM, safe_cell};

const EXPORT_HEADER: [&str; 21] = [
    "id",
    "status",
    "category",
    "member",
    "delegation_id",
    "honorific",
    "name_native",
    "name_latin",
    "position",
    "organization",
    "email",
    "phone",
    "languages",
    "interpretation",
    "dietary",
    "access",
    "arrival",
    "departure",
    "decline_reason",
    "consented",
    "registered_at",
];

/// The registrations as CSV: UTF-8 with a byte order mark, CRLF line ends,
/// times local to the edition.
pub fn export(rows: &[RegistrationView]) -> Result<Vec<u8>, AppError> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    let fail = |err: csv::Error| {
        tracing::error!(%err, "CSV export failed");
        AppError::Internal
    };
    out.write_record(EXPORT_HEADER).map_err(fail)?;
    let moment = |m: Option<chrono::NaiveDateTime>| {
        m.map(|m| m.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    for r in rows {
        let record = [
            r.id.to_string(),
            r.status.as_str().to_owned(),
            r.category.as_str().to_owned(),
            r.member_name.clone().unwrap_or_default(),
            r.delegation_id.map(|d| d.to_string()).unwrap_or_default(),
            r.honorific.clone(),
            r.name_native.clone(),
            r.name_latin.clone(),
            r.position.clone(),
            r.organization.clone(),
            r.email.clone(),
            r.phone.clone(),
            r.languages.join(", "),
            r.interpretation.clone().unwrap_or_default(),
            r.dietary.clone(),
            r.access.clone(),
            moment(r.arrival),
            moment(r.departure),
            r.decline_reason.clone().unwrap_or_default(),
            if r.consented { "yes" } else { "no" }.to_owned(),
            r.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        ];
        out.write_record(record.iter().map(|c| safe_cell(c)))
            .map_err(fail)?;
    }
    out.into_inner().map_err(AppError::internal)
}

/// The columns an import may have; `name_latin`, `email` and `category`
/// are required, the others optional, in any order.
pub const IMPORT_COLUMNS: [&str; 15] = [
    "member",
    "honorific",
    "name_native",
    "name_latin",
    "position",
    "organization",
    "email",
    "phone",
    "category",
    "languages",
    "interpretation",
    "dietary",
    "access",
    "arrival",
    "departure",
];

/// One row of an import: the person as typed, the member named, and the
/// line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u64,
    pub member: String,
    pub person: PersonForm,
}

/// Reads an import file into rows. Problems with the file itself (no
/// header, an unknown or missing column, a row with the wrong number of
/// cells) are reported as `line.N` errors.
pub fn read_import(text: &str) -> Result<Vec<ImportRow>, AppError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(_) => return Err(AppError::field("line.1", ErrorCode::CsvUnreadable)),
    };
    let mut v = Validator::new();
    for column in &header {
        if !IMPORT_COLUMNS.contains(&column.as_str()) {
            v.add("line.1", ErrorCode::UnknownColumn(column.clone()));
        }
    }
    for required in ["name_latin", "email", "category"] {
        if !header.iter().any(|c| c == required) {
            v.add("line.1", ErrorCode::MissingColumn(required.to_owned()));
        }
    }
    v.finish()?;
    let index: HashMap<&str, usize> = header
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut rows = Vec::new();
    let mut errors = FieldErrors::new();
    let mut record = csv::StringRecord::new();
    // Lines are counted here from byte offsets: the reader's own count lags
    // by one after a CRLF, and a quoted cell may span lines.
    let bytes = text.as_bytes();
    let (mut counted, mut line) = (0usize, 1u64);
    loop {
        let mut start = (reader.position().byte() as usize).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        line += bytes[counted..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted = start;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cell = |name: &str| {
                    index
                        .get(name)
                        .and_then(|i| record.get(*i))
                        .unwrap_or("")
                        .trim()
                        .to_owned()
                };
                rows.push(ImportRow {
                    line,
                    member: cell("member"),
                    person: PersonForm {
                        name_native: cell("name_native"),
                        name_latin: cell("name_latin"),
                        honorific: cell("honorific"),
                        position: cell("position"),
                        organization: cell("organization"),
                        email: cell("email"),
                        phone: cell("phone"),
                        category: cell("category"),
                        languages: cell("languages"),
                        interpretation: cell("interpretation"),
                        dietary: cell("dietary"),
                        access: cell("access"),
                        arrival: cell("arrival"),
                        departure: cell("departure"),
                    },
                });
            }
            Err(err) => {
                let code = match err.kind() {
                    csv::ErrorKind::UnequalLengths { .. } => ErrorCode::CsvWrongCellCount,
                    _ => ErrorCode::CsvUnreadable,
                };
                errors.entry(format!("line.{line}")).or_default().push(code);
                if !matches!(err.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if rows.is_empty() {
        return Err(AppError::field("line.2", ErrorCode::CsvNoRows));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::types::{Category, RegistrationStatus};

    fn row(name_native: &str, organization: &str) -> RegistrationView {
        RegistrationView {
            id: 7,
            edition_id: 1,
            delegation_id: Some(3),
            member_name: Some("Łódź".into()),
            name_native: name_native.into(),
            name_latin: "Li Hua".into(),
            honorific: "H.E.".into(),
            position: String::new(),
            organization: organization.into(),
            email: "li@qz.example".into(),
            phone: String::new(),
            category: Category::HeadOfDelegation,
            languages: vec!["zh".into(), "en".into()],
            interpretation: None,
            dietary: String::new(),
            access: String::new(),
            arrival: None,
            departure: None,
            status: RegistrationStatus::Approved,
            decline_reason: None,
            consented: true,
            created_at: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            changed_since_approval: Vec::new(),
            erasure_requested: false,
        }
    }

    #[test]
    fn export_starts_with_a_bom_keeps_scripts_and_defuses_formulas() {
        let bytes =
            export(&[row("李华", "=HYPERLINK(\"x\")"), row("محمد, \"الأحمد\"", "")]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("\u{feff}id,status,category"));
        assert!(text.contains(",李华,Li Hua,"));
        assert!(text.contains("\"محمد, \"\"الأحمد\"\"\""));
        assert!(text.contains("'=HYPERLINK"));
        assert_eq!(text.matches("\r\n").count(), 3);
    }

    #[test]
    fn import_reads_columns_in_any_order() {
        let rows = read_import(
            "\u{feff}Email,name_latin,category,name_native\r\n\
             li@qz.example,Li Hua,delegate,李华\r\n\
             ,,,\r\n\
             ana@lodz.example,Anna Nowak,speaker,\r\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].person.name_native, "李华");
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].person.category, "speaker");
    }

    #[test]
    fn import_reports_bad_files_by_line() {
        let err = read_import("email,name,category\n").unwrap_err();
        assert_eq!(
            err.field_messages("line.1"),
            vec![
                ErrorCode::UnknownColumn("name".into()),
                ErrorCode::MissingColumn("name_latin".into())
            ]
        );
        let err =
            read_import("email,name_latin,category\na@b.example,A,delegate,extra\n").unwrap_err();
        assert_eq!(
            err.field_messages("line.2"),
            vec![ErrorCode::CsvWrongCellCount]
        );
    }
}
