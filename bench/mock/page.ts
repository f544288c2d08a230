// Runs in headless Chromium: generates the mock CRM while a heartbeat and a long-task observer
// watch the main thread. Bundled by run.mjs with esbuild.
import { generateMockCrmAsync, MOCK_SCALES, type MockScale } from '../../packages/adapter-mock/src/generator/generate.js';

interface Result {
  scale: MockScale;
  generateMs: number;
  longestTaskMs: number;
  longestGapMs: number;
  counts: Record<string, number>;
  heapMb?: number;
}

async function measure(scale: MockScale): Promise<Result> {
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  let longestGapMs = 0;
  const beat = setInterval(() => {
    const t = performance.now();
    longestGapMs = Math.max(longestGapMs, t - last);
    last = t;
  }, 0);
  performance.mark('mock-bench-start');
  const start = performance.now();
  const snapshot = await generateMockCrmAsync({ scale, seed: 1, now: Date.UTC(2026, 10, 25, 9) });
  const generateMs = performance.now() - start;
  performance.mark('mock-bench-end');
  // Let the observer deliver the last entries.
  await new Promise((r) => setTimeout(r, 50));
  clearInterval(beat);
  observer.disconnect();
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(snapshot.entities)) counts[k] = v?.length ?? 0;
  const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return { scale, generateMs, longestTaskMs, longestGapMs, counts, ...(mem ? { heapMb: mem.usedJSHeapSize / 1e6 } : {}) };
}

declare global {
  interface Window {
    runBench(scale: string): Promise<Result>;
  }
}
window.runBench = (scale: string) => measure((MOCK_SCALES as readonly string[]).includes(scale) ? (scale as MockScale) : 'large');
