//! The connections to one archive: a few clients on a runtime of their own, each question
//! with a deadline, and the archive's health: when it stops answering, it is said once,
//! questions fail at once (the local sources are still checked) and a connection is tried
//! again after a backoff that doubles up to a minute.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio_postgres::{Client, NoTls, Statement};

use super::address::Address;
use super::schema;
use crate::sources::Unanswered;

/// A question's deadline on the server (`statement_timeout`); the client waits a little
/// longer, so a network that stalls is caught too.
pub const QUERY_TIMEOUT: Duration = Duration::from_secs(2);
/// How many connections one process keeps to an archive: a draft's two questions go on
/// one, concurrent checks spread over them.
const CONNECTIONS: usize = 4;
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// Whether a connection may write. Checkers read: their sessions are read-only whatever
/// the role they log in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// A connected client and the statements prepared on it.
pub struct Conn {
    pub client: Client,
    pub find: Statement,
    pub common: Statement,
    pub fetch: Statement,
}

/// The connections to an archive, and how it has been answering.
pub struct Link {
    pub address: Address,
    access: Access,
    runtime: tokio::runtime::Runtime,
    pool: Mutex<Vec<Option<Arc<Conn>>>>,
    /// Questions in flight on each connection.
    busy: [AtomicUsize; CONNECTIONS],
    health: Mutex<Health>,
}

#[derive(Default)]
struct Health {
    down: Option<Down>,
}

struct Down {
    reason: String,
    delay: Duration,
    retry_at: Instant,
}

/// What went wrong with a question.
#[derive(Debug)]
pub enum Failure {
    /// The archive cannot be reached, timed out or dropped the connection.
    Unreachable(String),
    /// The archive answered with an error (a missing schema, a permission).
    Refused(String),
}

impl Link {
    pub fn new(address: Address, access: Access) -> std::io::Result<Link> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("verbatim-archive")
            .enable_all()
            .build()?;
        Ok(Link {
            address,
            access,
            runtime,
            pool: Mutex::new(vec![None; CONNECTIONS]),
            busy: Default::default(),
            health: Mutex::new(Health::default()),
        })
    }

    /// The archive's name for messages (no password).
    pub fn name(&self) -> &str {
        &self.address.name
    }

    /// Runs `question` on a connection (made if need be), within `timeout`. While the
    /// archive is down and its backoff has not run out, fails at once.
    pub fn ask<T, F, Fut>(&self, timeout: Duration, question: F) -> Result<T, Unanswered>
    where
        T: Send + 'static,
        F: FnOnce(Arc<Conn>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, tokio_postgres::Error>> + Send + 'static,
    {
        if let Some(reason) = self.waiting() {
            return Err(self.unanswered(reason));
        }
        let slot = self.pick();
        self.busy[slot].fetch_add(1, Ordering::Relaxed);
        let result = self.ask_on(slot, timeout, question);
        self.busy[slot].fetch_sub(1, Ordering::Relaxed);
        result
    }

    /// A connection that is idle, else a new one while there is room, else the least busy:
    /// one checker uses one connection (connecting costs five round trips), concurrent
    /// checks spread over several.
    fn pick(&self) -> usize {
        let pool = lock(&self.pool);
        let live = |i: usize| pool[i].as_ref().is_some_and(|c| !c.client.is_closed());
        let busy = |i: usize| self.busy[i].load(Ordering::Relaxed);
        (0..CONNECTIONS)
            .find(|&i| live(i) && busy(i) == 0)
            .or_else(|| (0..CONNECTIONS).find(|&i| !live(i) && busy(i) == 0))
            .unwrap_or_else(|| (0..CONNECTIONS).min_by_key(|&i| busy(i)).unwrap_or(0))
    }

    fn ask_on<T, F, Fut>(
        &self,
        slot: usize,
        timeout: Duration,
        question: F,
    ) -> Result<T, Unanswered>
    where
        T: Send + 'static,
        F: FnOnce(Arc<Conn>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, tokio_postgres::Error>> + Send + 'static,
    {
        let existing = lock(&self.pool)[slot]
            .clone()
            .filter(|c| !c.client.is_closed());
        let (address, access) = (self.address.clone(), self.access);
        let (tx, rx) = std::sync::mpsc::channel();
        self.runtime.spawn(async move {
            let result = async {
                let (conn, fresh) = match existing {
                    Some(c) => (c, false),
                    None => (Arc::new(connect(&address, access).await?), true),
                };
                let answer = question(Arc::clone(&conn)).await.map_err(failure)?;
                Ok::<_, Failure>((answer, fresh.then_some(conn)))
            }
            .await;
            let _ = tx.send(result);
        });
        let connect_extra = if lock(&self.pool)[slot].is_none() {
            super::address::CONNECT_TIMEOUT
        } else {
            Duration::ZERO
        };
        match rx.recv_timeout(timeout + connect_extra) {
            Ok(Ok((answer, fresh))) => {
                if let Some(conn) = fresh {
                    lock(&self.pool)[slot] = Some(conn);
                }
                self.answered();
                Ok(answer)
            }
            Ok(Err(Failure::Refused(reason))) => Err(self.unanswered(reason)),
            Ok(Err(Failure::Unreachable(reason))) => {
                lock(&self.pool)[slot] = None;
                Err(self.failed(reason))
            }
            Err(_) => {
                // The connection may be stuck mid-answer: never use it again.
                lock(&self.pool)[slot] = None;
                Err(self.failed(format!("no answer within {:.1} s", timeout.as_secs_f64())))
            }
        }
    }

    /// Why questions are not asked now, while a backoff runs.
    fn waiting(&self) -> Option<String> {
        let health = lock(&self.health);
        let down = health.down.as_ref()?;
        let left = down.retry_at.checked_duration_since(Instant::now())?;
        Some(format!(
            "{}; next try in {:.0} s",
            down.reason,
            left.as_secs_f64().ceil()
        ))
    }

    fn unanswered(&self, reason: String) -> Unanswered {
        Unanswered {
            name: self.address.name.clone(),
            reason,
        }
    }

    fn failed(&self, reason: String) -> Unanswered {
        let mut health = lock(&self.health);
        let delay = match &health.down {
            None => {
                tracing::warn!(
                    "archive {} is unreachable ({reason}): checking against the other sources, and trying it again",
                    self.address.name
                );
                FIRST_BACKOFF
            }
            Some(d) => (d.delay * 2).min(MAX_BACKOFF),
        };
        health.down = Some(Down {
            reason: reason.clone(),
            delay,
            retry_at: Instant::now() + delay,
        });
        self.unanswered(reason)
    }

    fn answered(&self) {
        if lock(&self.health).down.take().is_some() {
            tracing::info!("archive {} answers again", self.address.name);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Plain state that a panic cannot leave half-written.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A connection error, a timeout or a dropped connection is the archive being unreachable;
/// any other error is the archive refusing the question.
fn failure(e: tokio_postgres::Error) -> Failure {
    use tokio_postgres::error::SqlState;
    let message = describe(&e);
    match e.code() {
        None => Failure::Unreachable(message),
        Some(c) if *c == SqlState::QUERY_CANCELED || *c == SqlState::ADMIN_SHUTDOWN => {
            Failure::Unreachable(message)
        }
        Some(_) => Failure::Refused(message),
    }
}

/// What went wrong, in the server's words when it said any (the client's own `Display` of
/// a server error is just "db error"), else the client's and its cause's.
pub fn describe(e: &tokio_postgres::Error) -> String {
    if let Some(d) = e.as_db_error() {
        let mut m = d.message().to_string();
        if let Some(detail) = d.detail() {
            m.push_str(&format!(" ({detail})"));
        }
        if let Some(hint) = d.hint() {
            m.push_str(&format!("; {hint}"));
        }
        return m;
    }
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

/// Connects, sets the session up (read-only for checkers, the query deadline), checks the
/// schema's version and prepares the statements.
pub async fn connect(address: &Address, access: Access) -> Result<Conn, Failure> {
    let (client, connection) = address.config.connect(NoTls).await.map_err(failure)?;
    tokio::spawn(async move {
        // Ends when the connection does: the next question finds it closed.
        let _ = connection.await;
    });
    // JIT compiling a draft's query cost ~35 ms, more than running it; the plan is made
    // for each draft's k-grams (a generic plan does not see the buckets' index).
    let mut setup = format!(
        "SET statement_timeout = {}; SET idle_in_transaction_session_timeout = 60000; \
         SET jit = off; SET plan_cache_mode = force_custom_plan;",
        QUERY_TIMEOUT.as_millis()
    );
    if access == Access::Read {
        setup.push_str(" SET default_transaction_read_only = on;");
    }
    client.batch_execute(&setup).await.map_err(failure)?;
    schema::check_version(&client).await?;
    let find = client.prepare(super::query::FIND).await.map_err(failure)?;
    let common = client
        .prepare(super::query::COMMON)
        .await
        .map_err(failure)?;
    let fetch = client.prepare(super::query::FETCH).await.map_err(failure)?;
    Ok(Conn {
        client,
        find,
        common,
        fetch,
    })
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Unreachable(m) | Failure::Refused(m) => f.write_str(m),
        }
    }
}

impl From<tokio_postgres::Error> for Failure {
    fn from(e: tokio_postgres::Error) -> Failure {
        failure(e)
    }
}
