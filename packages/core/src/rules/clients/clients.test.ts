import { expect } from '@open-wc/testing';
import { buildClients, clientTotals, COMM_FLAG } from './clients.js';
import { calendarDay, calendarDaysBetween } from './days.js';
import { company, contact } from './fixtures.js';

describe('buildClients', () => {
  it('counts a company with its contacts as one client and a free contact as another', () => {
    const idx = buildClients(
      [contact('1', { companyIds: ['A'] }), contact('2', { companyIds: ['A'] }), contact('3')],
      [company('A')],
    );
    expect(idx.clients.map((c) => c.key)).to.deep.equal(['company:A', 'contact:3']);
    expect(idx.clients[0].contactIds).to.deep.equal(['1', '2']);
    expect(clientTotals(idx.clients)).to.deep.equal({ total: 2, b2b: 1, b2c: 1 });
  });

  it('reads membership from either side (company.contactIds or contact.companyIds)', () => {
    const idx = buildClients([contact('1'), contact('2', { companyIds: ['A'] })], [company('A', { contactIds: ['1'] })]);
    expect(idx.clients.map((c) => c.key)).to.deep.equal(['company:A']);
    expect(idx.clients[0].contactIds).to.have.members(['1', '2']);
  });

  it('puts a contact in two companies into both clients, never as a client of its own', () => {
    const idx = buildClients([contact('X', { companyIds: ['A', 'B'] })], [company('A'), company('B')]);
    expect(clientTotals(idx.clients)).to.deep.equal({ total: 2, b2b: 2, b2c: 0 });
    expect(idx.ofContact('X')).to.deep.equal([0, 1]);
    // A record with only that contact belongs to both; with a company, to that company alone.
    expect(idx.ofParties(undefined, ['X'])).to.deep.equal([0, 1]);
    expect(idx.ofParties('B', ['X'])).to.deep.equal([1]);
  });

  it('treats a contact linked to an unknown company as B2C', () => {
    const idx = buildClients([contact('1', { companyIds: ['gone'] })], []);
    expect(idx.clients.map((c) => c.type)).to.deep.equal(['b2c']);
  });

  it('takes the latest modification and the union of contact data over the cards', () => {
    const idx = buildClients(
      [contact('1', { companyIds: ['A'], modifiedAt: 500, comms: [{ type: 'phone', value: '+7 900' }] })],
      [company('A', { modifiedAt: 100, hasRequisites: true, comms: [{ type: 'email', value: '  ' }] })],
    );
    expect(idx.clients[0].modifiedAt).to.equal(500);
    // The blank e-mail does not count.
    expect(idx.clients[0].commFlags).to.equal(COMM_FLAG.phone | COMM_FLAG.requisites);
  });

  it('gives an empty portal no clients', () => {
    expect(clientTotals(buildClients([], []).clients)).to.deep.equal({ total: 0, b2b: 0, b2c: 0 });
  });
});

describe('calendar days in a time zone', () => {
  it('puts 31 January 22:30 UTC on 1 February in Moscow (UTC+3), on 31 January in UTC', () => {
    const at = Date.UTC(2024, 0, 31, 22, 30);
    expect(calendarDay(at, 'UTC')).to.equal(Date.UTC(2024, 0, 31) / 86_400_000);
    expect(calendarDay(at, 'Europe/Moscow')).to.equal(Date.UTC(2024, 1, 1) / 86_400_000);
  });

  it('counts calendar days, not 24-hour periods', () => {
    // 23:00 to 01:00 the next day in UTC is one calendar day apart, though only two hours.
    expect(calendarDaysBetween(Date.UTC(2024, 2, 31, 23), Date.UTC(2024, 3, 1, 1), 'UTC')).to.equal(1);
    // The same two instants are the same day in Vladivostok (UTC+10): 09:00 and 11:00 on 1 April.
    expect(calendarDaysBetween(Date.UTC(2024, 2, 31, 23), Date.UTC(2024, 3, 1, 1), 'Asia/Vladivostok')).to.equal(0);
  });

  it('handles a zone with a daylight-saving change (Berlin, 31 March 2024)', () => {
    // 30 March 23:30 UTC = 31 March 00:30 CET; 31 March 22:30 UTC = 1 April 00:30 CEST.
    expect(calendarDaysBetween(Date.UTC(2024, 2, 30, 23, 30), Date.UTC(2024, 2, 31, 22, 30), 'Europe/Berlin')).to.equal(1);
  });
});
