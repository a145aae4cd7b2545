import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { OUTLINE, PALETTE, type ChartSpec } from './spec';

// Only what the dashboards draw: bars on a category axis, with a legend and tooltips.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

function configOf(spec: ChartSpec, language: string): ChartConfiguration<'bar'> {
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(language);
  const format = (value: number) => (spec.percent ? percent.format(value) : number.format(value));
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const categoryAxis = spec.horizontal ? 'y' : 'x';
  return {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        backgroundColor: PALETTE[index % PALETTE.length],
        // A dark edge: the lighter colours of the palette alone fall under 3:1 on white.
        borderColor: OUTLINE,
        borderWidth: 1,
      })),
    },
    options: {
      locale: language,
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      // No motion: the figures are there at once, and nobody who asked for less motion gets any.
      animation: false,
      plugins: {
        legend: { display: spec.series.length > 1 },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label ?? ''}: ${format(Number(item.raw))}`,
          },
        },
      },
      scales: {
        [categoryAxis]: { title: { display: true, text: spec.categoryTitle } },
        [valueAxis]: {
          beginAtZero: true,
          title: { display: true, text: spec.valueTitle },
          ...(spec.percent ? { max: 1 } : {}),
          ticks: {
            precision: spec.percent ? undefined : 0,
            callback: (value: number | string) => format(Number(value)),
          },
        },
      },
    },
  };
}

interface ChartCanvasProps {
  spec: ChartSpec;
  language: string;
  /** What the chart shows, for those who cannot see it (its figures are in its table). */
  label: string;
}

/** A Chart.js chart on a canvas: this module (and Chart.js) is loaded only where a chart is shown. */
export default function ChartCanvas({ spec, language, label }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(spec);
  useEffect(() => {
    if (!canvas.current || !box.current) {
      return undefined;
    }
    // Sideways bars get room for each category; set through the CSSOM (the CSP allows no style attribute).
    box.current.style.height = spec.horizontal ? `${Math.max(12, spec.labels.length * 2 + 5)}rem` : '';
    const chart = new Chart(canvas.current, configOf(JSON.parse(key) as ChartSpec, language));
    return () => chart.destroy();
    // `key` stands for the whole spec.
  }, [key, language]);
  return (
    <div className="report-chart-canvas" ref={box}>
      <canvas ref={canvas} role="img" aria-label={label}>
        {label}
      </canvas>
    </div>
  );
}
