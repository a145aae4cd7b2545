/** One chart's figures: the same numbers feed the chart and its table, so the two cannot differ. */
export interface ChartSeries {
  label: string;
  values: number[];
}

export interface ChartSpec {
  type: 'bar';
  /** The categories (months, courses, statuses…), in order. */
  labels: string[];
  series: ChartSeries[];
  /** Bars drawn sideways (long category names such as course titles). */
  horizontal?: boolean;
  /** Values are shares (0–1), shown as percentages. */
  percent?: boolean;
  /** The axes' titles: the categories' and the values'. */
  categoryTitle: string;
  valueTitle: string;
}

/**
 * Okabe & Ito's palette, safe for the common colour vision deficiencies; its yellow is left out (too
 * pale on white). Series also differ by their order, named in the legend.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000'] as const;
/** The edge of every bar (the app's ink colour). */
export const OUTLINE = '#1b2433';

/** One series of counts over categories (months, days…): the value axis is named after the series. */
export function countsChart<T extends { count: number }>(
  entries: T[],
  labelOf: (entry: T) => string,
  seriesLabel: string,
  categoryTitle: string,
): ChartSpec {
  return {
    type: 'bar',
    labels: entries.map(labelOf),
    series: [{ label: seriesLabel, values: entries.map((entry) => entry.count) }],
    categoryTitle,
    valueTitle: seriesLabel,
  };
}
