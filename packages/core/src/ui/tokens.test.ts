import { expect } from '@open-wc/testing';
import { CrmProvider } from '../provider/provider.js';
import { assertTokens, checkTokens, cssTextOf, definedTokens, elementStylesOf, usedTokens } from '../testing/token-check.js';
import { darkTokens, hostStyles, lightTokens } from '../theme/tokens.js';
import { CrmDataTable } from './data-table/data-table.js';
import { CrmEmployee } from './employee/employee.js';
import { CrmFilterBar } from './filter-bar/filter-bar.js';
import { CrmProgressBar } from './progress-bar/progress-bar.js';
import { stateStyles } from './state-views.js';

const parts = [CrmDataTable, CrmFilterBar, CrmEmployee, CrmProgressBar, CrmProvider];

/**
 * Palette tokens none of the shared parts reads yet; they exist for widgets (status colours).
 * Listed so that a newly added, unused token fails here until someone decides it belongs.
 */
const RESERVED_FOR_WIDGETS = ['--_crm-success', '--_crm-warning'];

describe('private --_crm-* tokens', () => {
  for (const ctor of parts) {
    it(`${ctor.name} defines what it uses and uses what it defines`, () => {
      expect(() => assertTokens(ctor, { shared: hostStyles })).not.to.throw();
    });
  }

  it('the state views use only defined tokens', () => {
    expect(checkTokens(stateStyles, { shared: hostStyles })).to.deep.equal({ usedUndefined: [], definedUnused: [] });
  });

  it('theme tokens: light and dark define the same set, and every one is used somewhere', () => {
    expect([...definedTokens(cssTextOf(darkTokens))].sort()).to.deep.equal([...definedTokens(cssTextOf(lightTokens))].sort());
    const all = [hostStyles, stateStyles, ...parts.map((p) => elementStylesOf(p))];
    const report = checkTokens(all);
    expect(report.usedUndefined).to.deep.equal([]);
    expect(report.definedUnused).to.deep.equal(RESERVED_FOR_WIDGETS);
  });

  it('the checker catches a typo and a leftover', () => {
    const report = checkTokens(':host { --_crm-own: 1px; --_crm-left-over: 2px; } a { margin: var(--_crm-own) var(--_crm-fg-mute); color: var(--_crm-fg); }', {
      shared: hostStyles,
    });
    expect(report).to.deep.equal({ usedUndefined: ['--_crm-fg-mute'], definedUnused: ['--_crm-left-over'] });
    expect([...usedTokens('/* var(--_crm-commented) */ a { color: var( --_crm-x ) }')]).to.deep.equal(['--_crm-x']);
  });
});
