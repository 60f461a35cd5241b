//! The archive's schema, versioned: the migrations in `migrations/` applied in order by
//! `verbatim archive init`, each once, under a lock so two inits cannot race; checkers and
//! ingest refuse an archive whose version is not the one they know.

use tokio_postgres::Client;

use super::link::Failure;

/// The migrations, in order: (version, what it does, SQL).
pub const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "articles, segments, postings",
        include_str!("migrations/0001_schema.sql"),
    ),
    (
        2,
        "reader and writer roles",
        include_str!("migrations/0002_roles.sql"),
    ),
];

/// The schema version this build reads and writes.
pub fn version() -> i32 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Applies the migrations the archive lacks; returns those applied.
pub async fn migrate(
    client: &mut Client,
) -> Result<Vec<(i32, &'static str)>, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    // One init at a time: the others wait here, then find nothing left to do.
    tx.execute("SELECT pg_advisory_xact_lock(7301959)", &[])
        .await?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS verbatim;
         CREATE TABLE IF NOT EXISTS verbatim.migrations (
             version integer PRIMARY KEY,
             description text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .await?;
    let row = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM verbatim.migrations",
            &[],
        )
        .await?;
    let have: i32 = row.get(0);
    let mut applied = Vec::new();
    for &(v, description, sql) in MIGRATIONS.iter().filter(|m| m.0 > have) {
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO verbatim.migrations (version, description) VALUES ($1, $2)",
            &[&v, &description],
        )
        .await?;
        applied.push((v, description));
    }
    tx.commit().await?;
    Ok(applied)
}

/// Fails unless the archive's schema is the version this build knows.
pub async fn check_version(client: &Client) -> Result<(), Failure> {
    let found = client
        .query_opt("SELECT max(version) FROM verbatim.migrations", &[])
        .await;
    let have: Option<i32> = match found {
        Ok(row) => row.and_then(|r| r.get(0)),
        Err(e) if e.as_db_error().is_some() => None,
        Err(e) => return Err(e.into()),
    };
    match have {
        Some(v) if v == version() => Ok(()),
        Some(v) if v > version() => Err(Failure::Refused(format!(
            "the archive's schema is version {v}, newer than this verbatim ({}): upgrade verbatim",
            version()
        ))),
        Some(v) => Err(Failure::Refused(format!(
            "the archive's schema is version {v}, older than this verbatim's ({}): run `verbatim archive init`",
            version()
        ))),
        None => Err(Failure::Refused(
            "no verbatim archive there: run `verbatim archive init` first".to_string(),
        )),
    }
}
