// The custom-elements manifest (custom-elements.json) of each package with elements, built from
// the elements' JSDoc by @custom-elements-manifest/analyzer (`npm run manifest`). Our elements
// register through core's `defineElement(tag, Class)` rather than `customElements.define`, so a
// small plugin teaches the analyzer that call; a second one adds the global theme tokens (read by
// every element's host styles in core's theme/tokens.ts) to each element, and drops the nameless
// duplicates the analyzer makes of `dispatchEvent(new CrmXEvent(…))` when `@fires` names the event.
import { readFileSync } from 'node:fs';

/** What each global token means; its default comes from tokens.ts (the light theme). */
const TOKEN_DOCS = {
  '--crm-color-surface': 'Background of the widget.',
  '--crm-color-surface-alt': 'Background of headers, stripes and secondary areas.',
  '--crm-color-text': 'Main text colour.',
  '--crm-color-text-muted': 'Secondary text colour (captions, hints, dates).',
  '--crm-color-border': 'Borders and separators.',
  '--crm-color-accent': 'Accent: links, primary buttons, selection, chart series.',
  '--crm-color-accent-text': 'Text on the accent colour.',
  '--crm-color-danger': 'Errors, overdue and lost items.',
  '--crm-color-warning': 'Warnings and items close to a limit.',
  '--crm-color-success': 'Success, won and paid items.',
  '--crm-color-focus': 'Keyboard focus ring.',
  '--crm-color-hover': 'Background of hovered rows and buttons.',
  '--crm-font-family': 'Font family.',
  '--crm-font-size': 'Base font size; other sizes derive from it.',
  '--crm-space-1': 'Smallest spacing step.',
  '--crm-space-2': 'Small spacing step.',
  '--crm-space-3': 'Medium spacing step.',
  '--crm-space-4': 'Large spacing step.',
  '--crm-radius': 'Corner radius of cards, buttons and inputs.',
};

/** `[{ name, default, description }]` for every `var(--crm-…, default)` of the host styles. */
function themeTokens() {
  const text = readFileSync(new URL('./packages/core/src/theme/tokens.ts', import.meta.url), 'utf8');
  const light = text.slice(0, text.indexOf('export const darkTokens'));
  const host = text.slice(text.indexOf('export const hostStyles'));
  const seen = new Map();
  for (const m of `${light}\n${host}`.matchAll(/var\((--crm-[a-z0-9-]+),\s*([^;]+?)\);?\n/g)) {
    if (!seen.has(m[1])) seen.set(m[1], m[2].replace(/\)$/, '').trim());
  }
  return [...seen].map(([name, def]) => ({
    name,
    default: def,
    description: `${TOKEN_DOCS[name] ?? 'Theme token.'} Global theme token (inherited: set it on any ancestor); the dark theme has its own default.`,
  }));
}

function themeTokensPlugin() {
  return {
    name: 'crmkit-theme-tokens',
    packageLinkPhase({ customElementsManifest }) {
      const tokens = themeTokens();
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) {
          if (!d.customElement) continue;
          d.cssProperties ??= [];
          const have = new Set(d.cssProperties.map((p) => p.name));
          for (const t of tokens) if (!have.has(t.name)) d.cssProperties.push({ ...t });
          if (d.events) {
            const named = new Set(d.events.filter((e) => e.name?.startsWith('crm-')).map((e) => e.type?.text));
            d.events = d.events.filter((e) => e.name?.startsWith('crm-') || !named.has(e.type?.text));
          }
        }
      }
    },
  };
}

/** Marks `defineElement('crm-x', CrmX)` like `customElements.define`. */
function defineElementPlugin() {
  return {
    name: 'crmkit-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      if (!ts.isIdentifier(callee) || callee.text !== 'defineElement') return;
      const [tagArg, classArg] = node.arguments;
      if (!tagArg || !classArg || !ts.isStringLiteral(tagArg) || !ts.isIdentifier(classArg)) return;
      const imported = moduleDoc.imports?.find((i) => i.name === classArg.text);
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tagArg.text,
        declaration: { name: classArg.text, ...(imported ? { module: imported.importPath } : { module: moduleDoc.path }) },
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      // Give each defined class its tag name and the customElement flag.
      const byName = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) byName.set(d.name, d);
      }
      for (const mod of customElementsManifest.modules) {
        for (const e of mod.exports ?? []) {
          if (e.kind !== 'custom-element-definition') continue;
          const decl = byName.get(e.declaration.name);
          if (decl) {
            decl.tagName = e.name;
            decl.customElement = true;
          }
          e.declaration.module = e.declaration.module?.replace(/^\.\//, '').replace(/\.js$/, '.ts');
        }
      }
    },
  };
}

export default {
  litelement: true,
  // Each package.json names its own manifest; the analyzer must not write the root package.json.
  packagejson: false,
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/*.fixtures.ts', '**/fixtures/**', '**/testing/**', '**/node_modules/**', '**/dist/**'],
  plugins: [defineElementPlugin(), themeTokensPlugin()],
};
