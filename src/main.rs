//! The `verbatim` command line: parses flags, merges them over `verbatim.toml`, runs the
//! library and prints a report. Exit codes: 0 all well, 1 a finding at the failing level,
//! 2 a usage or IO error.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use verbatim::check::{CheckOptions, Checker};
use verbatim::config::{Settings, Severity, find_file};
use verbatim::corpus::default_cache_dir;
use verbatim::draft::{self, ExtractOptions, Format};
use verbatim::report::{self, FileReport, HumanOptions};
use verbatim::sources::{self, OpenWith, Opened};
use verbatim::text::{LineIndex, count};

#[derive(Parser)]
#[command(
    name = "verbatim",
    version,
    about = "Checks the quotations in a draft against the source articles they came from"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every quotation of the drafts against the corpus.
    Check(CheckArgs),
    /// List the quotations and speakers found in drafts (no corpus needed).
    Quotes(QuotesArgs),
    /// Build (or load) the corpus index cache and print its figures.
    Index(IndexArgs),
    /// Run the language server over stdio (editors start this).
    Lsp(LspArgs),
    /// A shared archive on PostgreSQL: create it, add articles, merge its segments.
    #[cfg(feature = "archive")]
    #[command(subcommand)]
    Archive(ArchiveCommand),
}

#[cfg(feature = "archive")]
#[derive(Subcommand)]
enum ArchiveCommand {
    /// Create the archive's schema, or bring it up to date (versioned migrations).
    Init {
        /// postgres://user@host:port/db (password from the URL, PGPASSWORD or ~/.pgpass).
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Add articles: from corpus folders, or a .jsonl feed on stdin (one article a line).
    Add {
        /// A folder (or file) of source articles; repeat for several. None: read stdin.
        #[arg(long, value_name = "DIR")]
        corpus: Vec<PathBuf>,
        /// The name of stdin's articles in reports (`NAME#line`).
        #[arg(long, value_name = "NAME", default_value = "stdin")]
        name: String,
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Merge every segment into one, dropping the postings of replaced articles.
    Compact {
        #[arg(value_name = "URL")]
        url: String,
    },
}

#[derive(Args)]
struct LspArgs {
    /// Speak over stdin/stdout (the only transport; accepted, even twice, because editors
    /// and their client libraries pass it).
    #[arg(long, action = clap::ArgAction::Count)]
    stdio: u8,
    /// Other arguments a client may pass (`--clientProcessId=…`) are accepted and ignored.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    ignored: Vec<String>,
}

#[derive(Args)]
struct CorpusArgs {
    /// A folder (or file) of source articles; repeat for several. Default: `corpus` in verbatim.toml.
    #[arg(long, value_name = "DIR")]
    corpus: Vec<PathBuf>,
    /// Where to keep the index cache. Default: `cache_dir` in verbatim.toml, else the user cache folder.
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Neither read nor write the index cache.
    #[arg(long)]
    no_cache: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// Drafts to check: files, or folders walked for .md, .markdown and .txt.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// A quotation with fewer words than this and no speaker is a fragment (default 4).
    #[arg(long, value_name = "N")]
    min_speech_words: Option<usize>,
    /// Exit 1 when a finding is told at this level or louder.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    fail_on: FailOn,
}

#[derive(Args)]
struct QuotesArgs {
    /// Drafts to read.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// A quotation with fewer words than this and no speaker is a fragment (default 4).
    #[arg(long, value_name = "N")]
    min_speech_words: Option<usize>,
}

#[derive(Args)]
struct IndexArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
}

/// What ends the program early: a usage or IO error (exit 2) with a one-line message.
fn main() -> ExitCode {
    // Some clients start a server as `verbatim --stdio`.
    if std::env::args().nth(1).as_deref() == Some("--stdio") {
        return verbatim::lsp::run_stdio();
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Quotes(args) => quotes(args),
        Command::Index(args) => index(args),
        Command::Lsp(_) => return verbatim::lsp::run_stdio(),
        #[cfg(feature = "archive")]
        Command::Archive(command) => archive(command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    if args.paths.is_empty() {
        bail!(
            "no draft to check: name one or more files or folders (verbatim check DRAFT --corpus DIR)"
        );
    }
    let mut settings = load_settings(args.paths.first().map(PathBuf::as_path))?;
    if let Some(n) = args.min_speech_words {
        settings.min_speech_words = n;
    }
    let drafts = collect_drafts(&args.paths)?;
    let roots = corpus_roots(&args.corpus, &settings)?;
    let opened = open_sources(&roots, &args.corpus, &settings, false)?;
    if opened.sources.is_empty() {
        eprintln!(
            "warning: no articles in the corpus ({}): every quotation will be not found",
            display_list(&roots)
        );
    }

    let options = CheckOptions {
        extract: ExtractOptions {
            min_speech_words: settings.min_speech_words,
        },
    };
    let checker = Checker::new(opened.sources);
    let mut files = Vec::with_capacity(drafts.len());
    for path in &drafts {
        let text = read_draft(path)?;
        let findings = checker.check(&text, Format::from_path(path), &options);
        files.push(FileReport {
            path: path.display().to_string(),
            text,
            findings,
        });
    }

    tell_unanswered(&files);
    let severities = &settings.severity;
    let corpus_root = match roots.as_slice() {
        [one] if one.is_dir() => Some(one.clone()),
        _ => None,
    };
    let out = match args.format {
        OutputFormat::Json => report::render_json(&files, severities),
        OutputFormat::Sarif => report::render_sarif(&files, severities, corpus_root.as_deref()),
        OutputFormat::Human => report::render_human(
            &files,
            severities,
            &HumanOptions {
                color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            },
        ),
    };
    write_stdout(&out)?;

    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    let failed = report::worst_severity(&files, severities).is_some_and(|s| s >= threshold);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Each source that could not answer, once (its quotations are reported `unchecked`).
fn tell_unanswered(files: &[FileReport]) {
    let mut told: Vec<&verbatim::sources::Unanswered> = Vec::new();
    for u in files
        .iter()
        .flat_map(|f| &f.findings)
        .flat_map(|f| &f.unchecked)
    {
        if !told.iter().any(|t| t.name == u.name) {
            eprintln!(
                "warning: {} did not answer ({}): the quotations it could decide are reported unchecked",
                u.name, u.reason
            );
            told.push(u);
        }
    }
}

#[cfg(feature = "archive")]
fn archive(command: ArchiveCommand) -> Result<ExitCode> {
    use verbatim::archive::ingest::{Writer, init};
    let out = match command {
        ArchiveCommand::Init { url } => {
            let applied = init(&url)?;
            if applied.is_empty() {
                format!(
                    "archive up to date (schema version {})\n",
                    verbatim::archive::schema::version()
                )
            } else {
                applied
                    .iter()
                    .map(|(v, what)| format!("applied migration {v}: {what}\n"))
                    .collect()
            }
        }
        ArchiveCommand::Add { corpus, name, url } => {
            let mut writer = Writer::open(&url)?;
            let added = if corpus.is_empty() {
                if std::io::stdin().is_terminal() {
                    bail!("no articles: pass --corpus DIR, or pipe a .jsonl feed into stdin");
                }
                writer.add_jsonl(std::io::stdin().lock(), &name)?
            } else {
                for root in &corpus {
                    if !root.exists() {
                        bail!("corpus path {} does not exist", root.display());
                    }
                }
                writer.add_corpus(&corpus, false)?
            };
            for w in &added.warnings {
                eprintln!("warning: {}: {}", w.path.display(), w.message);
            }
            let secs = added.elapsed.as_secs_f64();
            format!(
                "{} articles read: {} added, {} replaced, {} unchanged; {:.1} MB of text, {} fingerprints in {:.1} s ({:.1} MB/s)\n",
                added.read,
                added.added,
                added.replaced,
                added.unchanged,
                added.bytes as f64 / 1e6,
                added.postings,
                secs,
                added.bytes as f64 / 1e6 / secs.max(1e-9)
            )
        }
        ArchiveCommand::Compact { url } => {
            let before = Writer::open(&url)?.compact()?;
            format!("{before} segment(s) merged into one\n")
        }
    };
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn quotes(args: QuotesArgs) -> Result<ExitCode> {
    let mut settings = load_settings(args.files.first().map(PathBuf::as_path))?;
    if let Some(n) = args.min_speech_words {
        settings.min_speech_words = n;
    }
    let options = ExtractOptions {
        min_speech_words: settings.min_speech_words,
    };
    let mut out = String::new();
    let several = args.files.len() > 1;
    for path in &args.files {
        if !path.is_file() {
            bail!("draft {} does not exist or is not a file", path.display());
        }
        let text = read_draft(path)?;
        let index = LineIndex::new(&text);
        if several {
            out.push_str(&format!("{}:\n", path.display()));
        }
        let found = draft::analyze(&text, Format::from_path(path), &options);
        for q in &found {
            let (line, col) = index.line_col(&text, q.start);
            let kind = match q.kind {
                draft::QuoteKind::Speech => "speech",
                draft::QuoteKind::Fragment => "fragment",
            };
            // (A guess, a name only near the words, ends in `?`.)
            let speaker = match &q.speaker {
                Some(s) if s.guessed() => format!("{}?", s.name),
                Some(s) if s.named => s.name.clone(),
                Some(s) => format!("({})", s.name),
                None => "-".to_string(),
            };
            let ignored = if q.ignored { "  [ignored]" } else { "" };
            out.push_str(&format!(
                "{:<9} {:<8} {:<24} “{}”{ignored}\n",
                format!("{line}:{col}"),
                kind,
                speaker,
                q.text
            ));
        }
        out.push_str(&format!("{}\n", count(found.len(), "quotation")));
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn index(args: IndexArgs) -> Result<ExitCode> {
    let settings = load_settings(None)?;
    let roots = corpus_roots(&args.corpus, &settings)?;
    let started = Instant::now();
    let opened = open_sources(&roots, &args.corpus, &settings, true)?;
    let elapsed = started.elapsed();
    let cache = cache_dir(&args.corpus, &settings);
    let mut out = format!(
        "{} from {} in {:.2} s\n",
        count(opened.sources.len(), "article"),
        display_list(&roots),
        elapsed.as_secs_f64()
    );
    out.push_str(&match &cache {
        Some(dir) => format!("cache: {}\n", dir.display()),
        None => "cache: off\n".to_string(),
    });
    // Hook: when the corpus offers figures of its own (`Corpus::stats()`: quotations,
    // fingerprints, cache hits), print them here.
    if !opened.warnings.is_empty() {
        out.push_str(&format!(
            "{} skipped or read with replacements (see above)\n",
            count(opened.warnings.len(), "file")
        ));
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `verbatim.toml` from the folder of `near` (a draft or folder) upward, else from the
/// current folder upward; defaults when there is none.
fn load_settings(near: Option<&Path>) -> Result<Settings> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let start = match near {
        Some(p) if p.is_dir() => p.to_path_buf(),
        Some(p) => p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => cwd.clone(),
    };
    let start = std::fs::canonicalize(&start).unwrap_or(cwd);
    match find_file(&start) {
        Some(file) => Ok(Settings::from_file(&file)?),
        None => Ok(Settings::default()),
    }
}

/// The corpus folders: the flags when given, else the settings; each must exist.
fn corpus_roots(args: &CorpusArgs, settings: &Settings) -> Result<Vec<PathBuf>> {
    let roots = if args.corpus.is_empty() {
        settings.corpus.clone()
    } else {
        args.corpus.clone()
    };
    if roots.is_empty() {
        bail!(
            "no corpus: pass --corpus DIR or set `corpus` in {}",
            verbatim::config::FILE_NAME
        );
    }
    for root in roots.iter().filter(|r| !sources::is_archive_entry(r)) {
        if !root.exists() {
            bail!("corpus path {} does not exist", root.display());
        }
    }
    Ok(roots)
}

fn cache_dir(args: &CorpusArgs, settings: &Settings) -> Option<PathBuf> {
    if args.no_cache {
        return None;
    }
    args.cache_dir
        .clone()
        .or_else(|| settings.cache_dir.clone())
        .or_else(default_cache_dir)
}

/// Opens the sources (`sources::open`, as the language server does) with the flags over
/// the settings, telling each load warning once on stderr. A progress bar is drawn only
/// when asked for and stderr is a terminal.
fn open_sources(
    roots: &[PathBuf],
    args: &CorpusArgs,
    settings: &Settings,
    bar: bool,
) -> Result<Opened> {
    let settings = Settings {
        corpus: roots.to_vec(),
        cache_dir: args
            .cache_dir
            .clone()
            .or_else(|| settings.cache_dir.clone()),
        ..settings.clone()
    };
    let mut with = OpenWith {
        no_cache: args.no_cache,
        progress: None,
    };
    let progress_bar = (bar && std::io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} indexing {bar:40} {pos}/{len} articles ({elapsed})",
        ) {
            pb.set_style(style);
        }
        pb
    });
    if let Some(pb) = &progress_bar {
        let pb = pb.clone();
        with.progress = Some(Arc::new(move |done: usize, total: usize| {
            pb.set_length(total as u64);
            pb.set_position(done as u64);
        }));
    }
    let opened = sources::open(&settings, &with);
    if let Some(pb) = progress_bar {
        pb.finish_and_clear();
    }
    let opened = opened?;
    for w in &opened.warnings {
        eprintln!("warning: {}: {}", w.path.display(), w.message);
    }
    Ok(opened)
}

/// The drafts named: files as given, folders walked (sorted) for .md, .markdown and .txt.
fn collect_drafts(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut drafts = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("cannot read draft {}", path.display()))?;
        if meta.is_dir() {
            walk(path, &mut drafts)?;
        } else {
            drafts.push(path.clone());
        }
    }
    Ok(drafts)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(
            path.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("md" | "markdown" | "txt")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// A draft as text; bytes that are not UTF-8 are replaced (U+FFFD), with a warning. A binary
/// file (NUL bytes, as the corpus judges its files) is refused: checked as text it would
/// take seconds and print megabytes of nonsense.
fn read_draft(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read draft {}", path.display()))?;
    if verbatim::text::looks_binary(&bytes) {
        bail!(
            "draft {} is a binary file (NUL bytes), not text: not checked",
            path.display()
        );
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            eprintln!(
                "warning: {} is not valid UTF-8; read with replacement characters (offsets refer to the replaced text)",
                path.display()
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    })
}

fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn display_list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
