//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item (or entry) is its own document.
//!
//! Items are found by a lexical scan before any XML parsing, so that one ill-formed item is one
//! error and the items around it still ingest: a strict parser stops at the first error, and a
//! feed written by a broken plugin often has exactly one bad item. Each item is then parsed on
//! its own with quick-xml into a small element tree. Its description or content is HTML and
//! goes through the HTML path; its title, link, date and author are the item's own and win over
//! whatever that HTML says.

use std::ops::Range;

use corroborate_model::{DateProvenance, Document};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::dates::{date_in_url, parse_date};
use crate::paragraphs::normalise;
use crate::{decode, finish, html, Extracted, IngestError, IngestOptions};

/// Local names of the root element of a feed: RSS 2.0, Atom, RSS 1.0.
const FEED_ROOTS: &[&str] = &["rss", "feed", "RDF"];

/// Item children holding the publication date, best first; the fallbacks say when the item
/// last changed, which is still closer to publication than nothing.
const DATE_FIELDS: &[&str] = &["pubDate", "published", "date", "issued", "created"];
const UPDATED_FIELDS: &[&str] = &["updated", "modified"];

/// Item children holding the item's HTML: the full content first, then the summary.
const BODY_FIELDS: &[&str] = &["encoded", "content", "description", "summary"];

/// Deepest element nesting read inside one item; deeper input is refused rather than walked.
const MAX_DEPTH: usize = 64;

/// True when `local` (an element's local name) is the root of a feed.
pub(crate) fn is_feed_root(local: &str) -> bool {
    FEED_ROOTS.contains(&local)
}

/// The local name of the first element of `xml`, after the XML declaration, comments and
/// doctype; `None` when there is none.
pub(crate) fn root_name(xml: &str) -> Option<&str> {
    let mut pos = 0;
    loop {
        let start = pos + xml.get(pos..)?.find('<')?;
        let rest = &xml[start..];
        if let Some(skip) = markup_to_skip(rest) {
            pos = start + skip;
            continue;
        }
        let name = tag_name(&rest[1..]);
        return (!name.is_empty()).then(|| local(name));
    }
}

/// Reads a feed that came from `origin`: one result per item, `origin#item-N` as its origin and
/// the item's bytes (as UTF-8) as its identity.
pub(crate) fn parse_feed(
    origin: &str,
    raw: &[u8],
    options: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let xml = decode::decode(raw, true);
    let not_a_feed =
        |problem: String| vec![Err(IngestError::NotAFeed { origin: origin.to_string(), problem })];
    let item_name = match root_name(&xml) {
        Some("feed") => "entry",
        Some(root) if is_feed_root(root) => "item",
        Some(root) => {
            return not_a_feed(format!(
                "the first element is <{root}>, not <rss>, <feed> or <rdf:RDF>"
            ))
        }
        None => return not_a_feed("no XML element found".to_string()),
    };
    let items = find_items(&xml, item_name);
    let head_end = items.first().map_or(xml.len(), |item| item.range.start);
    let channel = Channel::read(&xml[..head_end]);
    if items.is_empty() {
        return not_a_feed(format!("it holds no <{item_name}> elements"));
    }
    items
        .iter()
        .enumerate()
        .map(|(idx, item)| {
            let item_origin = format!("{origin}#item-{}", idx + 1);
            let text = &xml[item.range.clone()];
            let fail =
                |problem: String| IngestError::FeedItem { origin: item_origin.clone(), problem };
            if !item.closed {
                return Err(fail(format!(
                    "<{item_name}> is not closed before the next item or the end of the feed"
                )));
            }
            let tree = parse_tree(text, true).map_err(fail)?;
            let element = tree.children.first().ok_or_else(|| fail("empty item".to_string()))?;
            let extracted = read_item(&item_origin, text, element, &channel)?;
            Ok(finish(&item_origin, text.as_bytes(), extracted, options))
        })
        .collect()
}

/// What the feed says about all its items: its title (the publisher, for want of better) and
/// language.
#[derive(Debug, Default)]
struct Channel {
    title: Option<String>,
    language: Option<String>,
}

impl Channel {
    /// Reads the part of the feed before its first item. Parsing is lenient (the head is cut
    /// off mid-document, and a bad head must not cost the items).
    fn read(head: &str) -> Channel {
        let tree = parse_tree(head, false).unwrap_or_default();
        let mut channel = Channel::default();
        let Some(root) = tree.children.first() else {
            return channel;
        };
        channel.language = root.attr("lang").and_then(non_blank);
        // RSS keeps its metadata in <channel>; Atom and RSS 1.0 at the top of the root.
        for parent in std::iter::once(root).chain(root.children_named(&["channel"])) {
            if channel.title.is_none() {
                channel.title = parent.child_text(&["title"]);
            }
            if channel.language.is_none() {
                channel.language = parent.child_text(&["language"]);
            }
        }
        channel
    }
}

/// Reads one parsed item into what the document will hold.
fn read_item(
    origin: &str,
    text: &str,
    item: &Element,
    channel: &Channel,
) -> Result<Extracted, IngestError> {
    let title = item.child_text(&["title"]);
    let link = item_link(item);
    let bodies: Vec<String> = BODY_FIELDS
        .iter()
        .flat_map(|name| item.children_named(std::slice::from_ref(name)))
        .filter_map(|el| el.html(text))
        .collect();
    if bodies.is_empty() {
        return Err(IngestError::FeedItem {
            origin: origin.to_string(),
            problem: "it has no description or content to read".to_string(),
        });
    }
    let mut out = bodies
        .iter()
        .find_map(|body| extract_fragment(body, title.as_deref()))
        .ok_or_else(|| IngestError::NoText { origin: origin.to_string() })?;
    out.url = link.or(out.url);
    out.author = item_author(item).or(out.author);
    out.publisher = out.publisher.or_else(|| channel.title.clone());
    out.language = out.language.or_else(|| channel.language.clone());
    let own_date = [DATE_FIELDS, UPDATED_FIELDS]
        .iter()
        .flat_map(|names| names.iter())
        .find_map(|name| item.child_text(&[name]).as_deref().and_then(parse_date));
    out.published = own_date
        .map(|date| (date, DateProvenance::Meta))
        .or(out.published)
        .or_else(|| out.url.as_deref().and_then(date_in_url).map(|d| (d, DateProvenance::Url)));
    Ok(out)
}

/// Reads an item's HTML. Summaries are often bare inline text with no `<p>`, which the page
/// reader (looking for paragraphs) would find empty, so such a fragment is read again as one
/// paragraph.
fn extract_fragment(body: &str, title: Option<&str>) -> Option<Extracted> {
    let has_text = |ex: &Extracted| !ex.paragraphs.is_empty();
    html::extract(body, title)
        .filter(has_text)
        .or_else(|| html::extract(&format!("<p>{body}</p>"), title).filter(has_text))
}

/// RSS `<link>` text, an Atom `<link href>` that is the item's own page, or a permalink guid or
/// id.
fn item_link(item: &Element) -> Option<String> {
    let atom = item.children_named(&["link"]).find_map(|el| {
        let alternate = el.attr("rel").is_none_or(|rel| rel.trim() == "alternate");
        el.attr("href").filter(|_| alternate).and_then(non_blank)
    });
    let rss = || item.child_text(&["link"]);
    let permalink = || {
        item.children_named(&["guid", "id"])
            .filter(|el| el.attr("isPermaLink").is_none_or(|p| p.trim() != "false"))
            .filter_map(|el| non_blank(&el.text))
            .find(|id| id.starts_with("http://") || id.starts_with("https://"))
    };
    atom.or_else(rss).or_else(permalink)
}

/// Atom's `<author><name>`, RSS `<author>` or Dublin Core `<dc:creator>`.
fn item_author(item: &Element) -> Option<String> {
    item.children_named(&["author"])
        .find_map(|el| el.child_text(&["name"]))
        .or_else(|| item.child_text(&["author", "creator"]))
}

fn non_blank(s: &str) -> Option<String> {
    let s = normalise(s);
    (!s.is_empty()).then_some(s)
}

/// One XML element of an item: enough of a tree to pick fields, and the byte range of its
/// inner markup for content written as inline XHTML.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Element>,
    /// All text below the element, entities resolved (unknown entities, such as HTML's
    /// `&nbsp;`, kept as written for the HTML reader to resolve).
    text: String,
    /// Where the element's inner markup lies in the parsed text.
    inner: Range<usize>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    fn children_named<'a>(&'a self, names: &'a [&str]) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(|child| names.contains(&child.name.as_str()))
    }

    /// The normalised text of the first child named one of `names` (in the order of `names`)
    /// that has any.
    fn child_text(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| {
            self.children.iter().filter(|c| c.name == *name).find_map(|c| non_blank(&c.text))
        })
    }

    /// The element's content as HTML: its inner markup when it holds elements (Atom's
    /// `type="xhtml"`, or HTML left unescaped), else its text, which is escaped HTML. `None`
    /// when blank.
    fn html(&self, source: &str) -> Option<String> {
        let html = if self.children.is_empty() {
            self.text.clone()
        } else {
            source.get(self.inner.clone()).unwrap_or_default().to_string()
        };
        (!html.trim().is_empty()).then_some(html)
    }
}

/// Parses `xml` into a synthetic root holding its top-level elements. Strict parsing fails on
/// any ill-formed markup and on elements left open; lenient parsing keeps what it read up to
/// the first error and closes what is open.
fn parse_tree(xml: &str, strict: bool) -> Result<Element, String> {
    let mut reader = Reader::from_str(xml);
    // A bare `&` ("AT&T") is the most common slip in hand-made feeds, and harmless.
    reader.config_mut().allow_dangling_amp = true;
    let mut stack = vec![Element::default()];
    loop {
        let before = position(&reader);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) if strict => return Err(format!("ill-formed XML: {err}")),
            Err(_) => break,
        };
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH}"));
                }
                let mut element = element_of(&start);
                let after = position(&reader);
                element.inner = after..after;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = element_of(&start);
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(element);
                }
            }
            Event::End(_) => close(&mut stack, before),
            Event::Text(text) => push_text(&mut stack, &String::from_utf8_lossy(&text)),
            Event::CData(data) => push_text(&mut stack, &String::from_utf8_lossy(&data)),
            Event::GeneralRef(reference) => {
                let name = String::from_utf8_lossy(&reference).into_owned();
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_xml_entity(&name)
                        .map_or_else(|| format!("&{name};"), str::to_string),
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if strict && stack.len() > 1 {
        let open = stack.last().map(|e| e.name.clone()).unwrap_or_default();
        return Err(format!("element <{open}> is not closed"));
    }
    while stack.len() > 1 {
        close(&mut stack, xml.len());
    }
    Ok(stack.pop().unwrap_or_default())
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

fn element_of(start: &BytesStart<'_>) -> Element {
    let attrs = start
        .attributes()
        .flatten()
        .map(|attr| {
            let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
            let value = attr.unescape_value().map_or_else(
                |_| String::from_utf8_lossy(&attr.value).into_owned(),
                |v| v.into_owned(),
            );
            (key, value)
        })
        .collect();
    Element {
        name: String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
        attrs,
        ..Element::default()
    }
}

/// Closes the innermost open element, its inner markup ending at `end`.
fn close(stack: &mut Vec<Element>, end: usize) {
    if stack.len() < 2 {
        return;
    }
    if let Some(mut element) = stack.pop() {
        element.inner.end = end.max(element.inner.start);
        if let Some(parent) = stack.last_mut() {
            parent.children.push(element);
        }
    }
}

/// Adds text to every open element, so each holds all the text below it.
fn push_text(stack: &mut [Element], text: &str) {
    for element in stack.iter_mut().skip(1) {
        element.text.push_str(text);
    }
}

/// Where one item lies in the feed, and whether its end tag was found.
#[derive(Debug, PartialEq, Eq)]
struct ItemSpan {
    range: Range<usize>,
    closed: bool,
}

/// Finds the `<item>` (or `<entry>`) elements of a feed by scanning tags, skipping comments,
/// CDATA and processing instructions. An item whose end tag never comes runs to the next item
/// or to the end of the feed, and is marked unclosed.
fn find_items(xml: &str, item: &str) -> Vec<ItemSpan> {
    let mut items = Vec::new();
    let mut open: Option<usize> = None;
    let mut pos = 0;
    while let Some(at) = xml.get(pos..).and_then(|rest| rest.find('<')) {
        let start = pos + at;
        let rest = &xml[start..];
        if let Some(skip) = markup_to_skip(rest) {
            pos = start + skip;
            continue;
        }
        let closing = rest.starts_with("</");
        let name = tag_name(&rest[if closing { 2 } else { 1 }..]);
        if name.is_empty() {
            // A stray `<` in text, not a tag.
            pos = start + 1;
            continue;
        }
        let end = start + tag_len(rest);
        if local(name) == item {
            if closing {
                if let Some(from) = open.take() {
                    items.push(ItemSpan { range: from..end, closed: true });
                }
            } else {
                if let Some(from) = open.take() {
                    items.push(ItemSpan { range: from..start, closed: false });
                }
                if xml[..end].ends_with("/>") {
                    items.push(ItemSpan { range: start..end, closed: true });
                } else {
                    open = Some(start);
                }
            }
        }
        pos = end;
    }
    if let Some(from) = open {
        items.push(ItemSpan { range: from..xml.len(), closed: false });
    }
    items
}

/// How many bytes of `s` (which starts with `<`) to skip when it opens a comment, CDATA, a
/// processing instruction or a declaration; `None` for an ordinary tag.
fn markup_to_skip(s: &str) -> Option<usize> {
    let until = |close: &str| s.find(close).map_or(s.len(), |at| at + close.len());
    if s.starts_with("<![CDATA[") {
        Some(until("]]>"))
    } else if s.starts_with("<!--") {
        Some(until("-->"))
    } else if s.starts_with("<?") {
        Some(until("?>"))
    } else if s.starts_with("<!") {
        Some(until(">"))
    } else {
        None
    }
}

/// The tag name at the start of `s`.
fn tag_name(s: &str) -> &str {
    let end = s.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(s.len());
    &s[..end]
}

/// The length of the tag at the start of `s`, through its `>` (quoted attribute values may hold
/// one), or all of `s` when it never closes.
fn tag_len(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (idx, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return idx + 1,
            _ => {}
        }
    }
    s.len()
}

/// `dc:creator` → `creator`.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_around_cdata_comments_and_stray_brackets() {
        let xml = "<rss><channel><title>a < b</title><!-- <item> -->\
                   <item><description><![CDATA[</item>]]></description></item>\
                   <item/><item><title>open</title>\
                   <item attr=\"x>y\"><title>last</title></item></channel></rss>";
        let items = find_items(xml, "item");
        let texts: Vec<(&str, bool)> =
            items.iter().map(|i| (&xml[i.range.clone()], i.closed)).collect();
        assert_eq!(
            texts,
            [
                ("<item><description><![CDATA[</item>]]></description></item>", true),
                ("<item/>", true),
                ("<item><title>open</title>", false),
                ("<item attr=\"x>y\"><title>last</title></item>", true),
            ]
        );
    }

    #[test]
    fn root_names_skip_the_prolog() {
        assert_eq!(
            root_name("<?xml version=\"1.0\"?>\n<!-- x --><rss version=\"2.0\">"),
            Some("rss")
        );
        assert_eq!(root_name("<rdf:RDF xmlns:rdf=\"r\">"), Some("RDF"));
        assert_eq!(root_name("no markup"), None);
    }

    #[test]
    fn trees_hold_text_attributes_and_inner_markup() {
        let xml = "<entry><link rel=\"alternate\" href=\"https://x.invalid/a?b=1&amp;c=2\"/>\
                   <content type=\"xhtml\"><div><p>A &amp; B &#x2014; &nbsp;C</p></div></content>\
                   </entry>";
        let tree = parse_tree(xml, true).unwrap();
        let entry = &tree.children[0];
        assert_eq!(entry.children[0].attr("href"), Some("https://x.invalid/a?b=1&c=2"));
        let content = &entry.children[1];
        assert_eq!(content.text, "A & B \u{2014} &nbsp;C");
        assert_eq!(content.html(xml).unwrap(), "<div><p>A &amp; B &#x2014; &nbsp;C</p></div>");
    }

    #[test]
    fn strict_parsing_refuses_broken_items() {
        assert!(parse_tree("<item><title>x</item>", true).unwrap_err().starts_with("ill-formed"));
        assert!(parse_tree("<item><title>x</title>", true).unwrap_err().contains("not closed"));
        let deep = "<a>".repeat(MAX_DEPTH + 2);
        assert!(parse_tree(&deep, true).is_err());
        let lenient = parse_tree("<rss><channel><title>T</title>", false).unwrap();
        assert_eq!(lenient.children[0].children[0].child_text(&["title"]).as_deref(), Some("T"));
    }
}
