import type { EntityMap, EntityName } from '../model/entities.js';
import type { Timestamp } from '../model/common.js';

/**
 * What a widget asks an adapter for. Kept small and declarative so every adapter can translate
 * it into its CRM's own query language (Bitrix24 filter prefixes, OData `$filter`) or, when it
 * cannot, evaluate it locally with {@link matchesFilter}.
 */

/** Comparison operators. `has` tests an array field for any of the given values. */
export const FILTER_OPS = ['eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'contains', 'has', 'empty', 'notEmpty'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type FilterScalar = string | number | boolean;

/**
 * One condition. `field` is a property of the record (`stageId`, `createdAt`) or a custom
 * field as `fields.UF_CRM_PERIOD`. For activities, `bindings` with `has` takes record keys
 * (`contact:5`).
 */
export interface FilterCondition {
  readonly field: string;
  readonly op: FilterOp;
  readonly value?: FilterScalar | readonly FilterScalar[];
}

/** All conditions must hold. */
export type Filter = readonly FilterCondition[];

export interface SortOrder {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface ListQuery<E extends EntityName = EntityName> {
  readonly filter?: Filter;
  /**
   * Properties the widget will read. An adapter may return more, never fewer; `id` is implied.
   * Omit for every field.
   */
  readonly fields?: readonly (keyof EntityMap[E] & string)[];
  /** Only records modified at or after this instant (for incremental refresh). */
  readonly modifiedSince?: Timestamp;
  readonly order?: SortOrder;
  /** Page size for widgets that page (the timeline's "load older"); omit to load everything. */
  readonly limit?: number;
  /** Opaque cursor returned by the previous page. */
  readonly cursor?: string;
}

/** Progress of a long load. `total` is absent when the CRM cannot tell it cheaply. */
export interface LoadProgress {
  readonly entity: EntityName;
  readonly loaded: number;
  readonly total?: number;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoadProgress) => void;
}

/** Options of {@link DataAdapter.listIds}. */
export interface ListIdsOptions extends CallOptions {
  /**
   * The ids of this list as the caller last stored it (a cached copy), plus the ids of the
   * records it has just read as modified since: an adapter may check them range by range
   * (counts) instead of listing every id again. With the modified ones included, a range whose
   * count is unchanged has lost nothing: a record that entered the filter was modified, so it is
   * known, and cannot hide one that left. The result must still be exactly the live ids; an
   * adapter may ignore the hint.
   */
  readonly knownIds?: readonly string[];
}

export interface ListResult<T> {
  readonly items: readonly T[];
  /** Count of all records matching the filter, when known. */
  readonly total?: number;
  /** Present when `limit` cut the list: pass it back as `cursor` for the next page. */
  readonly nextCursor?: string;
}
