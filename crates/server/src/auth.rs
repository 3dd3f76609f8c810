//! The bearer token that review writes need (and reads too, when reads are closed).
//!
//! Only the token's SHA-256 is kept, in memory and in the database; a request is let through
//! when the hash of its `Authorization: Bearer …` token equals it. Comparing hashes rather
//! than tokens means the comparison's timing says nothing about the token.

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::AppState;

/// Who may do what.
#[derive(Debug, Clone)]
pub struct Auth {
    /// SHA-256 (lower-case hex) of the token; `None` refuses every write.
    token_sha256: Option<String>,
    /// Whether `GET /api/…` is answered without the token.
    pub open_reads: bool,
}

impl Default for Auth {
    /// No token (writes refused), open reads.
    fn default() -> Self {
        Auth { token_sha256: None, open_reads: true }
    }
}

impl Auth {
    /// Writes need `token`; reads are open when `open_reads`.
    pub fn with_token(token: &str, open_reads: bool) -> Auth {
        Auth { token_sha256: Some(sha256_hex(token)), open_reads }
    }

    /// Writes need the token whose SHA-256 (lower-case hex) is `sha256`.
    pub fn with_token_hash(sha256: String, open_reads: bool) -> Auth {
        Auth { token_sha256: Some(sha256), open_reads }
    }

    /// True when `presented` is the token.
    fn accepts(&self, presented: &str) -> bool {
        self.token_sha256.as_deref().is_some_and(|hash| hash == sha256_hex(presented))
    }
}

/// The lower-case hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random token: 32 bytes from the operating system, in hex.
pub fn generate_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The middleware: every request other than `GET`/`HEAD` needs the token, and so do reads of
/// `/api/` when reads are closed. The web UI's files and `/healthz` stay open.
pub(crate) async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let read = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let needs_token =
        !read || (!state.auth.open_reads && request.uri().path().starts_with("/api/"));
    if needs_token {
        let presented = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim);
        match presented {
            Some(token) if state.auth.accepts(token) => {}
            Some(_) => {
                return ApiError::Unauthorized { reason: "the token is wrong" }.into_response()
            }
            None => {
                return ApiError::Unauthorized { reason: "no `Authorization: Bearer TOKEN` header" }
                    .into_response()
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_token_is_accepted() {
        let auth = Auth::with_token("s3cret", true);
        assert!(auth.accepts("s3cret"));
        assert!(!auth.accepts("s3cret "));
        assert!(!auth.accepts(""));
        assert!(!Auth::default().accepts(""), "no token configured refuses everything");
        assert!(Auth::with_token_hash(sha256_hex("x"), true).accepts("x"));
    }

    #[test]
    fn generated_tokens_differ() {
        let a = generate_token().unwrap();
        let b = generate_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
