-- Verbatim archive, schema version 1: articles with their metadata and text, and their
-- fingerprints in segments of packed bucket rows (docs/archive.md says why this layout).
CREATE SCHEMA IF NOT EXISTS verbatim;

CREATE SEQUENCE verbatim.article_ids;

CREATE TABLE verbatim.articles (
    id            bigint PRIMARY KEY,
    -- What makes two versions one article: its url, else its path as added.
    key           text NOT NULL UNIQUE,
    -- SHA-256 of the text and metadata: the same key and hash is the same article.
    hash          bytea NOT NULL,
    -- Its name in reports (a corpus path, `file.jsonl#N`, a feed's id).
    path          text NOT NULL,
    title         text NOT NULL,
    url           text,
    outlet        text,
    author        text,
    published     text,
    -- `published` as a sortable UTC key (`2005-03-01T09:00:00`), for provenance.
    published_key text,
    -- 0 plain text, 1 Markdown.
    format        smallint NOT NULL,
    text          text NOT NULL,
    added_at      timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 100);

-- A segment: the postings of the articles one ingest (or one merge) wrote, cut into
-- buckets by the top `bits` bits of the fingerprint; docs are ids minus `base`.
CREATE TABLE verbatim.segments (
    id         serial PRIMARY KEY,
    bits       integer NOT NULL,
    base       bigint NOT NULL,
    postings   bigint NOT NULL,
    articles   integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE verbatim.postings (
    segment integer NOT NULL,
    bucket  integer NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (segment, bucket)
) WITH (fillfactor = 100);

-- Fingerprints in more than 256 of a segment's articles: their count is read without
-- their docs when a query has rarer ones.
CREATE TABLE verbatim.common (
    fp      bigint NOT NULL,
    segment integer NOT NULL,
    n       integer NOT NULL,
    docs    bytea NOT NULL,
    PRIMARY KEY (fp, segment)
) WITH (fillfactor = 100);

-- Articles replaced by a new version whose postings a segment still holds until a merge
-- drops them.
CREATE TABLE verbatim.retired (
    article bigint PRIMARY KEY
);

-- Article text compressed with LZ4 where the server has it (pglz otherwise), and
-- compressed from 256 bytes on rather than 2 kB.
DO $$
BEGIN
    ALTER TABLE verbatim.articles ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'lz4 not available: article text compressed with pglz';
END $$;
ALTER TABLE verbatim.articles SET (toast_tuple_target = 256);
