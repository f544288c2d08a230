/**
 * The size gate: each widget's gzipped size before first render does not grow past its pinned
 * size in bench/size/sizes.json, so a growth is a deliberate change (`node bench/size/run.mjs
 * --pin`). The foundation's goal (35 kB with Lit, charts lazy) is printed by `npm run bench`;
 * widgets still above it are listed in their issue, and their pins may only go down.
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
    if (s.gzipKb > budget.limitKb) console.log(`size: ${s.name} is ${s.gzipKb} kB gzipped, above the ${budget.limitKb} kB goal`);
    assert.ok(pinned[s.name] !== undefined, `${s.name} has a pinned size (node bench/size/run.mjs --pin)`);
    assert.ok(s.gzipKb <= (pinned[s.name] as number) + TOLERANCE_KB, `${s.name}: ${s.gzipKb} kB, pinned ${pinned[s.name]} kB`);
  }
});
