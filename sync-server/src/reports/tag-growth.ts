import { MONTH_TEXT, defineReport, param } from './report-route';

/**
 * Tag growth per month (seed query 7): assignments added and removed, the net change, and the
 * active assignments at the month's end (counted from the first month, whatever the window).
 */
export const tagGrowth = defineReport({
  name: 'tag-growth',
  title: 'tag growth',
  params: { months: param.months(12), tagType: param.tagType.optional() },
  columns: ['month', 'tagType', 'added', 'removed', 'net', 'activeAtMonthEnd'],
  async run({ query, params }) {
    const values = { months: params.months, tagType: params.tagType ?? null };
    const window = `month > (date_trunc('month', $asOf::timestamptz AT TIME ZONE $tz) - make_interval(months => $months::int))::date`;
    const rows = await query(
      `SELECT ${MONTH_TEXT('month')} AS month, tag_type AS "tagType", added, removed, net, active_at_end AS "activeAtMonthEnd" FROM (
         SELECT month, tag_type, added, removed, added - removed AS net,
                (sum(added - removed) OVER (PARTITION BY tag_type ORDER BY month))::int AS active_at_end
           FROM growth WHERE ($tagType::text IS NULL OR tag_type = $tagType) AND (added <> 0 OR removed <> 0)) g
        WHERE ${window}
        ORDER BY month, tag_type`,
      values,
    );
    const months = await query(
      `SELECT ${MONTH_TEXT('month')} AS month, sum(added)::int AS added, sum(removed)::int AS removed, sum(added - removed)::int AS net
         FROM growth WHERE ($tagType::text IS NULL OR tag_type = $tagType) AND (added <> 0 OR removed <> 0) AND ${window}
        GROUP BY month ORDER BY month`,
      values,
    );
    return { rows, extra: { months } };
  },
});
