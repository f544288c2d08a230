// Lit prints dev-mode warnings through console.warn with a "Lit is in dev mode" banner first.
// Every other Lit warning (a change-in-update, a missing property) means a bug: fail the test.
const original = console.warn.bind(console);
console.warn = (...args) => {
  const text = args.map(String).join(' ');
  if (/Lit is in dev mode|Multiple versions of Lit loaded/.test(text)) return;
  original(...args);
  if (/lit\.dev\/msg\//.test(text)) {
    throw new Error(`Lit dev-mode warning: ${text}`);
  }
};
