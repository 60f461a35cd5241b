//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod bbc;
pub mod example;
pub mod lsp_client;
pub mod workspace;
