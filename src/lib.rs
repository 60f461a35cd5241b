//! Verbatim: checks the quotations in a draft against the source articles they came from.
//! The core (`text`, `draft`, `sources`, `corpus`, `check`, and the settings model `config`)
//! is plain data in and out; the CLI (`main.rs`, `report`) and the language server (`lsp`)
//! are adapters over it that do not import each other (docs/architecture.md). `archive`
//! (feature `archive`) is a second backend of the sources seam, on PostgreSQL.

#[cfg(feature = "archive")]
pub mod archive;
pub mod check;
pub mod config;
pub mod corpus;
pub mod draft;
pub mod lsp;
pub mod report;
pub mod sources;
pub mod text;
