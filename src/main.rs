fn main() -> std::process::ExitCode {
    // TODO(merge): a `lsp` subcommand of the clap CLI (`--stdio` accepted and ignored).
    let first = std::env::args().nth(1);
    if matches!(first.as_deref(), Some("lsp" | "--stdio")) {
        return verbatim::lsp::run_stdio();
    }
    std::process::ExitCode::SUCCESS
}
