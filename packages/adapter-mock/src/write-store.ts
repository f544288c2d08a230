import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Apartment, Booking } from '@crmkit/core';

/**
 * Where the mock adapter keeps what the user wrote (apartment holds, bookings). Each write is
 * its own record keyed by `kind:id`, so two tabs never overwrite each other's bookings: a
 * reload reads every record and merges them over the generated data.
 */
export type StoredWrite =
  | { readonly key: string; readonly kind: 'booking'; readonly record: Booking; readonly writtenAt: number }
  | { readonly key: string; readonly kind: 'apartment'; readonly record: Apartment; readonly writtenAt: number };

export interface WriteStore {
  readAll(): Promise<StoredWrite[]>;
  /**
   * Atomically: reads every stored write, lets `decide` check them (it throws to refuse, and
   * then nothing is written) and stores what it returns. Returns the stored writes as they are
   * afterwards, other tabs' included.
   */
  transact(decide: (current: ReadonlyMap<string, StoredWrite>) => readonly StoredWrite[]): Promise<StoredWrite[]>;
  /** Removes every stored write (tests, "reset demo"). */
  clear(): Promise<void>;
  close(): void;
}

export class MemoryWriteStore implements WriteStore {
  private readonly writes = new Map<string, StoredWrite>();

  async readAll(): Promise<StoredWrite[]> {
    return [...this.writes.values()];
  }

  async transact(decide: (current: ReadonlyMap<string, StoredWrite>) => readonly StoredWrite[]): Promise<StoredWrite[]> {
    const next = decide(this.writes);
    for (const w of next) this.writes.set(w.key, w);
    return [...this.writes.values()];
  }

  async clear(): Promise<void> {
    this.writes.clear();
  }

  close(): void {}
}

interface WritesSchema extends DBSchema {
  writes: { key: string; value: StoredWrite };
}

/** IndexedDB store (`idb`), one database per mock CRM origin. */
export class IdbWriteStore implements WriteStore {
  private db?: Promise<IDBPDatabase<WritesSchema>>;

  constructor(private readonly name: string) {}

  private open(): Promise<IDBPDatabase<WritesSchema>> {
    this.db ??= openDB<WritesSchema>(this.name, 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains('writes')) db.createObjectStore('writes', { keyPath: 'key' });
      },
    });
    return this.db;
  }

  async readAll(): Promise<StoredWrite[]> {
    const db = await this.open();
    return db.getAll('writes');
  }

  async transact(decide: (current: ReadonlyMap<string, StoredWrite>) => readonly StoredWrite[]): Promise<StoredWrite[]> {
    const db = await this.open();
    // One readwrite transaction: IndexedDB serialises it against other tabs' writes, so the
    // check and the write see the same state. Only IndexedDB requests are awaited inside it.
    const tx = db.transaction('writes', 'readwrite');
    const all = await tx.store.getAll();
    const current = new Map(all.map((w) => [w.key, w]));
    let next: readonly StoredWrite[];
    try {
      next = decide(current);
    } catch (e) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw e;
    }
    for (const w of next) {
      void tx.store.put(w);
      current.set(w.key, w);
    }
    await tx.done;
    return [...current.values()];
  }

  async clear(): Promise<void> {
    const db = await this.open();
    await db.clear('writes');
  }

  close(): void {
    void this.db?.then((db) => db.close());
  }
}
