//! The web UI's files, served from disk: `web/` of the repository (the page, its script and
//! style) and the browser libraries npm installed in `web/node_modules` (nothing of them is in
//! the repository). The directory is [`crate::ServeOptions::web`].
//!
//! Only plain relative paths are served (no `..`, no absolute or hidden components), only
//! files with a known type, and under `/vendor/` only the packages the page uses. The page is
//! sent with a Content-Security-Policy that allows scripts from this server only, a second
//! guard, after rendering every stored text as text, against hostile article text.

use std::path::{Component, Path, PathBuf};

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// The npm packages `/vendor/` serves.
const VENDOR_PACKAGES: &[&str] = &["d3-array", "d3-geo", "topojson-client", "world-atlas"];

/// The policy the page is sent with: nothing but this server's own scripts, styles, data and
/// images; no plugins, frames or inline script.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// The content type of a file the UI serves, by extension; `None` for any other file.
fn content_type(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()? {
        "html" => Some("text/html; charset=utf-8"),
        "js" | "mjs" => Some("text/javascript; charset=utf-8"),
        "css" => Some("text/css; charset=utf-8"),
        "json" => Some("application/json"),
        "svg" => Some("image/svg+xml"),
        "png" => Some("image/png"),
        _ => None,
    }
}

/// `relative` as a path under `root`, when every component is a plain, non-hidden name.
fn under(root: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    let plain = relative.components().all(|component| match component {
        Component::Normal(name) => name.to_str().is_some_and(|name| !name.starts_with('.')),
        _ => false,
    });
    (plain && relative.components().next().is_some()).then(|| root.join(relative))
}

/// Reads `path` and answers with it, or a plain 404 (the UI's files are not API resources).
async fn file(path: Option<PathBuf>) -> Response {
    let Some(path) = path else { return StatusCode::NOT_FOUND.into_response() };
    let Some(kind) = content_type(&path) else { return StatusCode::NOT_FOUND.into_response() };
    match tokio::fs::read(&path).await {
        Ok(bytes) => {
            let mut response = bytes.into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            if kind.starts_with("text/html") {
                response.headers_mut().insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(CONTENT_SECURITY_POLICY),
                );
            }
            response
                .headers_mut()
                .insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            response
        }
        Err(error) => {
            tracing::debug!(path = %path.display(), %error, "web file not served");
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

/// The web directory, or a 404 that says how to set it.
fn web_dir(state: &AppState) -> Result<&Path, Box<Response>> {
    state.web.as_deref().ok_or_else(|| {
        Box::new(
            (
                StatusCode::NOT_FOUND,
                "the web UI is not served: start `corroborate serve` with --web DIR (the web/ \
                 folder of the repository, after `npm ci` in it)",
            )
                .into_response(),
        )
    })
}

/// `GET /`: the page.
pub(crate) async fn index(State(state): State<AppState>) -> Response {
    match web_dir(&state) {
        Ok(dir) => file(Some(dir.join("index.html"))).await,
        Err(response) => *response,
    }
}

/// `GET /api/docs`: the API's documentation page, which renders `/api/openapi.json`.
pub(crate) async fn docs(State(state): State<AppState>) -> Response {
    match web_dir(&state) {
        Ok(dir) => file(Some(dir.join("docs.html"))).await,
        Err(response) => *response,
    }
}

/// `GET /static/{path}`: the page's own files (`web/static/`).
pub(crate) async fn static_file(
    State(state): State<AppState>,
    UrlPath(path): UrlPath<String>,
) -> Response {
    match web_dir(&state) {
        Ok(dir) => file(under(&dir.join("static"), &path)).await,
        Err(response) => *response,
    }
}

/// `GET /vendor/{package}/{path}`: a file of one of the npm packages the page uses.
pub(crate) async fn vendor_file(
    State(state): State<AppState>,
    UrlPath((package, path)): UrlPath<(String, String)>,
) -> Response {
    if !VENDOR_PACKAGES.contains(&package.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match web_dir(&state) {
        Ok(dir) => file(under(&dir.join("node_modules").join(&package), &path)).await,
        Err(response) => *response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_served() {
        let root = Path::new("/srv/web");
        assert_eq!(under(root, "app.js"), Some(root.join("app.js")));
        assert_eq!(under(root, "dist/d3-geo.min.js"), Some(root.join("dist/d3-geo.min.js")));
        for bad in ["../secret.js", "a/../../b.js", "/etc/passwd", ".env", "a/.git/config", ""] {
            assert_eq!(under(root, bad), None, "{bad}");
        }
    }

    #[test]
    fn only_known_file_types_are_served() {
        assert_eq!(content_type(Path::new("a.js")), Some("text/javascript; charset=utf-8"));
        assert_eq!(content_type(Path::new("package-lock")), None);
        assert_eq!(content_type(Path::new("x.db")), None);
    }
}
