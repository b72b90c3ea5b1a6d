/** Axis labels only: "$12K". Tables and tooltips show exact money from cents. */
const compact = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
export const compactMoney = (cents: number) => compact.format(cents / 100);

/** Series colours that stay apart for colour-blind readers (Okabe–Ito), wine first. */
export const SERIES_COLOURS = ['#5b1a2e', '#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#6b6b6b'];

