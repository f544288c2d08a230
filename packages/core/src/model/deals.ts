import type { Id, Timestamp } from './common.js';
import type { FieldValues } from './fields.js';

/** What reaching a stage means. `process`: still in work; `success`: won; `failure`: lost. */
export const STAGE_SEMANTICS = ['process', 'success', 'failure'] as const;
export type StageSemantics = (typeof STAGE_SEMANTICS)[number];

export interface Stage {
  readonly id: Id;
  readonly funnelId: Id;
  readonly name: string;
  /** Position in the funnel; the first stage has the smallest sort (the NEW stage). */
  readonly sort: number;
  readonly semantics: StageSemantics;
  readonly color?: string;
}

/** A deal funnel (Bitrix24 "category", 1C "вид сделки") with its ordered stages. */
export interface Funnel {
  readonly id: Id;
  readonly name: string;
  readonly stages: readonly Stage[];
}

export interface Product {
  readonly id: Id;
  readonly name: string;
  readonly section?: string;
}

export interface ProductRow {
  readonly productId: Id;
  readonly productName: string;
  readonly price: number;
  readonly quantity: number;
  /** Price × quantity after discounts and tax, as the CRM computed it. */
  readonly sum: number;
}

export interface Deal {
  readonly id: Id;
  readonly title: string;
  readonly funnelId: Id;
  readonly stageId: Id;
  /** Denormalised from the stage so rules need no dictionary lookup per deal. */
  readonly stageSemantics: StageSemantics;
  readonly amount: number;
  readonly currency: string;
  readonly companyId?: Id;
  readonly contactIds: readonly Id[];
  /**
   * The deal's primary contact, where the CRM keeps one apart (Bitrix24's `CONTACT_ID`: the first
   * of `contactIds`). A CRM can filter on it where it cannot filter on every bound contact.
   */
  readonly contactId?: Id;
  readonly responsibleId?: Id;
  readonly createdById?: Id;
  readonly createdAt: Timestamp;
  readonly modifiedAt: Timestamp;
  /** When the CRM last recorded an activity on the deal, as it keeps it itself (see `Contact.lastActivityAt`). */
  readonly lastActivityAt?: Timestamp;
  /** When the deal reached a won or lost stage. */
  readonly closedAt?: Timestamp;
  /** Planned close date set by the seller. */
  readonly expectedCloseAt?: Timestamp;
  readonly sourceId?: string;
  readonly products: readonly ProductRow[];
  readonly fields: FieldValues;
  readonly url?: string;
}

/** One move of a deal into a stage (the first entry is the deal's creation). */
export interface StageMove {
  readonly id: Id;
  readonly dealId: Id;
  readonly funnelId: Id;
  readonly stageId: Id;
  readonly stageSemantics: StageSemantics;
  readonly at: Timestamp;
  readonly byId?: Id;
}

export const INVOICE_STATUSES = ['draft', 'sent', 'paid', 'partially-paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface Invoice {
  readonly id: Id;
  readonly number: string;
  readonly title: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: InvoiceStatus;
  readonly dealId?: Id;
  readonly contactId?: Id;
  readonly companyId?: Id;
  readonly responsibleId?: Id;
  readonly createdAt: Timestamp;
  readonly modifiedAt: Timestamp;
  readonly dueAt?: Timestamp;
  readonly url?: string;
}

/** Money received. The client base classifies clients by the date of their last payment. */
export interface Payment {
  readonly id: Id;
  readonly invoiceId?: Id;
  readonly dealId?: Id;
  readonly contactId?: Id;
  readonly companyId?: Id;
  readonly amount: number;
  readonly currency: string;
  readonly paidAt: Timestamp;
}
