//! From command-line arguments to inputs, and from an input to its bytes.
//!
//! Sizes are checked before reading (file metadata; for stdin, reading stops one byte past the
//! limit), so a mistaken argument costs nothing. Directory walks are sorted, so a batch always
//! runs in the same order, and skip hidden entries and symlinked directories (a symlink loop
//! must not hang the walk). Archives are not read into memory at all: their records are read
//! as the caller consumes the [`Documents`].

use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use corroborate_model::Document;

use crate::fetch::{fetch, is_url};
use crate::format::{Format, GZIP_MAGIC, WARC_MAGIC};
use crate::{parse_bytes, parse_with, read_warc, Hints, IngestError, IngestOptions, Input};

/// Extensions a directory walk picks up (compared case-insensitively, `warc.gz` as a whole).
/// Files named directly are taken whatever their extension.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "json", "jsonl", "rss", "atom", "xml", "warc",
    "warc.gz",
];

/// The results of reading one input, in input order: a document, or the error that stopped one.
///
/// An iterator rather than a list so that an archive's records are read only as they are
/// consumed: memory holds one record at a time, whatever the size of the archive.
pub struct Documents {
    inner: Box<dyn Iterator<Item = Result<Document, IngestError>> + Send>,
}

impl Documents {
    fn new(iter: impl Iterator<Item = Result<Document, IngestError>> + Send + 'static) -> Self {
        Documents { inner: Box::new(iter) }
    }

    fn one(result: Result<Document, IngestError>) -> Self {
        Documents::new(std::iter::once(result))
    }
}

impl Iterator for Documents {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

impl fmt::Debug for Documents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Documents").finish_non_exhaustive()
    }
}

/// Expands command-line arguments: files as given, directories recursively (sorted, hidden files
/// and directories skipped, only files with a [`REPORT_EXTENSIONS`] extension), `-` → stdin,
/// `http://…` and `https://…` → [`Input::Url`] (nothing is fetched yet).
/// Missing paths and unreadable directories become errors and the batch goes on; a directory
/// with no reports is an [`IngestError::NoReports`].
pub fn collect_inputs(args: &[String]) -> (Vec<Input>, Vec<IngestError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if is_url(arg) {
            inputs.push(Input::Url(arg.trim().to_string()));
            continue;
        }
        let path = PathBuf::from(arg);
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let n_before = inputs.len();
                let n_errors_before = errors.len();
                walk(&path, &mut inputs, &mut errors);
                if inputs.len() == n_before && errors.len() == n_errors_before {
                    errors.push(IngestError::NoReports { origin: arg.clone() });
                }
            }
            Ok(_) => inputs.push(Input::File(path)),
            Err(err) => errors.push(io_error(arg.clone(), err)),
        }
    }
    (inputs, errors)
}

fn io_error(origin: String, source: io::Error) -> IngestError {
    if source.kind() == io::ErrorKind::NotFound {
        IngestError::NotFound { origin }
    } else {
        IngestError::Unreadable { origin, source }
    }
}

/// Adds the report files under `dir` in sorted, depth-first order (`sub/deeper/y.md` before
/// `sub/z.jsonl`, as the paths sort).
fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<IngestError>) {
    enum Entry {
        Dir(PathBuf),
        File(PathBuf),
    }
    // An explicit stack keeps deep trees off the call stack; children are pushed in reverse so
    // they pop in sorted order.
    let mut stack = vec![Entry::Dir(dir.to_path_buf())];
    while let Some(entry) = stack.pop() {
        let current = match entry {
            Entry::File(path) => {
                inputs.push(Input::File(path));
                continue;
            }
            Entry::Dir(path) => path,
        };
        let read = match fs::read_dir(&current) {
            Ok(read) => read,
            Err(err) => {
                errors.push(io_error(current.display().to_string(), err));
                continue;
            }
        };
        let mut children: Vec<PathBuf> = Vec::new();
        for child in read {
            match child {
                Ok(child) => children.push(child.path()),
                Err(err) => errors.push(io_error(current.display().to_string(), err)),
            }
        }
        children.sort();
        let mut kept = Vec::new();
        for child in children {
            let hidden = child.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            let Ok(link_meta) = fs::symlink_metadata(&child) else {
                continue;
            };
            if link_meta.is_dir() {
                kept.push(Entry::Dir(child));
            } else if is_report_file(&child) && fs::metadata(&child).is_ok_and(|m| m.is_file()) {
                kept.push(Entry::File(child));
            }
        }
        stack.extend(kept.into_iter().rev());
    }
}

fn is_report_file(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let name = name.to_string_lossy().to_ascii_lowercase();
    REPORT_EXTENSIONS
        .iter()
        .any(|ext| name.strip_suffix(ext).is_some_and(|stem| stem.len() > 1 && stem.ends_with('.')))
}

/// Reads one input (a file, a directory's reports, or stdin) and parses it; one input may hold
/// several documents (a JSON array, JSONL lines, feed items, WARC records), each its own result.
///
/// WARC and WARC.gz archives (by extension, or sniffed from the first bytes when the name says
/// nothing) are streamed with [`read_warc`]; the size limit then applies to each record, not to
/// the archive. Other inputs are checked against the limit before they are read.
///
/// A URL is fetched with [`IngestOptions::fetch`] and parsed by its `Content-Type` (format and
/// charset), else its extension and bytes. With [`IngestOptions::follow_links`], each feed item
/// that links to an http(s) page is replaced by that page, fetched the same way; an item whose
/// page cannot be fetched is one error, and its summary is still read.
pub fn read_input(input: &Input, options: &IngestOptions) -> Documents {
    let documents = read_input_unfollowed(input, options);
    if !options.follow_links {
        return documents;
    }
    let options = options.clone();
    Documents::new(documents.flat_map(move |result| follow_link(result, &options)))
}

fn read_input_unfollowed(input: &Input, options: &IngestOptions) -> Documents {
    let origin = input.to_string();
    match input {
        Input::Url(url) => match fetch(url, &options.fetch, options.max_bytes) {
            Ok(page) => {
                let hints = Hints {
                    format: page.media_type.as_deref().and_then(Format::from_media_type),
                    charset: page.charset.as_deref(),
                    url: Some(&page.url),
                };
                Documents::new(parse_with(url, &page.body, &hints, options).into_iter())
            }
            Err(err) => Documents::one(Err(err)),
        },
        Input::Stdin => open_stream(origin, io::stdin(), None, options),
        Input::File(path) => match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => read_directory(path, options),
            Ok(meta) => match fs::File::open(path) {
                Ok(file) => open_stream(origin, file, Some(meta.len()), options),
                Err(err) => Documents::one(Err(io_error(origin, err))),
            },
            Err(err) => Documents::one(Err(io_error(origin, err))),
        },
    }
}

/// Streams an archive, or reads anything else whole (`known_len`, when the file system gives
/// one, refuses an oversized input before any byte is read).
fn open_stream(
    origin: String,
    reader: impl Read + Send + 'static,
    known_len: Option<u64>,
    options: &IngestOptions,
) -> Documents {
    let mut reader = BufReader::new(reader);
    let named = Format::from_origin(&origin);
    let is_archive = match named {
        Some(format) => format == Format::Warc,
        None => match reader.fill_buf() {
            Ok(head) => head.starts_with(WARC_MAGIC) || head.starts_with(GZIP_MAGIC),
            Err(err) => return Documents::one(Err(io_error(origin, err))),
        },
    };
    if is_archive {
        return Documents::new(read_warc(&origin, reader, options));
    }
    if known_len.is_some_and(|len| len > options.max_bytes) {
        return Documents::one(Err(IngestError::TooLarge { origin, max_bytes: options.max_bytes }));
    }
    match read_limited(reader, &origin, options.max_bytes) {
        Ok(raw) => Documents::new(parse_bytes(&origin, &raw, options).into_iter()),
        Err(err) => Documents::one(Err(err)),
    }
}

/// With `--follow-links`: a feed item (origin `…#item-N`) with an http(s) link becomes the page
/// it links to, keeping the item's origin; when the page cannot be read, the error comes first
/// and then the item as the feed gave it.
fn follow_link(
    result: Result<Document, IngestError>,
    options: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let item = match result {
        Ok(doc) if doc.origin.contains("#item-") && doc.url.as_deref().is_some_and(is_url) => doc,
        other => return vec![other],
    };
    let link = item.url.clone().unwrap_or_default();
    let origin = format!("{} -> {link}", item.origin);
    let page = fetch(&link, &options.fetch, options.max_bytes).and_then(|page| {
        let hints = Hints {
            format: page.media_type.as_deref().and_then(Format::from_media_type),
            charset: page.charset.as_deref(),
            url: Some(&page.url),
        };
        let mut results = parse_with(&origin, &page.body, &hints, options);
        match results.len() {
            1 => results.remove(0),
            _ => Err(IngestError::Fetch {
                origin: link.clone(),
                problem: "the linked page is not one article".to_string(),
            }),
        }
    });
    match page {
        Ok(mut doc) => {
            doc.origin = item.origin.clone();
            // The feed knows the item's date and author even when the page hides them.
            doc.published = doc.published.or(item.published);
            if doc.published_from == corroborate_model::DateProvenance::None {
                doc.published_from = item.published_from;
            }
            doc.author = doc.author.or(item.author);
            doc.publisher = doc.publisher.or(item.publisher);
            vec![Ok(doc)]
        }
        Err(err) => vec![Err(relabel(err, &item.origin)), Ok(item)],
    }
}

/// Names the feed item in an error about the page it links to.
fn relabel(err: IngestError, item: &str) -> IngestError {
    match err {
        IngestError::Fetch { origin, problem } => {
            IngestError::Fetch { origin: format!("{item} -> {origin}"), problem }
        }
        IngestError::Refused { origin, url, address } => {
            IngestError::Refused { origin: format!("{item} -> {origin}"), url, address }
        }
        IngestError::HttpStatus { origin, url, status } => {
            IngestError::HttpStatus { origin: format!("{item} -> {origin}"), url, status }
        }
        IngestError::TooLarge { origin, max_bytes } => {
            IngestError::TooLarge { origin: format!("{item} -> {origin}"), max_bytes }
        }
        other => other,
    }
}

/// The reports of a directory, each read only when the previous one has been consumed.
fn read_directory(path: &Path, options: &IngestOptions) -> Documents {
    let (inputs, errors) = collect_inputs(&[path.display().to_string()]);
    let options = options.clone();
    let documents = inputs.into_iter().flat_map(move |input| read_input(&input, &options));
    Documents::new(errors.into_iter().map(Err).chain(documents))
}

/// Reads at most `max_bytes + 1` bytes, so that an input over the limit is detected without
/// reading all of it (a file can grow after its metadata was read; stdin has no length).
fn read_limited(reader: impl Read, origin: &str, max_bytes: u64) -> Result<Vec<u8>, IngestError> {
    let mut raw = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|err| io_error(origin.to_string(), err))?;
    if u64::try_from(raw.len()).unwrap_or(u64::MAX) > max_bytes {
        return Err(IngestError::TooLarge { origin: origin.to_string(), max_bytes });
    }
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, body: &str) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, body).unwrap();
    }

    fn names(inputs: &[Input], root: &Path) -> Vec<String> {
        inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p.strip_prefix(root).unwrap_or(p).display().to_string(),
                Input::Stdin => "-".into(),
                Input::Url(url) => url.clone(),
            })
            .collect()
    }

    #[test]
    fn directories_are_walked_sorted_skipping_hidden_and_unknown() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "b.txt", "b");
        write(root, "a.HTML", "<p>a</p>");
        write(root, "notes.pdf", "x");
        write(root, ".hidden.txt", "x");
        write(root, ".git/c.txt", "x");
        write(root, "sub/z.jsonl", "{}");
        write(root, "sub/deeper/y.md", "y");
        write(root, "c.json", "{}");
        let args = vec![root.display().to_string(), "-".to_string()];
        let (inputs, errors) = collect_inputs(&args);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            names(&inputs, root),
            ["a.HTML", "b.txt", "c.json", "sub/deeper/y.md", "sub/z.jsonl", "-"]
        );
    }

    #[test]
    fn missing_paths_and_empty_directories_are_errors_and_the_batch_goes_on() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "report.bin", "x");
        fs::create_dir(root.join("empty")).unwrap();
        let file = root.join("report.bin").display().to_string();
        let missing = root.join("missing.txt").display().to_string();
        let empty = root.join("empty").display().to_string();
        let (inputs, errors) = collect_inputs(&[missing.clone(), file.clone(), empty.clone()]);
        assert_eq!(inputs, [Input::File(PathBuf::from(&file))], "files are taken as given");
        assert_eq!(errors.len(), 2);
        assert!(matches!(&errors[0], IngestError::NotFound { origin } if *origin == missing));
        assert!(matches!(&errors[1], IngestError::NoReports { origin } if *origin == empty));
        assert!(errors[0].to_string().ends_with("no such file or directory; check the path"));
    }

    #[test]
    fn read_input_checks_size_before_reading_and_parses() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "r.txt", "Dock Struck\n\nA dock was struck.");
        let input = Input::File(tmp.path().join("r.txt"));
        let docs: Vec<_> = read_input(&input, &IngestOptions::default()).collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.origin, input.to_string());
        assert_eq!(doc.title.as_deref(), Some("Dock Struck"));

        let tiny = IngestOptions { max_bytes: 5, ..IngestOptions::default() };
        let results: Vec<_> = read_input(&input, &tiny).collect();
        assert!(matches!(&results[..], [Err(IngestError::TooLarge { .. })]));

        let missing = Input::File(tmp.path().join("gone.txt"));
        let results: Vec<_> = read_input(&missing, &IngestOptions::default()).collect();
        assert!(matches!(&results[..], [Err(IngestError::NotFound { .. })]));
    }

    #[test]
    fn read_input_of_a_directory_reads_its_reports() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "one.txt", "First.");
        write(tmp.path(), "two.txt", "Second.");
        let results: Vec<_> =
            read_input(&Input::File(tmp.path().to_path_buf()), &IngestOptions::default()).collect();
        let texts: Vec<_> = results.iter().map(|r| r.as_ref().unwrap().text.as_str()).collect();
        assert_eq!(texts, ["First.", "Second."]);
    }

    #[test]
    fn read_limited_stops_past_the_limit() {
        let err = read_limited(&b"0123456789"[..], "-", 4).unwrap_err();
        assert!(matches!(err, IngestError::TooLarge { max_bytes: 4, .. }));
        assert_eq!(read_limited(&b"0123"[..], "-", 4).unwrap(), b"0123");
    }
}
