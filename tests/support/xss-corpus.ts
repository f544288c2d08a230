/**
 * A corpus of hostile strings for the XSS tests: every payload, if it ever executed, calls
 * `window.__crmkitXss(id)`, so a test only has to check that nothing called it. Built from
 * families (tags, event handlers, URL schemes, SVG/MathML, broken markup, template syntax,
 * bidi and zero-width characters, very long strings) crossed with wrappers that try to break
 * out of attributes, text and CSS contexts.
 */

declare global {
  interface Window {
    __crmkitXss?: (id: string) => void;
  }
}

const sink = (id: number) => `__crmkitXss('${id}')`;

const families: ((id: number) => string)[] = [
  (i) => `<script>${sink(i)}</script>`,
  (i) => `<img src=x onerror="${sink(i)}">`,
  (i) => `<svg onload=${sink(i)}>`,
  (i) => `<svg><script>${sink(i)}</script></svg>`,
  (i) => `<iframe srcdoc="<script>parent.${sink(i)}</script>"></iframe>`,
  (i) => `<a href="javascript:${sink(i)}">click</a>`,
  (i) => `javascript:${sink(i)}`,
  (i) => `JaVaScRiPt:${sink(i)}`,
  (i) => ` javascript:${sink(i)}`,
  (i) => `java\tscript:${sink(i)}`,
  (i) => `data:text/html,<script>${sink(i)}</script>`,
  (i) => `vbscript:${sink(i)}`,
  (i) => `"><img src=x onerror=${sink(i)}>`,
  (i) => `'><svg/onload=${sink(i)}>`,
  (i) => `</textarea><script>${sink(i)}</script>`,
  (i) => `</style><script>${sink(i)}</script>`,
  (i) => `<details open ontoggle=${sink(i)}>`,
  (i) => `<body onload=${sink(i)}>`,
  (i) => `<input autofocus onfocus=${sink(i)}>`,
  (i) => `<video><source onerror="${sink(i)}"></video>`,
  (i) => `<math><mtext><table><mglyph><style><img src=x onerror=${sink(i)}>`,
  (i) => `<object data="javascript:${sink(i)}"></object>`,
  (i) => `<embed src="javascript:${sink(i)}">`,
  (i) => `<form action="javascript:${sink(i)}"><button>x</button></form>`,
  (i) => `<meta http-equiv="refresh" content="0;url=javascript:${sink(i)}">`,
  (i) => `<base href="javascript:${sink(i)}//">`,
  (i) => `<link rel=import href="data:text/html,<script>${sink(i)}</script>">`,
  (i) => `\${${sink(i)}}`,
  (i) => `{{constructor.constructor('${sink(i)}')()}}`,
  (i) => `<!--<img src="--><img src=x onerror=${sink(i)}//">`,
  (i) => `<img src="x` + '`' + `onerror=${sink(i)}>`,
  (i) => `<style>@import 'javascript:${sink(i)}';</style>`,
  (i) => `<div style="background:url(javascript:${sink(i)})">x</div>`,
  (i) => `expression(${sink(i)})`,
  (i) => `<x contenteditable onblur=${sink(i)}>lose focus</x>`,
  (i) => `<marquee onstart=${sink(i)}>`,
  (i) => `<isindex type=image src=1 onerror=${sink(i)}>`,
  (i) => `<scr<script>ipt>${sink(i)}</scr</script>ipt>`,
  (i) => `&lt;script&gt;${sink(i)}&lt;/script&gt;`,
  (i) => `%3Cscript%3E${sink(i)}%3C/script%3E`,
];

const wrappers: ((s: string) => string)[] = [
  (s) => s,
  (s) => `Иванов ${s}`,
  (s) => `${s} ООО «Ромашка»`,
  (s) => `\u202E${s}\u202C`, // right-to-left override
  (s) => `\u200B${s}\u200D\uFEFF`, // zero-width characters
  (s) => `${s}\n\r\t\u0000`,
  (s) => `"${s}"`,
  (s) => `'${s}'`,
  (s) => `<b>${s}`,
  (s) => `${s}</td></tr></table></div>`,
  (s) => `${'Ж'.repeat(2000)}${s}`,
  (s) => `${s}${' '.repeat(500)}${'x'.repeat(10_000)}`,
  (s) => encodeURIComponent(s),
];

export interface XssPayload {
  readonly id: string;
  readonly text: string;
}

/** At least 500 payloads, each with an id its sink call reports. */
export function xssCorpus(): XssPayload[] {
  const out: XssPayload[] = [];
  let id = 0;
  for (const family of families) {
    for (const wrap of wrappers) {
      out.push({ id: String(id), text: wrap(family(id)) });
      id++;
    }
  }
  return out;
}

/** Installs the sink and returns what called it. */
export function watchXss(): { readonly fired: string[]; dispose(): void } {
  const fired: string[] = [];
  window.__crmkitXss = (id: string) => {
    fired.push(id);
  };
  return {
    fired,
    dispose() {
      delete window.__crmkitXss;
    },
  };
}
