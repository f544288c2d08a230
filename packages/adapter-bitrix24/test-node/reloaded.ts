import type { Emulator } from '../emulator/server.js';
import { Bitrix24Adapter, clearBitrix24Dictionaries } from '../src/bitrix24-adapter.js';
import { resetSharedClients } from '../src/rest-client.js';

/**
 * The adapter as a page reload finds it: a new REST client (no id indexes, a fresh bucket) and no
 * dictionaries in memory, on the emulator's webhook.
 */
export function reloadedAdapter(emu: Pick<Emulator, 'webhook'>): Bitrix24Adapter {
  resetSharedClients();
  clearBitrix24Dictionaries();
  return new Bitrix24Adapter({ webhook: emu.webhook });
}
