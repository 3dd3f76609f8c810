//! The server's two error types: [`ServerError`] for starting and running the server, and
//! [`ApiError`] for one request, which turns itself into a JSON response.
//!
//! An [`ApiError`] never sends internals to the client: a store failure becomes a 500 with a
//! generic message and the detail goes to the log, where the operator can read it.

use std::path::PathBuf;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use corroborate_store::StoreError;
use serde::Serialize;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The listening socket could not be bound.
    #[error(
        "cannot listen on {addr}: {source}; give a free host:port such as 127.0.0.1:8080 \
         with --addr, or stop the program that holds this one"
    )]
    Bind {
        /// The address as given.
        addr: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The database could not be opened before serving.
    #[error("cannot serve {path}: {source}")]
    Store {
        /// The database file.
        path: PathBuf,
        /// What the store said (its message says what to do).
        source: StoreError,
    },
    /// No random token could be made for the review API.
    #[error("cannot make a review token: {0}; pass one with --token")]
    Token(getrandom::Error),
    /// The server failed while running.
    #[error("the server stopped unexpectedly: {0}; restart it, and check the log above")]
    Serve(std::io::Error),
}

/// Why one API request failed. Its [`IntoResponse`] writes
/// `{"error": {"code": "...", "message": "..."}}` with the matching status.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// Nothing stored has the requested id (404).
    #[error("no {kind} with id {id:?} is stored; check the id, or list them at {list}")]
    NotFound {
        /// "incident" or "document".
        kind: &'static str,
        /// The id or prefix asked for.
        id: String,
        /// Where the client can list what there is.
        list: &'static str,
    },
    /// The path names no endpoint (404).
    #[error("no endpoint {path}; the API serves /api/incidents, /api/claims, /api/documents/{{id}}, /api/search, /api/export and /healthz; /api/openapi.json describes them all")]
    NoRoute {
        /// The path asked for.
        path: String,
    },
    /// An id prefix matches more than one stored item (400).
    #[error("{kind} id prefix {prefix:?} matches {count} {kind}s; give more characters")]
    AmbiguousId {
        /// "incident" or "document".
        kind: &'static str,
        /// The prefix given.
        prefix: String,
        /// How many items it matches.
        count: usize,
    },
    /// A query parameter has a value the endpoint does not accept (400).
    #[error("bad value {given:?} for query parameter `{parameter}`: {expected}")]
    BadParameter {
        /// The parameter.
        parameter: &'static str,
        /// The value given.
        given: String,
        /// What is allowed, for a person: "use one of asserts, suggests, …".
        expected: String,
    },
    /// The query string could not be read at all, e.g. an unknown parameter (400).
    #[error("bad query string: {0}")]
    BadQuery(String),
    /// A write (or a closed read) came without the right bearer token (401).
    #[error(
        "this needs the server's token: {reason}; send `Authorization: Bearer TOKEN` with the \
         token `corroborate serve` printed at its first start (or the one given with --token)"
    )]
    Unauthorized {
        /// What was wrong with the request.
        reason: &'static str,
    },
    /// A request body could not be read or says something the endpoint does not accept (400).
    #[error("bad request body: {0}")]
    BadBody(String),
    /// The store failed (500); the client gets a generic message.
    #[error("store failure: {0}")]
    Store(StoreError),
    /// The blocking task that ran the store call panicked or was cancelled (500).
    #[error("store task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl ApiError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound { .. } | ApiError::NoRoute { .. } => StatusCode::NOT_FOUND,
            ApiError::AmbiguousId { .. }
            | ApiError::BadParameter { .. }
            | ApiError::BadQuery(_)
            | ApiError::BadBody(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Store(_) | ApiError::Task(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code for the body, so clients need not parse messages.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } | ApiError::NoRoute { .. } => "not_found",
            ApiError::AmbiguousId { .. } => "ambiguous_id",
            ApiError::BadParameter { .. } | ApiError::BadQuery(_) | ApiError::BadBody(_) => {
                "bad_request"
            }
            ApiError::Unauthorized { .. } => "unauthorized",
            ApiError::Store(_) | ApiError::Task(_) => "internal",
        }
    }

    /// The message sent to the client: the error itself for client mistakes, a generic
    /// sentence for server faults, whose detail only the log sees.
    pub fn public_message(&self) -> String {
        match self {
            ApiError::Store(_) | ApiError::Task(_) => {
                "the server could not read the database; the operator can find the cause in \
                 the server log, retry later"
                    .to_string()
            }
            other => other.to_string(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { kind, id } => {
                ApiError::NotFound { kind, id, list: list_of(kind) }
            }
            StoreError::AmbiguousId { kind, prefix, count } => {
                ApiError::AmbiguousId { kind, prefix, count }
            }
            other => ApiError::Store(other),
        }
    }
}

/// The endpoint that lists items of `kind`, for not-found messages.
pub(crate) fn list_of(kind: &str) -> &'static str {
    match kind {
        "incident" => "/api/incidents",
        "claim" => "/api/claims",
        _ => "/api/export",
    }
}

/// The JSON body of an error response.
#[derive(Debug, Serialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Debug, Serialize)]
struct ErrorDetail {
    code: &'static str,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            // The client only sees the generic message; this line is the operator's only record
            // of the cause.
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::debug!(error = %self, status = status.as_u16(), "request rejected");
        }
        let body =
            ErrorBody { error: ErrorDetail { code: self.code(), message: self.public_message() } };
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_failures_hide_their_detail_from_the_client() {
        let error = ApiError::from(StoreError::Corrupt {
            what: "claim of document 1234".into(),
            detail: "secret table layout".into(),
        });
        assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!error.public_message().contains("secret"));
        assert!(error.to_string().contains("secret"), "the log keeps the detail");
    }

    #[test]
    fn store_not_found_and_ambiguous_become_client_errors() {
        let missing = ApiError::from(StoreError::NotFound { kind: "document", id: "ab".into() });
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let ambiguous = ApiError::from(StoreError::AmbiguousId {
            kind: "incident",
            prefix: "i".into(),
            count: 3,
        });
        assert_eq!(ambiguous.status(), StatusCode::BAD_REQUEST);
        assert!(ambiguous.public_message().contains("give more characters"));
    }

    #[test]
    fn bind_error_names_the_address_and_the_remedy() {
        let error = ServerError::Bind {
            addr: "127.0.0.1:80".into(),
            source: std::io::Error::from(std::io::ErrorKind::AddrInUse),
        };
        let message = error.to_string();
        assert!(message.contains("127.0.0.1:80") && message.contains("--addr"), "{message}");
        assert!(!message.ends_with('.'));
    }
}
