// A time-series chart drawn by uPlot on a canvas, as wide as its container. The figure carries a caption, and the
// numbers stay readable without the canvas: the page that draws a chart shows the same figures in a table.
import uPlot from 'uplot';
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../lib/html.js';

/**
 * @param {{ title: string, testid: string, data: number[][], series: { label: string, stroke: string, value?: (u: any, v: number) => string }[], yFormat?: (v: number) => string }} props
 *   data: [x seconds, ...one array per series]
 */
export function TimeChart({ title, testid, data, series, yFormat }) {
  const box = useRef(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const opts = {
      width: Math.max(240, el.clientWidth || 600),
      height: 200,
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, value: s.value, points: { show: true } }))],
      axes: [{}, { values: yFormat ? (u, ticks) => ticks.map(yFormat) : undefined, size: 60 }],
      scales: { x: { time: true } },
      legend: { live: false },
    };
    const chart = new uPlot(opts, data, el);
    const resize = () => chart.setSize({ width: Math.max(240, el.clientWidth || 600), height: 200 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
    };
  }, [data]);
  return html`<figure class="chart" data-testid=${testid}><figcaption>${title}</figcaption><div ref=${box} class="chart-canvas" role="img" aria-label=${title}></div></figure>`;
}
