import type { CalendarDate, Id, Timestamp } from './common.js';
import type { FieldValues } from './fields.js';

/** An employee of the CRM's company: responsible for records, author of events. */
export interface Employee {
  readonly id: Id;
  /** Full display name as the CRM formats it. Always present, even when nothing else is. */
  readonly name: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly secondName?: string;
  readonly departmentIds: readonly Id[];
  readonly position?: string;
  /** Photo URL on the CRM's own origin, or a `data:` URL. Never a third-party host. */
  readonly photoUrl?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly active: boolean;
  /**
   * A seller's monthly quota: how many registry deals they are given to work per month
   * (the insurer's 100–300). Absent when the CRM does not store one.
   */
  readonly monthlyQuota?: number;
}

export interface Department {
  readonly id: Id;
  readonly name: string;
  readonly parentId?: Id;
  readonly headId?: Id;
}

/** The kinds of communication channel a client's card lists. */
export const COMM_TYPES = ['phone', 'email', 'web', 'im'] as const;
export type CommType = (typeof COMM_TYPES)[number];

export interface CommValue {
  readonly type: CommType;
  readonly value: string;
  /** Sub-kind as the CRM names it: WORK, MOBILE, TELEGRAM… */
  readonly valueType?: string;
}

interface ClientRecordBase {
  readonly id: Id;
  readonly responsibleId?: Id;
  readonly createdById?: Id;
  readonly createdAt: Timestamp;
  readonly modifiedAt: Timestamp;
  /**
   * When the CRM last recorded an activity with this client (a call, an e-mail, a dialog, a
   * done task), as the CRM itself keeps it (Bitrix24 `lastActivityTime`). Absent when the CRM
   * keeps none: then the activities themselves tell it.
   */
  readonly lastActivityAt?: Timestamp;
  readonly comms: readonly CommValue[];
  /** True when the card has requisites (INN, bank details…). Counts as contact data. */
  readonly hasRequisites: boolean;
  readonly fields: FieldValues;
  /** Link to the record in the CRM's own UI, when the adapter knows it. */
  readonly url?: string;
}

/** A person. May belong to several companies (`companyIds`), or to none (a B2C client). */
export interface Contact extends ClientRecordBase {
  readonly kind: 'contact';
  readonly name: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly birthday?: CalendarDate;
  readonly companyIds: readonly Id[];
}

/** An organisation, with its contacts (`contactIds`, possibly shared with other companies). */
export interface Company extends ClientRecordBase {
  readonly kind: 'company';
  readonly title: string;
  readonly contactIds: readonly Id[];
  /** Branches in other cities are separate companies linked here. */
  readonly parentCompanyId?: Id;
  readonly industry?: string;
}

export type ClientRecord = Contact | Company;

/** A lead: an unqualified inquiry. Not a "request" in the client-base classification. */
export interface Lead {
  readonly id: Id;
  readonly title: string;
  readonly status: 'new' | 'in-work' | 'converted' | 'junk';
  readonly contactId?: Id;
  readonly companyId?: Id;
  readonly responsibleId?: Id;
  readonly createdAt: Timestamp;
  readonly modifiedAt: Timestamp;
}
