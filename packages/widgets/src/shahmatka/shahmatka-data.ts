import {
  canHold,
  canRelease,
  CrmError,
  isCrmError,
  type Apartment,
  type ApartmentBooking,
  type Building,
  type DataAdapter,
  type LoadContext,
  type PricePoint,
  type Project,
} from '@crmkit/core';

/** What `<crm-shahmatka>` loads for one project and building. */
export interface ShahmatkaData {
  readonly timeZone: string;
  /** The adapter can hold and release apartments itself. */
  readonly canWrite: boolean;
  readonly projects: readonly Project[];
  readonly buildings: readonly Building[];
  readonly project?: Project;
  readonly building?: Building;
  readonly apartments: readonly Apartment[];
}

/**
 * Loads the projects, the chosen project's buildings and the chosen building's apartments.
 * An unknown or empty id falls back to the first project / building, so the widget always
 * shows something.
 */
export async function loadShahmatka(ctx: LoadContext, projectId: string, buildingId: string): Promise<ShahmatkaData> {
  const { adapter, signal } = ctx;
  const progress = ctx.progress;
  const [identity, caps, projectList] = await Promise.all([
    adapter.identity({ signal }),
    adapter.capabilities({ signal }),
    adapter.list('project', {}, { signal }),
  ]);
  signal.throwIfAborted();
  const projects = [...projectList.items].sort((a, b) => a.name.localeCompare(b.name));
  const project = projects.find((p) => p.id === projectId) ?? projects[0];
  const buildings = project
    ? [...(await adapter.list('building', { filter: [{ field: 'projectId', op: 'eq', value: project.id }] }, { signal })).items].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { numeric: true }),
      )
    : [];
  signal.throwIfAborted();
  const building = buildings.find((b) => b.id === buildingId) ?? buildings[0];
  const apartments = building
    ? (await adapter.list('apartment', { filter: [{ field: 'buildingId', op: 'eq', value: building.id }] }, { signal, onProgress: progress })).items
    : [];
  signal.throwIfAborted();
  return {
    timeZone: identity.timeZone,
    canWrite: caps.writes.apartmentBooking && typeof adapter.holdApartment === 'function' && typeof adapter.releaseApartment === 'function',
    projects,
    buildings,
    ...(project ? { project } : {}),
    ...(building ? { building } : {}),
    apartments,
  };
}

/** Price points of one apartment, oldest first. */
export async function loadPriceHistory(adapter: DataAdapter, apartmentId: string, signal: AbortSignal): Promise<PricePoint[]> {
  const res = await adapter.list('pricePoint', { filter: [{ field: 'apartmentId', op: 'eq', value: apartmentId }] }, { signal });
  signal.throwIfAborted();
  return [...res.items].sort((a, b) => a.at - b.at);
}

export type WriteOutcome =
  | { readonly ok: true; readonly apartment: Apartment }
  /** The fresh read shows the action no longer applies (someone booked it meanwhile). */
  | { readonly ok: false; readonly code: 'not-free' | 'conflict' | 'failed'; readonly apartment?: Apartment; readonly error?: CrmError };

/**
 * Books an apartment so that it is never booked twice: re-reads it from the CRM first, refuses
 * when it is no longer free, and writes with the version just read, so a booking made by
 * someone else between the read and the write fails with `conflict` instead of overwriting it.
 */
export async function holdApartment(
  adapter: DataAdapter,
  apartmentId: string,
  booking: Omit<ApartmentBooking, 'bookedAt'>,
  signal?: AbortSignal,
): Promise<WriteOutcome> {
  try {
    const fresh = await adapter.get('apartment', apartmentId, { signal });
    if (!canHold(fresh)) return { ok: false, code: 'not-free', apartment: fresh };
    const held = await adapter.holdApartment!({ apartmentId, expectedVersion: fresh.version, booking }, { signal });
    return { ok: true, apartment: held };
  } catch (e) {
    return failure(adapter, apartmentId, e, signal);
  }
}

/** Releases a booking after the same re-read; refuses when there is nothing to release. */
export async function releaseApartment(adapter: DataAdapter, apartmentId: string, signal?: AbortSignal): Promise<WriteOutcome> {
  try {
    const fresh = await adapter.get('apartment', apartmentId, { signal });
    if (!canRelease(fresh)) return { ok: false, code: 'not-free', apartment: fresh };
    const released = await adapter.releaseApartment!(apartmentId, fresh.version, { signal });
    return { ok: true, apartment: released };
  } catch (e) {
    return failure(adapter, apartmentId, e, signal);
  }
}

async function failure(adapter: DataAdapter, apartmentId: string, e: unknown, signal?: AbortSignal): Promise<WriteOutcome> {
  const error = isCrmError(e) ? e : new CrmError('bad-response', { detail: String(e), cause: e });
  if (error.code !== 'conflict') return { ok: false, code: 'failed', error };
  // Show what is there now, so the person sees who was faster.
  const now = await adapter.get('apartment', apartmentId, { signal }).catch(() => undefined);
  return { ok: false, code: 'conflict', error, ...(now ? { apartment: now } : {}) };
}
