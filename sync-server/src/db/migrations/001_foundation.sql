-- Tenants, people and devices; the replicated collections; the derived tables that tag revenue
-- lives in. Every table carries tenant_id, and every key starts with it.

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  email text NOT NULL CHECK (email = lower(email)),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('OWNER', 'MANAGER', 'STAFF')),
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
-- Sign-in is by email alone, so an email belongs to one tenant.
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE devices (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  -- Short per-tenant number printed in receipt numbers (T2-001042).
  number integer NOT NULL,
  name text NOT NULL,
  venue_id uuid,
  role text NOT NULL DEFAULT 'STAFF' CHECK (role IN ('STAFF', 'MANAGER')),
  token_hash bytea NOT NULL UNIQUE,
  enrolled_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  last_reported_seq integer,
  schema_version integer,
  revoked_at timestamptz,
  -- Whether a revoked device may first hand over its unsent sales (retired) or not (stolen).
  revoke_allows_handover boolean,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number)
);

-- One counter per tenant and collection. A push holds its row lock until commit, so sequence
-- numbers become visible in the order they were handed out: a pull can never skip a document.
CREATE TABLE sync_counters (
  tenant_id uuid NOT NULL,
  collection text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, collection)
);

-- Replicated collections: the document as the device wrote it (doc), its tombstone flag, the
-- commit-ordered sequence, and typed columns extracted for the calculations.
CREATE TABLE venues (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  name text, timezone text, tax_rate_bps integer,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE staff (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  name text, role text, is_active boolean,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE tag_definitions (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  tag_type text, tag_value text, display_name text, category text, parent_id uuid, is_active boolean, priority integer,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE products (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  sku text, name text, category text, price_cents bigint, is_active boolean,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE events (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  venue_id uuid, event_type text, name text, starts_at timestamptz, ends_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE customers (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  email_norm text, phone_norm text, first_name text, last_name text, created_at timestamptz,
  merged_into uuid, erased_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE customer_tags (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  customer_id uuid, tag_type text, tag_value text, added_at timestamptz, removed_at timestamptz, source text,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE orders (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  customer_id uuid, kind text, status text, total_cents bigint, subtotal_cents bigint, tax_cents bigint,
  discount_cents bigint, created_at timestamptz, venue_id uuid, device_id uuid, staff_id text,
  event_id uuid, event_type text, is_event_sale boolean, sales_channel text, payment_method text,
  refund_of uuid, device_seq integer, receipt_number text,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE customer_notes (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  customer_id uuid, created_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE communication_preferences (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  customer_id uuid, email_opt_in boolean, sms_opt_in boolean,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE customer_insights (
  tenant_id uuid NOT NULL, id uuid NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false, pushed_by uuid, server_updated_at timestamptz NOT NULL DEFAULT now(),
  customer_id uuid,
  PRIMARY KEY (tenant_id, id)
);

CREATE UNIQUE INDEX venues_seq ON venues (tenant_id, seq);
CREATE UNIQUE INDEX staff_seq ON staff (tenant_id, seq);
CREATE UNIQUE INDEX tag_definitions_seq ON tag_definitions (tenant_id, seq);
CREATE UNIQUE INDEX products_seq ON products (tenant_id, seq);
CREATE UNIQUE INDEX events_seq ON events (tenant_id, seq);
CREATE UNIQUE INDEX customers_seq ON customers (tenant_id, seq);
CREATE UNIQUE INDEX customer_tags_seq ON customer_tags (tenant_id, seq);
CREATE UNIQUE INDEX orders_seq ON orders (tenant_id, seq);
CREATE UNIQUE INDEX customer_notes_seq ON customer_notes (tenant_id, seq);
CREATE UNIQUE INDEX communication_preferences_seq ON communication_preferences (tenant_id, seq);
CREATE UNIQUE INDEX customer_insights_seq ON customer_insights (tenant_id, seq);

CREATE INDEX customers_email ON customers (tenant_id, email_norm) WHERE email_norm IS NOT NULL;
CREATE INDEX customers_phone ON customers (tenant_id, phone_norm) WHERE phone_norm IS NOT NULL;
CREATE INDEX customer_tags_customer ON customer_tags (tenant_id, customer_id);
CREATE INDEX customer_tags_type ON customer_tags (tenant_id, tag_type, tag_value);
CREATE INDEX orders_customer ON orders (tenant_id, customer_id, created_at) WHERE customer_id IS NOT NULL;
CREATE INDEX orders_created ON orders (tenant_id, created_at);
CREATE INDEX orders_device_seq ON orders (tenant_id, device_id, device_seq) WHERE device_seq IS NOT NULL;
CREATE INDEX orders_refund_of ON orders (tenant_id, refund_of) WHERE refund_of IS NOT NULL;
CREATE INDEX customer_notes_customer ON customer_notes (tenant_id, customer_id);
CREATE INDEX communication_preferences_customer ON communication_preferences (tenant_id, customer_id);

-- Order lines, extracted from the embedded items for category calculations.
CREATE TABLE order_items (
  tenant_id uuid NOT NULL,
  order_id uuid NOT NULL,
  line_no integer NOT NULL,
  product_id uuid,
  sku text NOT NULL,
  category text NOT NULL,
  quantity integer NOT NULL,
  total_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, order_id, line_no)
);

-- Per-customer totals, kept current in the same transaction as every ingest that touches them.
CREATE TABLE customer_stats (
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  revenue_cents bigint NOT NULL DEFAULT 0,
  sale_count integer NOT NULL DEFAULT 0,
  refund_count integer NOT NULL DEFAULT 0,
  first_sale_at timestamptz,
  last_sale_at timestamptz,
  PRIMARY KEY (tenant_id, customer_id)
);

-- Tag revenue: one row per active customer tag, with its customer's totals and the revenue
-- since the tag was added.
CREATE TABLE tag_revenue (
  tenant_id uuid NOT NULL,
  tag_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  tag_type text NOT NULL,
  tag_value text,
  added_at timestamptz NOT NULL,
  revenue_cents bigint NOT NULL,
  order_count integer NOT NULL,
  last_order_at timestamptz,
  revenue_since_added_cents bigint NOT NULL,
  orders_since_added integer NOT NULL,
  PRIMARY KEY (tenant_id, tag_id)
);
CREATE INDEX tag_revenue_customer ON tag_revenue (tenant_id, customer_id);
CREATE INDEX tag_revenue_rank ON tag_revenue (tenant_id, tag_type, tag_value, revenue_cents DESC);

-- The latest instant any ingested document speaks of: reports asked "as of" a time at or after
-- it can read the maintained summaries; earlier instants are computed from the documents.
CREATE TABLE data_horizon (
  tenant_id uuid PRIMARY KEY,
  horizon timestamptz NOT NULL
);

-- Values that lost a field-wise merge, and every consent change: never silently dropped.
CREATE TABLE customer_history (
  tenant_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  customer_id uuid NOT NULL,
  field text NOT NULL,
  old_value jsonb,
  new_value jsonb,
  reason text NOT NULL,
  device_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX customer_history_customer ON customer_history (tenant_id, customer_id, at);

CREATE TABLE audit_log (
  tenant_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user uuid,
  actor_device uuid,
  action text NOT NULL,
  customer_id uuid,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_customer ON audit_log (tenant_id, customer_id, at) WHERE customer_id IS NOT NULL;
