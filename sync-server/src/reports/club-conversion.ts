import { MONTH_TEXT, defineReport, param } from './report-route';

/**
 * Event attendee → wine club conversion (seed query 10), by month of first attendance (the first
 * EVENTS tag). Guests already in the club before attending are counted apart; a conversion is
 * the first WINE_CLUB tag after the first attendance, with the whole days it took.
 */
export const clubConversion = defineReport({
  name: 'club-conversion',
  title: 'event to wine club conversion',
  params: { months: param.months(12) },
  columns: [
    'cohortMonth', 'attendees', 'alreadyMembers', 'converted', 'conversionRate', 'avgDaysToConvert', 'convertedWithin30Days',
    'convertedWithin90Days', 'convertedWithin365Days',
  ],
  async run({ query, params }) {
    const picked = `
      , picked AS (SELECT * FROM cohorts WHERE attendees > 0
          AND cohort_month > (date_trunc('month', $asOf::timestamptz AT TIME ZONE $tz) - make_interval(months => $months::int))::date)`;
    const figures = (g: string) => `
      sum(attendees)::int AS attendees, sum(already_members)::int AS "alreadyMembers", sum(converted)::int AS converted,
      CASE WHEN sum(attendees - already_members) > 0 THEN round(sum(converted)::numeric / sum(attendees - already_members), 4) ELSE 0 END
        AS "conversionRate",
      CASE WHEN sum(converted) > 0 THEN round(sum(days_to_convert_sum)::numeric / sum(converted), 1) END AS "avgDaysToConvert",
      sum(within_30_days)::int AS "convertedWithin30Days", sum(within_90_days)::int AS "convertedWithin90Days",
      sum(within_365_days)::int AS "convertedWithin365Days" FROM picked ${g}`;
    const values = { months: params.months };
    const rows = await query(`${picked} SELECT ${MONTH_TEXT('cohort_month')} AS "cohortMonth", ${figures('GROUP BY cohort_month ORDER BY cohort_month')}`, values);
    const [totals] = await query(`${picked} SELECT ${figures('')}`, values);
    return { rows, extra: { totals } };
  },
});
