/**
 * Browser-side helper for tests: asks the emulator manager (started by the web-test-runner
 * plugin) for a fresh portal on 127.0.0.1 and closes it afterwards.
 */
export interface PortalHandle {
  readonly id: string;
  readonly origin: string;
  readonly webhook: string;
  readonly webhooks: Readonly<Record<string, string>>;
  stats(): Promise<{ requests: number; rejected503: number; rejected429: number; faults: number; byMethod: Record<string, number> }>;
  control(options: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export interface PortalRequest {
  readonly fixture?: { readonly extraDeals?: number };
  readonly options?: Record<string, unknown>;
}

export async function createPortal(request: PortalRequest = {}): Promise<PortalHandle> {
  const info = (await (await fetch('/__bitrix24-emulator.json')).json()) as { manager: string };
  const res = await fetch(`${info.manager}/portals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
  const p = (await res.json()) as { id: string; origin: string; webhook: string; webhooks: Record<string, string> };
  return {
    ...p,
    stats: async () => (await fetch(`${p.origin}/emulator/stats`)).json(),
    control: async (options) => {
      await fetch(`${p.origin}/emulator/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(options) });
    },
    close: async () => {
      await fetch(`${info.manager}/portals/${p.id}/close`, { method: 'POST' });
    },
  };
}
