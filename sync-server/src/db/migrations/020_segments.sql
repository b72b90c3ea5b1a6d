-- Segments: per-tenant thresholds of the built-in segments (with their change history), dynamic
-- segments with materialised membership and entered/exited history, and the per-guest facts the
-- rules read that customer_stats does not hold.

CREATE TABLE segment_settings (
  tenant_id uuid PRIMARY KEY,
  thresholds jsonb NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every change of the thresholds: who, when, from what to what. Append-only for the app role.
CREATE TABLE segment_settings_history (
  tenant_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  changed_by uuid,
  changed_at timestamptz NOT NULL DEFAULT now(),
  previous jsonb,
  thresholds jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE segments (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  description text,
  rule jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Deleted segments keep their history; their members are removed.
  deleted_at timestamptz,
  member_count integer NOT NULL DEFAULT 0,
  last_calculated_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX segments_name ON segments (tenant_id, lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE segment_members (
  tenant_id uuid NOT NULL,
  segment_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, segment_id, customer_id)
);
CREATE INDEX segment_members_customer ON segment_members (tenant_id, customer_id);

CREATE TABLE segment_membership_history (
  tenant_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  segment_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  change text NOT NULL CHECK (change IN ('ENTERED', 'EXITED')),
  at timestamptz NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX segment_membership_history_segment ON segment_membership_history (tenant_id, segment_id, id DESC);

-- Per guest: what the rules read beyond customer_stats (favourites and the sets of categories,
-- event types, venues and active tags), kept current in the push transaction like customer_stats.
CREATE TABLE customer_segment_facts (
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  favourite_category text,
  favourite_event_type text,
  categories text[] NOT NULL DEFAULT '{}',
  event_types text[] NOT NULL DEFAULT '{}',
  venue_ids uuid[] NOT NULL DEFAULT '{}',
  -- 'TYPE' and 'TYPE=VALUE' for every active tag.
  tag_keys text[] NOT NULL DEFAULT '{}',
  do_not_contact boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, customer_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['segment_settings', 'segment_settings_history', 'segments', 'segment_members',
                           'segment_membership_history', 'customer_segment_facts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_wall ON %I TO cellardoor_app USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant())', t);
  END LOOP;
END $$;
REVOKE UPDATE, DELETE, TRUNCATE ON segment_settings_history FROM cellardoor_app;
