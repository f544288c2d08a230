import type { Id } from './common.js';

/**
 * Custom fields (Bitrix24 `UF_CRM_*`, 1C additional attributes) and their definitions.
 * Values are stored raw (an enumeration stores option ids); labels come from the definition,
 * so a filter chooses by label and a renamed option never breaks a saved view.
 */
export const FIELD_TYPES = [
  'string',
  'number',
  'integer',
  'money',
  'date',
  'datetime',
  'boolean',
  'enumeration',
  'employee',
  'crm-link',
  'url',
  'file',
  'address',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Which records a field definition belongs to. */
export const FIELD_OWNERS = ['deal', 'contact', 'company', 'lead', 'invoice', 'activity', 'apartment'] as const;
export type FieldOwner = (typeof FIELD_OWNERS)[number];

export interface EnumOption {
  readonly id: Id;
  readonly label: string;
  readonly sort?: number;
}

export interface FieldDefinition {
  /** `owner:code`, unique across owners. */
  readonly id: Id;
  /** Stable code: `UF_CRM_PERIOD`, or a built-in field name such as `stageId`. */
  readonly code: string;
  readonly owner: FieldOwner;
  /** Label as the CRM shows it to its users (already in the portal's language). */
  readonly label: string;
  readonly type: FieldType;
  readonly multiple: boolean;
  /** True for the model's own fields (title, amount…); false for custom fields. */
  readonly builtIn: boolean;
  /** Enumeration options, in display order. */
  readonly options?: readonly EnumOption[];
  /** For `crm-link`: which record kinds the field may point to. */
  readonly linkKinds?: readonly string[];
}

/** A single custom-field value. Dates are `YYYY-MM-DD`, datetimes epoch ms, enumerations option ids. */
export type FieldScalar = string | number | boolean;
export type FieldValue = FieldScalar | readonly FieldScalar[] | null;

/** Custom-field values of one record, keyed by {@link FieldDefinition.code}. */
export type FieldValues = Readonly<Record<string, FieldValue>>;
