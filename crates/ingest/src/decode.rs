//! From raw bytes to text: binary detection, byte-order marks, the windows-1252 charset that
//! old news sites still declare, and lossy UTF-8 for everything else.
//!
//! Decoding never fails: a report with a few broken bytes is still a report, so invalid
//! sequences become U+FFFD rather than an error.

use std::borrow::Cow;

/// How far into the input to look for NUL bytes and for an HTML charset declaration.
const SNIFF_LEN: usize = 8 * 1024;

/// True when the first 8 KiB hold a NUL byte, which text never does (UTF-16 with a byte-order
/// mark excepted, which [`decode`] handles).
pub(crate) fn looks_binary(raw: &[u8]) -> bool {
    if has_utf16_bom(raw) {
        return false;
    }
    raw.iter().take(SNIFF_LEN).any(|&b| b == 0)
}

fn has_utf16_bom(raw: &[u8]) -> bool {
    raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF])
}

/// Decodes `raw` to text. Valid UTF-8 (with or without a BOM) is taken as is; UTF-16 with a BOM
/// is decoded; otherwise, when `html` is true and the page declares windows-1252 or Latin-1,
/// that charset is used; anything else is lossy UTF-8.
pub(crate) fn decode(raw: &[u8], html: bool) -> Cow<'_, str> {
    let raw = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw);
    if let Ok(text) = std::str::from_utf8(raw) {
        return Cow::Borrowed(text);
    }
    if let Some(rest) = raw.strip_prefix(&[0xFF, 0xFE]) {
        return Cow::Owned(decode_utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = raw.strip_prefix(&[0xFE, 0xFF]) {
        return Cow::Owned(decode_utf16(rest, u16::from_be_bytes));
    }
    if html && declares_windows_1252(raw) {
        return Cow::Owned(decode_windows_1252(raw));
    }
    String::from_utf8_lossy(raw)
}

fn decode_utf16(raw: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = raw.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// Decodes a page whose transport (an HTTP `Content-Type` header) declared `charset`. The
/// bytes still win when they are valid UTF-8, because servers often send a stale default; a
/// declared windows-1252 or Latin-1 is honoured otherwise, and the page's own declaration after
/// that.
pub(crate) fn decode_declared<'a>(raw: &'a [u8], charset: Option<&str>) -> Cow<'a, str> {
    let bare = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw);
    if std::str::from_utf8(bare).is_err()
        && !has_utf16_bom(bare)
        && charset.is_some_and(|label| is_windows_1252_label(&label.trim().to_ascii_lowercase()))
    {
        return Cow::Owned(decode_windows_1252(bare));
    }
    decode(raw, true)
}

/// Looks for `charset=windows-1252` (or a Latin-1 label, which browsers also read as
/// windows-1252) in the head of the page, as `<meta charset>` or the http-equiv form, or for
/// the same label as `encoding=` in an XML declaration (feeds, XHTML).
fn declares_windows_1252(raw: &[u8]) -> bool {
    let head = &raw[..raw.len().min(SNIFF_LEN)];
    let head: String = head.iter().map(|&b| (b as char).to_ascii_lowercase()).collect();
    ["charset", "encoding"].iter().any(|key| {
        let Some(at) = head.find(key) else {
            return false;
        };
        let label: String = head[at + key.len()..]
            .trim_start_matches(|c: char| c == '=' || c == '"' || c == '\'' || c.is_whitespace())
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        is_windows_1252_label(&label)
    })
}

/// True for the (lower-case) charset labels that browsers decode as windows-1252.
fn is_windows_1252_label(label: &str) -> bool {
    matches!(
        label,
        "windows-1252"
            | "cp1252"
            | "x-cp1252"
            | "iso-8859-1"
            | "iso8859-1"
            | "iso_8859-1"
            | "latin1"
            | "latin-1"
            | "l1"
            | "us-ascii"
            | "ascii"
    )
}

/// The characters windows-1252 puts at 0x80..=0x9F, where Latin-1 has C1 controls. The five
/// unassigned positions keep their C1 code point, as browsers do.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

fn decode_windows_1252(raw: &[u8]) -> String {
    raw.iter()
        .map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_bytes_mean_binary_but_a_utf16_bom_does_not() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary(b"plain words"));
        assert!(!looks_binary(&[0xFF, 0xFE, b'h', 0]));
    }

    #[test]
    fn utf8_passes_through_and_the_bom_is_dropped() {
        assert_eq!(decode("Nicolás".as_bytes(), false), "Nicolás");
        assert_eq!(decode(b"\xEF\xBB\xBFhello", false), "hello");
    }

    #[test]
    fn declared_windows_1252_is_honoured_in_html() {
        let page = b"<meta charset=\"windows-1252\"><p>\x93Dock\x94 \x96 caf\xE9</p>";
        assert_eq!(
            decode(page, true),
            "<meta charset=\"windows-1252\"><p>\u{201C}Dock\u{201D} \u{2013} caf\u{e9}</p>"
        );
        let equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\xE9";
        assert!(decode(equiv, true).ends_with('\u{e9}'));
    }

    #[test]
    fn xml_declarations_and_transport_charsets_are_honoured() {
        let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>caf\xE9</rss>";
        assert!(decode(feed, true).contains("caf\u{e9}"));
        assert_eq!(decode_declared(b"caf\xE9", Some("Windows-1252")), "caf\u{e9}");
        assert_eq!(decode_declared("café".as_bytes(), Some("windows-1252")), "café");
        assert_eq!(decode_declared(b"caf\xE9", None), "caf\u{FFFD}");
    }

    #[test]
    fn undeclared_bad_bytes_become_replacement_characters() {
        assert_eq!(decode(b"caf\xE9 open", false), "caf\u{FFFD} open");
        assert_eq!(decode(b"<p>caf\xE9</p>", true), "<p>caf\u{FFFD}</p>");
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        assert_eq!(decode(&[0xFF, 0xFE, b'o', 0, b'k', 0], false), "ok");
        assert_eq!(decode(&[0xFE, 0xFF, 0, b'o', 0, b'k'], false), "ok");
    }
}
