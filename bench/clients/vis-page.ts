// The peer: vis-timeline@8.5 with vis-data, rendering the same events.
import { DataSet, Timeline } from 'vis-timeline/standalone';

declare global {
  interface Window {
    benchVis(items: { id: string; content: string; start: number }[]): Promise<number>;
  }
}

window.benchVis = async (items) => {
  const container = document.createElement('div');
  container.style.inlineSize = '1000px';
  document.body.append(container);
  // The render starts in a task of its own (the trace's CPU window starts here), as crmkit's.
  await new Promise((r) => setTimeout(r, 0));
  performance.mark('bench-render-start');
  const t0 = performance.now();
  const data = new DataSet(items);
  const timeline = new Timeline(container, data, { height: '500px' });
  await new Promise<void>((resolve) => timeline.once('changed', () => resolve()));
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const ms = performance.now() - t0;
  performance.mark('bench-render-end');
  return ms;
};
