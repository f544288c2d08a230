// The custom-elements manifest (custom-elements.json) of each package with elements, built from
// the elements' JSDoc by @custom-elements-manifest/analyzer (`npm run manifest`). Our elements
// register through core's `defineElement(tag, Class)` rather than `customElements.define`, so a
// small plugin teaches the analyzer that call.

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
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/*.fixtures.ts', '**/fixtures/**', '**/testing/**', '**/node_modules/**', '**/dist/**'],
  plugins: [defineElementPlugin()],
};
