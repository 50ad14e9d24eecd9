//! Pages are rendered to their end even when the browser goes away.
//! Leptos renders a page as a stream and resolves its suspense in tasks
//! of its own; when a client hung up mid-page (a phone losing its signal,
//! a proxy's timeout, wrk stopping), the request's reactive owner was
//! dropped while those tasks still read its values, and each such request
//! logged a panic ("reactive value … already disposed", "I18n context is
//! missing"): 26 of 450 requests cut short by curl on main 82caaf4. Here
//! the render runs in its own task and its body is forwarded as it comes;
//! a client that is gone only stops the forwarding.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use http::StatusCode;

/// Chunks of a page waiting for a slow client before the render waits.
const BUFFERED_CHUNKS: usize = 16;

pub async fn render_to_the_end(request: Request, next: Next) -> Response {
    let (head, response) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (parts, body) = next.run(request).await.into_parts();
        let (chunks, forwarded) = tokio::sync::mpsc::channel(BUFFERED_CHUNKS);
        let stream = futures_util::stream::unfold(forwarded, |mut forwarded| async move {
            forwarded.recv().await.map(|chunk| (chunk, forwarded))
        });
        // Fused: a reader may ask again after the end (the compression
        // layer does), which an unfolded stream must never be asked.
        let _ = head.send(Response::from_parts(
            parts,
            Body::from_stream(stream.fuse()),
        ));
        let mut body = body.into_data_stream();
        while let Some(chunk) = body.next().await {
            // Sent, or the client is gone: the render goes on either way.
            let _ = chunks.send(chunk).await;
        }
    });
    response
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}
