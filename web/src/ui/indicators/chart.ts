// The small trend chart of an indicator item, drawn by uPlot (a chart library, not hand-drawn
// SVG). Withheld weeks are gaps; a change withheld by IND-12 breaks the line there too, so no
// week-over-week difference is drawn that the node would not show.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { chartData, weekLabel, type IndicatorState } from "./model";

export interface TrendChart {
  update(state: IndicatorState, width: number): void;
  destroy(): void;
}

export function trendChart(host: HTMLElement): TrendChart {
  let plot: uPlot | null = null;
  let labels: string[] = [];
  const build = (state: IndicatorState, width: number) => {
    plot?.destroy();
    labels = state.series.map((p) => weekLabel(p.week));
    const [xs, ys] = chartData(state);
    // A point after a withheld change starts a new line: null between them.
    const data: [number[], (number | null)[]] = [[], []];
    state.series.forEach((p, i) => {
      if (p.changeWithheld && i > 0) {
        data[0].push(i - 0.5);
        data[1].push(null);
      }
      data[0].push(xs[i]!);
      data[1].push(ys[i]!);
    });
    plot = new uPlot(
      {
        width,
        height: 90,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.3, Math.max(0.3, xs.length - 0.7)] } },
        axes: [
          {
            size: 22,
            space: 20,
            splits: () => xs,
            values: (_u, splits) => splits.map((v) => labels[Math.round(v)] ?? ""),
            font: "11px system-ui, sans-serif",
          },
          { size: 34, font: "11px system-ui, sans-serif" },
        ],
        series: [{}, { stroke: "#1d5c8f", width: 2, spanGaps: false, points: { show: true, size: 6, fill: "#1d5c8f" } }],
      },
      data as uPlot.AlignedData,
      host,
    );
  };
  return {
    update(state, width) {
      build(state, Math.max(120, Math.round(width)));
    },
    destroy() {
      plot?.destroy();
      plot = null;
    },
  };
}
