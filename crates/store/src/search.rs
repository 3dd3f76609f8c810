//! Full-text search over documents and claims: a tantivy index beside the database
//! (`DB.search/`; in memory for a store in memory), derived from the tables and caught up from
//! the journal that SQLite's triggers write (schema 16, decision 0036).
//!
//! **Where the index stands.** Every change to a document's words or to a claim appends a row
//! to `search_changes`. Each commit of the index records, in tantivy's commit payload, the
//! sequence number of the last change it applied, in the same atomic commit as the rows, so a
//! change is applied exactly once; catching up applies the changes past it in order, reading
//! each row from the tables as it is now (an insert adds the row, a delete removes it, an
//! update does both). An index without a payload, or with one of another layout, is built again
//! from the tables.
//! Only the store writes the index, after SQLite has committed: a crash in between leaves
//! changes for the next catch-up, never an index ahead of the database.
//!
//! **What a search is.** The words a person typed ([`crate::browse`]'s `search_words`),
//! folded as the index folds its text (lower case, ASCII folding). Every word must be in the
//! row, the last one as a prefix; the whole words rank the hits by BM25, and the word still
//! being typed only filters, unless it is the only word: then rows rank by the word's own
//! frequencies, or by those of the longer words it starts, or (found only through the prefix
//! field) by that field's small weight. A prefix of two to four letters is looked up in a field that holds each word's
//! first two, three and four letters, one list instead of the lists of every word it starts;
//! a longer prefix expands over the term dictionary, where it matches few words.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension};
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term,
};

use crate::codec::{claimed_words, text_lossy};
use crate::excerpt::SearchWord;
use crate::StoreError;

/// The layout of the index: its schema and how it folds words. Recorded in every commit's
/// payload; an index of another layout is built again.
const LAYOUT: u32 = 1;

/// The tokenizer of every text field and of the searched words.
const WORDS: &str = "corroborate_words";

/// Tokens longer than this many bytes are not indexed (tantivy's default limit).
const LONGEST_WORD: usize = 40;

/// The prefixes kept in the prefix field, in characters.
const SHORTEST_PREFIX: usize = 2;
const LONGEST_PREFIX: usize = 4;

/// The writer's memory in bytes, one thread: tantivy's smallest arena is 15 MB. A rebuild
/// flushes a segment each time it is full, so a larger arena only means fewer segments.
const WRITER_BYTES: usize = 15_000_000;

/// Deletes and bytes of text sent to the writer between two commits of a catch-up. Tantivy
/// holds each delete in memory (about 300 bytes) until the commit, and a reanalysis deletes
/// every claim of every report; and it queues up to 10,000 documents for its indexing thread,
/// 128 MB of reports' texts when the reading outruns the indexing. A commit drains the queue.
const DELETES_PER_COMMIT: usize = 10_000;
const BYTES_PER_COMMIT: usize = 16 << 20;

/// How long a store that did not write waits between two attempts to catch the index up
/// itself: a server whose database another process writes catches up at most this often
/// when nobody else does it.
const READER_CATCH_UP_EVERY: Duration = Duration::from_secs(2);

/// Which kind of row a hit is, as the `kind` fast field holds it.
const DOCUMENT: u64 = 0;
const CLAIM: u64 = 1;

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
struct Fields {
    /// `d{seq}` or `c{rowid}`: the term a row is deleted by.
    key: Field,
    /// [`DOCUMENT`] or [`CLAIM`].
    kind: Field,
    /// The document's `seq`, or the claim's rowid.
    row: Field,
    /// A document's title.
    title: Field,
    /// A document's text.
    text: Field,
    /// What a claim says (its content spans).
    claim: Field,
    /// A claim's source as written.
    source: Field,
    /// The first two, three and four letters of every word of the row.
    prefixes: Field,
}

impl Fields {
    /// The fields whose words rank hits.
    fn ranked(&self) -> [Field; 4] {
        [self.title, self.text, self.claim, self.source]
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let words = |record| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(WORDS).set_index_option(record),
        )
    };
    let fields = Fields {
        key: builder.add_text_field("key", STRING),
        kind: builder.add_u64_field("kind", FAST),
        row: builder.add_i64_field("row", FAST),
        title: builder.add_text_field("title", words(IndexRecordOption::WithFreqs)),
        text: builder.add_text_field("text", words(IndexRecordOption::WithFreqs)),
        claim: builder.add_text_field("claim", words(IndexRecordOption::WithFreqs)),
        source: builder.add_text_field("source", words(IndexRecordOption::WithFreqs)),
        prefixes: builder.add_text_field("prefixes", words(IndexRecordOption::Basic)),
    };
    (builder.build(), fields)
}

/// Words as the index keeps them: runs of letters and digits (the split of `search_words`),
/// lower case, folded to ASCII where a letter has a plain form ("Pérez" is "perez", as FTS5's
/// `unicode61` folded it).
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// `word` (a run of letters and digits) as the index keeps it: lower case, folded to ASCII;
/// empty when it is too long to be indexed.
pub(crate) fn fold(word: &str) -> String {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(word);
    let mut folded = String::new();
    while let Some(token) = stream.next() {
        folded.push_str(&token.text);
    }
    folded
}

/// Where the index of the database at `db` lives: `DB.search` beside it.
pub(crate) fn index_dir(db: &Path) -> PathBuf {
    let mut dir = db.as_os_str().to_owned();
    dir.push(".search");
    PathBuf::from(dir)
}

/// How far behind the database the index is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndexState {
    /// The index has every change.
    Current,
    /// The index will be built from the tables (it is new, or of an older layout).
    Missing {
        /// Documents to index.
        documents: usize,
        /// Claims to index.
        claims: usize,
    },
    /// This many changes are yet to be applied.
    Behind(usize),
}

/// What one catch-up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchIndexUpdate {
    /// True when the index was built from the tables.
    pub rebuilt: bool,
    /// Rows (documents and claims) indexed or removed.
    pub rows: usize,
    /// False when another process held the index's lock; it is catching the index up itself.
    pub done: bool,
}

/// The index, its reader, and where it stands.
pub(crate) struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Where the index lives, for messages; `None` in memory.
    dir: Option<PathBuf>,
    /// The sequence number of the last change the reader's commit applied; `None` when the
    /// index has no commit of this layout.
    applied: Cell<Option<i64>>,
    /// The database's `data_version` and this connection's change count when the reader was
    /// last reloaded or the index caught up.
    seen: Cell<Option<(i64, u64)>>,
    /// When this store last tried to catch up without having written.
    last_attempt: Cell<Option<Instant>>,
    /// The `kind` and `row` columns of each segment, for the searcher generation they were
    /// opened for.
    columns: RefCell<Option<(u64, RowColumns)>>,
}

/// Each segment's `kind` and `row` columns, in segment order.
type RowColumns = std::sync::Arc<Vec<(Column<u64>, Column<i64>)>>;

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("applied", &self.applied.get())
            .finish_non_exhaustive()
    }
}

/// The payload of a commit that applied every change up to `applied`.
fn payload(applied: i64) -> String {
    format!("{LAYOUT}:{applied}")
}

/// The change applied by a commit of this layout, from its payload.
fn applied_of(payload: Option<&str>) -> Option<i64> {
    let (layout, applied) = payload?.split_once(':')?;
    if layout.parse::<u32>().ok()? != LAYOUT {
        return None;
    }
    applied.parse().ok()
}

/// The sequence number of the newest change ever journalled (0 before the first).
fn latest_change(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'")?
        .query_row([], |row| row.get::<_, i64>(0))
        .optional()?
        .unwrap_or(0))
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when missing; an index of another schema is
    /// removed and created empty (it is derived data, built again on the next catch-up).
    pub(crate) fn open(dir: &Path) -> Result<SearchIndex, StoreError> {
        let error = |source| StoreError::SearchIndex { dir: dir.display().to_string(), source };
        let io_error = |err: std::io::Error| error(TantivyError::IoError(std::sync::Arc::new(err)));
        std::fs::create_dir_all(dir).map_err(io_error)?;
        let (schema, fields) = schema();
        let open = || -> Result<Index, TantivyError> {
            let directory = MmapDirectory::open(dir)?;
            Index::open_or_create(directory, schema.clone())
        };
        let index = match open() {
            Ok(index) => index,
            Err(TantivyError::SchemaError(_)) => {
                std::fs::remove_dir_all(dir).map_err(io_error)?;
                std::fs::create_dir_all(dir).map_err(io_error)?;
                open().map_err(error)?
            }
            Err(err) => return Err(error(err)),
        };
        SearchIndex::with(index, fields, Some(dir.to_path_buf()))
    }

    /// An empty index in memory.
    pub(crate) fn in_memory() -> Result<SearchIndex, StoreError> {
        let (schema, fields) = schema();
        SearchIndex::with(Index::create_in_ram(schema), fields, None)
    }

    fn with(index: Index, fields: Fields, dir: Option<PathBuf>) -> Result<SearchIndex, StoreError> {
        index.tokenizers().register(WORDS, analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| SearchIndex::error_in(dir.as_deref(), source))?;
        let search = SearchIndex {
            index,
            reader,
            fields,
            dir,
            applied: Cell::new(None),
            seen: Cell::new(None),
            last_attempt: Cell::new(None),
            columns: RefCell::new(None),
        };
        search.applied.set(search.committed_applied()?);
        Ok(search)
    }

    fn error_in(dir: Option<&Path>, source: TantivyError) -> StoreError {
        let dir = dir.map_or_else(|| "in memory".to_string(), |dir| dir.display().to_string());
        StoreError::SearchIndex { dir, source }
    }

    fn error(&self, source: TantivyError) -> StoreError {
        SearchIndex::error_in(self.dir.as_deref(), source)
    }

    /// The change the last commit on disk applied (it may be newer than the reader's).
    fn committed_applied(&self) -> Result<Option<i64>, StoreError> {
        let metas = self.index.load_metas().map_err(|err| self.error(err))?;
        Ok(applied_of(metas.payload.as_deref()))
    }

    /// How far behind `conn`'s database the index is.
    pub(crate) fn state(&self, conn: &Connection) -> Result<SearchIndexState, StoreError> {
        let latest = latest_change(conn)?;
        Ok(match self.committed_applied()? {
            None => {
                let count = |sql: &str| -> Result<usize, StoreError> {
                    let n: i64 = conn.query_row(sql, [], |row| row.get(0))?;
                    Ok(usize::try_from(n).unwrap_or(0))
                };
                SearchIndexState::Missing {
                    documents: count("SELECT count(*) FROM documents")?,
                    claims: count("SELECT count(*) FROM claims")?,
                }
            }
            Some(applied) if applied >= latest => SearchIndexState::Current,
            Some(applied) => {
                let behind: i64 = conn.query_row(
                    "SELECT count(*) FROM search_changes WHERE seq > ?1",
                    [applied],
                    |row| row.get(0),
                )?;
                SearchIndexState::Behind(usize::try_from(behind).unwrap_or(0))
            }
        })
    }

    /// Makes the index current with `conn`'s database before a search: reloads the reader
    /// when the database moved, and catches up when the index is behind and either this
    /// connection wrote since the last catch-up (a store reads its own writes) or no attempt
    /// was made for a while (a reader of a database that others write).
    pub(crate) fn refresh(&self, conn: &Connection) -> Result<(), StoreError> {
        let data_version: i64 = conn.query_row("PRAGMA data_version", [], |row| row.get(0))?;
        let now = (data_version, conn.total_changes());
        // The first search on this store, or this connection wrote since the last one: catch up
        // now, so that a store finds what it stored itself.
        if self.seen.get().is_none_or(|seen| seen.1 != now.1) {
            self.catch_up_or_reload(conn)?;
            self.seen.set(Some(now));
            return Ok(());
        }
        if self.seen.get() == Some(now) {
            return Ok(());
        }
        // Another connection committed: take up what the index has now, and catch up when
        // nobody else has, at most every few seconds.
        self.reload()?;
        self.seen.set(Some(now));
        let latest = latest_change(conn)?;
        if self.applied.get().is_some_and(|applied| applied >= latest) {
            return Ok(());
        }
        let due = self.last_attempt.get().is_none_or(|at| at.elapsed() >= READER_CATCH_UP_EVERY);
        if due {
            self.last_attempt.set(Some(Instant::now()));
            self.catch_up_or_reload(conn)?;
        }
        Ok(())
    }

    /// Catches up for a search; when that fails (a read-only directory, a full disk) or
    /// another store holds the lock, the search answers from the index as it is. The failure
    /// is for `Store::update_search_index`, which batch commands call, to report.
    fn catch_up_or_reload(&self, conn: &Connection) -> Result<(), StoreError> {
        match self.catch_up(conn) {
            Ok(update) if update.done => Ok(()),
            _ => self.reload(),
        }
    }

    /// Reloads the reader to the last commit and notes where it stands.
    fn reload(&self) -> Result<(), StoreError> {
        self.reader.reload().map_err(|err| self.error(err))?;
        self.applied.set(self.committed_applied()?);
        Ok(())
    }

    /// Applies the changes the index lacks, or builds it from the tables when it has no
    /// commit of this layout, then commits with the last change applied.
    ///
    /// Does nothing, and says so, when another store holds the index's writer lock: that
    /// store is catching up.
    pub(crate) fn catch_up(&self, conn: &Connection) -> Result<SearchIndexUpdate, StoreError> {
        // Taking the writer starts tantivy's threads: not worth it for an index already current.
        let latest = latest_change(conn)?;
        if self.committed_applied()?.is_some_and(|applied| applied >= latest) {
            self.reload()?;
            return Ok(SearchIndexUpdate { done: true, ..SearchIndexUpdate::default() });
        }
        let mut writer: IndexWriter<TantivyDocument> =
            match self.index.writer_with_num_threads(1, WRITER_BYTES) {
                Ok(writer) => writer,
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                    return Ok(SearchIndexUpdate::default())
                }
                Err(err) => return Err(self.error(err)),
            };
        // Under the lock, the commit on disk is the one to continue from.
        let applied = self.committed_applied()?;
        // One read transaction: the journal and the rows it points at agree.
        let snapshot = conn.unchecked_transaction()?;
        let latest = latest_change(conn)?;
        let mut update = SearchIndexUpdate { rebuilt: applied.is_none(), rows: 0, done: true };
        let mut indexer = RowIndexer::new(self.fields);
        // A commit records the last change applied; a commit in the middle of a build records
        // nothing, so that a build cut short starts again.
        let commit = |writer: &mut IndexWriter<TantivyDocument>, upto: Option<i64>| {
            let mut commit = writer.prepare_commit().map_err(|err| self.error(err))?;
            if let Some(upto) = upto {
                commit.set_payload(&payload(upto));
            }
            commit.commit().map_err(|err| self.error(err))
        };
        match applied {
            None => {
                writer.delete_all_documents().map_err(|err| self.error(err))?;
                for (sql, is_claim) in [(DOCUMENT_TEXTS, false), (CLAIM_TEXTS, true)] {
                    let mut rows = conn.prepare(sql)?;
                    let mut rows = rows.query([])?;
                    while let Some(row) = rows.next()? {
                        let (id, first, second) = texts_of(row, is_claim)?;
                        indexer
                            .add(&writer, is_claim, id, &first, &second)
                            .map_err(|err| self.error(err))?;
                        update.rows += 1;
                        if indexer.holds_too_much() {
                            commit(&mut writer, None)?;
                            indexer.committed();
                        }
                    }
                }
            }
            Some(applied) if applied >= latest => {
                snapshot.commit()?;
                drop(writer);
                self.reload()?;
                return Ok(update);
            }
            Some(applied) => {
                // In order and one at a time, so that memory does not grow with the journal. An
                // insert adds the row as it is now, a delete removes it, an update does both;
                // tantivy's deletes apply to what was added before them, so a row deleted and
                // inserted again (SQLite reuses the largest rowid) is in the index once, as it is
                // now.
                let mut changes = conn.prepare_cached(
                    "SELECT seq, what = 'claim', op != 'insert', op != 'delete', row \
                     FROM search_changes WHERE seq > ?1 ORDER BY seq",
                )?;
                let mut changes = changes.query([applied])?;
                let mut document =
                    conn.prepare_cached(&format!("{DOCUMENT_TEXTS} WHERE seq = ?1"))?;
                let mut claim =
                    conn.prepare_cached(&format!("{CLAIM_TEXTS} WHERE c.rowid = ?1"))?;
                while let Some(change) = changes.next()? {
                    let (seq, is_claim, removes, adds, row): (i64, bool, bool, bool, i64) = (
                        change.get(0)?,
                        change.get(1)?,
                        change.get(2)?,
                        change.get(3)?,
                        change.get(4)?,
                    );
                    if removes {
                        indexer.remove(&writer, is_claim, row);
                    }
                    let now = if is_claim { &mut claim } else { &mut document };
                    let texts = if adds {
                        now.query_row([row], |row| texts_of(row, is_claim)).optional()?
                    } else {
                        None
                    };
                    if let Some((id, first, second)) = texts {
                        indexer
                            .add(&writer, is_claim, id, &first, &second)
                            .map_err(|err| self.error(err))?;
                    }
                    update.rows += 1;
                    if indexer.holds_too_much() {
                        commit(&mut writer, Some(seq))?;
                        indexer.committed();
                    }
                }
            }
        }
        snapshot.commit()?;
        commit(&mut writer, Some(latest))?;
        writer.wait_merging_threads().map_err(|err| self.error(err))?;
        self.reload()?;
        Ok(update)
    }

    /// Deletes the journal's changes that the reader's commit has applied: they are in the
    /// index, and a rebuild reads the tables, not the journal.
    pub(crate) fn forget_applied(&self, conn: &Connection) -> Result<(), StoreError> {
        if let Some(applied) = self.applied.get() {
            conn.prepare_cached("DELETE FROM search_changes WHERE seq <= ?1")?
                .execute([applied])?;
        }
        Ok(())
    }

    /// The hits of `words` as (is a claim, rowid), `limit` of them after skipping `offset`,
    /// best first, with how many rows match in all.
    pub(crate) fn search(
        &self,
        words: &[SearchWord],
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<(bool, i64)>), StoreError> {
        let searcher = self.reader.searcher();
        let Some(query) = self.query_of(&searcher, words) else {
            return Ok((0, Vec::new()));
        };
        // Two passes: counting needs no scores, and the page alone lets tantivy skip blocks of
        // rows that cannot reach it (a collector that also counts must visit every hit).
        let total = searcher.search(&query, &Count).map_err(|err| self.error(err))?;
        if limit == 0 || offset >= total {
            return Ok((total, Vec::new()));
        }
        let page = TopDocs::with_limit(limit).and_offset(offset);
        let top = searcher.search(&query, &page).map_err(|err| self.error(err))?;
        let columns = self.row_columns(&searcher)?;
        let mut hits = Vec::with_capacity(top.len());
        for (_score, address) in top {
            let Some((kind, row)) = columns.get(address.segment_ord as usize) else { continue };
            if let (Some(kind), Some(row)) = (kind.first(address.doc_id), row.first(address.doc_id))
            {
                hits.push((kind == CLAIM, row));
            }
        }
        Ok((total, hits))
    }

    /// The `kind` and `row` columns of every segment of `searcher`, opened once per reload:
    /// opening a column decodes its block headers, which cost more than the search when it
    /// was done for every hit.
    fn row_columns(&self, searcher: &Searcher) -> Result<RowColumns, StoreError> {
        let generation = searcher.generation().generation_id();
        if let Some((opened, columns)) = &*self.columns.borrow() {
            if *opened == generation {
                return Ok(columns.clone());
            }
        }
        let mut columns = Vec::with_capacity(searcher.segment_readers().len());
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let kind = fast.u64("kind").map_err(|err| self.error(err))?;
            let row = fast.i64("row").map_err(|err| self.error(err))?;
            columns.push((kind, row));
        }
        let columns = std::sync::Arc::new(columns);
        *self.columns.borrow_mut() = Some((generation, columns.clone()));
        Ok(columns)
    }

    /// The query for `words`: see the module's documentation. `None` when no word is left
    /// after folding (only words too long to index).
    fn query_of(&self, searcher: &Searcher, words: &[SearchWord]) -> Option<Box<dyn Query>> {
        let mut analyzer = analyzer();
        let mut tokens: Vec<String> = Vec::new();
        let mut last_is_prefix = false;
        for word in words {
            let mut stream = analyzer.token_stream(&word.typed);
            let before = tokens.len();
            while let Some(token) = stream.next() {
                tokens.push(token.text.clone());
            }
            if tokens.len() > before {
                last_is_prefix = word.prefix;
            }
        }
        let (last, whole) = tokens.split_last()?;
        let fields = self.fields;
        let term_query = |term: Term, record| -> (Occur, Box<dyn Query>) {
            (Occur::Should, Box::new(TermQuery::new(term, record)))
        };
        let in_any_field = |token: &str| -> Vec<(Occur, Box<dyn Query>)> {
            let terms = fields.ranked().map(|field| Term::from_field_text(field, token));
            terms.into_iter().map(|term| term_query(term, IndexRecordOption::WithFreqs)).collect()
        };
        // What the last word matches as a prefix: rows holding a word that starts with it.
        let starting = |record| -> Option<Vec<(Occur, Box<dyn Query>)>> {
            if last.chars().count() <= LONGEST_PREFIX {
                let term = Term::from_field_text(fields.prefixes, last);
                return Some(vec![term_query(term, IndexRecordOption::Basic)]);
            }
            // A longer prefix starts few words: they are read off the term dictionaries. (A
            // regular-expression automaton over the dictionaries cost about 2 M instructions
            // to build, more than the search it served.)
            let terms = prefix_terms(searcher, &fields.ranked(), last).ok()?;
            Some(terms.into_iter().map(|term| term_query(term, record)).collect())
        };
        if whole.is_empty() {
            // One word. Only term queries in one disjunction, so that tantivy's block-max WAND
            // skips the blocks that cannot reach the page: the rows holding the word whole rank
            // by its own frequencies, the longer words it starts by theirs, and the rows found
            // through the prefix field by that field's weight, which is small (a short prefix
            // is in many rows).
            let mut any = in_any_field(last);
            if last_is_prefix {
                any.extend(starting(IndexRecordOption::WithFreqs)?);
            }
            return Some(Box::new(BooleanQuery::new(any)));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = whole
            .iter()
            .map(|token| -> (Occur, Box<dyn Query>) {
                (Occur::Must, Box::new(BooleanQuery::new(in_any_field(token))))
            })
            .collect();
        if last_is_prefix {
            // The word being typed filters; it does not rank.
            let prefix = Box::new(BooleanQuery::new(starting(IndexRecordOption::Basic)?));
            clauses.push((Occur::Must, Box::new(BoostQuery::new(prefix, 0.0))));
        } else {
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(in_any_field(last)))));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }
}

/// The terms of `fields` in any segment of `searcher` that start with `prefix`, each once.
fn prefix_terms(searcher: &Searcher, fields: &[Field], prefix: &str) -> std::io::Result<Vec<Term>> {
    let mut terms = Vec::new();
    for &field in fields {
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else { continue };
            let mut stream = inverted.terms().range().ge(prefix.as_bytes()).into_stream()?;
            while stream.advance() {
                let Ok(word) = std::str::from_utf8(stream.key()) else { continue };
                if !word.starts_with(prefix) {
                    break;
                }
                terms.push(Term::from_field_text(field, word));
            }
        }
    }
    terms.sort_unstable();
    terms.dedup();
    Ok(terms)
}

/// Each document's row, title and text.
const DOCUMENT_TEXTS: &str = "SELECT seq, title, text FROM documents";

/// Each claim's row, its document's text, its content spans and its source as written.
const CLAIM_TEXTS: &str = "SELECT c.rowid, d.text, json_extract(c.json, '$.content'), \
     c.source_surface FROM claims AS c JOIN documents AS d ON d.id = c.document";

/// A row of [`DOCUMENT_TEXTS`] or [`CLAIM_TEXTS`] as (row, first text, second text), the
/// texts as [`RowIndexer::add`] takes them.
fn texts_of(row: &rusqlite::Row<'_>, is_claim: bool) -> rusqlite::Result<(i64, String, String)> {
    if is_claim {
        let text = text_lossy(row, 1)?;
        let content = claimed_words(&text, &text_lossy(row, 2)?).to_string();
        Ok((row.get(0)?, content, text_lossy(row, 3)?))
    } else {
        Ok((row.get(0)?, text_lossy(row, 1)?, text_lossy(row, 2)?))
    }
}

/// Adds rows to an index writer, and removes them.
struct RowIndexer {
    fields: Fields,
    analyzer: TextAnalyzer,
    /// The prefix field's text, reused between rows.
    prefixes: String,
    /// Deletes and bytes of text sent since the last commit.
    deletes: usize,
    bytes: usize,
}

impl RowIndexer {
    fn new(fields: Fields) -> RowIndexer {
        RowIndexer { fields, analyzer: analyzer(), prefixes: String::new(), deletes: 0, bytes: 0 }
    }

    /// True when the writer should commit before more is sent (see [`BYTES_PER_COMMIT`]).
    fn holds_too_much(&self) -> bool {
        self.deletes >= DELETES_PER_COMMIT || self.bytes >= BYTES_PER_COMMIT
    }

    /// Notes that the writer committed what was sent.
    fn committed(&mut self) {
        self.deletes = 0;
        self.bytes = 0;
    }

    fn key(is_claim: bool, row: i64) -> String {
        format!("{}{row}", if is_claim { 'c' } else { 'd' })
    }

    /// Removes the row from the index (at the next commit).
    fn remove(&mut self, writer: &IndexWriter<TantivyDocument>, is_claim: bool, row: i64) {
        self.deletes += 1;
        let key = Term::from_field_text(self.fields.key, &RowIndexer::key(is_claim, row));
        writer.delete_term(key);
    }

    /// Adds a document (title, text) or a claim (what it claims, its source as written).
    fn add(
        &mut self,
        writer: &IndexWriter<TantivyDocument>,
        is_claim: bool,
        row: i64,
        first: &str,
        second: &str,
    ) -> Result<(), TantivyError> {
        let fields = self.fields;
        let texts = if is_claim {
            [(fields.claim, first), (fields.source, second)]
        } else {
            [(fields.title, first), (fields.text, second)]
        };
        let mut document = TantivyDocument::new();
        document.add_text(fields.key, RowIndexer::key(is_claim, row));
        document.add_u64(fields.kind, if is_claim { CLAIM } else { DOCUMENT });
        document.add_i64(fields.row, row);
        self.prefixes.clear();
        for (field, text) in texts {
            document.add_text(field, text);
            let mut stream = self.analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                push_prefixes(&mut self.prefixes, &token.text);
            }
        }
        document.add_text(fields.prefixes, &self.prefixes);
        self.bytes += first.len() + second.len() + self.prefixes.len();
        writer.add_document(document)?;
        Ok(())
    }
}

/// Appends the first two, three and four letters of `word` (as far as it has them) to `out`,
/// each followed by a space.
fn push_prefixes(out: &mut String, word: &str) {
    // Where each prefix ends: the start of the character after it, or the word's end.
    let ends = word.char_indices().map(|(at, _)| at).chain([word.len()]);
    for end in ends.skip(SHORTEST_PREFIX).take(LONGEST_PREFIX - SHORTEST_PREFIX + 1) {
        out.push_str(&word[..end]);
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::seed_like;
    use crate::Store;

    /// A database file in a new temporary directory (kept alive by the returned guard), with
    /// one stored report about a dock.
    fn file_store_with_a_dock() -> (tempfile::TempDir, PathBuf, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let mut store = Store::open(&path).unwrap();
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        store.put_document(&doc, &analysis).unwrap();
        (dir, path, store)
    }

    fn journal_rows(store: &Store) -> i64 {
        store.conn.query_row("SELECT count(*) FROM search_changes", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn the_index_lives_beside_the_database_and_is_rebuilt_when_deleted() {
        let (_dir, path, store) = file_store_with_a_dock();
        let update = store.update_search_index().unwrap();
        assert!(update.done && update.rebuilt, "{update:?}");
        assert_eq!(store.search_index_state().unwrap(), SearchIndexState::Current);
        // Applied changes are forgotten.
        assert_eq!(journal_rows(&store), 0);
        let before = store.search("dock", 0, 10).unwrap();
        assert!(before.total >= 2, "{before:?}");
        drop(store);

        std::fs::remove_dir_all(index_dir(&path)).unwrap();
        let store = Store::open(&path).unwrap();
        assert!(matches!(store.search_index_state().unwrap(), SearchIndexState::Missing { .. }));
        assert_eq!(store.search("dock", 0, 10).unwrap(), before);
    }

    #[test]
    fn writes_without_an_index_update_are_caught_up_by_the_next_search() {
        let (_dir, path, mut store) = file_store_with_a_dock();
        store.update_search_index().unwrap();
        // A writer that stops after its SQLite commit (a crash, an older corroborate): the
        // journal keeps what the index lacks.
        let (other, other_analysis) = seed_like("A second dock burned at night.");
        store.put_document(&other, &other_analysis).unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        assert!(
            matches!(store.search_index_state().unwrap(), SearchIndexState::Behind(n) if n > 0)
        );
        let page = store.search("burned", 0, 10).unwrap();
        assert!(page.hits.iter().any(|h| h.id == other.id.as_str()), "{page:?}");
        assert_eq!(store.search_index_state().unwrap(), SearchIndexState::Current);
    }

    #[test]
    fn a_reader_sees_what_a_writer_indexed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let mut writer = Store::open(&path).unwrap();
        let reader = Store::open_mapped(&path).unwrap();
        assert_eq!(reader.search("dock", 0, 10).unwrap().total, 0);
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        writer.put_document(&doc, &analysis).unwrap();
        writer.update_search_index().unwrap();
        let total = reader.search("dock", 0, 10).unwrap().total;
        assert!(total >= 2);
        // A reanalysis gives the new claims the rowids the old ones had (SQLite reuses the
        // largest): each is removed and added once, never twice or not at all.
        for _ in 0..2 {
            writer.put_analysis(&doc.id, &analysis).unwrap();
            writer.update_search_index().unwrap();
            assert_eq!(reader.search("dock", 0, 10).unwrap().total, total);
        }
        // A reanalysis without claims leaves only the document, for the reader too.
        writer.put_analysis(&doc.id, &corroborate_model::Analysis::default()).unwrap();
        writer.update_search_index().unwrap();
        assert_eq!(reader.search("dock", 0, 10).unwrap().total, 1);
    }

    /// One step of a writer, for the property below.
    #[derive(Debug, Clone)]
    enum Step {
        /// Store report `report` with the text of variant `words` (a new report, or new text
        /// for a stored one: an update of its row).
        Put { report: usize, words: usize },
        /// Reanalyse report `report`, with its claims or with none.
        Reanalyse { report: usize, with_claims: bool },
        /// Bring the index up to date, as a command does after a batch.
        Update,
        /// Search, which catches the index up for this store's own writes.
        Search,
    }

    const WORDS: [&str; 4] = ["dock", "pier", "harbour", "depot"];

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            3 => (0..3usize, 0..WORDS.len()).prop_map(|(report, words)| Step::Put { report, words }),
            2 => (0..3usize, any::<bool>())
                .prop_map(|(report, with_claims)| Step::Reanalyse { report, with_claims }),
            1 => Just(Step::Update),
            1 => Just(Step::Search),
        ]
    }

    /// Every search of `store`, as (total, the hits' kinds and ids, sorted).
    fn every_search(store: &Store) -> Vec<(usize, Vec<String>)> {
        WORDS
            .iter()
            .chain(&["drone", "do", "harb", "weiskopf"])
            .map(|word| {
                let page = store.search(word, 0, 100).unwrap();
                let mut hits: Vec<String> =
                    page.hits.iter().map(|h| format!("{:?} {}", h.kind, h.id)).collect();
                hits.sort();
                (page.total, hits)
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Whatever a writer does and whenever it catches up, the index it ends with finds what
        /// an index built afresh from the tables finds.
        #[test]
        fn catching_up_agrees_with_a_rebuild(steps in proptest::collection::vec(step(), 1..12)) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("x.db");
            let mut store = Store::open(&path).unwrap();
            // Each report keeps the id of its first text, so a later Put updates it.
            let mut reports: Vec<Option<(corroborate_model::Document, corroborate_model::Analysis)>> =
                vec![None, None, None];
            for step in steps {
                match step {
                    Step::Put { report, words } => {
                        let text = format!(
                            "A drone strike hit the {} of report {report}.",
                            WORDS[words]
                        );
                        let (mut doc, analysis) = seed_like(&text);
                        if let Some((first, _)) = &reports[report] {
                            doc.id = first.id.clone();
                        }
                        store.put_document(&doc, &analysis).unwrap();
                        reports[report] = Some((doc, analysis));
                    }
                    Step::Reanalyse { report, with_claims } => {
                        if let Some((doc, analysis)) = &reports[report] {
                            let analysis = if with_claims {
                                analysis.clone()
                            } else {
                                corroborate_model::Analysis::default()
                            };
                            store.put_analysis(&doc.id, &analysis).unwrap();
                        }
                    }
                    Step::Update => {
                        store.update_search_index().unwrap();
                    }
                    Step::Search => {
                        store.search("dock", 0, 10).unwrap();
                    }
                }
            }
            store.update_search_index().unwrap();
            let caught_up = every_search(&store);
            drop(store);
            std::fs::remove_dir_all(index_dir(&path)).unwrap();
            let rebuilt = every_search(&Store::open(&path).unwrap());
            proptest::prop_assert_eq!(caught_up, rebuilt);
        }
    }

    proptest::proptest! {
        /// Whatever a person types (operators, punctuation, any script, words longer than the
        /// index keeps), a search answers, with no more hits than its total.
        #[test]
        fn any_typed_search_answers(typed in "\\PC{0,60}", offset in 0..5usize) {
            thread_local! {
                static STORE: Store = {
                    let mut store = Store::open_in_memory().unwrap();
                    let (doc, analysis) = seed_like("A drone strike hit the Pérez dock.");
                    store.put_document(&doc, &analysis).unwrap();
                    store
                };
            }
            STORE.with(|store| {
                let page = store.search(&typed, offset, 3).unwrap();
                assert!(page.hits.len() <= 3 && page.hits.len() <= page.total.saturating_sub(offset));
            });
        }
    }

    #[test]
    fn a_damaged_index_is_reported_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let store = Store::open(&path).unwrap();
        std::fs::create_dir_all(index_dir(&path)).unwrap();
        std::fs::write(index_dir(&path).join("meta.json"), "{ not json").unwrap();
        let err = store.search("dock", 0, 10).unwrap_err().to_string();
        assert!(err.contains("search index") && err.contains("delete"), "{err}");
        // The database itself is untouched and readable.
        assert_eq!(store.document_count().unwrap(), 0);
    }

    #[test]
    fn prefixes_are_the_first_two_to_four_letters() {
        let prefixes = |word: &str| {
            let mut out = String::new();
            push_prefixes(&mut out, word);
            out
        };
        assert_eq!(prefixes("a"), "");
        assert_eq!(prefixes("ab"), "ab ");
        assert_eq!(prefixes("abc"), "ab abc ");
        assert_eq!(prefixes("dock"), "do doc dock ");
        assert_eq!(prefixes("docking"), "do doc dock ");
        assert_eq!(prefixes("ñandú"), "ña ñan ñand ");
    }

    #[test]
    fn payloads_name_their_layout() {
        assert_eq!(applied_of(Some(&payload(42))), Some(42));
        assert_eq!(applied_of(Some("0:42")), None);
        assert_eq!(applied_of(Some("garbage")), None);
        assert_eq!(applied_of(None), None);
    }

    #[test]
    fn words_fold_like_the_text() {
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream("Pérez SAID, 'Ñandú'");
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push(token.text.clone());
        }
        assert_eq!(tokens, ["perez", "said", "nandu"]);
    }
}
