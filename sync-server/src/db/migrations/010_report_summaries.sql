-- Summaries the reports read when asked "as of" an instant at or after the data horizon. Each is
-- kept current in the push transaction (reports/summaries/) and equals a from-scratch
-- recomputation; a row of zeros in a totals table means the same as no row.

-- Per customer and tag type: how many active tags of the type the customer has, with the
-- customer's lifetime totals, so "top customers of a tag type" is an index walk.
CREATE TABLE customer_tag_types (
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  tag_type text NOT NULL,
  active_tags integer NOT NULL,
  revenue_cents bigint NOT NULL,
  sale_count integer NOT NULL,
  -- Whole days from the customer's first to last sale; null without a sale.
  days_active integer,
  last_sale_at timestamptz,
  PRIMARY KEY (tenant_id, customer_id, tag_type)
);
-- Ranked walks read the last sale from the index itself (re-engagement's inactivity test).
CREATE INDEX customer_tag_types_rank ON customer_tag_types (tenant_id, tag_type, revenue_cents DESC, customer_id) INCLUDE (last_sale_at);

-- Per tagged customer (an active tag, or ever an event attendee): the facts the guest-level
-- reports filter and rank on.
CREATE TABLE customer_report_facts (
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  active_tags integer NOT NULL,
  active_tag_types integer NOT NULL,
  revenue_cents bigint NOT NULL,
  sale_count integer NOT NULL,
  first_sale_at timestamptz,
  last_sale_at timestamptz,
  -- First EVENTS tag; whether a WINE_CLUB tag came before it; the first WINE_CLUB tag after it.
  first_attended_at timestamptz,
  club_before_attending boolean NOT NULL DEFAULT false,
  joined_club_at timestamptz,
  PRIMARY KEY (tenant_id, customer_id)
);
CREATE INDEX customer_report_facts_revenue ON customer_report_facts (tenant_id, revenue_cents DESC, customer_id) INCLUDE (last_sale_at, active_tag_types)
  WHERE active_tags > 0;

-- Per tag type: the revenue-by-tag row and the sums lifetime value by tag needs.
CREATE TABLE tag_type_totals (
  tenant_id uuid NOT NULL,
  tag_type text NOT NULL,
  customers integer NOT NULL,
  active_tags integer NOT NULL,
  revenue_cents bigint NOT NULL,
  order_count bigint NOT NULL,
  distinct_revenue_cents bigint NOT NULL,
  distinct_order_count bigint NOT NULL,
  buyers integer NOT NULL,
  days_active_sum bigint NOT NULL,
  PRIMARY KEY (tenant_id, tag_type)
);

-- Customers per tag type and $10 band of lifetime revenue: the median is found in its band by
-- the running count, then read exactly from customer_tag_types_rank within the band.
CREATE TABLE tag_type_value_bands (
  tenant_id uuid NOT NULL,
  tag_type text NOT NULL,
  band bigint NOT NULL,
  customers integer NOT NULL,
  PRIMARY KEY (tenant_id, tag_type, band)
);

-- How many customers have exactly N active tag types.
CREATE TABLE tag_type_count_histogram (
  tenant_id uuid NOT NULL,
  type_count integer NOT NULL,
  customers integer NOT NULL,
  PRIMARY KEY (tenant_id, type_count)
);

-- Event attendees by month of first attendance, and how many joined the wine club after.
CREATE TABLE club_conversion_cohorts (
  tenant_id uuid NOT NULL,
  cohort_month date NOT NULL,
  attendees integer NOT NULL,
  already_members integer NOT NULL,
  converted integer NOT NULL,
  days_to_convert_sum bigint NOT NULL,
  within_30_days integer NOT NULL,
  within_90_days integer NOT NULL,
  within_365_days integer NOT NULL,
  PRIMARY KEY (tenant_id, cohort_month)
);

-- Event sales per venue, event type and month (month in the tenant's report time zone).
CREATE TABLE event_sales_monthly (
  tenant_id uuid NOT NULL,
  venue_id uuid NOT NULL,
  event_type text NOT NULL,
  month date NOT NULL,
  sales integer NOT NULL,
  revenue_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, venue_id, event_type, month)
);

-- Which customers bought at events, per venue, type and month: the basis of distinct counts.
CREATE TABLE event_customer_months (
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  venue_id uuid NOT NULL,
  event_type text NOT NULL,
  month date NOT NULL,
  sales integer NOT NULL,
  PRIMARY KEY (tenant_id, customer_id, venue_id, event_type, month)
);

-- Distinct event customers for each grouping the report answers. The all-zero venue id stands
-- for "every venue" and 0001-01-01 for "every month", so each grouping has a plain key.
CREATE TABLE event_unique_customers (
  tenant_id uuid NOT NULL,
  venue_id uuid NOT NULL,
  event_type text NOT NULL,
  month date NOT NULL,
  customers integer NOT NULL,
  PRIMARY KEY (tenant_id, venue_id, event_type, month)
);

-- Tag assignments added and removed per tag type and month.
CREATE TABLE tag_growth_monthly (
  tenant_id uuid NOT NULL,
  tag_type text NOT NULL,
  month date NOT NULL,
  added integer NOT NULL,
  removed integer NOT NULL,
  PRIMARY KEY (tenant_id, tag_type, month)
);

-- The device sale numbers received, as runs of consecutive numbers: the gaps between runs are
-- sales a tablet still holds.
CREATE TABLE device_seq_runs (
  tenant_id uuid NOT NULL,
  device_id uuid NOT NULL,
  from_seq bigint NOT NULL,
  to_seq bigint NOT NULL,
  PRIMARY KEY (tenant_id, device_id, from_seq)
);

-- The daily close-out reads one venue's day of orders.
CREATE INDEX orders_venue_created ON orders (tenant_id, venue_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'customer_tag_types', 'customer_report_facts', 'tag_type_totals', 'tag_type_value_bands',
    'tag_type_count_histogram', 'club_conversion_cohorts', 'event_sales_monthly', 'event_customer_months',
    'event_unique_customers', 'tag_growth_monthly', 'device_seq_runs'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_wall ON %I TO cellardoor_app USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant())', t);
  END LOOP;
END $$;
