/**
 * DATA.md must say what the code does. The 1C section is generated from the default mapping and
 * must match it exactly; every method the Bitrix24 adapter may call is listed (and nothing it
 * cannot call is listed as read); the storage names are the ones the code uses.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { READ_METHODS } from '../../packages/adapter-bitrix24/src/allowlist.js';
import { CACHE_DB_PREFIX, CACHE_REGISTRY_DB } from '../../packages/core/src/cache/cache.js';
import { LOCAL_STORAGE_PREFIX } from '../../packages/core/src/base/clear-local-data.js';

const dataMd = readFileSync('DATA.md', 'utf8');

function section(title: string): string {
  const start = dataMd.indexOf(`## ${title}`);
  assert.ok(start >= 0, `DATA.md has a "## ${title}" section`);
  const next = dataMd.indexOf('\n## ', start + 3);
  return dataMd.slice(start, next < 0 ? undefined : next);
}

describe('DATA.md agrees with the code', () => {
  test('the 1C section is exactly what the default mapping reads', () => {
    const generated = execFileSync('node', ['--conditions=crmkit-source', '--import', 'tsx', 'packages/adapter-1c/emulator/data-md.ts'], { encoding: 'utf8' }).trim();
    assert.ok(dataMd.includes(generated), 'regenerate it: node --conditions=crmkit-source --import tsx packages/adapter-1c/emulator/data-md.ts');
  });

  test('every Bitrix24 method the adapter may call is listed, and only those are listed as read', () => {
    const text = section('Bitrix24');
    for (const method of READ_METHODS as readonly string[]) {
      // "`crm.contact.list` / `.get`" lists both methods.
      const shorthand = method.endsWith('.get') && text.includes(`${method.slice(0, -4)}.list`) && text.includes('`.get`');
      assert.ok(text.includes(method) || shorthand, `DATA.md lists ${method}`);
    }
    const listed = new Set([...text.matchAll(/`((?:crm|user|department)\.[a-z.]+)`/g)].map((m) => m[1] as string));
    const allowed = new Set<string>(READ_METHODS);
    for (const method of listed) {
      // `crm.item.get` style pairs are written "crm.item.list / .get"; the full names are checked above.
      assert.ok(allowed.has(method), `DATA.md lists ${method}, which the adapter cannot call`);
    }
  });

  test('the storage names are the code\'s', () => {
    const text = section('Stored in the browser');
    assert.ok(text.includes(CACHE_DB_PREFIX), CACHE_DB_PREFIX);
    assert.ok(text.includes(CACHE_REGISTRY_DB), CACHE_REGISTRY_DB);
    assert.ok(text.includes(`\`${LOCAL_STORAGE_PREFIX}`), LOCAL_STORAGE_PREFIX);
  });
});
