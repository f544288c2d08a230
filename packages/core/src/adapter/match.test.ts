import { expect } from '@open-wc/testing';
import type { FilterCondition } from './query.js';
import { applyQuery, matchesCondition } from './match.js';

const activities = [
  { id: 'a1', kind: 'call', bindings: [{ kind: 'deal', id: '1' }, { kind: 'contact', id: '7' }], tags: ['x', 5] },
  { id: 'a2', kind: 'email', bindings: [{ kind: 'deal', id: '2' }], tags: [] },
  { id: 'a3', kind: 'call', bindings: [], tags: ['5'] },
  { id: 'a4', kind: 'meeting', bindings: [{ kind: 'company', id: '3' }], responsibleId: 9 },
];
const ids = (c: FilterCondition) => activities.filter((a) => matchesCondition(a, c)).map((a) => a.id);
/** More than a few values: the Set path. */
const many = (...keep: string[]) => [...keep, ...Array.from({ length: 20 }, (_, i) => `deal:x${i}`)];

describe('matchesCondition', () => {
  it('finds activities by linked records, with a short and a long list of keys', () => {
    expect(ids({ field: 'bindings', op: 'has', value: ['deal:1'] })).to.deep.equal(['a1']);
    expect(ids({ field: 'bindings', op: 'has', value: many('deal:1', 'company:3') })).to.deep.equal(['a1', 'a4']);
    expect(ids({ field: 'bindings', op: 'in', value: many('contact:7', 'deal:2') })).to.deep.equal(['a1', 'a2']);
    expect(ids({ field: 'bindings', op: 'nin', value: many('deal:1') })).to.deep.equal(['a2', 'a3', 'a4']);
    expect(ids({ field: 'bindings', op: 'eq', value: 'deal:2' })).to.deep.equal(['a2']);
    expect(ids({ field: 'bindings', op: 'ne', value: 'deal:2' })).to.deep.equal(['a1', 'a3', 'a4']);
  });

  it('treats "5" and 5 alike and a missing field as no match, in both paths', () => {
    expect(ids({ field: 'tags', op: 'has', value: [5] })).to.deep.equal(['a1', 'a3']);
    expect(ids({ field: 'tags', op: 'has', value: ['5', 'q', 'r', 's', 't', 'u'] })).to.deep.equal(['a1', 'a3']);
    expect(ids({ field: 'responsibleId', op: 'in', value: ['9'] })).to.deep.equal(['a4']);
    expect(ids({ field: 'responsibleId', op: 'in', value: ['9', '1', '2', '3', '4', '6'] })).to.deep.equal(['a4']);
    expect(ids({ field: 'responsibleId', op: 'nin', value: ['9', '1', '2', '3', '4', '6'] })).to.deep.equal(['a1', 'a2', 'a3']);
    expect(ids({ field: 'id', op: 'in', value: [] })).to.deep.equal([]);
  });

  it('applies a query (filter, order, page) and sees a condition whose value was replaced', () => {
    const page = applyQuery(activities, { filter: [{ field: 'kind', op: 'in', value: ['call', 'email', 'a', 'b', 'c'] }], order: { field: 'id', direction: 'desc' }, limit: 2 });
    expect(page.items.map((a) => a.id)).to.deep.equal(['a3', 'a2']);
    expect(page.total).to.equal(3);
    const c: { field: string; op: 'in'; value: string[] } = { field: 'id', op: 'in', value: ['a1'] };
    expect(ids(c)).to.deep.equal(['a1']);
    c.value = ['a2'];
    expect(ids(c)).to.deep.equal(['a2']);
  });
});
