import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Chart } from 'chart.js';

export interface SellerBar {
  readonly label: string;
  /** 0–1. */
  readonly coverage: number;
  /** 0–1, overall conversion. */
  readonly conversion: number;
}

export interface ChartLabels {
  readonly coverage: string;
  readonly conversion: string;
  readonly norm: string;
}

/**
 * Coverage and conversion by seller, as a horizontal bar chart with a resource lifecycle:
 * Chart.js is loaded with `import()` the first time the chart is shown, only the parts in use
 * are registered (never `chart.js/auto`), colours come from the theme tokens (re-read on each
 * draw, so a theme switch shows on the next update), and the chart is destroyed on disconnect.
 */
export class RegistryChartController implements ReactiveController {
  private chart?: Chart;
  private canvas?: HTMLCanvasElement;
  private key = '';
  private readonly host: ReactiveControllerHost & HTMLElement;
  /** Set when Chart.js failed to load; the widget says so instead of a blank box. */
  failed = false;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.destroy();
  }

  get drawn(): boolean {
    return this.chart !== undefined;
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.canvas = undefined;
    this.key = '';
  }

  async show(canvas: HTMLCanvasElement | null | undefined, bars: readonly SellerBar[], labels: ChartLabels, percent: (n: number) => string): Promise<void> {
    if (!canvas) {
      this.destroy();
      return;
    }
    const style = getComputedStyle(this.host);
    const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const colours = [token('--_crm-accent', '#0b66c3'), token('--_crm-success', '#2e7d32'), token('--_crm-fg-muted', '#5f6b7a'), token('--_crm-border', '#d5dbe3')];
    const key = JSON.stringify([bars, labels, colours]);
    if (canvas === this.canvas && key === this.key) return;
    this.destroy();
    this.canvas = canvas;
    this.key = key;
    let mod: typeof import('chart.js');
    try {
      mod = await import('chart.js');
    } catch {
      this.failed = true;
      this.host.requestUpdate();
      return;
    }
    const { Chart: ChartCtor, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend } = mod;
    ChartCtor.register(BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend);
    if (this.canvas !== canvas || !canvas.isConnected) return;
    const [accent, success, muted, grid] = colours as [string, string, string, string];
    this.chart = new ChartCtor(canvas, {
      type: 'bar',
      data: {
        labels: bars.map((b) => b.label),
        datasets: [
          { label: labels.coverage, data: bars.map((b) => b.coverage), backgroundColor: accent },
          { label: labels.conversion, data: bars.map((b) => b.conversion), backgroundColor: success },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { labels: { color: muted } },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${percent(Number(ctx.parsed.x))}` } },
        },
        scales: {
          x: { min: 0, max: 1, ticks: { color: muted, callback: (v) => percent(Number(v)) }, grid: { color: grid } },
          y: { ticks: { color: muted }, grid: { color: grid } },
        },
      },
    });
  }
}
