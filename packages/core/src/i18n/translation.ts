import type { CrmErrorCode } from '../adapter/errors.js';
import type { EntityName } from '../model/entities.js';

/**
 * Strings of the shared parts (states, errors, filter bar, table, export). Each widget has a
 * dictionary of its own beside its element and reads these through the same controller.
 */
export interface CoreTranslation {
  readonly loading: string;
  readonly loadedOf: (loaded: string, total: string) => string;
  readonly loadedCount: (loaded: number) => string;
  readonly timeLeft: (text: string) => string;
  readonly cancel: string;
  readonly cancelled: string;
  readonly retry: string;
  readonly refresh: string;
  readonly forceRefresh: string;
  readonly dataAsOf: (when: string) => string;
  readonly staleData: string;
  readonly empty: string;
  readonly nothingMatches: string;
  readonly resetFilters: string;
  readonly errorTitle: string;
  readonly errors: Readonly<Record<CrmErrorCode | 'unknown', string>>;
  readonly noAdapter: string;
  readonly notAvailable: (entities: string) => string;
  readonly entityNames: Readonly<Record<EntityName, string>>;
  readonly exportCsv: string;
  readonly exportXlsx: string;
  readonly copy: string;
  readonly copied: string;
  readonly search: string;
  readonly filters: string;
  readonly dateFrom: string;
  readonly dateTo: string;
  readonly datePresets: Readonly<Record<DatePresetKey, string>>;
  readonly anyEmployee: string;
  readonly employee: string;
  readonly records: (n: number) => string;
  readonly sortAscending: string;
  readonly sortDescending: string;
  readonly sortBy: (column: string) => string;
  readonly rowsCount: (n: number) => string;
  readonly department: string;
  readonly position: string;
  readonly phone: string;
  readonly email: string;
  readonly employeeCard: (name: string) => string;
  readonly progress: string;
  readonly yes: string;
  readonly no: string;
  readonly close: string;
  readonly minutes: (n: number) => string;
  readonly seconds: (n: number) => string;
  readonly days: (n: number) => string;
  // Shared UI parts (filter bar, table, employee card, provider).
  readonly entityTypes: string;
  readonly period: string;
  readonly fieldConditions: string;
  readonly addCondition: string;
  readonly removeCondition: (field: string) => string;
  readonly chooseField: string;
  readonly anyValue: string;
  readonly value: string;
  readonly contains: string;
  readonly rangeFrom: string;
  readonly rangeTo: string;
  readonly filled: string;
  readonly table: string;
  readonly notSet: string;
  readonly unknownAdapterKind: (kind: string) => string;
  readonly providerNoAdapter: string;
  readonly adapterFailed: (message: string) => string;
}

export const DATE_PRESET_KEYS = [
  'today',
  'yesterday',
  'last7',
  'last30',
  'thisWeek',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'thisYear',
  'next7',
  'next30',
  'next3Months',
  'all',
  'custom',
] as const;
export type DatePresetKey = (typeof DATE_PRESET_KEYS)[number];
