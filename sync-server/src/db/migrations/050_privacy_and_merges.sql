-- Duplicate-guest merges (undoable for 30 days), GDPR/CCPA exports, and the audit log's reach
-- over many guests at once (a device's pull page names hundreds).

-- Every guest an audit entry concerns; customer_id stays for entries about exactly one guest.
ALTER TABLE audit_log ADD COLUMN customer_ids uuid[];
CREATE INDEX audit_log_customer_ids ON audit_log USING gin (customer_ids);
CREATE INDEX audit_log_at ON audit_log (tenant_id, at DESC, id DESC);
-- The application role may add audit entries and read them, never change or remove them.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM cellardoor_app;

-- One row per merge of a duplicate guest into the one that survives.
CREATE TABLE customer_merges (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  survivor_id uuid NOT NULL,
  merged_id uuid NOT NULL,
  merged_by uuid NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  -- Survivor fields that were empty and took the merged guest's value: {field: previous value}.
  filled_fields jsonb NOT NULL DEFAULT '{}'::jsonb,
  undone_at timestamptz,
  undone_by uuid,
  PRIMARY KEY (tenant_id, id)
);
-- A guest is merged away at most once at a time (an undone merge frees it again).
CREATE UNIQUE INDEX customer_merges_live ON customer_merges (tenant_id, merged_id) WHERE undone_at IS NULL;
CREATE INDEX customer_merges_survivor ON customer_merges (tenant_id, survivor_id);

-- Exactly which documents a merge moved to the survivor: re-pointed at the merge, or redirected
-- later when a device pushed a document naming the merged guest. Undo moves these back.
CREATE TABLE customer_merge_items (
  tenant_id uuid NOT NULL,
  merge_id uuid NOT NULL,
  collection text NOT NULL CHECK (collection IN ('orders', 'customer_tags', 'customer_notes', 'communication_preferences')),
  document_id uuid NOT NULL,
  via text NOT NULL CHECK (via IN ('merge', 'redirect')),
  -- Fields the merge changed besides customerId, with their values before it (a tag the survivor
  -- already had is removed so revenue by tag does not count the guest twice); undo puts them back.
  undo_patch jsonb,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, merge_id, collection, document_id)
);

-- GDPR/CCPA exports: the archive is kept in the database (every server process can serve it; no
-- shared disk needed) until it expires, 30 days after it was made.
CREATE TABLE customer_exports (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  requested_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('READY', 'FAILED', 'EXPIRED', 'ERASED')),
  archive bytea,
  size_bytes integer,
  files jsonb NOT NULL DEFAULT '[]'::jsonb,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX customer_exports_customer ON customer_exports (tenant_id, customer_id);

-- Download links of an export: random tokens, stored hashed, valid until the export expires.
CREATE TABLE customer_export_links (
  token_hash bytea PRIMARY KEY,
  tenant_id uuid NOT NULL,
  export_id uuid NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_export_links_export ON customer_export_links (tenant_id, export_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['customer_merges', 'customer_merge_items', 'customer_exports', 'customer_export_links'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_wall ON %I TO cellardoor_app USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant())', t);
  END LOOP;
END $$;
