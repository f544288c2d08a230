import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Chart } from 'chart.js';

export interface PricePointView {
  readonly label: string;
  readonly price: number;
}

/**
 * A price-history line chart as a resource with a lifecycle: Chart.js is loaded with `import()`
 * the first time a chart shows, only the parts in use are registered (never `chart.js/auto`),
 * colours come from the theme tokens, and the chart is destroyed on disconnect or when its
 * canvas goes away.
 */
export class PriceChartController implements ReactiveController {
  private chart?: Chart;
  private canvas?: HTMLCanvasElement;
  private key = '';
  private readonly host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.destroy();
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.canvas = undefined;
    this.key = '';
  }

  /** Draws `points` on `canvas` (or does nothing when they are already drawn there). */
  async show(canvas: HTMLCanvasElement | null | undefined, points: readonly PricePointView[], format: (n: number) => string): Promise<void> {
    if (!canvas) {
      this.destroy();
      return;
    }
    const key = JSON.stringify(points);
    if (canvas === this.canvas && key === this.key) return;
    this.destroy();
    this.canvas = canvas;
    this.key = key;
    const { Chart, LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip } = await import('chart.js');
    Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip);
    if (this.canvas !== canvas || !canvas.isConnected) return;
    const style = getComputedStyle(this.host);
    const accent = style.getPropertyValue('--_crm-accent').trim() || '#0b66c3';
    const muted = style.getPropertyValue('--_crm-fg-muted').trim() || '#5f6b7a';
    const grid = style.getPropertyValue('--_crm-border').trim() || '#d5dbe3';
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: points.map((p) => p.label),
        datasets: [{ data: points.map((p) => p.price), borderColor: accent, backgroundColor: accent, stepped: 'before', pointRadius: 3 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { tooltip: { callbacks: { label: (ctx) => format(Number(ctx.parsed.y)) } } },
        scales: {
          x: { ticks: { color: muted }, grid: { color: grid } },
          y: { ticks: { color: muted, callback: (v) => format(Number(v)) }, grid: { color: grid } },
        },
      },
    });
  }
}
