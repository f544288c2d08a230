import type { RecordRef } from '@crmkit/core';

/**
 * Named situations the generator guarantees at every scale and seed, so tests and stories can
 * find "the B2B company with several managers" without searching. A generated snapshot carries
 * `situations`: for each name, the records that show it (the first one is the best example).
 * Client fixtures have fixed ids at every seed and scale (they are generated first); the ids of
 * deals, activities and bookings depend on the seed, so always look them up in the snapshot.
 */
export const MOCK_SITUATIONS = {
  b2cContact: 'A contact without a company (B2C client) who pays often and bought several products',
  b2bCompanySeveralManagers: 'A company with several contacts, whose deals and contacts have different responsible managers',
  contactInSeveralCompanies: 'A contact linked to two companies (B2B), with its own calls and e-mails',
  companyBranch: 'A company that is a branch of another company in another city (parentCompanyId)',
  payerOften: 'A client with many payments, the latest recent (active)',
  payerOnce: 'A client with exactly one payment',
  payerSleeping: 'A client whose last payment was 7–11 months ago (sleeping at default thresholds)',
  payerLongAgo: 'A client whose last payment was more than a year ago (lost)',
  requestsOnly: 'A client with deals (open and lost) and unpaid invoices, but no payment',
  invoiceOnly: 'A client with an unpaid invoice and no deal',
  dialogsOnly: 'A client with calls, e-mails and messenger dialogs, but no deal, invoice or payment',
  contactDataOnly: 'A client with phone/e-mail filled in and nothing else',
  requisitesOnly: 'A company with requisites but no phone, e-mail or site, and nothing else',
  nothing: 'A client with no contact data, no activities, no deals: a junk card',
  leadsOnly: 'A client whose only records are leads (a lead is not a request)',
  prolongationChain: 'Deals of one client and one product renewed yearly across several years',
  crossSale: 'A deal selling a client a product they had not had before',
  prolongationUpcoming: 'A prolongation deal loaded months ahead: stage NEW, Период in the future, a planned first call not yet due',
  prolongationOverdueCall: 'A prolongation deal of the current Период still in NEW whose planned first call is overdue (forgotten)',
  plannedCall: 'The planned first call (outgoing, deadline in the future, not completed) of an upcoming prolongation deal',
  overdueTask: 'A task whose deadline has passed and that is not completed',
  plannedTask: 'A task or to-do with a deadline in the future',
  authorNotResponsible: 'An activity whose author is not its responsible',
  partialPayment: 'An invoice paid in two parts',
  employeeNameOnly: 'An employee the CRM knows only by name (no department, position, phone or photo)',
  twoLevelApartment: 'An apartment on two floors (floorSpan 2)',
  mergedUnit: 'A unit spanning several columns (columnSpan > 1)',
  commercialUnit: 'A commercial unit on the ground floor',
  sectionMissingFloor: 'A section without a 13th floor',
  bookedApartment: 'An apartment on hold with an expiry date in the future',
  expiredHold: 'An apartment still booked although its hold expired',
  paidBookingApartment: 'An apartment with a paid booking that fixed its price',
  bookingOnBreak: 'An existing booking during its resource\u2019s break (to reschedule)',
  bookingOnDayOff: 'An existing booking on its resource\u2019s day off (to reschedule)',
  resourceException: 'A resource with a schedule exception (a day off or short day)',
} as const;

export type MockSituationName = keyof typeof MOCK_SITUATIONS;

export const MOCK_SITUATION_NAMES = Object.keys(MOCK_SITUATIONS) as MockSituationName[];

export type MockSituationMap = { readonly [K in MockSituationName]: readonly RecordRef[] };
