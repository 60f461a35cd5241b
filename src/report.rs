//! Turning findings into output: human (rustc style), JSON (DESIGN.md, version 1), SARIF 2.1.0.
