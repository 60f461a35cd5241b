-- Two group roles: checkers read, ingest writes. Logins are given one of them
-- (`CREATE ROLE alice LOGIN PASSWORD '…' IN ROLE verbatim_reader`). Creating roles needs
-- CREATEROLE: without it the grants are left to an administrator (docs/archive.md).
-- Roles belong to the whole server, not one database: two archives initialised at once on
-- one server (each under its own database's lock) may both find a role missing, so a role
-- another init has just created is taken as created.
DO $$
BEGIN
    BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'verbatim_reader') THEN
            CREATE ROLE verbatim_reader NOLOGIN;
        END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
    END;
    BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'verbatim_writer') THEN
            CREATE ROLE verbatim_writer NOLOGIN;
        END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
    END;
    GRANT USAGE ON SCHEMA verbatim TO verbatim_reader, verbatim_writer;
    GRANT SELECT ON ALL TABLES IN SCHEMA verbatim TO verbatim_reader;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA verbatim TO verbatim_writer;
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA verbatim TO verbatim_writer;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'no CREATEROLE: roles verbatim_reader and verbatim_writer not created';
END $$;
