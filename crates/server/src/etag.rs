//! ETags: every successful `GET` answer carries a hash of its body, and a client that already
//! holds that body (its `If-None-Match` names the tag) gets `304 Not Modified` without it.
//!
//! The tag is computed from the body, so it changes exactly when the answer does, whatever
//! wrote to the database (ingest, resolve, a review) and with no bookkeeping in the store.
//! The hash is XXH3's 128-bit one: a tag only has to tell a client's copy from a changed
//! answer, not resist someone forging collisions with their own answers, and XXH3 hashes a
//! 110 KB list page in microseconds where SHA-256 took a tenth of a millisecond or more.

use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest body that gets a tag; bigger ones (a whole export) pass through untagged.
const MAX_TAGGED_BODY: usize = 64 * 1024 * 1024;

/// The quoted strong tag of `body`: its 128-bit XXH3 hash, in hex.
pub(crate) fn tag_of(body: &[u8]) -> String {
    format!("\"{:032x}\"", xxhash_rust::xxh3::xxh3_128(body))
}

/// True when `If-None-Match` lists `tag` (weak or strong) or is `*`.
fn matches(headers: &HeaderMap, tag: &str) -> bool {
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).any(|value| {
        value
            .split(',')
            .map(str::trim)
            .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == tag)
    })
}

/// The middleware: tags `GET` answers with status 200 and answers 304 when the client's copy
/// is current.
pub(crate) async fn etag(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let request_headers = request.headers().clone();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let small =
        matches!(response.body().size_hint().exact(), Some(size) if size <= MAX_TAGGED_BODY as u64);
    if !small {
        // Streamed or huge: pass it through untagged rather than hold it in memory.
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_TAGGED_BODY).await else {
        // The body failed while read: it is gone, so answer with a generic failure.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let tag = tag_of(&bytes);
    let Ok(value) = HeaderValue::from_str(&tag) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.insert(header::ETAG, value);
    parts.headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-cache"));
    if matches(&request_headers, &tag) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::ETAG, header::CACHE_CONTROL] {
            if let Some(value) = parts.headers.get(&name) {
                not_modified.headers_mut().insert(name, value.clone());
            }
        }
        return not_modified;
    }
    Response::from_parts(parts, Body::from(bytes))
}
