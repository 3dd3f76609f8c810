//! Reads reports from files, directories and stdin into Documents
#![deny(missing_docs)]
