import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { SnapshotAdapter, generateMockCrm } from '@crmkit/adapter-mock';
import '../packages/widgets/src/activity-counters/crm-activity-counters.js';
import { manifestElements, type CemItem } from './support/manifest.js';

/**
 * Theming: every CSS custom property and `::part()` of every crmkit element, read from the
 * custom-elements manifest (so this page cannot drift from the code). The global tokens are
 * inherited custom properties: set them on any ancestor (`body`, a card, `<crm-provider>`).
 * Dark values apply under `.crm-theme-dark` on an ancestor or with `prefers-color-scheme: dark`
 * (`.crm-theme-light` forces light); animations honour `prefers-reduced-motion`.
 */
const meta: Meta = {
  title: 'Theming',
  parameters: { layout: 'padded', controls: { disable: true } },
};
export default meta;
type Story = StoryObj;

const GLOBAL = /Global theme token/;
const globalTokens: readonly CemItem[] = (manifestElements[0]?.cssProperties ?? []).filter((p) => GLOBAL.test(p.description ?? ''));

const tableStyle = 'border-collapse: collapse; inline-size: 100%; margin-block: 8px 24px; font: 13px/1.4 system-ui, sans-serif;';
const cell = 'border-block-end: 1px solid #d5dbe3; padding: 4px 8px; text-align: start; vertical-align: top;';

function rows(items: readonly CemItem[], withDefault: boolean) {
  return items.map(
    (p) => html`<tr>
      <td style=${cell}><code>${p.name}</code></td>
      ${withDefault ? html`<td style=${cell}><code>${p.default ?? ''}</code></td>` : nothing}
      <td style=${cell}>${(p.description ?? '').replace(GLOBAL, '').trim()}</td>
    </tr>`,
  );
}

/** Global tokens, then each element's own custom properties and parts. */
export const Reference: Story = {
  render: () => html`<article style="max-inline-size: 1100px">
    <h1 style="font: 600 20px system-ui">Theming crmkit</h1>
    <p>
      Set the global tokens on any ancestor; per-widget knobs and parts are below.
      <code>crm-client-timeline::part(toolbar) { gap: 4px }</code> restyles a region.
    </p>
    <h2 style="font: 600 16px system-ui">Global tokens (every element)</h2>
    <table style=${tableStyle}>
      <thead><tr><th style=${cell}>Property</th><th style=${cell}>Light default</th><th style=${cell}>Meaning</th></tr></thead>
      <tbody>${rows(globalTokens, true)}</tbody>
    </table>
    ${manifestElements.map((el) => {
      const own = (el.cssProperties ?? []).filter((p) => !GLOBAL.test(p.description ?? ''));
      const parts = el.cssParts ?? [];
      return html`<section data-tag=${el.tagName ?? ''}>
        <h2 style="font: 600 16px system-ui"><code>&lt;${el.tagName}&gt;</code> — ${el.summary ?? ''}</h2>
        ${own.length
          ? html`<table style=${tableStyle}>
              <thead><tr><th style=${cell}>Custom property</th><th style=${cell}>Default</th><th style=${cell}>Meaning</th></tr></thead>
              <tbody>${rows(own, true)}</tbody>
            </table>`
          : html`<p>No custom properties of its own (the global tokens apply).</p>`}
        ${parts.length
          ? html`<table style=${tableStyle}>
              <thead><tr><th style=${cell}>Part</th><th style=${cell}>Region</th></tr></thead>
              <tbody>${rows(parts, false)}</tbody>
            </table>`
          : nothing}
      </section>`;
    })}
  </article>`,
};

const adapter = new SnapshotAdapter(generateMockCrm({ scale: 'small', seed: 7 }));

/** The same widget with the defaults, and with a few tokens and a part overridden from outside. */
export const Overrides: Story = {
  render: () => html`<style>
      .brand {
        --crm-color-accent: #7b2cbf;
        --crm-color-surface-alt: #f6effc;
        --crm-radius: 12px;
        --crm-font-size: 15px;
      }
      .brand crm-activity-counters::part(counter) {
        font-weight: 600;
      }
    </style>
    <div style="display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr))">
      <div><p>Defaults</p><crm-activity-counters .adapter=${adapter} entity-type="company" entity-id="1"></crm-activity-counters></div>
      <div class="brand"><p>Tokens and <code>::part(counter)</code> overridden</p><crm-activity-counters .adapter=${adapter} entity-type="company" entity-id="1"></crm-activity-counters></div>
    </div>`,
};
