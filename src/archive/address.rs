//! An archive's address: a `postgres://` URL completed from the environment as libpq would
//! (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`, `~/.pgpass` or `PGPASSFILE`),
//! and its name for messages, which never carries the password.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use tokio_postgres::config::Host;

/// Is this corpus entry an archive rather than a folder?
pub fn is_archive(entry: &str) -> bool {
    let lower = entry.get(..13).unwrap_or(entry).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// A parsed, completed address and its printable name.
#[derive(Clone)]
pub struct Address {
    pub config: tokio_postgres::Config,
    /// `postgres://user@host:port/db`: for messages and logs.
    pub name: String,
}

impl std::fmt::Debug for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("archive address {name}: {message}")]
pub struct AddressError {
    pub name: String,
    pub message: String,
}

/// Environment lookups, replaceable in tests.
pub trait Env {
    fn var(&self, key: &str) -> Option<String>;
}

/// The process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, key: &str) -> Option<String> {
        std::env::var(key).ok().filter(|v| !v.is_empty())
    }
}

/// How long connecting may take before the archive counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

impl Address {
    /// Parses `url` and fills what it leaves out from the environment; the password from
    /// the URL, else `PGPASSWORD`, else the password file.
    pub fn parse(url: &str, env: &dyn Env) -> Result<Address, AddressError> {
        let name = redact(url);
        let fail = |message: String| AddressError {
            name: name.clone(),
            message,
        };
        let mut config = tokio_postgres::Config::from_str(url)
            .map_err(|e| fail(without_secret(&e.to_string(), url)))?;
        if config.get_hosts().is_empty() {
            // As libpq: the server's socket folder when there is one, else localhost.
            let host = env.var("PGHOST").unwrap_or_else(|| {
                let socket = "/var/run/postgresql";
                if cfg!(unix) && Path::new(socket).is_dir() {
                    socket.to_string()
                } else {
                    "localhost".to_string()
                }
            });
            if host.starts_with('/') {
                config.host_path(&host);
            } else {
                config.host(&host);
            }
        }
        if config.get_ports().is_empty()
            && let Some(port) = env.var("PGPORT")
        {
            let port: u16 = port
                .parse()
                .map_err(|_| fail(format!("PGPORT {port:?} is not a port number")))?;
            config.port(port);
        }
        if config.get_user().is_none() {
            let user = env
                .var("PGUSER")
                .or_else(|| env.var("USER"))
                .unwrap_or_else(|| "postgres".to_string());
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            let db = env
                .var("PGDATABASE")
                .or_else(|| config.get_user().map(str::to_string))
                .unwrap_or_default();
            config.dbname(&db);
        }
        if config.get_password().is_none() {
            if let Some(pw) = env.var("PGPASSWORD") {
                config.password(pw);
            } else if let Some(pw) = pgpass(&config, env) {
                config.password(pw);
            }
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.keepalives_idle(Duration::from_secs(30));
        if config.get_application_name().is_none() {
            config.application_name("verbatim");
        }
        let name = display_name(&config);
        Ok(Address { config, name })
    }
}

/// `postgres://user@host:port/db`, never with the password.
fn display_name(config: &tokio_postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    format!(
        "postgres://{}@{host}{port}/{}",
        config.get_user().unwrap_or(""),
        config.get_dbname().unwrap_or("")
    )
}

/// The URL with any password replaced by `***` (for messages before it is parsed).
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let mut out = url[..scheme_end + 3].to_string();
    match authority.rfind('@') {
        Some(at) => {
            let user = &authority[..at];
            match user.find(':') {
                Some(colon) => out.push_str(&format!("{}:***", &user[..colon])),
                None => out.push_str(user),
            }
            out.push_str(&authority[at..]);
        }
        None => out.push_str(authority),
    }
    // A password may also come as a query parameter.
    let tail = &rest[authority_end..];
    match tail.to_ascii_lowercase().find("password=") {
        Some(i) => {
            let end = tail[i..].find('&').map_or(tail.len(), |e| i + e);
            out.push_str(&tail[..i + "password=".len()]);
            out.push_str("***");
            out.push_str(&tail[end..]);
        }
        None => out.push_str(tail),
    }
    out
}

/// An error message with the URL's password (if it appears) taken out.
fn without_secret(message: &str, url: &str) -> String {
    let redacted = redact(url);
    let mut m = message.replace(url, &redacted);
    if let Some(pw) = url_password(url)
        && !pw.is_empty()
    {
        m = m.replace(&pw, "***");
    }
    m
}

fn url_password(url: &str) -> Option<String> {
    let rest = &url[url.find("://")? + 3..];
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    let user = &authority[..authority.rfind('@')?];
    Some(user[user.find(':')? + 1..].to_string())
}

/// The password file: `PGPASSFILE`, else `~/.pgpass`.
fn pgpass_path(env: &dyn Env) -> Option<PathBuf> {
    env.var("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| env.var("HOME").map(|h| Path::new(&h).join(".pgpass")))
}

/// The password for this address in the password file (`host:port:db:user:password`, `*`
/// matching anything, `\:` and `\\` escaped), as libpq reads it. A file that others can
/// read is ignored, as libpq does.
fn pgpass(config: &tokio_postgres::Config, env: &dyn Env) -> Option<String> {
    let path = pgpass_path(env)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                "password file {} is readable by others (chmod 0600 it); not used",
                path.display()
            );
            return None;
        }
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(_)) => "localhost".to_string(),
        None => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let want = [
        host.as_str(),
        port.as_str(),
        config.get_dbname().unwrap_or(""),
        config.get_user().unwrap_or(""),
    ];
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = pgpass_fields(line);
            if fields.len() != 5 {
                return None;
            }
            let all = fields[..4]
                .iter()
                .zip(want)
                .all(|(f, w)| f == "*" || f == w);
            all.then(|| fields[4].clone())
        })
}

/// A password-file line's fields, `\:` and `\\` unescaped.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().unwrap_or(&mut String::new()).push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Vars(HashMap<&'static str, String>);
    impl Env for Vars {
        fn var(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
    }

    #[test]
    fn names_never_carry_the_password() {
        assert_eq!(
            redact("postgres://ann:s3cret@db:5432/news?sslmode=disable"),
            "postgres://ann:***@db:5432/news?sslmode=disable"
        );
        assert_eq!(
            redact("postgresql://db/news?user=a&password=s3cret&x=1"),
            "postgresql://db/news?user=a&password=***&x=1"
        );
        let a =
            Address::parse("postgres://ann:s3cret@db:5433/news", &Vars(HashMap::new())).unwrap();
        assert_eq!(a.name, "postgres://ann@db:5433/news");
        assert_eq!(a.config.get_password(), Some(&b"s3cret"[..]));
        assert!(!format!("{a:?}").contains("s3cret"));
        assert!(is_archive("PostgreSQL://x/y") && !is_archive("corpus/postgres"));
    }

    #[test]
    fn the_environment_fills_what_the_url_leaves_out() {
        let dir = tempfile::tempdir().unwrap();
        let pass = dir.path().join("pgpass");
        std::fs::write(
            &pass,
            "# comment\nother:*:*:*:no\ndb:5432:news:ann:from\\:file\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&pass, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let mut vars = HashMap::new();
        vars.insert("PGHOST", "db".to_string());
        vars.insert("PGUSER", "ann".to_string());
        vars.insert("PGDATABASE", "news".to_string());
        vars.insert("PGPASSFILE", pass.display().to_string());
        let a = Address::parse("postgres://", &Vars(vars.clone())).unwrap();
        assert_eq!(a.name, "postgres://ann@db/news");
        assert_eq!(a.config.get_password(), Some(&b"from:file"[..]));
        vars.insert("PGPASSWORD", "from-env".to_string());
        let a = Address::parse("postgres://", &Vars(vars.clone())).unwrap();
        assert_eq!(a.config.get_password(), Some(&b"from-env"[..]));
        // The URL's own password wins.
        let a = Address::parse("postgres://ann:url@db/news", &Vars(vars)).unwrap();
        assert_eq!(a.config.get_password(), Some(&b"url"[..]));
    }

    #[test]
    fn a_bad_address_is_told_without_its_password() {
        let e = Address::parse(
            "postgres://ann:s3cret@db:notaport/news",
            &Vars(HashMap::new()),
        )
        .unwrap_err()
        .to_string();
        assert!(!e.contains("s3cret"), "{e}");
        assert!(e.contains("postgres://ann:***@db"), "{e}");
    }
}
