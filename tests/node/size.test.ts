/**
 * The size gate: each widget's gzipped size before first render does not grow past its pinned
 * size in bench/size/sizes.json, so a growth is a deliberate change (`node bench/size/run.mjs
 * --pin`), and none passes the foundation's budget (bench/size/budget.json: 35 kB with Lit;
 * charts, the XLSX writer, caches and data-time rules are loaded lazily), also printed by
 * `npm run bench`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// @ts-expect-error: a plain ES module of the bench, without type declarations.
import { measureSizes } from '../../bench/size/measure.mjs';

const budget = JSON.parse(readFileSync('bench/size/budget.json', 'utf8')) as { limitKb: number };
const pinned = JSON.parse(readFileSync('bench/size/sizes.json', 'utf8')) as Record<string, number>;
/** Slack for esbuild and dependency patch releases; anything beyond it must be re-pinned on purpose. */
const TOLERANCE_KB = 0.5;

test('no widget grows past its pinned size', { timeout: 120_000 }, async () => {
  const sizes = (await measureSizes()) as { name: string; gzipKb: number }[];
  assert.ok(sizes.length >= 7, 'all widgets measured');
  for (const s of sizes) {
    assert.ok(s.gzipKb <= budget.limitKb, `${s.name}: ${s.gzipKb} kB gzipped before first render, above the ${budget.limitKb} kB budget`);
    assert.ok(pinned[s.name] !== undefined, `${s.name} has a pinned size (node bench/size/run.mjs --pin)`);
    assert.ok(s.gzipKb <= (pinned[s.name] as number) + TOLERANCE_KB, `${s.name}: ${s.gzipKb} kB, pinned ${pinned[s.name]} kB`);
  }
});
