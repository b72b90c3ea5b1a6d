-- The report summaries stage each sync's new per-customer rows in temporary tables
-- (reports/summaries/customer-summaries.ts). PostgreSQL grants that to everyone by default; a
-- database hardened by revoking it from PUBLIC must still allow it to the application role.
DO $$
BEGIN
  EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO cellardoor_app', current_database());
END
$$;
