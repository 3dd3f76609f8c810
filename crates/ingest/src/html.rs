//! Web pages: metadata from OpenGraph, `<meta>`, JSON-LD and `<time>`, and the article text
//! without the navigation, headers, footers and asides around it.
//!
//! The main text is found by [`article`] (readability-style container scoring), with the
//! JSON-LD `articleBody` as a fallback. Whitespace inside a block is collapsed (HTML whitespace
//! carries no meaning), and blocks are joined by a blank line.

use corroborate_model::DateProvenance;
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use crate::article;
use crate::dates::{date_in_url, parse_date};
use crate::paragraphs::{self, normalise, Block};
use crate::Extracted;

/// Elements whose contents are never article text.
const BOILERPLATE: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "svg", "iframe", "head",
];

/// `<meta>` names and properties that carry the publication date.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
];

/// Separators sites put between the headline and their own name in `<title>`.
const TITLE_SUFFIX_SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - "];

/// Reads a page. `None` when it has no article text. A `given_title` (from a JSON record) wins
/// over what the page says.
pub(crate) fn extract(page: &str, given_title: Option<&str>) -> Option<Extracted> {
    let html = Html::parse_document(&crate::rawtext::strip(page));
    let meta = PageMeta::read(&html);
    let blocks = main_blocks(&html, meta.ld.article_body.as_deref());
    if blocks.is_empty() {
        return None;
    }
    let mut out = Extracted {
        publisher: meta.site_name.clone().or_else(|| meta.ld.publisher.clone()),
        author: meta.author.clone().or_else(|| meta.ld.author.clone()),
        url: meta.canonical.clone().or_else(|| meta.og_url.clone()),
        language: meta.lang.clone(),
        ..Extracted::default()
    };
    out.title = given_title.map(str::to_string).or_else(|| meta.title(out.publisher.as_deref()));
    out.published = meta.published(out.url.as_deref());
    let (text, spans) = paragraphs::assemble(out.title.as_deref(), &blocks);
    out.paragraphs = paragraphs::classify(&text, &spans, out.title.as_deref());
    out.text = text;
    Some(out)
}

/// Everything the page says about itself outside the article text.
#[derive(Default)]
struct PageMeta {
    og_title: Option<String>,
    title_tag: Option<String>,
    first_h1: Option<String>,
    site_name: Option<String>,
    author: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    lang: Option<String>,
    meta_date: Option<String>,
    time_date: Option<String>,
    ld: LinkedData,
}

impl PageMeta {
    fn read(html: &Html) -> PageMeta {
        let mut meta = PageMeta::default();
        for el in html.root_element().descendent_elements() {
            let value = el.value();
            match value.name() {
                "html" => meta.lang = value.attr("lang").map(str::trim).and_then(non_empty),
                "title" => set_once(&mut meta.title_tag, &text_of(*el)),
                // A site's logo is often an <h1> in its navigation; the headline is not there.
                "h1" if !inside(*el, &["nav", "footer", "aside"]) => {
                    set_once(&mut meta.first_h1, &text_of(*el))
                }
                "link" => {
                    let rel = value.attr("rel").unwrap_or_default();
                    if rel.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) {
                        set_once(&mut meta.canonical, value.attr("href").unwrap_or_default());
                    }
                }
                "time" => set_once(&mut meta.time_date, value.attr("datetime").unwrap_or_default()),
                "script" => {
                    let kind = value.attr("type").unwrap_or_default();
                    if kind.trim().eq_ignore_ascii_case("application/ld+json") {
                        let json: String = el.text().collect();
                        if let Ok(parsed) = serde_json::from_str::<Value>(&json) {
                            meta.ld.read(&parsed);
                        }
                    }
                }
                "meta" => meta.read_meta(el),
                _ => {}
            }
        }
        meta
    }

    fn read_meta(&mut self, el: ElementRef<'_>) {
        let key = el.attr("property").or_else(|| el.attr("name")).unwrap_or_default();
        let key = key.trim().to_ascii_lowercase();
        let content = el.attr("content").unwrap_or_default();
        match key.as_str() {
            "og:title" => set_once(&mut self.og_title, content),
            "og:site_name" => set_once(&mut self.site_name, content),
            "og:url" => set_once(&mut self.og_url, content),
            "author" | "article:author" if !content.starts_with("http") => {
                set_once(&mut self.author, content)
            }
            "og:locale" if self.lang.is_none() => {
                set_once(&mut self.lang, &content.replace('_', "-"))
            }
            k if DATE_META.contains(&k) && parse_date(content).is_some() => {
                set_once(&mut self.meta_date, content)
            }
            _ => {}
        }
    }

    /// og:title, then `<title>`, then JSON-LD's headline, then the first `<h1>`; site-name
    /// suffixes removed.
    fn title(&self, publisher: Option<&str>) -> Option<String> {
        let og = self.og_title.as_deref().map(|t| strip_site_suffix(t, publisher, false));
        let tag = self.title_tag.as_deref().map(|t| strip_site_suffix(t, publisher, true));
        og.or(tag)
            .or_else(|| self.ld.headline.clone())
            .or_else(|| self.first_h1.clone())
            .map(|t| normalise(&t))
            .filter(|t| !t.is_empty())
    }

    /// JSON-LD, then `<meta>`, then `<time datetime>`, then a date in the URL.
    fn published(&self, url: Option<&str>) -> Option<(chrono::NaiveDate, DateProvenance)> {
        let from = |raw: &Option<String>, provenance| {
            raw.as_deref().and_then(parse_date).map(|d| (d, provenance))
        };
        from(&self.ld.date_published, DateProvenance::JsonLd)
            .or_else(|| from(&self.meta_date, DateProvenance::Meta))
            .or_else(|| from(&self.time_date, DateProvenance::TimeTag))
            .or_else(|| url.and_then(date_in_url).map(|d| (d, DateProvenance::Url)))
    }
}

/// What the page's JSON-LD says, first value of each kind in document order.
#[derive(Default)]
struct LinkedData {
    date_published: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
    headline: Option<String>,
    article_body: Option<String>,
}

impl LinkedData {
    /// Visits every object (top level, arrays, `@graph`); serde_json's recursion limit bounds
    /// the depth.
    fn read(&mut self, value: &Value) {
        match value {
            Value::Array(items) => items.iter().for_each(|item| self.read(item)),
            Value::Object(map) => {
                if let Some(Value::String(date)) = map.get("datePublished") {
                    set_once(&mut self.date_published, date);
                }
                if let Some(Value::String(body)) = map.get("articleBody") {
                    if self.article_body.is_none() && !body.trim().is_empty() {
                        self.article_body = Some(body.clone());
                    }
                }
                if let Some(Value::String(headline)) = map.get("headline") {
                    set_once(&mut self.headline, headline);
                }
                if let Some(name) = map.get("publisher").and_then(entity_names) {
                    set_once(&mut self.publisher, &name);
                }
                if let Some(name) = map.get("author").and_then(entity_names) {
                    set_once(&mut self.author, &name);
                }
                for nested in map.values().filter(|v| v.is_array() || v.is_object()) {
                    self.read(nested);
                }
            }
            _ => {}
        }
    }
}

/// The name of a JSON-LD entity: a string, an object with `name`, or a list of those (joined
/// with ", " for several authors).
fn entity_names(value: &Value) -> Option<String> {
    match value {
        Value::String(name) => non_empty(name.trim()),
        Value::Object(map) => {
            map.get("name").and_then(Value::as_str).and_then(|n| non_empty(n.trim()))
        }
        Value::Array(items) => {
            let names: Vec<String> =
                items.iter().filter(|v| !v.is_array()).filter_map(entity_names).collect();
            non_empty(&names.join(", "))
        }
        _ => None,
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Sets `slot` to the whitespace-normalised `value` unless it is already set or `value` is
/// blank.
fn set_once(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = non_empty(&normalise(value));
    }
}

/// "Dock Hit Near Port | Example News" → "Dock Hit Near Port". A ` | ` suffix always goes (in
/// `<title>`); the dash forms go only when what follows is the publisher's name, because a
/// headline may hold a dash of its own.
fn strip_site_suffix(title: &str, publisher: Option<&str>, drop_any_bar: bool) -> String {
    let mut title = title.trim();
    if drop_any_bar {
        if let Some((head, _)) = title.split_once(" | ") {
            title = head;
        }
    }
    if let Some(publisher) = publisher.map(str::trim).filter(|p| !p.is_empty()) {
        for sep in TITLE_SUFFIX_SEPARATORS {
            if let Some(head) = title.strip_suffix(publisher).and_then(|h| h.strip_suffix(sep)) {
                title = head;
            }
        }
    }
    title.trim().to_string()
}

fn is_boilerplate(name: &str) -> bool {
    BOILERPLATE.contains(&name)
}

/// True when an ancestor of `node` is one of the elements `names`.
fn inside(node: NodeRef<'_, Node>, names: &[&str]) -> bool {
    node.ancestors().any(|a| a.value().as_element().is_some_and(|e| names.contains(&e.name())))
}

/// The article's blocks: what [`article::article_blocks`] finds, or the JSON-LD `articleBody`
/// (one block per line) when that is longer, as on pages that render the text with scripts.
fn main_blocks(html: &Html, ld_body: Option<&str>) -> Vec<Block> {
    let blocks = article::article_blocks(html);
    if let Some(body) = ld_body {
        let found: usize = blocks.iter().map(|b| b.text.len()).sum();
        if body.len() > found.saturating_mul(2) {
            return body
                .lines()
                .map(normalise)
                .filter(|line| !line.is_empty())
                .map(|text| Block { text, hint: None })
                .collect();
        }
    }
    blocks
}

/// The visible text under `node`, whitespace collapsed, boilerplate elements skipped, `<br>`
/// read as a space.
fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut words = String::new();
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        match current.value() {
            Node::Text(text) => words.push_str(text),
            Node::Element(el) if el.name() == "br" => words.push(' '),
            Node::Element(el) if is_boilerplate(el.name()) && current != node => {}
            _ => stack.extend(current.children().rev()),
        }
    }
    normalise(&words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const NEWS_PAGE: &str = r#"<!doctype html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Dock Struck Near Port | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Sam Writer">
<meta property="article:published_time" content="2025-12-29T08:00:00Z">
<link rel="canonical" href="https://news.example/2025/12/28/dock-struck">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2025-12-30T10:00:00Z",
 "publisher":{"@type":"Organization","name":"Example News Group"},
 "author":[{"@type":"Person","name":"Sam Writer"},{"@type":"Person","name":"Kim Other"}]}]}
</script>
<style>p { color: red }</style>
</head><body>
<header><nav><p>Home | World | Sign in to read more about everything here</p></nav></header>
<article>
  <h1>Dock Struck Near Port</h1>
  <time datetime="2025-12-27">Dec 27</time>
  <p>A dock   near the port was struck,
     officials said.<script>track()</script></p>
  <h2>denials follow</h2>
  <p>A spokesperson denied<br>any role.</p>
  <ul><li>No casualties were reported.</li></ul>
  <blockquote><p>"It is closed," he said.</p></blockquote>
  <aside><p>Related: other stories you may like to read today</p></aside>
</article>
<footer><p>Copyright Example News, all rights reserved, since forever and ever</p></footer>
</body></html>"#;

    #[test]
    fn news_page_metadata() {
        let out = extract(NEWS_PAGE, None).unwrap();
        assert_eq!(out.title.as_deref(), Some("Dock Struck Near Port"));
        assert_eq!(out.publisher.as_deref(), Some("Example News"));
        assert_eq!(out.author.as_deref(), Some("Sam Writer"));
        assert_eq!(out.url.as_deref(), Some("https://news.example/2025/12/28/dock-struck"));
        assert_eq!(out.language.as_deref(), Some("en-GB"));
        assert_eq!(out.published, Some((day(2025, 12, 30), DateProvenance::JsonLd)));
    }

    #[test]
    fn news_page_text_drops_boilerplate() {
        let out = extract(NEWS_PAGE, None).unwrap();
        assert_eq!(
            out.text,
            "Dock Struck Near Port\n\nA dock near the port was struck, officials said.\n\n\
             denials follow\n\nA spokesperson denied any role.\n\nNo casualties were reported.\n\n\
             \"It is closed,\" he said."
        );
        use corroborate_model::ParagraphKind::*;
        let kinds: Vec<_> = out.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [Headline, Body, Subheading, Body, Body, Body]);
    }

    #[test]
    fn date_provenance_falls_back_in_order() {
        let without_ld = NEWS_PAGE.replace("\"datePublished\":\"2025-12-30T10:00:00Z\",", "");
        let out = extract(&without_ld, None).unwrap();
        assert_eq!(out.published, Some((day(2025, 12, 29), DateProvenance::Meta)));
        assert_eq!(out.publisher.as_deref(), Some("Example News"));

        let without_meta = without_ld.replace("article:published_time", "x");
        let out = extract(&without_meta, None).unwrap();
        assert_eq!(out.published, Some((day(2025, 12, 27), DateProvenance::TimeTag)));

        let without_time = without_meta.replace("datetime=", "data-x=");
        let out = extract(&without_time, None).unwrap();
        assert_eq!(out.published, Some((day(2025, 12, 28), DateProvenance::Url)));
    }

    #[test]
    fn without_article_the_densest_paragraph_parent_wins() {
        let page =
            "<html><body><nav><h1>Site Logo</h1></nav><div><p>Menu item</p></div><div class=story>\
                    <p>First paragraph of the story.</p><p>Second paragraph of it.</p></div>\
                    <h1>Headline From H1</h1></body></html>";
        let out = extract(page, None).unwrap();
        assert_eq!(out.title.as_deref(), Some("Headline From H1"));
        assert_eq!(
            out.text,
            "Headline From H1\n\nFirst paragraph of the story.\n\nSecond paragraph of it."
        );
    }

    #[test]
    fn pages_without_article_text_give_none() {
        assert!(
            extract("<html><body><nav><p>Only navigation</p></nav></body></html>", None).is_none()
        );
        assert!(extract("", None).is_none());
        assert!(extract("<div>just a div</div>", None).is_none());
    }

    #[test]
    fn site_suffixes_leave_the_title() {
        assert_eq!(strip_site_suffix("A | B | C", None, true), "A");
        assert_eq!(
            strip_site_suffix("Strike - Port - Example", Some("Example"), false),
            "Strike - Port"
        );
        assert_eq!(strip_site_suffix("Strike - Port", Some("Example"), false), "Strike - Port");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let page = format!("{}<p>deep text</p>{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let out = extract(&page, None).unwrap();
        assert!(out.text.contains("deep text"));
    }
}
