import { expect } from '@open-wc/testing';
import { computeActivityCounters } from './counters.js';
import { managerControlRows } from './control.js';
import { activity, DAY, T0 } from './fixtures.js';
import { scenario, SCENARIO_NOW } from './scenario.js';
import { authorDiffers, buildClientTimeline, filterTimeline, sortTimeline, timelineCategoryCounts } from './timeline.js';

const now = SCENARIO_NOW;
const keys = (events: readonly { key: string }[]) => events.map((e) => e.key);

describe('client timeline', () => {
  it('shows a company\'s own record: its deals\' life, invoices, payments and activities, newest first', () => {
    const t = buildClientTimeline({ kind: 'company', id: 'A' }, scenario, { now, scope: 'record' });
    expect(keys(t.history)).to.deep.equal([
      'activity:K', // comment on the company, day 7.5
      'activity:S', // day 6.5
      'payment:P1', // day 6
      'stageMove:m3', // day 5: won
      'invoice:I1', // day 4
      'stageMove:m2', // day 3
      'activity:E', // day 2
      'deal:D1:created', // day 1 (the first stage move is the creation)
    ]);
    expect(t.history.map((e) => e.type)).to.deep.equal(['comment', 'document', 'payment', 'deal-won', 'invoice', 'stage-move', 'email', 'deal-created']);
    expect(t.history[3].stageName).to.equal('Успешно');
    expect(t.history.every((e) => e.via === undefined)).to.equal(true);
    // The overdue to-do sits in the block above; the deal's task is not the company's own.
    expect(keys(t.upcoming)).to.deep.equal(['activity:O']);
    expect(t.upcoming[0].status).to.equal('overdue');
    expect(t.name).to.equal('ООО «Альфа»');
  });

  it('with contacts: adds the contacts\' events "via contact", sorted by when they happened', () => {
    const t = buildClientTimeline({ kind: 'company', id: 'A' }, scenario, { now, scope: 'contacts' });
    expect(keys(t.history)).to.deep.equal([
      'activity:K', // comment recorded day 7.5
      'activity:C', // call made on day 7, recorded on day 8: sorts at day 7
      'activity:S',
      'payment:P1',
      'stageMove:m3',
      'deal:D2:closed', // day 4, tie with the invoice broken by key
      'invoice:I1',
      'stageMove:m2',
      'activity:E',
      'deal:D2:created',
      'deal:D1:created',
    ]);
    const call = t.history[1];
    expect(call.via).to.deep.equal({ kind: 'contact', id: '1', name: 'Иванов Иван' });
    expect([call.at, call.recordedAt]).to.deep.equal([T0 + 7 * DAY, T0 + 8 * DAY]);
    expect(t.history[5].type).to.equal('deal-lost');
    expect(t.history[5].via).to.deep.equal({ kind: 'contact', id: '2', name: 'Петров Пётр' });
    expect(t.parties.map((p) => p.id)).to.deep.equal(['1', '2']);
  });

  it('shows an e-mail linked to the company and its contact once, as the company\'s own', () => {
    const t = buildClientTimeline({ kind: 'company', id: 'A' }, scenario, { now, scope: 'deals' });
    expect(t.history.filter((e) => e.key === 'activity:E')).to.have.length(1);
    expect(t.history.find((e) => e.key === 'activity:E')?.via).to.equal(undefined);
  });

  it('with deals: adds what hangs only on the deals, "via deal"', () => {
    const t = buildClientTimeline({ kind: 'company', id: 'A' }, scenario, { now, scope: 'deals' });
    expect(keys(t.upcoming)).to.deep.equal(['activity:O', 'activity:T']);
    expect(t.upcoming[1].status).to.equal('planned');
    expect(t.upcoming[1].via).to.deep.equal({ kind: 'deal', id: 'D1', name: 'Поставка' });
  });

  it('shows a contact in two companies with each company\'s context', () => {
    const own = buildClientTimeline({ kind: 'contact', id: '2' }, scenario, { now, scope: 'record' });
    expect(keys(own.history)).to.deep.equal(['deal:D2:closed', 'deal:D2:created']);
    const t = buildClientTimeline({ kind: 'contact', id: '2' }, scenario, { now, scope: 'contacts' });
    expect(t.parties.map((p) => p.name)).to.deep.equal(['ООО «Альфа»', 'АО «Бета»']);
    const d1 = t.history.find((e) => e.key === 'deal:D1:created');
    expect(d1?.via).to.deep.equal({ kind: 'company', id: 'A', name: 'ООО «Альфа»' });
    // Иванов's own call is not Петров's business.
    expect(keys(t.history)).not.to.include('activity:C');
  });

  it('is empty for an unknown record', () => {
    const t = buildClientTimeline({ kind: 'contact', id: 'nobody' }, scenario, { now });
    expect([t.history.length, t.upcoming.length]).to.deep.equal([0, 0]);
  });

  it('filters by category, dates, employee, text and record, and counts per category', () => {
    const { history } = buildClientTimeline({ kind: 'company', id: 'A' }, scenario, { now, scope: 'contacts' });
    expect(keys(filterTimeline(history, { categories: ['call', 'email'] }))).to.deep.equal(['activity:C', 'activity:E']);
    expect(keys(filterTimeline(history, { from: T0 + 6 * DAY, to: T0 + 7 * DAY }))).to.deep.equal(['activity:S', 'payment:P1']);
    expect(keys(filterTimeline(history, { employeeId: 'e2', categories: ['call', 'comment'] }))).to.deep.equal(['activity:K', 'activity:C']);
    expect(keys(filterTimeline(history, { search: 'ПЕТРОВ' }))).to.deep.equal(['deal:D2:closed', 'deal:D2:created']);
    expect(keys(filterTimeline(history, { records: ['deal:D2'] }))).to.deep.equal(['deal:D2:closed', 'deal:D2:created']);
    const names = (id: string) => ({ e1: 'Смирнова', e2: 'Козлов' })[id];
    expect(keys(filterTimeline(history, { search: 'козлов', categories: ['comment'] }, names))).to.deep.equal(['activity:K']);
    expect(timelineCategoryCounts(history)).to.include({ deal: 5, invoice: 1, payment: 1, call: 1, email: 1, comment: 1, document: 1, task: 0 });
  });

  it('sorts by responsible and author by name, events without one last', () => {
    const { history } = buildClientTimeline({ kind: 'company', id: 'A' }, scenario, { now, scope: 'contacts' });
    const names = (id: string) => ({ e1: 'Смирнова', e2: 'Козлов' })[id] ?? id;
    const byAuthor = sortTimeline(history, 'author', 'asc', names);
    // Козлов (e2): K day 7.5, C day 7, D1 created day 1; then Смирнова (e1): m3, m2, E; then the rest.
    expect(keys(byAuthor).slice(0, 6)).to.deep.equal(['activity:K', 'activity:C', 'deal:D1:created', 'stageMove:m3', 'stageMove:m2', 'activity:E']);
    expect(byAuthor[byAuthor.length - 1].authorId).to.equal(undefined);
    const byType = sortTimeline(history, 'type', 'asc');
    expect(byType[0].category).to.equal('deal');
    expect(sortTimeline(history, 'date', 'asc')[0].key).to.equal('deal:D1:created');
    expect(authorDiffers(history.find((e) => e.key === 'activity:C') as never)).to.equal(true);
    expect(authorDiffers(history.find((e) => e.key === 'activity:E') as never)).to.equal(false);
  });
});

describe('activity counters', () => {
  it('counts exactly what is linked to a company, with sums', () => {
    const c = computeActivityCounters({ kind: 'company', id: 'A' }, scenario, now);
    expect(c['deals.won'].count).to.equal(1);
    expect(c['deals.won'].sums).to.deep.equal([{ amount: 1000, currency: 'RUB' }]);
    // D2 has only Петров, a contact of A: it is linked to A.
    expect([c['deals.lost'].count, c['deals.lost'].sums[0].amount, c['deals.open'].count]).to.deep.equal([1, 500, 0]);
    expect([c['invoices.paid'].count, c['invoices.unpaid'].count]).to.deep.equal([1, 0]);
    // Done: E, C; planned: T (via deal D1); overdue: O; the comment is not an activity; S is a document.
    expect([c['activities.done'].count, c['activities.planned'].count, c['activities.overdue'].count]).to.deep.equal([2, 1, 1]);
    expect(c['activities.overdue'].ids).to.deep.equal(['O']);
    expect(c['documents.all'].count).to.equal(1);
    expect(c['deals.lost'].filter).to.deep.equal([{ field: 'id', op: 'in', value: ['D2'] }]);
  });

  it('never caps: 1,234 planned calls count as 1,234', () => {
    const many = Array.from({ length: 1234 }, (_, i) =>
      activity(`p${i}`, { completed: false, deadline: now + DAY, bindings: [{ kind: 'contact', id: '3' }] }),
    );
    const c = computeActivityCounters({ kind: 'contact', id: '3' }, { ...scenario, activities: [...scenario.activities, ...many] }, now);
    expect(c['activities.planned'].count).to.equal(1234);
    expect(c['activities.done'].count).to.equal(1);
  });
});

describe('manager control', () => {
  it('says who set, who is responsible, who closed, when, and the lag', () => {
    const rows = managerControlRows(
      [
        activity('1', { kind: 'task', createdAt: T0, deadline: T0 + 2 * DAY, completed: true, completedAt: T0 + 3 * DAY, completedById: 'e3', authorId: 'e1', responsibleId: 'e2' }),
        activity('2', { kind: 'call', createdAt: T0 + DAY, deadline: T0 + 5 * DAY, completed: false, authorId: 'e1', responsibleId: 'e1' }),
        activity('3', { kind: 'comment', createdAt: T0 }),
      ],
      T0 + 4 * DAY,
    );
    expect(rows.map((r) => r.id)).to.deep.equal(['2', '1']);
    expect(rows[1]).to.include({ setById: 'e1', responsibleId: 'e2', closedById: 'e3', closedAt: T0 + 3 * DAY, status: 'done', lagMs: 3 * DAY, lateMs: DAY });
    expect(rows[0]).to.include({ status: 'open', lagMs: 3 * DAY, lateMs: 0 });
    expect(rows[0].closedById).to.equal(undefined);
  });
});
