import { generateMockCrm, SnapshotAdapter, type CrmSnapshot, type MockCrmSnapshot, type MockScale } from '@crmkit/adapter-mock';
import type { Activity, ActivityKind } from '@crmkit/core';
import { clientsSnapshot } from '../packages/widgets/src/client-timeline/client-fixtures.js';

/** Shared data for the client widgets' stories: the mock portal by scale, and a 10,000-event client. */
const portals = new Map<MockScale, MockCrmSnapshot>();
export function mockPortal(scale: MockScale = 'small'): MockCrmSnapshot {
  let p = portals.get(scale);
  if (!p) portals.set(scale, (p = generateMockCrm({ scale, seed: 1 })));
  return p;
}
export const mockPortalAdapter = (scale: MockScale = 'small') => new SnapshotAdapter(mockPortal(scale));
export const handMadeAdapter = () => new SnapshotAdapter(clientsSnapshot);

const KINDS: readonly ActivityKind[] = ['call', 'email', 'messenger', 'meeting', 'task', 'comment', 'document'];

/** Company A of the hand-made portal with `n` more activities over three years. */
export function bigClientSnapshot(n = 10_000, now = Date.now()): CrmSnapshot {
  const extra: Activity[] = Array.from({ length: n }, (_, i) => {
    const at = now - Math.floor((i / n) * 3 * 365 * 86_400_000);
    return {
      id: `big-${i}`,
      kind: KINDS[i % KINDS.length],
      subject: `Событие №${i + 1}`,
      createdAt: at,
      startAt: at,
      completed: true,
      direction: i % 2 ? 'incoming' : 'outgoing',
      durationSec: i % 7 === 0 ? 60 + (i % 300) : undefined,
      responsibleId: i % 3 ? 'e1' : 'e2',
      authorId: i % 5 ? 'e1' : 'e2',
      bindings: [{ kind: i % 2 ? 'company' : 'contact', id: i % 2 ? 'A' : '1' }],
    };
  });
  return { ...clientsSnapshot, origin: 'mock://big-client', entities: { ...clientsSnapshot.entities, activity: [...(clientsSnapshot.entities.activity ?? []), ...extra] } };
}
