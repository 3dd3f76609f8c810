//! Clusters event mentions into incidents and reconciles claims into facts
#![deny(missing_docs)]
