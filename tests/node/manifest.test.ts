/**
 * The custom-elements manifests (core, widgets) are complete: regenerated from today's sources,
 * every element's public property, attribute, event, slot, CSS part and CSS custom property has
 * a description; every `part="…"` in an element's templates and every `--crm-*` property its
 * styles read is listed; every event has a `GlobalEventHandlersEventMap` entry and every tag an
 * `HTMLElementTagNameMap` entry. A failure lists everything missing at once.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
// @ts-expect-error: plain ESM script without types
import { buildManifests } from '../../scripts/manifest.mjs';

interface Described {
  readonly name: string;
  readonly description?: string;
  readonly summary?: string;
}
interface Member extends Described {
  readonly kind: string;
  readonly privacy?: string;
  readonly static?: boolean;
  readonly inheritedFrom?: { readonly name: string };
}
interface Declaration extends Described {
  readonly kind: string;
  readonly customElement?: boolean;
  readonly tagName?: string;
  readonly members?: readonly Member[];
  readonly attributes?: readonly (Described & { readonly fieldName?: string })[];
  readonly events?: readonly Described[];
  readonly slots?: readonly Described[];
  readonly cssParts?: readonly Described[];
  readonly cssProperties?: readonly Described[];
}
interface Manifest {
  readonly modules: readonly { readonly path: string; readonly declarations?: readonly Declaration[] }[];
}

const MANIFESTS = ['packages/core/custom-elements.json', 'packages/widgets/custom-elements.json'];
/** Template helpers shared by every data widget (progress, error, empty, status bar). */
const STATE_VIEWS = 'packages/core/src/ui/state-views.ts';

const elements: { tag: string; module: string; decl: Declaration }[] = [];

function sourcesOf(module: string): string[] {
  const dir = dirname(module);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !/\.(test|stories|fixtures)\.ts$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}

const described = (d: Described) => Boolean((d.description ?? '').trim() || (d.summary ?? '').trim());

before(async () => {
  await buildManifests({ quiet: true });
  for (const file of MANIFESTS) {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    for (const mod of m.modules) {
      for (const decl of mod.declarations ?? []) {
        if (decl.customElement && decl.tagName) elements.push({ tag: decl.tagName, module: mod.path, decl });
      }
    }
  }
});

describe('custom-elements manifest', { timeout: 180_000 }, () => {
  it('lists every registered element, with a description', () => {
    const registered = [
      ...['packages/core/src', 'packages/widgets/src'].flatMap(function walk(dir: string): string[] {
        return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name)) : /^crm-[a-z0-9-]+\.ts$/.test(e.name) && !e.name.endsWith('.test.ts') ? [e.name.replace(/\.ts$/, '')] : [],
        );
      }),
    ];
    const listed = new Set(elements.map((e) => e.tag));
    assert.deepEqual(registered.filter((t) => !listed.has(t)), [], 'registered but not in a manifest');
    assert.deepEqual(elements.filter((e) => !described(e.decl)).map((e) => e.tag), [], 'elements without a description or @summary');
  });

  it('documents every public property, attribute, event, slot, CSS part and CSS custom property', () => {
    const missing: string[] = [];
    for (const { tag, decl } of elements) {
      for (const m of decl.members ?? []) {
        if (m.kind !== 'field' || m.static || (m.privacy && m.privacy !== 'public') || m.name.startsWith('_') || m.name.startsWith('#')) continue;
        if (!described(m)) missing.push(`${tag}: property ${m.name}${m.inheritedFrom ? ` (from ${m.inheritedFrom.name})` : ''}`);
      }
      for (const a of decl.attributes ?? []) if (!described(a)) missing.push(`${tag}: attribute ${a.name}`);
      for (const e of decl.events ?? []) if (!e.name || !described(e)) missing.push(`${tag}: event ${e.name ?? '(unnamed)'}`);
      for (const s of decl.slots ?? []) if (!described(s)) missing.push(`${tag}: slot ${s.name || '(default)'}`);
      for (const p of decl.cssParts ?? []) if (!described(p)) missing.push(`${tag}: css part ${p.name}`);
      for (const p of decl.cssProperties ?? []) if (!described(p)) missing.push(`${tag}: css property ${p.name}`);
    }
    assert.deepEqual(missing, [], `undocumented (add JSDoc to the element class):\n  ${missing.join('\n  ')}`);
  });

  it('lists every part="…" of the templates and every --crm-* property the styles read', () => {
    const missing: string[] = [];
    const stateViews = readFileSync(STATE_VIEWS, 'utf8');
    for (const { tag, module, decl } of elements) {
      const files = sourcesOf(module);
      const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
      const usesStateViews = /\b(stateRenderers|renderProgress|renderError|renderEmpty|renderStatusBar|renderNoAdapter|renderCancelled)\b/.test(text);
      const parts = new Set<string>();
      for (const src of usesStateViews ? [text, stateViews] : [text]) {
        for (const m of src.matchAll(/\bpart="([^"$]+)"/g)) for (const p of m[1]!.split(/\s+/)) if (p) parts.add(p);
      }
      const props = new Set([...text.matchAll(/var\(\s*(--crm-[a-z0-9-]+)/g)].map((m) => m[1]!));
      const listedParts = new Set((decl.cssParts ?? []).map((p) => p.name));
      const listedProps = new Set((decl.cssProperties ?? []).map((p) => p.name));
      for (const p of parts) if (!listedParts.has(p)) missing.push(`${tag}: @csspart ${p}`);
      for (const p of props) if (!listedProps.has(p)) missing.push(`${tag}: @cssprop ${p}`);
    }
    assert.deepEqual(missing, [], `used in the source but missing from the manifest:\n  ${missing.join('\n  ')}`);
  });

  it('gives every tag an HTMLElementTagNameMap entry and every event a GlobalEventHandlersEventMap entry', () => {
    const missing: string[] = [];
    const eventMaps = ['packages/core/src/events', 'packages/widgets/src/events']
      .filter(existsSync)
      .flatMap((d) => readdirSync(d).map((f) => readFileSync(join(d, f), 'utf8')))
      .join('\n');
    for (const { tag, module, decl } of elements) {
      const registering = join(dirname(module), `${tag}.ts`);
      if (!existsSync(registering) || !new RegExp(`interface HTMLElementTagNameMap[^}]*'${tag}'`).test(readFileSync(registering, 'utf8'))) {
        missing.push(`${tag}: HTMLElementTagNameMap entry in ${registering}`);
      }
      for (const e of decl.events ?? []) {
        if (!new RegExp(`interface (GlobalEventHandlersEventMap|HTMLElementEventMap)[^}]*'${e.name}'`).test(eventMaps)) missing.push(`${tag}: event map entry for ${e.name}`);
      }
    }
    assert.deepEqual(missing, [], missing.join('\n'));
  });
});
