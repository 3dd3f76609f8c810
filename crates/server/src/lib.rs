//! HTTP JSON API over the store
#![deny(missing_docs)]
