//! Drops the contents of `<script>`, `<style>` and `<svg>` elements and of comments before a page
//! is parsed. On news pages they are more than half of the bytes (script and style 56%, inline
//! SVG 4% over the extraction benchmark's pages), none of them is text, and the HTML tokenizer
//! spends most of its time on them. Script and style contents are raw text in HTML (they end at
//! the first `</script` or `</style`), so cutting them out leaves the rest of the tree as the
//! parser would have built it; SVG is never read as text, so a cut that ends at a nested
//! `</svg` only leaves more of an element the extractor skips anyway. JSON-LD scripts are kept:
//! the page's metadata is read from them.

use std::borrow::Cow;

/// Elements whose contents are dropped.
const RAW: &[&[u8]] = &[b"script", b"style", b"svg"];

/// `page` with the contents of its `<script>` (but JSON-LD), `<style>` and `<svg>` elements and
/// of its comments removed; the tags and comment markers themselves stay. Borrowed when there is nothing to remove. An element that is never
/// closed keeps its contents.
pub(crate) fn strip(page: &str) -> Cow<'_, str> {
    let bytes = page.as_bytes();
    let mut out = String::new();
    // Bytes of `page` before this offset are copied to `out` or dropped.
    let mut copied = 0;
    let mut pos = 0;
    while let Some(found) = page.get(pos..).and_then(|rest| rest.find('<')) {
        let name_at = pos + found + 1;
        pos = name_at;
        let rest = bytes.get(name_at..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            let content_start = name_at + 3;
            let Some(end) = page.get(content_start..).and_then(|r| r.find("-->")) else { break };
            let close = content_start + end;
            pos = close;
            if let (Some(kept), true) = (page.get(copied..content_start), close > content_start) {
                out.push_str(kept);
                copied = close;
            }
            continue;
        }
        let Some(&name) = RAW.iter().find(|name| starts_with_ignore_case(rest, name)) else {
            continue;
        };
        let after_name = name_at + name.len();
        match bytes.get(after_name) {
            Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => {}
            _ => continue,
        }
        let Some(gt) = page.get(after_name..).and_then(|rest| rest.find('>')) else { break };
        let content_start = after_name + gt + 1;
        let Some(close) = find_close(bytes, content_start, name) else { break };
        pos = close;
        let attributes = bytes.get(after_name..content_start).unwrap_or_default();
        if name == b"script" && contains_ignore_case(attributes, b"ld+json") {
            continue;
        }
        if let (Some(kept), true) = (page.get(copied..content_start), close > content_start) {
            out.push_str(kept);
            copied = close;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(page);
    }
    out.push_str(page.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// Offset of the `<` of the first `</NAME` at or after `from`, ignoring ASCII case.
fn find_close(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut pos = from;
    loop {
        let rest = bytes.get(pos..)?;
        let lt = pos + rest.iter().position(|&b| b == b'<')?;
        let tail = bytes.get(lt + 1..)?;
        if tail.first() == Some(&b'/')
            && starts_with_ignore_case(tail.get(1..).unwrap_or_default(), name)
        {
            return Some(lt);
        }
        pos = lt + 1;
    }
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_style_contents_go_and_json_ld_stays() {
        let page = "<head><STYLE>p{color:red}</style><script type=\"application/ld+json\">\
                    {\"headline\":\"H\"}</script><Script src=\"a.js\"></script>\
                    <script>var s = '<p>not text</p>';</SCRIPT ></head><body><p>Text é</p>\
                    <scripted>kept</scripted><!-- a <p>comment</p> --><svg viewBox=\"0 0 1 1\">\
                    <path d=\"M0 0\"/></svg></body>";
        let stripped = strip(page);
        assert_eq!(
            stripped,
            "<head><STYLE></style><script type=\"application/ld+json\">{\"headline\":\"H\"}\
             </script><Script src=\"a.js\"></script><script></SCRIPT ></head><body><p>Text é</p>\
             <scripted>kept</scripted><!----><svg viewBox=\"0 0 1 1\"></svg></body>"
        );
    }

    #[test]
    fn nothing_to_strip_borrows_and_an_unclosed_script_is_kept() {
        assert!(matches!(strip("<p>plain</p>"), Cow::Borrowed(_)));
        assert_eq!(strip("<p>a</p><script>x = 1"), "<p>a</p><script>x = 1");
        assert_eq!(strip("<"), "<");
        assert_eq!(strip("<script"), "<script");
        assert_eq!(strip("<p>a</p><!-- open"), "<p>a</p><!-- open");
    }
}
