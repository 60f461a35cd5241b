//! Verbatim: checks the quotations in a draft against the source articles they came from.
//! The core (`text`, `draft`, `corpus`, `check`) is plain data in and out; the CLI and the
//! language server are adapters over it.

pub mod check;
pub mod config;
pub mod corpus;
pub mod draft;
pub mod lsp;
pub mod report;
pub mod sources;
pub mod text;
