//! The article text of a web page, readability style: one pass over the tree splits the visible
//! text into blocks (paragraphs, headings, list items, runs of text in a `<div>`), each with the
//! element that holds it and how much of it is link text. Blocks long enough to be prose score
//! the containers above them (more for longer text and more commas); a container's score is
//! discounted by its link density and shifted by the words of its class and id
//! (`data/ingest/boilerplate.toml`). The best container wins, with those of its siblings that
//! score close to it or read as prose. Inside, the cells of a table row are joined into one line,
//! and link-dense blocks and rows (lists of other stories) are dropped.
//!
//! Menus, comments, share bars and other chrome are removed before anything is scored: by
//! element (`nav`, `aside`, `footer`, ...), by ARIA role, by being hidden, and by class/id words.

use std::collections::{HashMap, HashSet};

use corroborate_model::ParagraphKind;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use crate::boilerplate::{Kind, Patterns};
use crate::paragraphs::{normalise, Block};

/// Elements whose contents are never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "button",
    "select", "textarea", "svg", "iframe", "head", "object", "embed", "canvas", "dialog", "menu",
    "input", "label", "option",
];

/// ARIA roles of page chrome.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "menu",
    "menubar",
    "complementary",
    "alert",
    "alertdialog",
    "dialog",
    "banner",
    "contentinfo",
    "search",
];

/// Elements that start and end a block of text; everything else is inline.
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "center",
    "address",
    "details",
    "summary",
    "hr",
    "form",
    "fieldset",
    "body",
    "html",
    "caption",
];

/// Elements whose own text scores the containers above them.
const SCORED_OWNERS: &[&str] = &["p", "pre", "td", "div", "section", "article", "main", "center"];

/// Shortest block (in characters) that scores its containers.
const MIN_SCORED_CHARS: usize = 25;
/// How many ancestors a block scores.
const SCORED_LEVELS: usize = 5;
/// Weight of a class or id word.
const CLASS_WEIGHT: f64 = 25.0;
/// Characters below which a result is too short to trust, and the page is read again without
/// dropping elements by their class and id words.
const RETRY_BELOW_CHARS: usize = 500;
/// Share of link text above which a block inside the article is dropped.
const MAX_BLOCK_LINK_DENSITY: f64 = 0.5;

/// A block of visible text and the element it belongs to.
struct RawBlock {
    /// The nearest block-level element around the text.
    owner: NodeId,
    /// Tag name of `owner`.
    owner_tag: String,
    /// The text, whitespace collapsed.
    text: String,
    /// Characters of the text inside links.
    link_chars: usize,
    /// The table row when `owner` is one of its cells: the cells of a row make one line.
    row: Option<NodeId>,
}

/// Characters of text and of link text under an element.
#[derive(Default, Clone, Copy)]
struct Totals {
    chars: usize,
    link_chars: usize,
}

impl Totals {
    fn link_density(self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// The article's blocks in document order: `<h2>`–`<h6>` as subheadings, `<h1>` left out (the
/// title is added by the caller). Empty when the page has no text worth calling an article.
pub(crate) fn article_blocks(html: &Html) -> Vec<Block> {
    let strict = blocks_with(html, true);
    let chars = |blocks: &[Block]| blocks.iter().map(|b| b.text.len()).sum::<usize>();
    if chars(&strict) >= RETRY_BELOW_CHARS {
        return strict;
    }
    let lenient = blocks_with(html, false);
    if chars(&lenient) > chars(&strict) {
        lenient
    } else {
        strict
    }
}

/// The article's blocks, with or without dropping elements by their class and id words.
fn blocks_with(html: &Html, by_class: bool) -> Vec<Block> {
    let patterns = Patterns::get();
    let (blocks, totals) = split_blocks(html, patterns, by_class);
    let Some(chosen) = choose_containers(html, &blocks, &totals, patterns) else {
        return Vec::new();
    };
    let mut inside_cache: HashMap<NodeId, bool> = HashMap::new();
    // Kept blocks with their row, characters and link characters; cells of one row are joined
    // before the link density is judged, so a row whose name cell is a link stays.
    let mut kept: Vec<(Option<NodeId>, Block, usize, usize)> = Vec::new();
    for block in &blocks {
        if !within(html, block.owner, &chosen, &mut inside_cache) {
            continue;
        }
        let chars = block.text.chars().count();
        if chars == 0 {
            continue;
        }
        let hint = match block.owner_tag.as_str() {
            "h1" => continue,
            // A short run of bare text in a container is a label or a date, not a paragraph.
            "div" | "section" | "article" | "main" | "body" | "center"
                if chars < MIN_SCORED_CHARS =>
            {
                continue
            }
            "h2" | "h3" | "h4" | "h5" | "h6" => Some(ParagraphKind::Subheading),
            _ => None,
        };
        if let Some((Some(row), last, last_chars, last_links)) = kept.last_mut() {
            if block.row == Some(*row) {
                last.text.push(' ');
                last.text.push_str(&block.text);
                *last_chars += chars + 1;
                *last_links += block.link_chars;
                continue;
            }
        }
        kept.push((block.row, Block { text: block.text.clone(), hint }, chars, block.link_chars));
    }
    kept.into_iter()
        .filter(|(_, _, chars, links)| *links as f64 <= MAX_BLOCK_LINK_DENSITY * *chars as f64)
        .map(|(_, block, _, _)| block)
        .collect()
}

/// True when `node` is one of `chosen` or inside one, memoised per node.
fn within(
    html: &Html,
    node: NodeId,
    chosen: &HashSet<NodeId>,
    cache: &mut HashMap<NodeId, bool>,
) -> bool {
    let mut path = Vec::new();
    let mut current = html.tree.get(node);
    let mut answer = false;
    while let Some(n) = current {
        if chosen.contains(&n.id()) {
            answer = true;
            break;
        }
        if let Some(&known) = cache.get(&n.id()) {
            answer = known;
            break;
        }
        path.push(n.id());
        current = n.parent();
    }
    for id in path {
        cache.insert(id, answer);
    }
    answer
}

/// One pass over the tree: the visible blocks in document order and the text totals of every
/// element that holds text.
fn split_blocks(
    html: &Html,
    patterns: &Patterns,
    by_class: bool,
) -> (Vec<RawBlock>, HashMap<NodeId, Totals>) {
    let mut blocks = Vec::new();
    let mut totals: HashMap<NodeId, Totals> = HashMap::new();
    // Open elements: id, whether block-level, and the text totals gathered so far.
    let mut open: Vec<(NodeId, bool, Totals)> = Vec::new();
    let mut skipping: Option<NodeId> = None;
    let mut link_depth = 0usize;
    let mut buffer = String::new();
    let mut buffer_link_chars = 0usize;
    let flush = |buffer: &mut String,
                 link_chars: &mut usize,
                 open: &[(NodeId, bool, Totals)],
                 blocks: &mut Vec<RawBlock>| {
        let text = normalise(buffer);
        buffer.clear();
        let links = std::mem::take(link_chars);
        if text.is_empty() {
            return;
        }
        let Some(&(owner, _, _)) = open.iter().rev().find(|(_, block, _)| *block) else {
            return;
        };
        let owner_node = html.tree.get(owner);
        let owner_tag = owner_node
            .and_then(|n| n.value().as_element().map(|e| e.name().to_string()))
            .unwrap_or_default();
        let row = if matches!(owner_tag.as_str(), "td" | "th") {
            owner_node
                .and_then(|n| n.parent())
                .filter(|p| p.value().as_element().is_some_and(|e| e.name() == "tr"))
                .map(|p| p.id())
        } else {
            None
        };
        blocks.push(RawBlock { owner, owner_tag, text, link_chars: links, row });
    };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        if is_skipped(el, patterns, by_class) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let name = el.name();
                        let block = BLOCK_LEVEL.contains(&name);
                        if block {
                            flush(&mut buffer, &mut buffer_link_chars, &open, &mut blocks);
                        } else if name == "br" {
                            buffer.push(' ');
                        }
                        if name == "a" {
                            link_depth += 1;
                        }
                        open.push((node.id(), block, Totals::default()));
                    }
                    Node::Text(text) => {
                        let chars = text.trim().chars().count();
                        buffer.push_str(text);
                        if link_depth > 0 {
                            buffer_link_chars += chars;
                        }
                        if let Some((_, _, t)) = open.last_mut() {
                            t.chars += chars;
                            if link_depth > 0 {
                                t.link_chars += chars;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(skipped) = skipping {
                    if skipped == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                let Some(el) = node.value().as_element() else {
                    continue;
                };
                if BLOCK_LEVEL.contains(&el.name()) {
                    flush(&mut buffer, &mut buffer_link_chars, &open, &mut blocks);
                }
                if el.name() == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                if let Some((id, _, t)) = open.pop() {
                    if t.chars > 0 {
                        totals.insert(id, t);
                    }
                    if let Some((_, _, parent)) = open.last_mut() {
                        parent.chars += t.chars;
                        parent.link_chars += t.link_chars;
                    }
                }
            }
        }
    }
    flush(&mut buffer, &mut buffer_link_chars, &open, &mut blocks);
    (blocks, totals)
}

/// True when `el` and everything in it is page chrome or invisible.
fn is_skipped(el: &Element, patterns: &Patterns, by_class: bool) -> bool {
    let name = el.name();
    if SKIPPED.contains(&name) {
        return true;
    }
    if let Some(role) = el.attr("role") {
        if SKIPPED_ROLES.iter().any(|r| role.trim().eq_ignore_ascii_case(r)) {
            return true;
        }
    }
    if el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String =
            style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if !by_class || matches!(name, "html" | "body" | "article" | "main" | "a") {
        return false;
    }
    let class = el.attr("class").unwrap_or_default();
    let id = el.attr("id").unwrap_or_default();
    let holds = |kind| patterns.matches(kind, class) || patterns.matches(kind, id);
    holds(Kind::Unlikely) && !holds(Kind::Maybe)
}

/// Score of a container before the text inside it counts: by element and by class and id.
fn base_score(el: &Element, patterns: &Patterns) -> f64 {
    let by_tag = match el.name() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let mut by_class = 0.0;
    for attr in ["class", "id"] {
        let Some(value) = el.attr(attr) else { continue };
        if patterns.matches(Kind::Negative, value) {
            by_class -= CLASS_WEIGHT;
        }
        if patterns.matches(Kind::Positive, value) {
            by_class += CLASS_WEIGHT;
        }
    }
    by_tag + by_class
}

/// The best-scoring container and those of its siblings that belong to the article.
fn choose_containers(
    html: &Html,
    blocks: &[RawBlock],
    totals: &HashMap<NodeId, Totals>,
    patterns: &Patterns,
) -> Option<HashSet<NodeId>> {
    let mut scores = score_containers(html, blocks, patterns, MIN_SCORED_CHARS, SCORED_OWNERS);
    if scores.is_empty() {
        // A short page: any paragraph counts.
        scores = score_containers(html, blocks, patterns, 1, &["p", "pre", "td"]);
    }
    let final_score = |id: NodeId, score: f64| {
        let density = totals.get(&id).copied().unwrap_or_default().link_density();
        score * (1.0 - density)
    };
    let mut best: Option<(f64, NodeId)> = None;
    for (&id, &score) in &scores {
        let score = final_score(id, score);
        let better = match best {
            Some((top, top_id)) => {
                score > top || (score == top && document_order(html, id, top_id))
            }
            None => true,
        };
        if better {
            best = Some((score, id));
        }
    }
    let (top_score, top_id) = best?;
    let top = html.tree.get(top_id)?;
    let mut chosen = HashSet::from([top_id]);
    let Some(parent) = top.parent() else {
        return Some(chosen);
    };
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = top.value().as_element().and_then(|e| e.attr("class")).unwrap_or_default();
    for sibling in parent.children().filter(|s| s.id() != top_id) {
        let Some(el) = sibling.value().as_element() else { continue };
        let mut score = scores.get(&sibling.id()).map_or(0.0, |&s| final_score(sibling.id(), s));
        if !top_class.is_empty() && el.attr("class") == Some(top_class) {
            score += top_score * 0.2;
        }
        let keep = score >= threshold
            || (el.name() == "p" && reads_as_prose(sibling, totals.get(&sibling.id()).copied()));
        if keep {
            chosen.insert(sibling.id());
        }
    }
    Some(chosen)
}

/// Scores of the containers above blocks of at least `min_chars` characters held by an element
/// of `owners`: 1 point, 1 per comma and 1 per 100 characters (at most 3), full to the parent,
/// half to the grandparent and a third of the level above that.
fn score_containers(
    html: &Html,
    blocks: &[RawBlock],
    patterns: &Patterns,
    min_chars: usize,
    owners: &[&str],
) -> HashMap<NodeId, f64> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for block in blocks {
        if !owners.contains(&block.owner_tag.as_str()) {
            continue;
        }
        let chars = block.text.chars().count();
        if chars < min_chars {
            continue;
        }
        let commas = block.text.matches([',', '，', '、']).count();
        let content = 1.0 + commas as f64 + (chars / 100).min(3) as f64;
        let Some(owner) = html.tree.get(block.owner) else { continue };
        for (level, ancestor) in owner.ancestors().take(SCORED_LEVELS).enumerate() {
            let Some(el) = ancestor.value().as_element() else { break };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                n => n as f64 * 3.0,
            };
            *scores.entry(ancestor.id()).or_insert_with(|| base_score(el, patterns)) +=
                content / divider;
        }
    }
    scores
}

/// A sibling paragraph that is prose: long with few links, or short, link-free and ending a
/// sentence.
fn reads_as_prose(node: NodeRef<'_, Node>, totals: Option<Totals>) -> bool {
    let Some(totals) = totals else { return false };
    if totals.chars > 80 {
        return totals.link_density() < 0.25;
    }
    if totals.chars == 0 || totals.link_chars > 0 {
        return false;
    }
    let text: String =
        node.descendants().filter_map(|d| d.value().as_text()).map(|t| &**t).collect();
    let text = text.trim_end();
    text.ends_with('.') || text.contains(". ")
}

/// True when `a` comes before `b` in the document (ties go to the earlier container).
fn document_order(html: &Html, a: NodeId, b: NodeId) -> bool {
    for node in html.tree.root().descendants() {
        if node.id() == a {
            return true;
        }
        if node.id() == b {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cells_of_a_table_row_make_one_line_judged_as_a_row() {
        let page = "<html><body><div class=\"content\"><p>The standings after the last race \
                    of the season, with points, wins and poles, are in the table below.</p>\
                    <table><tr><th>Pos.</th><th>Driver</th><th>Points</th><th>Wins</th></tr>\
                    <tr><td>1</td><td><a href=\"/a\">Ann Lee</a></td><td>5040</td><td>5</td></tr>\
                    <tr><td>2</td><td><a href=\"/b\">Bo Park</a></td><td>5035</td><td>7</td></tr>\
                    <tr><td><a href=\"/all\">All drivers</a></td></tr></table></div></body></html>";
        let html = Html::parse_document(page);
        let texts: Vec<String> = article_blocks(&html).into_iter().map(|b| b.text).collect();
        // A driver's name is a link, but the row as a whole is not link text.
        assert!(texts.iter().any(|t| t == "1 Ann Lee 5040 5"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "2 Bo Park 5035 7"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "Pos. Driver Points Wins"), "{texts:?}");
        // A row that is only a link is navigation.
        assert!(!texts.iter().any(|t| t.contains("All drivers")), "{texts:?}");
    }
}
