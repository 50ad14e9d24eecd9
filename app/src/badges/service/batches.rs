//! Badge batches: a category's badges made in the background into one
//! PDF, kept a while, and failed cleanly when the server stopped midway.

use super::*;

pub(super) fn batch_view(m: badge_batch::Model) -> BatchView {
    BatchView {
        id: m.id,
        edition_id: m.edition_id,
        layout: m.layout,
        selection: serde_json::from_str(&m.selection).unwrap_or_default(),
        status: m.status,
        total: m.total,
        done: m.done,
        requested_by: m.requested_by,
        created_at: m.created_at,
        finished_at: m.finished_at,
        error: m.error,
    }
}

fn batch_dir() -> std::path::PathBuf {
    crate::db::data_dir().join("badges")
}

/// Starts a batch: who is in it is decided now; the PDF is made in the
/// background (one batch at a time per process) and its progress is
/// written to the batch as it goes.
pub async fn start_batch(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
    request: BatchRequest,
) -> Result<BatchView, AppError> {
    let edition = load_edition(db, edition_id).await?.model;
    let working = badge_batch::Entity::find()
        .filter(badge_batch::Column::EditionId.eq(edition_id))
        .filter(badge_batch::Column::Status.eq(BatchStatus::Working))
        .count(db)
        .await?;
    if working >= MAX_WORKING_BATCHES {
        return Err(AppError::Conflict(ErrorCode::TooManyBatches));
    }
    let rows = select(db, edition_id, &request.selection).await?;
    if rows.is_empty() {
        return Err(AppError::Conflict(ErrorCode::NothingToPrint));
    }
    let selection = serde_json::to_string(&request.selection).map_err(AppError::internal)?;
    let batch = badge_batch::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        requested_by: Set(actor.user_id),
        selection: Set(selection),
        layout: Set(request.layout),
        status: Set(BatchStatus::Working),
        total: Set(rows.len() as i32),
        done: Set(0),
        file: Set(None),
        error: Set(None),
        created_at: Set(now()),
        finished_at: Set(None),
    }
    .insert(db)
    .await?;
    let view = batch_view(batch.clone());
    let (db, actor) = (db.clone(), actor.clone());
    tokio::spawn(async move {
        let id = batch.id;
        if let Err(err) = make_batch(&db, &actor, &edition, batch, rows).await {
            tracing::error!(batch = id, error = %err, "a badge batch failed");
            let failed = badge_batch::ActiveModel {
                id: Set(id),
                status: Set(BatchStatus::Failed),
                error: Set(Some(err.to_string())),
                finished_at: Set(Some(now())),
                ..Default::default()
            };
            if let Err(err) = failed.update(&db).await {
                tracing::error!(batch = id, error = %err, "cannot record a failed badge batch");
            }
        }
    });
    Ok(view)
}

async fn make_batch(
    db: &DatabaseConnection,
    actor: &Actor,
    edition: &edition::Model,
    batch: badge_batch::Model,
    rows: Vec<registration::Model>,
) -> Result<(), AppError> {
    let _slot = BATCH_SLOTS.acquire().await.map_err(AppError::internal)?;
    let faces = faces(db, edition, &rows).await?;
    let progress = Arc::new(AtomicUsize::new(0));
    let title = format!("Badges: {}", edition.title);
    let mut rendering = tokio::spawn(render_off_thread(
        title,
        faces,
        batch.layout,
        Some(progress.clone()),
    ));
    let pdf = loop {
        tokio::select! {
            finished = &mut rendering => break finished.map_err(AppError::internal)??,
            () = tokio::time::sleep(std::time::Duration::from_millis(250)) => {
                let done = progress.load(Ordering::Relaxed) as i32;
                badge_batch::Entity::update_many()
                    .col_expr(badge_batch::Column::Done, Expr::value(done))
                    .filter(badge_batch::Column::Id.eq(batch.id))
                    .exec(db)
                    .await?;
            }
        }
    };
    let dir = batch_dir();
    let file = format!(
        "batch-{}-{}.pdf",
        batch.id,
        hex::encode(rand::random::<[u8; 8]>())
    );
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(AppError::internal)?;
    tokio::fs::write(dir.join(&file), &pdf)
        .await
        .map_err(AppError::internal)?;
    let txn = db.begin().await?;
    record_prints(&txn, actor, &rows, Some(batch.id)).await?;
    badge_batch::ActiveModel {
        id: Set(batch.id),
        status: Set(BatchStatus::Ready),
        done: Set(rows.len() as i32),
        file: Set(Some(file)),
        finished_at: Set(Some(now())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    record(
        &txn,
        actor,
        Change::new("print", "badge_batch", batch.id)
            .edition(edition.id)
            .after(&serde_json::json!({ "badges": rows.len(), "layout": batch.layout })),
    )
    .await?;
    txn.commit().await?;
    forget_old_batches(db, edition.id).await
}

/// Deletes the PDFs of all but the newest batches of an edition.
async fn forget_old_batches(db: &DatabaseConnection, edition_id: i64) -> Result<(), AppError> {
    let old: Vec<badge_batch::Model> = badge_batch::Entity::find()
        .filter(badge_batch::Column::EditionId.eq(edition_id))
        .filter(badge_batch::Column::File.is_not_null())
        .order_by_desc(badge_batch::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .skip(KEPT_BATCH_FILES)
        .collect();
    for batch in old {
        if let Some(file) = &batch.file
            && let Err(err) = tokio::fs::remove_file(batch_dir().join(file)).await
            && err.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(batch = batch.id, error = %err, "cannot delete an old badge batch");
            continue;
        }
        badge_batch::ActiveModel {
            id: Set(batch.id),
            file: Set(None),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(())
}

pub async fn get_batch(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<BatchView, AppError> {
    badge_batch::Entity::find_by_id(id)
        .filter(badge_batch::Column::EditionId.eq(edition_id))
        .one(db)
        .await?
        .map(batch_view)
        .ok_or(AppError::NotFound)
}

/// A finished batch's PDF.
pub async fn batch_pdf(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<(String, Vec<u8>), AppError> {
    let batch = badge_batch::Entity::find_by_id(id)
        .filter(badge_batch::Column::EditionId.eq(edition_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if batch.status != BatchStatus::Ready {
        return Err(AppError::Conflict(ErrorCode::BatchNotReady));
    }
    // An old batch whose file was deleted (only the newest are kept).
    let Some(file) = batch.file else {
        return Err(AppError::NotFound);
    };
    let pdf = tokio::fs::read(batch_dir().join(&file))
        .await
        .map_err(AppError::internal)?;
    Ok((format!("badges-{}-batch-{}.pdf", edition_id, id), pdf))
}

/// Batches a server stopped in the middle of are failed, not working forever.
pub async fn fail_interrupted_batches(db: &impl ConnectionTrait) -> Result<(), AppError> {
    badge_batch::Entity::update_many()
        .col_expr(
            badge_batch::Column::Status,
            Expr::value(BatchStatus::Failed.as_str()),
        )
        .col_expr(
            badge_batch::Column::Error,
            Expr::value("the server stopped while making this batch; start it again"),
        )
        .filter(badge_batch::Column::Status.eq(BatchStatus::Working))
        .filter(badge_batch::Column::CreatedAt.lt(now() - Duration::seconds(5)))
        .exec(db)
        .await?;
    Ok(())
}
