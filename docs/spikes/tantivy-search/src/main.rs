//! Spike for decision 0034 (not product code: `unwrap` on purpose, no error handling).
//! Indexes the documents (title, text) and claims (source, content) of a corroborate database
//! with tantivy, plus a field of each word's 2- to 4-letter prefixes, then times the load
//! mix's eight searches: every word must match, the last as a prefix that filters but does
//! not score, the 20 best by BM25 and the exact count. Usage: tantivy-search-spike DB INDEX_DIR

use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::*;
use tantivy::{doc, Index, IndexReader, Term};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let db = &args[1];
    let dir = &args[2];
    let mut sb = Schema::builder();
    let text_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer("default").set_index_option(IndexRecordOption::WithFreqs),
    );
    let title = sb.add_text_field("title", text_opts.clone());
    let body = sb.add_text_field("body", text_opts.clone());
    let prefixes = sb.add_text_field("prefixes", TextOptions::default().set_indexing_options(TextFieldIndexing::default().set_tokenizer("default").set_index_option(IndexRecordOption::Basic)));
    let kind = sb.add_u64_field("kind", FAST | STORED);
    let rowid = sb.add_i64_field("rowid", FAST | STORED);
    let schema = sb.build();
    let index = if std::path::Path::new(dir).join("meta.json").exists() {
        Index::open_in_dir(dir).unwrap()
    } else {
        std::fs::create_dir_all(dir).unwrap();
        let index = Index::create_in_dir(dir, schema.clone()).unwrap();
        let mut w = index.writer(200_000_000).unwrap();
        let conn = rusqlite::Connection::open(db).unwrap();
        let t = Instant::now();
        let mut n = 0;
        let mut st = conn.prepare("SELECT seq, COALESCE(title,''), COALESCE(text,'') FROM documents").unwrap();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let s: i64 = r.get(0).unwrap();
            let ti: String = r.get(1).unwrap();
            let tx: String = r.get(2).unwrap();
            let p = prefix_text(&format!("{ti} {tx}"));
            w.add_document(doc!(title => ti, body => tx, prefixes => p, kind => 0u64, rowid => s)).unwrap();
            n += 1;
        }
        let mut st = conn.prepare("SELECT rowid, COALESCE(content_text,''), COALESCE(source,'') FROM claims_fts").unwrap();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let s: i64 = r.get(0).unwrap();
            let c: String = r.get(1).unwrap();
            let so: String = r.get(2).unwrap();
            let p = prefix_text(&format!("{so} {c}"));
            w.add_document(doc!(title => so, body => c, prefixes => p, kind => 1u64, rowid => s)).unwrap();
            n += 1;
        }
        w.commit().unwrap();
        eprintln!("indexed {n} in {:?}", t.elapsed());
        index
    };
    let reader: IndexReader = index.reader().unwrap();
    let searcher = reader.searcher();
    eprintln!("segments {}", searcher.segment_readers().len());
    // words: whole words + last as prefix (expanded over the term dictionary), prefix part scores 0
    let prefix_terms = |word: &str| -> Vec<Term> {
        let mut out = Vec::new();
        for field in [title, body] {
            for seg in searcher.segment_readers() {
                let inv = seg.inverted_index(field).unwrap();
                let mut stream = inv.terms().range().ge(word.as_bytes()).into_stream().unwrap();
                while stream.advance() {
                    let k = stream.key();
                    if !k.starts_with(word.as_bytes()) { break; }
                    out.push(Term::from_field_text(field, std::str::from_utf8(k).unwrap()));
                }
            }
        }
        out.sort(); out.dedup();
        out
    };
    let build = |q: &str| -> Box<dyn Query> {
        let words: Vec<&str> = q.split(' ').collect();
        let (last, whole) = words.split_last().unwrap();
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in whole {
            let any: Vec<(Occur, Box<dyn Query>)> = [title, body].iter().map(|f| (Occur::Should, Box::new(TermQuery::new(Term::from_field_text(*f, w), IndexRecordOption::WithFreqs)) as Box<dyn Query>)).collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let pre: Box<dyn Query> = if last.len() <= 4 {
            Box::new(TermQuery::new(Term::from_field_text(prefixes, last), IndexRecordOption::Basic))
        } else {
        let pre: Vec<(Occur, Box<dyn Query>)> = prefix_terms(last).into_iter().map(|t| (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn Query>)).collect();
        Box::new(BooleanQuery::new(pre)) };
        if whole.is_empty() { return pre; }
        must.push((Occur::Must, Box::new(BoostQuery::new(pre, 0.0))));
        Box::new(BooleanQuery::new(must))
    };
    let words = ["w12345", "w777", "w4242 w99", "w16000", "w1500 w8", "w3141", "w27182", "w5050"];
    for q in words {
        let query = build(q);
        let (top, count) = searcher.search(&*query, &(TopDocs::with_limit(20), Count)).unwrap();
        let reps = 200;
        let t = Instant::now();
        for _ in 0..reps {
            let query = build(q);
            let _ = searcher.search(&*query, &(TopDocs::with_limit(20), Count)).unwrap();
        }
        let per = t.elapsed() / reps;
        let t = Instant::now();
        for _ in 0..reps {
            let query = build(q);
            let _ = searcher.search(&*query, &TopDocs::with_limit(20)).unwrap();
        }
        let per_top = t.elapsed() / reps;
        println!("{q:12} count {count:6} top {} : top+count {per:?}  top only {per_top:?}", top.len());
    }
}

fn prefix_text(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        for n in 2..=4 {
            if chars.len() >= n {
                let end = if n < chars.len() { chars[n].0 } else { lower.len() };
                out.push_str(&lower[..end]);
                out.push(' ');
            }
        }
    }
    out
}
