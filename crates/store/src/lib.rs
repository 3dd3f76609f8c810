//! SQLite storage of documents, analyses, incidents and reviews
#![deny(missing_docs)]
