//! Settings: `verbatim.toml` found upward from the draft, overridden by flags (CLI) or by
//! the editor's settings (LSP).
