//! Which reader an input goes to: by the extension of its origin, else by its first bytes.

/// The input formats ingest reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
    /// RSS 2.0, RSS 1.0 (RDF) or Atom.
    Feed,
    /// WARC, plain or gzip-compressed.
    Warc,
}

/// The first bytes of a gzip stream.
pub(crate) const GZIP_MAGIC: &[u8] = &[0x1F, 0x8B];

/// The first bytes of a WARC record.
pub(crate) const WARC_MAGIC: &[u8] = b"WARC/";

/// Tags whose presence near the start makes a `<`-led input HTML rather than text that merely
/// begins with an angle bracket.
const HTML_OPENERS: &[&str] = &[
    "<!doctype",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<title",
    "<article",
    "<div",
    "<p",
    "<!--",
    "<section",
    "<main",
    "<h1",
    "<h2",
    "<span",
    "<script",
    "<link",
    "<table",
    "<ul",
];

impl Format {
    /// The format named by the extension of `origin` (a path or a URL), if it names one.
    pub(crate) fn from_origin(origin: &str) -> Option<Format> {
        // A URL's query and fragment are not part of its file name.
        let path = if origin.contains("://") {
            origin.split(['?', '#']).next().unwrap_or(origin)
        } else {
            origin
        };
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let (stem, ext) = name.rsplit_once('.')?;
        if ext.eq_ignore_ascii_case("gz") {
            let inner = stem.rsplit_once('.').map(|(_, inner)| inner);
            return inner.filter(|i| i.eq_ignore_ascii_case("warc")).map(|_| Format::Warc);
        }
        Format::from_extension(ext)
    }

    /// The format of a file extension (without the dot), case-insensitively.
    pub(crate) fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "rss" | "atom" | "xml" => Some(Format::Feed),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }

    /// The format an HTTP media type names (lower-cased, without parameters), when it names one
    /// clearly; generic types (`text/plain`, `application/xml`, `application/octet-stream`)
    /// leave the choice to the URL's extension and to sniffing.
    pub(crate) fn from_media_type(media: &str) -> Option<Format> {
        match media {
            "text/html" | "application/xhtml+xml" => Some(Format::Html),
            "application/rss+xml" | "application/atom+xml" | "application/rdf+xml" => {
                Some(Format::Feed)
            }
            "application/json" => Some(Format::Json),
            "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" => {
                Some(Format::Jsonl)
            }
            "text/markdown" => Some(Format::Markdown),
            "application/warc" => Some(Format::Warc),
            _ => None,
        }
    }

    /// Guesses the format from the first bytes: a WARC record or gzip stream, a feed, markup,
    /// JSON, a Markdown heading, else text.
    pub(crate) fn sniff(raw: &[u8]) -> Format {
        if raw.starts_with(WARC_MAGIC) || raw.starts_with(GZIP_MAGIC) {
            return Format::Warc;
        }
        let raw = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw);
        let start = raw.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(raw.len());
        let head = &raw[start..raw.len().min(start + 1024)];
        let lower: String = head.iter().map(|&b| (b as char).to_ascii_lowercase()).collect();
        match head.first() {
            Some(b'<') if lower.starts_with("<?xml") || lower.starts_with("<rss") => {
                match crate::feed::root_name(&String::from_utf8_lossy(head)) {
                    Some(root) if crate::feed::is_feed_root(root) => Format::Feed,
                    _ if lower.contains("<html") => Format::Html,
                    _ => Format::Text,
                }
            }
            Some(b'<') if lower.starts_with("<feed") => Format::Feed,
            Some(b'<') if HTML_OPENERS.iter().any(|tag| lower.starts_with(tag)) => Format::Html,
            Some(b'{') | Some(b'[') => {
                if serde_json::from_slice::<serde::de::IgnoredAny>(raw).is_ok() {
                    Format::Json
                } else if raw
                    .split(|&b| b == b'\n')
                    .filter(|l| !l.trim_ascii().is_empty())
                    .all(|l| l.trim_ascii().first() == Some(&b'{'))
                {
                    Format::Jsonl
                } else {
                    Format::Text
                }
            }
            Some(b'#') if lower.starts_with("# ") || lower.starts_with("## ") => Format::Markdown,
            _ if lower.starts_with("---") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_decides() {
        assert_eq!(Format::from_origin("a/b/report.TXT"), Some(Format::Text));
        assert_eq!(Format::from_origin("notes.markdown"), Some(Format::Markdown));
        assert_eq!(
            Format::from_origin("https://x.invalid/p/story.html?id=3#top"),
            Some(Format::Html)
        );
        assert_eq!(Format::from_origin("feed.jsonl"), Some(Format::Jsonl));
        assert_eq!(Format::from_origin("https://x.invalid/story"), None);
        assert_eq!(Format::from_origin("dir.d/README"), None);
        assert_eq!(Format::from_origin("-"), None);
        assert_eq!(Format::from_origin("news.rss"), Some(Format::Feed));
        assert_eq!(Format::from_origin("news.Atom"), Some(Format::Feed));
        assert_eq!(Format::from_origin("crawl/CC-NEWS-1.warc.gz"), Some(Format::Warc));
        assert_eq!(Format::from_origin("crawl/one.WARC"), Some(Format::Warc));
        assert_eq!(Format::from_origin("page.html.gz"), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff(b"<p>hi</p>"), Format::Html);
        assert_eq!(Format::sniff(b"<3 this report"), Format::Text);
        assert_eq!(Format::sniff(b"{\"text\": \"a\"}"), Format::Json);
        assert_eq!(Format::sniff(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n"), Format::Jsonl);
        assert_eq!(Format::sniff(b"[Update] text"), Format::Text);
        assert_eq!(Format::sniff(b"# Title\n\nBody"), Format::Markdown);
        assert_eq!(Format::sniff(b"Plain words."), Format::Text);
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::sniff(&[0x1F, 0x8B, 8, 0]), Format::Warc);
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"), Format::Feed);
        assert_eq!(
            Format::sniff(b"<?xml version=\"1.0\"?><!-- c --><feed xmlns=\"a\">"),
            Format::Feed
        );
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?><rdf:RDF>"), Format::Feed);
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?><html><p>x</p>"), Format::Html);
    }
}
