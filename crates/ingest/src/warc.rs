//! WARC and WARC.gz archives (as Common Crawl's news crawl publishes them), read as a stream.
//!
//! Only one record is held in memory at a time, so memory does not grow with the archive. A
//! record is a version line, `Name: value` header lines, a blank line and `Content-Length`
//! bytes of block; the header format is simple enough that a parser of our own is shorter than
//! adapting a crate to stream. Response records whose HTTP payload is HTML (and resource
//! records holding HTML) become documents through the HTML path; every other record (requests,
//! metadata, `warcinfo`, images, redirects) is skipped and counted.
//!
//! Compression is detected from the first bytes, not the file name: gzip members, one per
//! record or one for the whole archive, are read back to back. A stream that ends inside a
//! record, or whose framing breaks, gives one error for that record and ends the iteration; the
//! documents before it have already come out.

use std::io::{self, BufRead, BufReader, Read};
use std::iter::FusedIterator;

use corroborate_model::{DateProvenance, Document};
use flate2::bufread::{DeflateDecoder, GzDecoder, MultiGzDecoder, ZlibDecoder};

use crate::dates::{date_in_url, parse_date};
use crate::format::{Format, GZIP_MAGIC};
use crate::{decode, finish, html, IngestError, IngestOptions};

/// Longest header line read; real ones are a few hundred bytes, and a bound keeps a block with
/// no line breaks from being read whole in search of one.
const MAX_LINE: u64 = 64 * 1024;

/// Most header lines in one record.
const MAX_HEADER_LINES: usize = 1024;

/// Reads the WARC or WARC.gz archive `reader` (compression is detected), one record at a time:
/// the returned iterator yields a document for each HTML response, `<origin>#record-N` (N
/// counting every record from 1) as its origin and the HTTP payload as its identity, so the
/// same page saved as a file gets the same id.
///
/// Records larger than [`IngestOptions::max_bytes`] are skipped unread with an
/// [`IngestError::TooLarge`]; a page that cannot be read is an [`IngestError::WarcPayload`]
/// or [`IngestError::NoText`] and the reading goes on; a truncated stream
/// ([`IngestError::Truncated`]) or broken framing ([`IngestError::Warc`]) is the last item.
///
/// The date of a page is its own (JSON-LD, `<meta>`, `<time>`, its URL); the crawl's
/// `WARC-Date` is used only when neither the page nor [`IngestOptions::published`] gives one,
/// recorded as [`DateProvenance::Meta`].
///
/// ```
/// use corroborate_ingest::{read_warc, IngestOptions};
///
/// let page = "<html><body><p>A dock was struck, officials said.</p></body></html>";
/// let http = format!(
///     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}",
///     page.len()
/// );
/// let archive = format!(
///     "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/dock\r\n\
///      Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
///     http.len()
/// );
/// let mut docs = read_warc("crawl.warc", archive.as_bytes(), &IngestOptions::default());
/// let doc = docs.next().unwrap().unwrap();
/// assert_eq!(doc.origin, "crawl.warc#record-1");
/// assert_eq!(doc.url.as_deref(), Some("https://news.example/dock"));
/// assert!(docs.next().is_none());
/// assert_eq!(docs.counts().documents, 1);
/// ```
pub fn read_warc<R: Read>(origin: &str, reader: R, options: &IngestOptions) -> WarcDocuments<R> {
    let mut buffered = BufReader::new(reader);
    let (source, pending) = match buffered.fill_buf() {
        Ok(head) if head.starts_with(GZIP_MAGIC) => {
            (Source::Gzip(BufReader::new(MultiGzDecoder::new(buffered))), None)
        }
        Ok(_) => (Source::Plain(buffered), None),
        Err(err) => (
            Source::Plain(buffered),
            Some(IngestError::Unreadable { origin: origin.to_string(), source: err }),
        ),
    };
    WarcDocuments {
        origin: origin.to_string(),
        options: options.clone(),
        source,
        pending,
        n_records: 0,
        counts: WarcCounts::default(),
        done: false,
    }
}

/// The documents of a WARC archive, read one record at a time; made by [`read_warc`].
pub struct WarcDocuments<R: Read> {
    origin: String,
    options: IngestOptions,
    source: Source<R>,
    pending: Option<IngestError>,
    n_records: usize,
    counts: WarcCounts,
    done: bool,
}

/// What a WARC archive held, so far as it has been read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WarcCounts {
    /// Records read (including skipped and failed ones).
    pub records: usize,
    /// Documents yielded.
    pub documents: usize,
    /// Records that hold no HTML page (requests, metadata, images, redirects …), passed over.
    pub skipped: usize,
    /// Errors yielded.
    pub failed: usize,
}

impl<R: Read> WarcDocuments<R> {
    /// How many records were read, yielded, skipped and failed so far; complete once the
    /// iterator has returned `None`.
    pub fn counts(&self) -> WarcCounts {
        self.counts
    }

    fn record_origin(&self) -> String {
        format!("{}#record-{}", self.origin, self.n_records)
    }

    /// Reads the next record: `Ok(None)` at the clean end of the archive, `Err` when the stream
    /// can no longer be read.
    fn next_record(&mut self) -> Result<Option<Step>, Failure> {
        let reader = self.source.reader();
        let header = read_header(reader).map_err(|f| Failure::BeforeRecord(Box::new(f)))?;
        let Some(header) = header else {
            return Ok(None);
        };
        self.n_records += 1;
        self.counts.records += 1;
        let length = header
            .get("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .ok_or_else(|| Failure::Malformed("the record has no valid Content-Length".into()))?;
        let kind = Record::of(&header);
        if kind == Record::Other {
            skip_block(self.source.reader(), length)?;
            return Ok(Some(Step::Skipped));
        }
        let origin = self.record_origin();
        if length > self.options.max_bytes {
            skip_block(self.source.reader(), length)?;
            return Ok(Some(Step::Yield(Err(IngestError::TooLarge {
                origin,
                max_bytes: self.options.max_bytes,
            }))));
        }
        let block = read_block(self.source.reader(), length)?;
        let page = match kind {
            Record::Response => match http_page(&block, self.options.max_bytes) {
                Ok(Some(page)) => page,
                Ok(None) => return Ok(Some(Step::Skipped)),
                Err(problem) => {
                    return Ok(Some(Step::Yield(Err(IngestError::WarcPayload { origin, problem }))))
                }
            },
            Record::Resource | Record::Other => HttpPage { body: block, charset: None },
        };
        Ok(Some(Step::Yield(self.document(origin, &header, &page))))
    }

    /// Reads the page of one record through the HTML path.
    fn document(
        &self,
        origin: String,
        header: &Header,
        page: &HttpPage,
    ) -> Result<Document, IngestError> {
        let text = decode::decode_declared(&page.body, page.charset.as_deref());
        let mut extracted = html::extract(&text, None)
            .filter(|ex| !ex.paragraphs.is_empty())
            .ok_or_else(|| IngestError::NoText { origin: origin.clone() })?;
        let target = header
            .get("warc-target-uri")
            .map(|uri| uri.trim().trim_start_matches('<').trim_end_matches('>').to_string())
            .filter(|uri| !uri.is_empty());
        if extracted.url.is_none() {
            extracted.url = target.clone();
        }
        if extracted.published.is_none() {
            extracted.published =
                target.as_deref().and_then(date_in_url).map(|d| (d, DateProvenance::Url));
        }
        if extracted.published.is_none() && self.options.published.is_none() {
            extracted.published = header
                .get("warc-date")
                .and_then(parse_date)
                .map(|date| (date, DateProvenance::Meta));
        }
        Ok(finish(&origin, &page.body, extracted, &self.options))
    }
}

impl<R: Read> Iterator for WarcDocuments<R> {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(err) = self.pending.take() {
            self.done = true;
            self.counts.failed += 1;
            return Some(Err(err));
        }
        while !self.done {
            match self.next_record() {
                Ok(None) => {
                    self.done = true;
                    if self.n_records == 0 {
                        self.counts.failed += 1;
                        return Some(Err(IngestError::Empty { origin: self.origin.clone() }));
                    }
                }
                Ok(Some(Step::Skipped)) => self.counts.skipped += 1,
                Ok(Some(Step::Yield(result))) => {
                    match &result {
                        Ok(_) => self.counts.documents += 1,
                        Err(_) => self.counts.failed += 1,
                    }
                    return Some(result);
                }
                Err(failure) => {
                    self.done = true;
                    self.counts.failed += 1;
                    // A failure in a header names the record that was being started.
                    if matches!(failure, Failure::BeforeRecord(_)) {
                        self.n_records += 1;
                    }
                    return Some(Err(failure.into_error(self.record_origin())));
                }
            }
        }
        None
    }
}

impl<R: Read> FusedIterator for WarcDocuments<R> {}

/// The byte stream under the records, decompressed when it is gzip.
enum Source<R: Read> {
    Plain(BufReader<R>),
    Gzip(BufReader<MultiGzDecoder<BufReader<R>>>),
}

impl<R: Read> Source<R> {
    fn reader(&mut self) -> &mut dyn BufRead {
        match self {
            Source::Plain(reader) => reader,
            Source::Gzip(reader) => reader,
        }
    }
}

/// What one record came to.
// One value per record, moved once into the caller: boxing the document would only add an
// allocation.
#[allow(clippy::large_enum_variant)]
enum Step {
    Skipped,
    Yield(Result<Document, IngestError>),
}

/// Why the stream cannot be read further.
#[derive(Debug)]
enum Failure {
    /// The stream ended inside a record.
    Truncated(String),
    /// The framing is broken (or the compressed stream is corrupt).
    Malformed(String),
    /// The stream broke while reading a record's header.
    BeforeRecord(Box<Failure>),
    /// The operating system could not read it.
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        match err.kind() {
            io::ErrorKind::UnexpectedEof => Failure::Truncated(err.to_string()),
            io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => {
                Failure::Malformed(format!("the compressed stream is corrupt: {err}"))
            }
            _ => Failure::Io(err),
        }
    }
}

impl Failure {
    fn into_error(self, origin: String) -> IngestError {
        match self {
            Failure::Truncated(detail) => IngestError::Truncated { origin, detail },
            Failure::Malformed(problem) => IngestError::Warc { origin, problem },
            Failure::BeforeRecord(inner) => inner.into_error(origin),
            Failure::Io(source) => IngestError::Unreadable { origin, source },
        }
    }
}

/// The kinds of record that may hold a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Record {
    /// An HTTP response (`application/http`).
    Response,
    /// A resource stored as it is, HTML by its content type.
    Resource,
    Other,
}

impl Record {
    fn of(header: &Header) -> Record {
        let kind = header.get("warc-type").unwrap_or_default().trim().to_ascii_lowercase();
        let content_type = header.get("content-type").unwrap_or_default().to_ascii_lowercase();
        match kind.as_str() {
            "response" if content_type.contains("application/http") => Record::Response,
            "resource" if is_html_type(&content_type) => Record::Resource,
            _ => Record::Other,
        }
    }
}

fn is_html_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence == "text/html" || essence == "application/xhtml+xml"
}

/// The named fields of one WARC header (names lower-cased) or HTTP header.
#[derive(Debug, Default)]
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Reads `Name: value` lines; a line starting with a space or tab continues the previous
    /// value. `None` for a line that is neither.
    fn push_line(&mut self, line: &str) -> Option<()> {
        if line.starts_with([' ', '\t']) {
            let (_, value) = self.fields.last_mut()?;
            value.push(' ');
            value.push_str(line.trim());
            return Some(());
        }
        let (name, value) = line.split_once(':')?;
        self.fields.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        Some(())
    }
}

/// Reads one line, at most [`MAX_LINE`] bytes, without its line ending; `None` at the end of
/// the stream.
fn read_line(reader: &mut dyn BufRead) -> Result<Option<String>, Failure> {
    let mut line = Vec::new();
    reader.take(MAX_LINE).read_until(b'\n', &mut line)?;
    if line.is_empty() {
        return Ok(None);
    }
    if !line.ends_with(b"\n") && u64::try_from(line.len()).unwrap_or(u64::MAX) >= MAX_LINE {
        return Err(Failure::Malformed(format!("a header line is longer than {MAX_LINE} bytes")));
    }
    let text = String::from_utf8_lossy(&line);
    Ok(Some(text.trim_end_matches(['\r', '\n']).to_string()))
}

/// Reads a record header: `Ok(None)` when the stream ends cleanly before one begins.
fn read_header(reader: &mut dyn BufRead) -> Result<Option<Header>, Failure> {
    let version = loop {
        match read_line(reader)? {
            None => return Ok(None),
            Some(line) if line.trim().is_empty() => continue,
            Some(line) => break line,
        }
    };
    if !version.starts_with("WARC/") {
        let shown: String = version.chars().take(40).collect();
        return Err(Failure::Malformed(format!(
            "expected a `WARC/1.x` version line, found {shown:?}"
        )));
    }
    let mut header = Header::default();
    for _ in 0..MAX_HEADER_LINES {
        match read_line(reader)? {
            None => return Err(Failure::Truncated("the stream ends inside the header".into())),
            Some(line) if line.is_empty() => return Ok(Some(header)),
            Some(line) => header.push_line(&line).ok_or_else(|| {
                let shown: String = line.chars().take(40).collect();
                Failure::Malformed(format!("header line {shown:?} is not `Name: value`"))
            })?,
        }
    }
    Err(Failure::Malformed(format!("the header has more than {MAX_HEADER_LINES} lines")))
}

/// Passes over a block of `length` bytes without keeping it.
fn skip_block(reader: &mut dyn BufRead, length: u64) -> Result<(), Failure> {
    let copied = io::copy(&mut reader.take(length), &mut io::sink())?;
    if copied < length {
        return Err(Failure::Truncated(format!("{copied} of its {length} block bytes are there")));
    }
    Ok(())
}

/// Reads a block of `length` bytes (the caller has checked it against the size limit).
fn read_block(reader: &mut dyn BufRead, length: u64) -> Result<Vec<u8>, Failure> {
    let capacity = usize::try_from(length.min(1 << 20)).unwrap_or_default();
    let mut block = Vec::with_capacity(capacity);
    reader.take(length).read_to_end(&mut block)?;
    let got = u64::try_from(block.len()).unwrap_or(u64::MAX);
    if got < length {
        return Err(Failure::Truncated(format!("{got} of its {length} block bytes are there")));
    }
    // The blank lines that close the record are passed over by the next `read_header`: reading
    // them here could run into the next gzip member, and a break there belongs to that record.
    Ok(block)
}

/// The page an HTTP response carries.
#[derive(Debug)]
struct HttpPage {
    body: Vec<u8>,
    charset: Option<String>,
}

/// Reads an HTTP response block: `Ok(None)` when it is not a successful HTML response (skipped,
/// not an error), `Err` with the problem when it is one that cannot be decoded.
fn http_page(block: &[u8], max_bytes: u64) -> Result<Option<HttpPage>, String> {
    let (head_len, body_start) = header_end(block)
        .ok_or_else(|| "the HTTP response has no blank line after its headers".to_string())?;
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let mut headers = Header::default();
    for line in lines {
        // A malformed HTTP header line says nothing we need; the page may still be fine.
        let _ = headers.push_line(line);
    }
    let raw_body = &block[body_start..];
    let content_type = headers.get("content-type").map(str::to_ascii_lowercase);
    let is_html = match &content_type {
        Some(content_type) => is_html_type(content_type),
        None => Format::sniff(raw_body) == Format::Html,
    };
    if !is_html {
        return Ok(None);
    }
    let chunked = headers
        .get("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    // Crawlers often store the payload already de-chunked while keeping the header, so a body
    // that does not parse as chunks is taken as it is.
    let dechunked = if chunked { dechunk(raw_body) } else { None };
    let body = dechunked.as_deref().unwrap_or(raw_body);
    let encoding = headers.get("content-encoding").unwrap_or_default().trim().to_ascii_lowercase();
    let body = match encoding.as_str() {
        "" | "identity" => body.to_vec(),
        "gzip" | "x-gzip" => inflate(GzDecoder::new(body), max_bytes)?,
        "deflate" => inflate(ZlibDecoder::new(body), max_bytes)
            .or_else(|_| inflate(DeflateDecoder::new(body), max_bytes))?,
        other => {
            return Err(format!("the page is compressed with {other:?}, which ingest cannot read"))
        }
    };
    let charset = content_type.as_deref().and_then(|ct| {
        let (_, rest) = ct.split_once("charset=")?;
        let label = rest.split(';').next().unwrap_or_default();
        Some(label.trim().trim_matches(['"', '\'']).to_string())
    });
    Ok(Some(HttpPage { body, charset }))
}

/// Where the HTTP headers end: their length, and where the body starts.
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    let crlf = block.windows(4).position(|w| w == b"\r\n\r\n").map(|at| (at, at + 4));
    let lf = block.windows(2).position(|w| w == b"\n\n").map(|at| (at, at + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Decodes `Transfer-Encoding: chunked`; `None` when `body` is not a chunked body.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = rest.iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

/// Decompresses a page, refusing one that inflates past `max_bytes`.
fn inflate(decoder: impl Read, max_bytes: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|err| format!("the compressed page cannot be decompressed: {err}"))?;
    if u64::try_from(out.len()).unwrap_or(u64::MAX) > max_bytes {
        return Err(format!("the page decompresses to more than {max_bytes} bytes"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined_and_bad_ones_refused() {
        assert_eq!(dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").unwrap(), b"Wikipedia");
        assert_eq!(dechunk(b"<html>not chunked</html>"), None);
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn header_lines_continue_and_names_fold_case() {
        let mut header = Header::default();
        header.push_line("WARC-Type: response").unwrap();
        header.push_line("Content-Type: application/http;").unwrap();
        header.push_line("  msgtype=response").unwrap();
        assert_eq!(header.get("warc-type"), Some("response"));
        assert_eq!(header.get("content-type"), Some("application/http; msgtype=response"));
        assert!(header.push_line("no colon here").is_none());
    }

    #[test]
    fn non_html_and_failed_responses_are_skipped() {
        let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(http_page(png, 1 << 20).unwrap().is_none());
        let moved = b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<p>moved</p>";
        assert!(http_page(moved, 1 << 20).unwrap().is_none());
        let page = b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=\"ISO-8859-1\"\n\n<p>x</p>";
        let page = http_page(page, 1 << 20).unwrap().unwrap();
        assert_eq!(page.body, b"<p>x</p>");
        assert_eq!(page.charset.as_deref(), Some("iso-8859-1"));
        let brotli = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nx";
        assert!(http_page(brotli, 1 << 20).unwrap_err().contains("\"br\""));
    }

    #[test]
    fn gzip_encoded_pages_are_inflated() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(b"<p>Inflated text.</p>").unwrap();
        let gz = encoder.finish().unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend_from_slice(&gz);
        let page = http_page(&block, 1 << 20).unwrap().unwrap();
        assert_eq!(page.body, b"<p>Inflated text.</p>");
        assert!(http_page(&block, 5).unwrap_err().contains("more than 5 bytes"));
    }
}
