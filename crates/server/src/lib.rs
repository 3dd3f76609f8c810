//! A read-only HTTP JSON API over a corroborate database: the incidents, claims and documents
//! the CLI shows, for scripts, dashboards and (later) the web UI.
//!
//! Endpoints (every body is the serde form of the model types, the same JSON as
//! `corroborate extract` and `export`):
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/incidents?type=&country=&grade=&status=&source_kind=&from=&to=&limit=&offset=&view=` | a [`Page`] of [`Incident`](corroborate_model::Incident)s: `{"total", "offset", "limit", "items"}`, filtered and paged in SQL; with `view=summary` each item leaves out `facts`, `claims`, `contradictions` and `timeline` |
//! | `GET /api/incidents/counts?…` (same filters) | [`Count`]s by type, country and grade |
//! | `GET /api/search?q=&limit=&offset=` | a [`Page`] of [`Hit`]s: documents and claims matching every word (the search index beside the database) |
//! | `GET /api/incidents/{id}` | one incident, by id or unique prefix |
//! | `GET /api/claims?stance=&kind=&source=&document=&narration=` | a list of [`Claim`](corroborate_model::Claim)s |
//! | `GET /api/documents/{id}` | one [`Document`](corroborate_model::Document), by id or unique prefix |
//! | `GET /api/incidents/{id}/reviews` | the incident's history: its reviews and its claims' reviews |
//! | `POST /api/incidents/{id}/reviews` | `{"action": "accept"\|"reject"\|"merge"\|"split"\|"note", "reviewer", "note", "other"?}` → 201 and the stored review |
//! | `GET`/`POST /api/claims/{id}/reviews` | a claim's reviews; record one (`accept`, `reject`, `note`) |
//! | `GET /api/incidents/{id}/claims` | the incident's [`IncidentClaim`]s: each claim with its quote, sentence and source document |
//! | `GET /api/documents/{id}/view` | a [`DocumentView`]: the text cut into [`Segment`]s labelled with sentence and claims |
//! | `GET /`, `/static/…`, `/vendor/…` | the web UI (see `web/`), when [`ServeOptions::web`] is set |
//! | `GET /api/openapi.json` | the OpenAPI 3.1 description of all of this ([`OPENAPI`]) |
//! | `GET /api/docs` | a page that renders it, offline (from `web/`) |
//! | `GET /api/vocabulary` | the ids of every [`Vocabulary`], for filter menus |
//! | `GET /api/export` | the [`ExportRecord`](corroborate_model::ExportRecord) |
//! | `GET /healthz` | `ok` |
//!
//! Every request other than `GET` needs `Authorization: Bearer TOKEN` (401 otherwise); with
//! `open_reads` off, so do reads of `/api/`. See [`ServeOptions::token`].
//!
//! Every `GET` answer that succeeds carries a strong `ETag` (an XXH3 hash of its body); a request
//! whose `If-None-Match` names it gets `304 Not Modified` with no body.
//!
//! Query values use the identifiers of DESIGN.md (`type=air_or_drone_strike`,
//! `stance=denies`, `kind=named_person`, `grade=weak`); an empty value means "no filter".
//! Errors are JSON, `{"error": {"code", "message"}}`: 404 for an unknown id or path, 400 for a
//! bad query value (the message lists the allowed values) or an ambiguous id prefix, 500 with
//! a generic message when the database fails; the cause of a 500 is logged, never sent.
//!
//! **Design.** The state holds only the database path: a SQLite connection is not `Sync`, so
//! each request opens its own store on tokio's blocking pool, and SQLite's write-ahead log lets
//! these readers run while `corroborate ingest` writes. [`app`] builds the router without
//! binding anything, so tests drive it with `tower::ServiceExt::oneshot`; [`serve`] binds and
//! runs it until Ctrl-C.
//!
//! ```no_run
//! # async fn run() -> Result<(), corroborate_server::ServerError> {
//! corroborate_server::serve(corroborate_server::ServeOptions {
//!     db: "corroborate.db".into(),
//!     addr: "127.0.0.1:8080".into(),
//!     token: None,
//!     open_reads: true,
//!     web: Some("web".into()),
//! })
//! .await
//! # }
//! ```
#![deny(missing_docs)]
// Tests unwrap freely: a panic there is a failed test with its location.
#![cfg_attr(test, allow(clippy::unwrap_used))]

mod api;
mod auth;
mod error;
mod etag;
mod query;
mod reviews;
#[cfg(test)]
mod testutil;
mod views;
mod web;

use std::path::PathBuf;
use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use corroborate_store::Store;
use tokio::sync::Semaphore;

pub use api::{Count, Hit, Page, Vocabulary, OPENAPI};
pub use auth::{generate_token, sha256_hex, Auth};
pub use corroborate_store::IncidentFilter;
pub use error::{ApiError, ServerError};
pub use query::{Paging, DEFAULT_LIMIT, MAX_LIMIT};
pub use views::{segments, DocumentView, IncidentClaim, Segment};

/// What every handler shares: where the database is and who may write. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Path of the SQLite database file.
    pub db: PathBuf,
    /// The token writes need, and whether reads need it too.
    pub auth: Auth,
    /// The web UI's directory (`web/` with its `node_modules`); `None` serves the API only.
    pub web: Option<PathBuf>,
    /// Slots for reads of the database: a read waits for one before it takes a blocking thread.
    /// See [`AppState::read_slots`].
    pub readers: Arc<Semaphore>,
}

/// Reads of the database that run at once, per core.
const READERS_PER_CORE: usize = 2;

impl AppState {
    /// Serves `db` with open reads and no token, so that every write is refused.
    pub fn new(db: PathBuf) -> AppState {
        AppState::with(db, Auth::default(), None)
    }

    /// Serves `db` with `auth`, and the web UI from `web` when given.
    pub fn with(db: PathBuf, auth: Auth, web: Option<PathBuf>) -> AppState {
        AppState { db, auth, web, readers: AppState::read_slots() }
    }

    /// Two reads per core. Without a bound, 200 concurrent requests took 200 blocking threads,
    /// each with its own SQLite connection: the threads spent a third of the time in the
    /// scheduler, and each connection counted the same list totals and kept the same pages
    /// for itself. With a few slots the same few connections serve every request, so their
    /// remembered totals and page caches are warm, and the requests beyond wait in line
    /// without a thread.
    pub fn read_slots() -> Arc<Semaphore> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Arc::new(Semaphore::new(cores * READERS_PER_CORE))
    }
}

/// How [`serve`] runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The SQLite database file.
    pub db: PathBuf,
    /// `host:port` to listen on.
    pub addr: String,
    /// The token writes need. `None` keeps the one set at an earlier start, or makes one at the
    /// first start and prints it once on stderr.
    pub token: Option<String>,
    /// Whether reads (`GET /api/…`) are answered without the token.
    pub open_reads: bool,
    /// The web UI's directory; `None` serves the API only.
    pub web: Option<PathBuf>,
}

/// The router with every endpoint, request logging and a JSON 404 for unknown paths.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(web::index))
        .route("/static/{*path}", get(web::static_file))
        .route("/vendor/{package}/{*path}", get(web::vendor_file))
        .route("/healthz", get(api::healthz))
        .route("/api/incidents", get(api::list_incidents))
        .route("/api/incidents/counts", get(api::incident_counts))
        .route("/api/incidents/{id}", get(api::incident))
        .route("/api/incidents/{id}/claims", get(views::incident_claims))
        .route("/api/documents/{id}/view", get(views::document_view))
        .route(
            "/api/incidents/{id}/reviews",
            get(reviews::incident_reviews).post(reviews::review_incident),
        )
        .route("/api/claims/{id}/reviews", get(reviews::claim_reviews).post(reviews::review_claim))
        .route("/api/search", get(api::search))
        .route("/api/vocabulary", get(api::vocabulary))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/docs", get(web::docs))
        .route("/api/claims", get(api::list_claims))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/export", get(api::export))
        .fallback(api::no_route)
        .layer(axum::middleware::from_fn(etag::etag))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::guard))
        .layer(axum::middleware::from_fn(api::log_request))
        .with_state(state)
}

/// Serves [`app`] as `options` say until Ctrl-C.
///
/// The database is opened once first, so that a missing directory, a damaged file or a schema
/// newer than this build fails here with the store's message rather than on every request; an
/// older schema is upgraded here too. Then the token is settled (see [`ServeOptions::token`]),
/// it logs `listening on http://ADDR` (with tracing, and on stderr for a user without a log
/// subscriber) and serves; Ctrl-C lets requests in flight finish before returning.
pub async fn serve(options: ServeOptions) -> Result<(), ServerError> {
    let ServeOptions { db, addr, token, open_reads, web } = options;
    // Blocking in this async fn is acceptable: nothing else runs on the runtime yet.
    let store_error = |source| ServerError::Store { path: db.clone(), source };
    let mut store = Store::open(&db).map_err(store_error)?;
    let hash = match token {
        Some(token) => {
            let hash = sha256_hex(&token);
            store.set_api_token_hash(&hash).map_err(store_error)?;
            hash
        }
        None => match store.api_token_hash().map_err(store_error)? {
            Some(hash) => hash,
            None => {
                let token = generate_token().map_err(ServerError::Token)?;
                let hash = sha256_hex(&token);
                store.set_api_token_hash(&hash).map_err(store_error)?;
                eprintln!(
                    "review token (shown only now; reviews through the API need it as \
                     `Authorization: Bearer TOKEN`; --token replaces it): {token}"
                );
                hash
            }
        },
    };
    drop(store);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|source| ServerError::Bind { addr: addr.clone(), source })?;
    let local = listener.local_addr().map_err(ServerError::Serve)?;
    tracing::info!(addr = %local, db = %db.display(), "listening on http://{local}");
    eprintln!("listening on http://{local}");
    let state = AppState::with(db, Auth::with_token_hash(hash, open_reads), web);
    axum::serve(listener, app(state))
        .with_graceful_shutdown(ctrl_c())
        .await
        .map_err(ServerError::Serve)
}

/// Resolves at Ctrl-C. When the signal cannot be watched the server runs until killed, which
/// is better than stopping at once.
async fn ctrl_c() {
    match tokio::signal::ctrl_c().await {
        Ok(()) => tracing::info!("Ctrl-C received, finishing requests in flight"),
        Err(error) => {
            tracing::warn!(%error, "cannot watch for Ctrl-C; stop the server by killing it");
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One raw HTTP/1.1 request over a real socket, retried while the server is starting.
    fn http_get(addr: &str, path: &str) -> Option<String> {
        use std::io::{Read, Write};
        for _ in 0..100 {
            if let Ok(mut stream) = std::net::TcpStream::connect(addr) {
                let request =
                    format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
                stream.write_all(request.as_bytes()).ok()?;
                let mut response = String::new();
                stream.read_to_string(&mut response).ok()?;
                return Some(response);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    }

    #[tokio::test]
    async fn serve_answers_on_its_address() {
        let fixture = testutil::fixture();
        // A port the system just handed out is almost surely still free a moment later.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr = format!("127.0.0.1:{port}");
        let db = fixture.db.clone();
        let serve_addr = addr.clone();
        let options =
            ServeOptions { db, addr: serve_addr, token: None, open_reads: true, web: None };
        let server = tokio::spawn(async move { serve(options).await });
        let response =
            tokio::task::spawn_blocking(move || http_get(&addr, "/healthz")).await.unwrap();
        server.abort();
        let response = response.expect("the server never answered");
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(response.ends_with("ok"), "{response}");
    }

    /// Ingest while serving: a writer stores reports, resolutions and reviews as fast as it can
    /// while clients read through the real server; no request may fail (SQLite's "database is
    /// locked" would be a 500) and no write may fail.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn ingesting_while_serving_never_reports_a_locked_database() {
        let fixture = testutil::fixture();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr = format!("127.0.0.1:{port}");
        let options = ServeOptions {
            db: fixture.db.clone(),
            addr: addr.clone(),
            token: Some("t".into()),
            open_reads: true,
            web: None,
        };
        let server = tokio::spawn(async move { serve(options).await });
        let probe = addr.clone();
        let up = tokio::task::spawn_blocking(move || http_get(&probe, "/healthz")).await.unwrap();
        assert!(up.is_some(), "the server never answered");

        let db = fixture.db.clone();
        let writer = std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            let mut resolution = store.resolution().unwrap();
            for n in 0..60 {
                let text = format!("Report {n}\n\nOfficials said a drone struck depot {n}.");
                let doc = testutil::document(&text, &format!("report {n}"));
                store.put_document(&doc, &corroborate_model::Analysis::default()).unwrap();
                resolution.incidents[0].grade_reason = format!("pass {n}");
                store.replace_resolution(&resolution).unwrap();
            }
        });
        let paths = ["/api/incidents?country=VE", "/api/incidents/i9f8", "/api/search?q=drone"];
        let mut readers = Vec::new();
        for reader in 0..4 {
            let addr = addr.clone();
            readers.push(tokio::task::spawn_blocking(move || {
                let mut statuses = Vec::new();
                for n in 0..40 {
                    let path = paths[(reader + n) % paths.len()];
                    let response = http_get(&addr, path).unwrap_or_default();
                    statuses.push((path, response.lines().next().unwrap_or("").to_string()));
                }
                statuses
            }));
        }
        for reader in readers {
            for (path, status) in reader.await.unwrap() {
                assert!(status.starts_with("HTTP/1.1 200"), "{path}: {status}");
            }
        }
        writer.join().expect("the writer failed while the server read");
        server.abort();
    }

    #[tokio::test]
    async fn serve_reports_an_address_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = taken.local_addr().unwrap().to_string();
        let options = ServeOptions {
            db: dir.path().join("db.sqlite"),
            addr: addr.clone(),
            token: Some("t".into()),
            open_reads: true,
            web: None,
        };
        let error = serve(options).await.unwrap_err();
        assert!(matches!(error, ServerError::Bind { .. }), "{error:?}");
        assert!(error.to_string().contains(&addr), "{error}");
    }

    #[tokio::test]
    async fn serve_reports_a_database_it_cannot_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("missing-directory").join("db.sqlite");
        let options = ServeOptions {
            db,
            addr: "127.0.0.1:0".into(),
            token: None,
            open_reads: true,
            web: None,
        };
        let error = serve(options).await.unwrap_err();
        assert!(matches!(error, ServerError::Store { .. }), "{error:?}");
    }
}
