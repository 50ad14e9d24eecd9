//! Receipts of cost items: PDFs and photos, recognised by their content
//! (not their name or the type the browser claims), capped in size, kept
//! in the data folder under their SHA-256 and served only to those who
//! see the budget.

use std::path::PathBuf;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, Set, TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::{account_labels, find_item, log, receipt_view};
use crate::audit::{Actor, Change};
use crate::budget::entity::receipt;
use crate::budget::types::ReceiptView;
use crate::db::now;
use crate::error::{AppError, ErrorCode};

/// The largest receipt accepted: a phone photo of an invoice fits.
pub const RECEIPT_MAX_BYTES: usize = 10 * 1024 * 1024;
/// Receipts one item may carry.
pub const RECEIPTS_PER_ITEM: u64 = 20;
const FILE_NAME_MAX: usize = 160;

/// The types a receipt may be, by what its first bytes say.
const ACCEPTED: [&str; 5] = [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/heif",
];

/// The receipt's type read from its content; refused unless a PDF or an
/// image, or larger than the cap.
pub fn receipt_type(bytes: &[u8]) -> Result<&'static str, ErrorCode> {
    if bytes.is_empty() {
        return Err(ErrorCode::Required);
    }
    if bytes.len() > RECEIPT_MAX_BYTES {
        return Err(ErrorCode::FileTooLarge);
    }
    infer::get(bytes)
        .map(|kind| kind.mime_type())
        .and_then(|mime| ACCEPTED.iter().copied().find(|a| *a == mime))
        .ok_or(ErrorCode::NotAReceipt)
}

/// A file name safe to store and to send back in a header: the last part
/// of a path, no control characters, quotes or separators, bounded.
pub fn clean_file_name(name: &str, mime: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';' | '<' | '>' | '`'))
        .take(FILE_NAME_MAX)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        let extension = match mime {
            "application/pdf" => "pdf",
            "image/jpeg" => "jpg",
            "image/png" => "png",
            "image/webp" => "webp",
            _ => "heic",
        };
        format!("receipt.{extension}")
    } else {
        cleaned
    }
}

fn folder(edition_id: i64) -> PathBuf {
    crate::db::data_dir()
        .join("receipts")
        .join(edition_id.to_string())
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

pub async fn store_receipt(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    item_id: i64,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<ReceiptView, AppError> {
    let mime = receipt_type(&bytes).map_err(|code| AppError::field("file", code))?;
    let txn = db.begin().await?;
    find_item(&txn, edition_id, item_id).await?;
    let count = receipt::Entity::find()
        .filter(receipt::Column::ItemId.eq(item_id))
        .count(&txn)
        .await?;
    if count >= RECEIPTS_PER_ITEM {
        return Err(AppError::Conflict(ErrorCode::TooManyReceipts));
    }
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let saved = receipt::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        item_id: Set(item_id),
        file_name: Set(clean_file_name(file_name, mime)),
        content_type: Set(mime.to_owned()),
        size: Set(bytes.len() as i64),
        sha256: Set(sha256.clone()),
        uploaded_by: Set(actor.user_id),
        uploaded_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    log(
        &txn,
        actor,
        Change::new("created", "budget_receipt", saved.id)
            .edition(edition_id)
            .after(&saved),
    )
    .await?;
    // Written (to a temporary name, then renamed) before the row commits:
    // a failed write leaves no row pointing at nothing.
    let dir = folder(edition_id);
    blocking(move || {
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(&sha256);
        if !path.exists() {
            // Its own temporary name: two uploads of one file may race.
            let partial = dir.join(format!("{sha256}.{:016x}.partial", rand::random::<u64>()));
            std::fs::write(&partial, &bytes)?;
            std::fs::rename(&partial, &path)?;
        }
        Ok(())
    })
    .await?;
    txn.commit().await?;
    let labels = account_labels(db, saved.uploaded_by).await?;
    Ok(receipt_view(saved, &labels))
}

async fn find(
    db: &impl ConnectionTrait,
    edition_id: i64,
    item_id: i64,
    receipt_id: i64,
) -> Result<receipt::Model, AppError> {
    receipt::Entity::find_by_id(receipt_id)
        .filter(receipt::Column::EditionId.eq(edition_id))
        .filter(receipt::Column::ItemId.eq(item_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The receipt's name, type and bytes.
pub async fn read_receipt(
    db: &impl ConnectionTrait,
    edition_id: i64,
    item_id: i64,
    receipt_id: i64,
) -> Result<(String, String, Vec<u8>), AppError> {
    let row = find(db, edition_id, item_id, receipt_id).await?;
    let path = folder(edition_id).join(&row.sha256);
    let bytes = blocking(move || std::fs::read(path)).await?;
    Ok((row.file_name, row.content_type, bytes))
}

pub async fn delete_receipt(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    item_id: i64,
    receipt_id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let before = find(&txn, edition_id, item_id, receipt_id).await?;
    receipt::Entity::delete_by_id(receipt_id).exec(&txn).await?;
    log(
        &txn,
        actor,
        Change::new("deleted", "budget_receipt", receipt_id)
            .edition(edition_id)
            .before(&before),
    )
    .await?;
    let shared = receipt::Entity::find()
        .filter(receipt::Column::EditionId.eq(edition_id))
        .filter(receipt::Column::Sha256.eq(before.sha256.clone()))
        .count(&txn)
        .await?;
    txn.commit().await?;
    // The same file may back another item's receipt.
    if shared == 0 {
        let path = folder(edition_id).join(&before.sha256);
        blocking(move || match std::fs::remove_file(path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        })
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_known_by_their_content() {
        assert_eq!(receipt_type(b"%PDF-1.7\n..."), Ok("application/pdf"));
        assert_eq!(
            receipt_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Ok("image/png")
        );
        assert_eq!(
            receipt_type(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Ok("image/jpeg")
        );
        // A script named receipt.pdf is still a script.
        assert_eq!(
            receipt_type(b"<script>alert(1)</script>"),
            Err(ErrorCode::NotAReceipt)
        );
        assert_eq!(receipt_type(b"PK\x03\x04zip"), Err(ErrorCode::NotAReceipt));
        assert_eq!(receipt_type(b""), Err(ErrorCode::Required));
        let mut big = b"%PDF-1.7".to_vec();
        big.resize(RECEIPT_MAX_BYTES + 1, b' ');
        assert_eq!(receipt_type(&big), Err(ErrorCode::FileTooLarge));
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(
            clean_file_name("C:\\scans\\发票 3.pdf", "application/pdf"),
            "发票 3.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd", "image/png"), "passwd");
        assert_eq!(clean_file_name("a\"b;\n.pdf", "application/pdf"), "ab.pdf");
        assert_eq!(clean_file_name("", "image/jpeg"), "receipt.jpg");
        assert_eq!(clean_file_name(".hidden", "image/png"), "hidden");
    }
}
