-- Row-level security as a second wall behind the tenant filter in every query. Tenant-scoped work
-- runs as cellardoor_app (SET LOCAL ROLE) with app.tenant_id set; the connecting role stays the
-- table owner for sign-in lookups and migrations.
DO $$
BEGIN
  CREATE ROLE cellardoor_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

GRANT USAGE ON SCHEMA public TO cellardoor_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cellardoor_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cellardoor_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO cellardoor_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO cellardoor_app;

CREATE FUNCTION app_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'users', 'sessions', 'devices', 'sync_counters', 'venues', 'staff', 'tag_definitions', 'products',
    'events', 'customers', 'customer_tags', 'orders', 'customer_notes', 'communication_preferences',
    'customer_insights', 'order_items', 'customer_stats', 'tag_revenue', 'data_horizon',
    'customer_history', 'audit_log'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_wall ON %I TO cellardoor_app USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant())', t);
  END LOOP;
END $$;
