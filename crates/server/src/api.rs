//! The endpoints: one handler per route. Each handler parses its query, then reads the store on
//! a blocking thread through [`read_store`], and answers with the model types' serde form.

use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use corroborate_model::{Claim, Document, ExportRecord, Incident};
use corroborate_store::{HitKind, Store};
use serde::Serialize;

use crate::error::{list_of, ApiError};
use crate::query::{ClaimQuery, IncidentQuery, Paging, SearchQuery};
use crate::AppState;

/// One page of a filtered list: how many items pass the filters in all, and the requested
/// slice of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// Number of items that pass the filters, before paging.
    pub total: usize,
    /// Items skipped before the first returned one.
    pub offset: usize,
    /// Largest number of items this page could hold.
    pub limit: usize,
    /// The items of this page, in store order.
    pub items: Vec<T>,
}

thread_local! {
    /// The reading connection of this blocking-pool thread, with the database it is open on.
    static READER: std::cell::RefCell<Option<(std::path::PathBuf, Store)>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `read` against a store on the blocking thread pool, once a read slot is free.
///
/// A rusqlite connection cannot be shared between threads, and SQLite calls block, so reads
/// run where blocking is allowed, each thread on its own connection, kept between requests so
/// that its prepared statements and page cache are reused; with write-ahead logging these
/// readers run beside one writer (a concurrent `corroborate ingest`), and every connection
/// waits out a writer's lock (busy timeout) rather than failing. A connection whose read failed
/// inside the store is dropped, and the next request opens a fresh one.
pub(crate) async fn read_store<T, F>(state: &AppState, read: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
{
    let db = state.db.clone();
    // Wait for a read slot here, without a thread (see `AppState::read_slots`); the slot goes
    // with the read, so a client that hangs up does not free it while its read still runs. The
    // semaphore is never closed, and if it were, reading without a slot is still correct.
    let slot = state.readers.clone().acquire_owned().await.ok();
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let cached = READER.with(|cell| cell.borrow_mut().take());
        let store = match cached {
            Some((path, store)) if path == db => store,
            _ => Store::open_mapped(&db)?,
        };
        let result = read(&store);
        if !matches!(result, Err(ApiError::Store(_))) {
            READER.with(|cell| *cell.borrow_mut() = Some((db, store)));
        }
        result
    })
    .await?
}

/// Unwraps a query string, turning axum's rejection (an unknown parameter, bad encoding) into
/// our JSON 400.
fn query_or_400<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    query.map(|Query(inner)| inner).map_err(|rejection| ApiError::BadQuery(rejection.body_text()))
}

/// The identifiers a client may send or will receive, by vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vocabulary {
    /// Event types (`type=`).
    #[serde(rename = "type")]
    pub event_type: &'static [&'static str],
    /// Incident grades (`grade=`).
    pub grade: &'static [&'static str],
    /// Fact statuses (`status=`).
    pub status: &'static [&'static str],
    /// Source kinds (`source_kind=`, and `kind=` of claims).
    pub source_kind: &'static [&'static str],
    /// Stances (`stance=` of claims).
    pub stance: &'static [&'static str],
    /// Place precisions.
    pub place_precision: &'static [&'static str],
    /// Review actions.
    pub review_action: &'static [&'static str],
}

/// `GET /api/vocabulary`: every vocabulary's ids, for filter menus.
pub(crate) async fn vocabulary() -> Json<Vocabulary> {
    use corroborate_model::{
        EventType, FactStatus, IncidentGrade, PlacePrecision, ReviewAction, SourceKind, Stance,
    };
    Json(Vocabulary {
        event_type: EventType::IDS,
        grade: IncidentGrade::IDS,
        status: FactStatus::IDS,
        source_kind: SourceKind::IDS,
        stance: Stance::IDS,
        place_precision: PlacePrecision::IDS,
        review_action: ReviewAction::IDS,
    })
}

/// The OpenAPI 3.1 description of this API, kept beside the code in `api/openapi.json`; a test
/// checks that every operation it lists is routed.
pub const OPENAPI: &str = include_str!("../api/openapi.json");

/// `GET /api/openapi.json`: [`OPENAPI`].
pub(crate) async fn openapi() -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// `GET /healthz`: the process is up and answering.
pub(crate) async fn healthz() -> &'static str {
    "ok"
}

/// `GET /api/incidents?type=&country=&grade=&…&limit=&offset=&view=`: incidents that pass the
/// filters, one page of them, whole or (`view=summary`) as summaries.
///
/// The body is the JSON of a [`Page`], written around the incidents' stored JSON rather than
/// through decoded [`Incident`]s: a page of fifty is 30 to 110 KB, and decoding and re-encoding
/// it was most of the cost of a list request.
pub(crate) async fn list_incidents(
    State(state): State<AppState>,
    query: Result<Query<IncidentQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (filter, paging, view) = query_or_400(query)?.parse()?;
    let body = read_store(&state, move |store| {
        let page = store.incidents_page_json(&filter, view, paging.offset, paging.limit)?;
        Ok(page_of_json(page.total, paging, &page.items))
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body)
        .into_response())
}

/// The JSON of a [`Page`] whose items are already JSON text: the same bytes serde writes for
/// a `Page` of the decoded items.
fn page_of_json(total: usize, paging: Paging, items: &[String]) -> String {
    let items_len: usize = items.iter().map(|item| item.len() + 1).sum();
    let mut body = String::with_capacity(64 + items_len);
    body.push_str("{\"total\":");
    body.push_str(&total.to_string());
    body.push_str(",\"offset\":");
    body.push_str(&paging.offset.to_string());
    body.push_str(",\"limit\":");
    body.push_str(&paging.limit.to_string());
    body.push_str(",\"items\":[");
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            body.push(',');
        }
        body.push_str(item);
    }
    body.push_str("]}");
    body
}

/// How many incidents passing a filter have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// `type`, `country` or `grade`.
    pub facet: &'static str,
    /// The value; empty when unknown.
    pub value: String,
    /// Number of incidents.
    pub count: usize,
}

/// `GET /api/incidents/counts?…`: with the same filters as the list, how many incidents have
/// each event type, country and grade.
pub(crate) async fn incident_counts(
    State(state): State<AppState>,
    query: Result<Query<IncidentQuery>, QueryRejection>,
) -> Result<Json<Vec<Count>>, ApiError> {
    let (filter, _, _) = query_or_400(query)?.parse()?;
    let counts = read_store(&state, move |store| {
        let counts = store.incident_counts(&filter)?;
        Ok(counts
            .into_iter()
            .map(|c| Count { facet: c.facet, value: c.value, count: c.count })
            .collect())
    })
    .await?;
    Ok(Json(counts))
}

/// One full-text search hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// `document` or `claim`.
    pub kind: &'static str,
    /// The document's or the claim's id.
    pub id: String,
    /// The document the hit is in.
    pub document: String,
    /// Plain text around the match.
    pub excerpt: String,
}

/// `GET /api/search?q=&limit=&offset=`: documents and claims whose words match, best
/// first among the newest 1,000 of each kind, then older ones newest first.
pub(crate) async fn search(
    State(state): State<AppState>,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<Page<Hit>>, ApiError> {
    let (words, paging) = query_or_400(query)?.parse()?;
    let page = read_store(&state, move |store| {
        let found = store.search(&words, paging.offset, paging.limit)?;
        let items = found
            .hits
            .into_iter()
            .map(|hit| Hit {
                kind: match hit.kind {
                    HitKind::Document => "document",
                    HitKind::Claim => "claim",
                },
                id: hit.id,
                document: hit.document,
                excerpt: hit.excerpt,
            })
            .collect();
        Ok(Page { total: found.total, offset: paging.offset, limit: paging.limit, items })
    })
    .await?;
    Ok(Json(page))
}

/// `GET /api/incidents/{id}`: one incident, by id or unique prefix.
pub(crate) async fn incident(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Incident>, ApiError> {
    let incident = read_store(&state, move |store| {
        store.incident(&id)?.ok_or(ApiError::NotFound {
            kind: "incident",
            list: list_of("incident"),
            id,
        })
    })
    .await?;
    Ok(Json(incident))
}

/// `GET /api/claims?stance=&kind=&source=&document=&narration=`: attributed claims (and the
/// outlet's narration when `narration=true`), in document ingest order, then sentence.
pub(crate) async fn list_claims(
    State(state): State<AppState>,
    query: Result<Query<ClaimQuery>, QueryRejection>,
) -> Result<Json<Vec<Claim>>, ApiError> {
    let filter = query_or_400(query)?.parse()?;
    let claims = read_store(&state, move |store| Ok(store.claims(&filter)?)).await?;
    Ok(Json(claims))
}

/// `GET /api/documents/{id}`: one document with its text, by id or unique prefix.
pub(crate) async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Document>, ApiError> {
    let document = read_store(&state, move |store| {
        store.document(&id)?.ok_or(ApiError::NotFound {
            kind: "document",
            list: list_of("document"),
            id,
        })
    })
    .await?;
    Ok(Json(document))
}

/// `GET /api/export`: the whole export record, as `corroborate export --format json` writes it.
pub(crate) async fn export(State(state): State<AppState>) -> Result<Json<ExportRecord>, ApiError> {
    let record = read_store(&state, |store| {
        let documents = store.analyzed_documents()?;
        let resolution = store.resolution()?;
        Ok(corroborate_export::build_record(&documents, &resolution))
    })
    .await?;
    Ok(Json(record))
}

/// Any other path: a JSON 404 listing the endpoints, rather than an empty body.
pub(crate) async fn no_route(uri: Uri) -> ApiError {
    ApiError::NoRoute { path: uri.path().to_string() }
}

/// Logs every request with its status and duration, so failures answered with a generic
/// message can be matched to the error logged by [`ApiError`].
pub(crate) async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    tracing::info!(%method, %path, status = response.status().as_u16(), elapsed_ms, "request");
    response
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::Router;
    use serde_json::Value;
    use tower::ServiceExt;

    use crate::testutil::{fixture, Fixture};
    use crate::{app, AppState};

    fn router(fixture: &Fixture) -> Router {
        app(AppState::new(fixture.db.clone()))
    }

    /// Sends `GET uri` and returns the status and the body as JSON (a string for text bodies).
    async fn get(router: &Router, uri: &str) -> (StatusCode, Value) {
        let request = Request::get(uri).body(Body::empty()).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        (status, body)
    }

    fn ids(items: &Value) -> Vec<&str> {
        items.as_array().unwrap().iter().map(|item| item["id"].as_str().unwrap()).collect()
    }

    #[tokio::test]
    async fn every_operation_of_the_openapi_document_is_routed() {
        let fixture = fixture();
        let router = router(&fixture);
        let spec: Value = serde_json::from_str(crate::OPENAPI).unwrap();
        assert_eq!(spec["openapi"], "3.1.0");
        let paths = spec["paths"].as_object().unwrap();
        assert!(paths.len() >= 14, "{}", paths.len());
        let claim = {
            let (_, claims) = get(&router, "/api/claims").await;
            claims[0]["id"].as_str().unwrap().to_string()
        };
        for (path, operations) in paths {
            let concrete = if path.starts_with("/api/claims/") {
                path.replace("{id}", &claim)
            } else if path.starts_with("/api/documents/") {
                path.replace("{id}", fixture.strike.as_str())
            } else {
                path.replace("{id}", "i9f8e7d6c5b4")
            };
            for (method, operation) in operations.as_object().unwrap() {
                assert!(operation["responses"].is_object(), "{method} {path} has responses");
                let request = Request::builder()
                    .method(method.to_uppercase().as_str())
                    .uri(&concrete)
                    .body(Body::empty())
                    .unwrap();
                let response = router.clone().oneshot(request).await.unwrap();
                let status = response.status();
                let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
                let body = String::from_utf8_lossy(&bytes);
                assert!(!body.contains("no endpoint"), "{method} {path} is not routed: {body}");
                assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
                let expected =
                    if method == "post" { StatusCode::UNAUTHORIZED } else { StatusCode::OK };
                assert_eq!(status, expected, "{method} {concrete}: {body}");
            }
        }
    }

    #[tokio::test]
    async fn healthz_answers_ok() {
        let fixture = fixture();
        assert_eq!(get(&router(&fixture), "/healthz").await, (StatusCode::OK, "ok".into()));
    }

    #[tokio::test]
    async fn incidents_list_all_with_total() {
        let fixture = fixture();
        let (status, body) = get(&router(&fixture), "/api/incidents").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["total"], 3);
        assert_eq!(body["limit"], crate::DEFAULT_LIMIT);
        assert_eq!(ids(&body["items"]).len(), 3);
        // The model's serde form: the event type is under "type".
        assert!(body["items"][0]["type"].is_string(), "{body}");
    }

    #[tokio::test]
    async fn incidents_filter_by_type_country_and_grade() {
        let fixture = fixture();
        let router = router(&fixture);
        let cases = [
            ("type=strike_on_vessel", vec!["i9f8e7d6c5b4"]),
            ("country=ve", vec!["i1a2b3c4d5e6"]),
            ("grade=contested", vec!["i1a2b3ffffff"]),
            ("type=air_or_drone_strike&grade=fair", vec![]),
            ("type=&country=&grade=", vec!["i1a2b3c4d5e6", "i1a2b3ffffff", "i9f8e7d6c5b4"]),
        ];
        for (query, expected) in cases {
            let (status, body) = get(&router, &format!("/api/incidents?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}: {body}");
            let mut found = ids(&body["items"]);
            found.sort_unstable();
            assert_eq!(found, expected, "{query}");
            assert_eq!(body["total"], expected.len(), "{query}");
        }
    }

    #[tokio::test]
    async fn incidents_filter_by_dates_and_count_by_facet() {
        let fixture = fixture();
        let router = router(&fixture);
        let (status, body) = get(&router, "/api/incidents?from=2099-01-01").await;
        assert_eq!((status, body["total"].as_u64()), (StatusCode::OK, Some(0)), "{body}");
        let (status, body) = get(&router, "/api/incidents?from=1990-01-01&to=2099-01-01").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = get(&router, "/api/incidents?to=1990-01-01").await;
        assert_eq!((status, body["total"].as_u64()), (StatusCode::OK, Some(0)), "{body}");
        let (status, body) = get(&router, "/api/incidents?from=yesterday").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

        let (status, counts) = get(&router, "/api/incidents/counts?type=strike_on_vessel").await;
        assert_eq!(status, StatusCode::OK, "{counts}");
        let counts = counts.as_array().unwrap();
        let country: Vec<_> = counts.iter().filter(|c| c["facet"] == "country").collect();
        assert_eq!(country.len(), 1, "{counts:?}");
        assert_eq!(
            (country[0]["value"].as_str(), country[0]["count"].as_u64()),
            (Some("CO"), Some(1))
        );
    }

    #[tokio::test]
    async fn search_finds_documents_and_claims() {
        let fixture = fixture();
        let router = router(&fixture);
        let (status, body) = get(&router, "/api/search?q=weiskopf").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let items = body["items"].as_array().unwrap();
        assert!(items.iter().any(|h| h["kind"] == "claim"), "{body}");
        assert!(items
            .iter()
            .any(|h| h["kind"] == "document" && h["id"] == fixture.strike.as_str()));
        assert!(items.iter().all(|h| h["document"] == fixture.strike.as_str()), "{body}");
        assert_eq!(body["total"].as_u64(), Some(items.len() as u64));
        let (_, none) = get(&router, "/api/search?q=submarine").await;
        assert_eq!(none["total"], 0);
        let (status, _) = get(&router, "/api/search").await;
        assert_eq!(status, StatusCode::OK, "no words, no hits");
    }

    #[tokio::test]
    async fn an_unchanged_answer_is_a_304() {
        let fixture = fixture();
        let router = router(&fixture);
        let request = Request::get("/api/incidents").body(Body::empty()).unwrap();
        let first = router.clone().oneshot(request).await.unwrap();
        assert_eq!(first.status(), StatusCode::OK);
        let tag = first.headers()["etag"].to_str().unwrap().to_string();
        let request = Request::get("/api/incidents")
            .header("if-none-match", &tag)
            .body(Body::empty())
            .unwrap();
        let again = router.clone().oneshot(request).await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers()["etag"].to_str().unwrap(), tag);
        let bytes = axum::body::to_bytes(again.into_body(), usize::MAX).await.unwrap();
        assert!(bytes.is_empty());
        // Another answer has another tag, so the old one does not match it.
        let request = Request::get("/api/incidents?limit=1")
            .header("if-none-match", &tag)
            .body(Body::empty())
            .unwrap();
        let other = router.clone().oneshot(request).await.unwrap();
        assert_eq!(other.status(), StatusCode::OK);
        assert_ne!(other.headers()["etag"].to_str().unwrap(), tag);
    }

    #[tokio::test]
    async fn incidents_page_keeps_the_total() {
        let fixture = fixture();
        let router = router(&fixture);
        let (_, all) = get(&router, "/api/incidents").await;
        let (status, page) = get(&router, "/api/incidents?limit=1&offset=1").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["total"], 3);
        assert_eq!(ids(&page["items"]), vec![ids(&all["items"])[1]]);
        let (_, beyond) = get(&router, "/api/incidents?offset=10").await;
        assert_eq!((beyond["total"].as_u64(), ids(&beyond["items"]).len()), (Some(3), 0));
    }

    /// The raw body of `GET uri`.
    async fn get_bytes(router: &Router, uri: &str) -> (StatusCode, Vec<u8>) {
        let request = Request::get(uri).body(Body::empty()).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, bytes.to_vec())
    }

    #[tokio::test]
    async fn incident_pages_are_the_serde_form_of_a_page_of_incidents() {
        let fixture = fixture();
        let router = router(&fixture);
        let store = corroborate_store::Store::open(&fixture.db).unwrap();
        let incidents = store.resolution().unwrap().incidents;
        let (status, body) = get_bytes(&router, "/api/incidents?limit=2&offset=1").await;
        assert_eq!(status, StatusCode::OK);
        let expected =
            super::Page { total: 3, offset: 1, limit: 2, items: incidents[1..].to_vec() };
        // Byte for byte what serializing the decoded page gives, so clients see no change.
        assert_eq!(String::from_utf8(body).unwrap(), serde_json::to_string(&expected).unwrap());
        let (_, full) = get_bytes(&router, "/api/incidents?limit=2&offset=1&view=full").await;
        assert_eq!(full, serde_json::to_vec(&expected).unwrap());
    }

    #[tokio::test]
    async fn summary_pages_leave_out_facts_claims_contradictions_and_the_timeline() {
        let fixture = fixture();
        let router = router(&fixture);
        let (_, full) = get(&router, "/api/incidents?country=VE").await;
        let (status, summary) = get(&router, "/api/incidents?country=VE&view=summary").await;
        assert_eq!(status, StatusCode::OK, "{summary}");
        assert_eq!(summary["total"], full["total"]);
        let mut expected = full["items"].clone();
        for item in expected.as_array_mut().unwrap() {
            let object = item.as_object_mut().unwrap();
            for key in ["facts", "claims", "contradictions", "timeline"] {
                assert!(object.remove(key).is_some(), "{key}");
            }
        }
        assert_eq!(summary["items"], expected);
        let (status, body) = get(&router, "/api/incidents?view=short").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }

    #[tokio::test]
    async fn incidents_reject_bad_values_with_the_allowed_ones() {
        let fixture = fixture();
        let router = router(&fixture);
        let (status, body) = get(&router, "/api/incidents?type=drone").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["error"]["code"], "bad_request");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("air_or_drone_strike"), "{message}");
        let (status, _) = get(&router, "/api/incidents?limit=0").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, body) = get(&router, "/api/incidents?colour=red").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown parameter is a typo: {body}");
        assert!(body["error"]["message"].as_str().unwrap().contains("colour"), "{body}");
    }

    #[tokio::test]
    async fn incident_by_unique_prefix() {
        let fixture = fixture();
        let router = router(&fixture);
        let (status, body) = get(&router, "/api/incidents/i9f8").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["id"], "i9f8e7d6c5b4");
        assert_eq!(body["place"]["country_code"], "CO");
        let (status, body) = get(&router, "/api/incidents/i1a2b3c4d5e6").await;
        assert_eq!((status, body["id"].as_str()), (StatusCode::OK, Some("i1a2b3c4d5e6")));
    }

    #[tokio::test]
    async fn incident_absent_is_a_json_404() {
        let fixture = fixture();
        let (status, body) = get(&router(&fixture), "/api/incidents/i000000000000").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["error"]["code"], "not_found");
        assert!(body["error"]["message"].as_str().unwrap().contains("i000000000000"), "{body}");
    }

    #[tokio::test]
    async fn incident_ambiguous_prefix_asks_for_more_characters() {
        let fixture = fixture();
        let (status, body) = get(&router(&fixture), "/api/incidents/i1a2b3").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(body["error"]["code"], "ambiguous_id");
    }

    #[tokio::test]
    async fn claims_list_and_filter() {
        let fixture = fixture();
        let router = router(&fixture);
        let (status, all) = get(&router, "/api/claims").await;
        assert_eq!(status, StatusCode::OK, "{all}");
        assert_eq!(all.as_array().unwrap().len(), 4, "attributed claims only: {all}");

        let (_, denials) = get(&router, "/api/claims?stance=denies").await;
        let denials = denials.as_array().unwrap();
        assert_eq!(denials.len(), 1);
        assert_eq!(denials[0]["source"]["kind"], "named_person");
        assert_eq!(denials[0]["source"]["name"], "Allie Weiskopf");

        let (_, anonymous) = get(&router, "/api/claims?kind=anonymous").await;
        assert_eq!(anonymous.as_array().unwrap().len(), 2);
        let (_, by_name) = get(&router, "/api/claims?source=weiskopf").await;
        assert_eq!(by_name.as_array().unwrap().len(), 1);

        let prefix = &fixture.vessel.as_str()[..6];
        let (status, of_vessel) = get(&router, &format!("/api/claims?document={prefix}")).await;
        assert_eq!(status, StatusCode::OK, "{of_vessel}");
        let of_vessel = of_vessel.as_array().unwrap();
        assert_eq!(of_vessel.len(), 1);
        assert_eq!(of_vessel[0]["document"], fixture.vessel.as_str());

        let (_, with_narration) = get(&router, "/api/claims?narration=true").await;
        assert_eq!(with_narration.as_array().unwrap().len(), 6, "{with_narration}");
    }

    #[tokio::test]
    async fn claims_reject_a_bad_stance() {
        let fixture = fixture();
        let (status, body) = get(&router(&fixture), "/api/claims?stance=maybe").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("stance") && message.contains("declines_to_comment"), "{message}");
    }

    #[tokio::test]
    async fn document_by_prefix_and_404() {
        let fixture = fixture();
        let router = router(&fixture);
        let prefix = &fixture.strike.as_str()[..8];
        let (status, body) = get(&router, &format!("/api/documents/{prefix}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["id"], fixture.strike.as_str());
        assert!(body["text"].as_str().unwrap().contains("Weiskopf"));
        let (status, body) = get(&router, "/api/documents/ffffffffffffffff").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        assert_eq!(body["error"]["code"], "not_found");
    }

    #[tokio::test]
    async fn export_is_the_record() {
        let fixture = fixture();
        let (status, body) = get(&router(&fixture), "/api/export").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["schema_version"], corroborate_model::EXPORT_SCHEMA_VERSION);
        assert_eq!(body["documents"].as_array().unwrap().len(), 2);
        assert_eq!(body["incidents"].as_array().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn unknown_path_is_a_json_404() {
        let fixture = fixture();
        let (status, body) = get(&router(&fixture), "/api/nothing").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body["error"]["message"].as_str().unwrap().contains("/api/incidents"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_requests_each_read_their_own_store() {
        let fixture = fixture();
        let router = router(&fixture);
        let requests: Vec<_> = (0..16)
            .map(|n| {
                let router = router.clone();
                let uri = if n % 2 == 0 { "/api/incidents" } else { "/api/claims?stance=denies" };
                tokio::spawn(async move { get(&router, uri).await.0 })
            })
            .collect();
        for request in requests {
            assert_eq!(request.await.unwrap(), StatusCode::OK);
        }
    }

    #[tokio::test]
    async fn a_store_failure_is_a_generic_500() {
        // A directory where the database file should be: opening fails inside the store.
        let dir = tempfile::tempdir().unwrap();
        let router = app(AppState::new(dir.path().to_path_buf()));
        let (status, body) = get(&router, "/api/incidents").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
        assert_eq!(body["error"]["code"], "internal");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(!message.contains(&*dir.path().to_string_lossy()), "leaks the path: {message}");
    }
}
