//! Review endpoints: an analyst accepts or rejects a claim, merges or splits incidents, or adds
//! a note. Each review is stored with who, when and why, and is never deleted; the history of
//! an incident is its own reviews and those of its claims, in the order they were made.
//!
//! Writes pass the token guard of [`crate::auth`] before they reach these handlers.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use corroborate_model::{Review, ReviewAction};
use corroborate_store::Store;
use serde::Deserialize;

use crate::api::read_store;
use crate::error::{list_of, ApiError};
use crate::AppState;

/// What a client sends to record a review.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewBody {
    /// `accept`, `reject`, `note`, and for incidents also `merge` and `split`.
    action: String,
    /// Who decides.
    reviewer: String,
    /// Why.
    note: String,
    /// For `merge`: the other incident (id or unique prefix).
    other: Option<String>,
}

/// Runs `write` against a freshly opened store on the blocking thread pool.
async fn write_store<T, F>(state: &AppState, write: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
{
    let db = state.db.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = Store::open(&db)?;
        write(&mut store)
    })
    .await?
}

/// The body, or a 400 that says what is wrong with it.
fn body_or_400(body: Result<Json<ReviewBody>, JsonRejection>) -> Result<ReviewBody, ApiError> {
    let Json(body) = body.map_err(|rejection| ApiError::BadBody(rejection.body_text()))?;
    if body.reviewer.trim().is_empty() {
        return Err(ApiError::BadBody("`reviewer` must name who decides".into()));
    }
    if body.note.trim().is_empty() {
        return Err(ApiError::BadBody("`note` must say why".into()));
    }
    Ok(body)
}

/// The action of `body`, when it is one of `allowed`.
fn action_of(body: &ReviewBody, allowed: &[ReviewAction]) -> Result<ReviewAction, ApiError> {
    let names: Vec<&str> = allowed.iter().map(|a| a.as_str()).collect();
    allowed.iter().copied().find(|a| a.as_str() == body.action).ok_or_else(|| {
        ApiError::BadBody(format!(
            "action {:?} is not one of {} here",
            body.action,
            names.join(", ")
        ))
    })
}

/// The review to store, made now.
fn review(target: String, action: ReviewAction, other: Option<String>, body: ReviewBody) -> Review {
    Review {
        id: 0,
        target,
        action,
        other,
        reviewer: body.reviewer.trim().to_string(),
        at: chrono::Utc::now(),
        note: body.note.trim().to_string(),
    }
}

/// `POST /api/claims/{id}/reviews`: accept, reject or note a claim (by its full id).
pub(crate) async fn review_claim(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<ReviewBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Review>), ApiError> {
    let body = body_or_400(body)?;
    let action =
        action_of(&body, &[ReviewAction::Accept, ReviewAction::Reject, ReviewAction::Note])?;
    let stored = write_store(&state, move |store| {
        if store.claim(&id)?.is_none() {
            return Err(ApiError::NotFound { kind: "claim", list: list_of("claim"), id });
        }
        let mut review = review(id, action, None, body);
        review.id = store.add_review(&review)?;
        Ok(review)
    })
    .await?;
    tracing::info!(id = stored.id, action = %stored.action.as_str(), target = %stored.target, "review recorded");
    Ok((StatusCode::CREATED, Json(stored)))
}

/// `POST /api/incidents/{id}/reviews`: accept, reject, merge (with `other`), split or note an
/// incident (by id or unique prefix; the full id is stored).
pub(crate) async fn review_incident(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<ReviewBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Review>), ApiError> {
    let body = body_or_400(body)?;
    let action = action_of(
        &body,
        &[
            ReviewAction::Accept,
            ReviewAction::Reject,
            ReviewAction::Merge,
            ReviewAction::Split,
            ReviewAction::Note,
        ],
    )?;
    let stored = write_store(&state, move |store| {
        let Some(incident) = store.incident(&id)? else {
            return Err(ApiError::NotFound { kind: "incident", list: list_of("incident"), id });
        };
        let other = match (action, body.other.as_deref().map(str::trim)) {
            (ReviewAction::Merge, Some(other)) if !other.is_empty() => {
                let Some(other_incident) = store.incident(other)? else {
                    return Err(ApiError::NotFound {
                        kind: "incident",
                        list: list_of("incident"),
                        id: other.to_string(),
                    });
                };
                if other_incident.id == incident.id {
                    return Err(ApiError::BadBody(
                        "an incident cannot be merged with itself".into(),
                    ));
                }
                Some(other_incident.id.to_string())
            }
            (ReviewAction::Merge, _) => {
                return Err(ApiError::BadBody(
                    "a merge needs `other`, the incident to merge with".into(),
                ))
            }
            (_, Some(other)) if !other.is_empty() => {
                return Err(ApiError::BadBody("only a merge takes `other`".into()))
            }
            _ => None,
        };
        let mut review = review(incident.id.to_string(), action, other, body);
        review.id = store.add_review(&review)?;
        Ok(review)
    })
    .await?;
    tracing::info!(id = stored.id, action = %stored.action.as_str(), target = %stored.target, "review recorded");
    Ok((StatusCode::CREATED, Json(stored)))
}

/// `GET /api/claims/{id}/reviews`: the reviews of one claim, oldest first.
pub(crate) async fn claim_reviews(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<Review>>, ApiError> {
    let reviews = read_store(&state, move |store| Ok(store.reviews(Some(&id))?)).await?;
    Ok(Json(reviews))
}

/// `GET /api/incidents/{id}/reviews`: the incident's history, its own reviews (including
/// merges that name it) and those of its claims, oldest first.
pub(crate) async fn incident_reviews(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<Review>>, ApiError> {
    let reviews = read_store(&state, move |store| {
        let Some(incident) = store.incident(&id)? else {
            return Err(ApiError::NotFound { kind: "incident", list: list_of("incident"), id });
        };
        let mut reviews = store.reviews(Some(incident.id.as_str()))?;
        for claim in &incident.claims {
            reviews.extend(store.reviews(Some(claim.as_str()))?);
        }
        reviews.sort_by_key(|review| review.id);
        reviews.dedup_by_key(|review| review.id);
        Ok(reviews)
    })
    .await?;
    Ok(Json(reviews))
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::Router;
    use serde_json::{json, Value};
    use tower::ServiceExt;

    use crate::testutil::{fixture, Fixture};
    use crate::{app, AppState, Auth};

    const TOKEN: &str = "test-token-7f3a";

    fn router(fixture: &Fixture, open_reads: bool) -> Router {
        app(AppState::with(fixture.db.clone(), Auth::with_token(TOKEN, open_reads), None))
    }

    async fn send(
        router: &Router,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => request
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
            None => request.body(Body::empty()).unwrap(),
        };
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn first_claim_of(router: &Router, incident: &str) -> String {
        let (_, body) =
            send(router, "GET", &format!("/api/incidents/{incident}"), None, None).await;
        body["claims"][0].as_str().unwrap().to_string()
    }

    #[tokio::test]
    async fn a_write_without_the_right_token_is_refused_and_stores_nothing() {
        let fixture = fixture();
        let router = router(&fixture, true);
        let claim = first_claim_of(&router, "i9f8e7d6c5b4").await;
        let uri = format!("/api/claims/{claim}/reviews");
        let body = json!({"action": "accept", "reviewer": "ana", "note": "matches the video"});
        for token in [None, Some("wrong"), Some("")] {
            let (status, answer) = send(&router, "POST", &uri, token, Some(body.clone())).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}: {answer}");
            assert_eq!(answer["error"]["code"], "unauthorized");
        }
        // A server with no token at all refuses every write.
        let closed = app(AppState::new(fixture.db.clone()));
        let (status, _) = send(&closed, "POST", &uri, Some(TOKEN), Some(body)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, reviews) = send(&router, "GET", &uri, None, None).await;
        assert_eq!((status, reviews), (StatusCode::OK, json!([])));
    }

    #[tokio::test]
    async fn accepting_a_claim_shows_in_the_incident_history() {
        let fixture = fixture();
        let router = router(&fixture, true);
        let claim = first_claim_of(&router, "i9f8e7d6c5b4").await;
        let body = json!({"action": "accept", "reviewer": "ana", "note": "matches the video"});
        let (status, stored) =
            send(&router, "POST", &format!("/api/claims/{claim}/reviews"), Some(TOKEN), Some(body))
                .await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(
            (stored["target"].as_str(), stored["reviewer"].as_str()),
            (Some(&*claim), Some("ana"))
        );
        assert!(stored["id"].as_i64().unwrap() > 0);

        let note = json!({"action": "note", "reviewer": "ben", "note": "check the port name"});
        let (status, _) =
            send(&router, "POST", "/api/incidents/i9f8/reviews", Some(TOKEN), Some(note)).await;
        assert_eq!(status, StatusCode::CREATED);

        let (status, history) =
            send(&router, "GET", "/api/incidents/i9f8/reviews", None, None).await;
        assert_eq!(status, StatusCode::OK, "{history}");
        let actions: Vec<_> =
            history.as_array().unwrap().iter().map(|r| r["action"].clone()).collect();
        assert_eq!(actions, vec![json!("accept"), json!("note")]);
        assert_eq!(history[1]["target"], "i9f8e7d6c5b4", "the full id is stored");
        assert!(history[0]["at"].as_str().unwrap().starts_with("20"));
    }

    #[tokio::test]
    async fn bad_reviews_are_400_or_404() {
        let fixture = fixture();
        let router = router(&fixture, true);
        let claim = first_claim_of(&router, "i9f8e7d6c5b4").await;
        let claim_uri = format!("/api/claims/{claim}/reviews");
        let cases = [
            (claim_uri.as_str(), json!({"action": "merge", "reviewer": "a", "note": "n"}), 400),
            (claim_uri.as_str(), json!({"action": "accept", "reviewer": " ", "note": "n"}), 400),
            (claim_uri.as_str(), json!({"action": "accept", "reviewer": "a", "note": ""}), 400),
            (claim_uri.as_str(), json!({"action": "accept", "reviewer": "a"}), 422),
            (
                "/api/claims/c000/reviews",
                json!({"action": "accept", "reviewer": "a", "note": "n"}),
                404,
            ),
            (
                "/api/incidents/i9f8/reviews",
                json!({"action": "merge", "reviewer": "a", "note": "n"}),
                400,
            ),
            (
                "/api/incidents/i9f8/reviews",
                json!({"action": "merge", "reviewer": "a", "note": "n", "other": "i9f8"}),
                400,
            ),
            (
                "/api/incidents/i9f8/reviews",
                json!({"action": "merge", "reviewer": "a", "note": "n", "other": "i000"}),
                404,
            ),
        ];
        for (uri, body, expected) in cases {
            let (status, answer) =
                send(&router, "POST", uri, Some(TOKEN), Some(body.clone())).await;
            // axum answers a body missing a field with 422; ours keeps the rejection's status.
            let expected = if expected == 422 { 400 } else { expected };
            assert_eq!(status.as_u16(), expected, "{uri} {body}: {answer}");
        }
        let merge =
            json!({"action": "merge", "reviewer": "a", "note": "same boat", "other": "i1a2b3c"});
        let (status, stored) =
            send(&router, "POST", "/api/incidents/i9f8/reviews", Some(TOKEN), Some(merge)).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(stored["other"], "i1a2b3c4d5e6");
        // The merge shows in the other incident's history too.
        let (_, history) =
            send(&router, "GET", "/api/incidents/i1a2b3c4d5e6/reviews", None, None).await;
        assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    }

    #[tokio::test]
    async fn closed_reads_need_the_token() {
        let fixture = fixture();
        let router = router(&fixture, false);
        let (status, _) = send(&router, "GET", "/api/incidents", None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = send(&router, "GET", "/api/incidents", Some(TOKEN), None).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = send(&router, "GET", "/healthz", None, None).await;
        assert_eq!(status, StatusCode::OK, "health stays open");
    }
}
