//! Compiling the regular expressions of the data files.

use regex::Regex;

/// Compiles a pattern from a data file, with its word boundaries made ASCII ones (see
/// [`ascii_word_boundaries`]). Every data pattern of analyze goes through here.
pub(crate) fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_word_boundaries(pattern))
}

/// `pattern` with every word boundary `\b` made an ASCII one, `(?-u:\b)`.
///
/// A Unicode word boundary stops the regex crate's lazy DFA on any text with a non-ASCII
/// character (a curly quote is enough), and every search then falls back to a backtracking
/// engine: that was a quarter of analyze's time over news text. The patterns are English words
/// and digits, for which the two boundaries agree; they differ only beside a non-ASCII letter.
fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(ascii_word_boundaries(r"\bDec\b"), r"(?-u:\b)Dec(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"a\\b\d\B"), r"a\\b\d\B");
        let re = compile(r"(?i)\bdec\b").unwrap();
        assert_eq!(re.find("“On Dec. 26”").map(|m| m.as_str()), Some("Dec"));
        assert!(re.find("decade").is_none());
    }
}
