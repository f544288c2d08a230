import { css } from 'lit';

/**
 * Design tokens. Every `var()` in crmkit has a light-theme fallback, so a widget renders inside
 * a Bitrix24 tab with no global CSS at all. Dark values apply under `.crm-theme-dark` on any
 * ancestor, or under `prefers-color-scheme: dark` unless an ancestor says `.crm-theme-light`.
 *
 * These declarations are inherited custom properties set on the host, so a page can still
 * override any of them from outside (`crm-client-timeline { --crm-color-accent: … }`).
 */
export const lightTokens = css`
  --_crm-bg: var(--crm-color-surface, #ffffff);
  --_crm-bg-alt: var(--crm-color-surface-alt, #f5f7fa);
  --_crm-fg: var(--crm-color-text, #1f2933);
  --_crm-fg-muted: var(--crm-color-text-muted, #5f6b7a);
  --_crm-border: var(--crm-color-border, #d5dbe3);
  --_crm-accent: var(--crm-color-accent, #0b66c3);
  --_crm-accent-fg: var(--crm-color-accent-text, #ffffff);
  --_crm-danger: var(--crm-color-danger, #c62828);
  --_crm-warning: var(--crm-color-warning, #a15c00);
  --_crm-success: var(--crm-color-success, #2e7d32);
  --_crm-focus: var(--crm-color-focus, #0b66c3);
  --_crm-hover: var(--crm-color-hover, #eaf1fb);
  color-scheme: light;
`;

export const darkTokens = css`
  --_crm-bg: var(--crm-color-surface, #161b22);
  --_crm-bg-alt: var(--crm-color-surface-alt, #1f2630);
  --_crm-fg: var(--crm-color-text, #e6edf3);
  --_crm-fg-muted: var(--crm-color-text-muted, #a3adb8);
  --_crm-border: var(--crm-color-border, #3a4450);
  --_crm-accent: var(--crm-color-accent, #58a6ff);
  --_crm-accent-fg: var(--crm-color-accent-text, #0d1117);
  --_crm-danger: var(--crm-color-danger, #ff7b72);
  --_crm-warning: var(--crm-color-warning, #e3b341);
  --_crm-success: var(--crm-color-success, #56d364);
  --_crm-focus: var(--crm-color-focus, #58a6ff);
  --_crm-hover: var(--crm-color-hover, #233042);
  color-scheme: dark;
`;

/** Host styles every crmkit element starts with. */
export const hostStyles = css`
  :host {
    ${lightTokens}
    display: block;
    box-sizing: border-box;
    min-inline-size: 0;
    max-inline-size: 100%;
    background: var(--_crm-bg);
    color: var(--_crm-fg);
    font-family: var(--crm-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--crm-font-size, 14px);
    line-height: 1.4;
    --_crm-space-1: var(--crm-space-1, 4px);
    --_crm-space-2: var(--crm-space-2, 8px);
    --_crm-space-3: var(--crm-space-3, 12px);
    --_crm-space-4: var(--crm-space-4, 16px);
    --_crm-radius: var(--crm-radius, 6px);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${darkTokens}
    }
  }
  :host-context(.crm-theme-dark) {
    ${darkTokens}
  }
  :host-context(.crm-theme-light) {
    ${lightTokens}
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_crm-focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;

/**
 * The light and dark palettes as PUBLIC tokens, which inherit. `<crm-provider theme="dark">`
 * sets them on itself, so its descendants switch theme also in engines without
 * `:host-context()` (Firefox, Safari), where the class alone would not reach a shadow root.
 */
export const lightPaletteProperties = css`
  --crm-color-surface: #ffffff;
  --crm-color-surface-alt: #f5f7fa;
  --crm-color-text: #1f2933;
  --crm-color-text-muted: #5f6b7a;
  --crm-color-border: #d5dbe3;
  --crm-color-accent: #0b66c3;
  --crm-color-accent-text: #ffffff;
  --crm-color-danger: #c62828;
  --crm-color-warning: #a15c00;
  --crm-color-success: #2e7d32;
  --crm-color-focus: #0b66c3;
  --crm-color-hover: #eaf1fb;
  color-scheme: light;
`;

export const darkPaletteProperties = css`
  --crm-color-surface: #161b22;
  --crm-color-surface-alt: #1f2630;
  --crm-color-text: #e6edf3;
  --crm-color-text-muted: #a3adb8;
  --crm-color-border: #3a4450;
  --crm-color-accent: #58a6ff;
  --crm-color-accent-text: #0d1117;
  --crm-color-danger: #ff7b72;
  --crm-color-warning: #e3b341;
  --crm-color-success: #56d364;
  --crm-color-focus: #58a6ff;
  --crm-color-hover: #233042;
  color-scheme: dark;
`;

/** Theme names `<crm-provider theme>` accepts; `auto` follows `prefers-color-scheme`. */
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
