//! Inputs for the benchmarks: the demo corpus (and the reference report when `../shared` is
//! present), read once into memory so that timings measure the stages, not the disk.
#![deny(missing_docs)]

pub mod generate;

use std::io::Read;
use std::path::{Path, PathBuf};

use corroborate_ingest::IngestOptions;
use corroborate_model::{AnalyzedDocument, Document};

/// A raw input: where it came from and its bytes.
#[derive(Debug, Clone)]
pub struct RawInput {
    /// File name, used by ingest to choose the format.
    pub origin: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every report of `corpus/demo`, sorted by file name.
pub fn demo_inputs() -> Vec<RawInput> {
    let dir = repo_root().join("corpus/demo");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            Some(RawInput { origin: path.to_string_lossy().into_owned(), bytes })
        })
        .collect()
}

/// Parses every input into documents, skipping the ones ingest rejects.
pub fn documents(inputs: &[RawInput]) -> Vec<Document> {
    let options = IngestOptions::default();
    inputs
        .iter()
        .flat_map(|input| corroborate_ingest::parse_bytes(&input.origin, &input.bytes, &options))
        .filter_map(Result::ok)
        .collect()
}

/// Analyses every document with the built-in resources.
pub fn analyzed(documents: &[Document]) -> Vec<AnalyzedDocument> {
    let Ok(resources) = corroborate_analyze::Resources::builtin() else {
        return Vec::new();
    };
    documents
        .iter()
        .map(|document| AnalyzedDocument {
            analysis: corroborate_analyze::analyze(document, &resources),
            document: document.clone(),
        })
        .collect()
}

/// The pages of the article-extraction benchmark (`html/<id>.html.gz` under
/// `CORROBORATE_EXTRACTION_BENCH`, by default `../shared/eval/extraction` beside the
/// repository), gunzipped into memory and sorted by id. Empty when the folder is absent; the
/// pages are never copied into the repository.
pub fn extraction_pages() -> Vec<RawInput> {
    let dir = std::env::var_os("CORROBORATE_EXTRACTION_BENCH")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/eval/extraction"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let id = name.strip_suffix(".html.gz")?;
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path).ok()?)
                .read_to_end(&mut bytes)
                .ok()?;
            Some(RawInput { origin: format!("{id}.html"), bytes })
        })
        .collect()
}
