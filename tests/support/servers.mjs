// Plugins that start test-only servers (CRM emulators) next to web-test-runner's dev server.
// Each adapter package may add its emulator here; the browser reaches it on loopback only.
import { oneCEmulatorPlugin } from "../../packages/adapter-1c/emulator/wtr-plugin.mjs";
import { bitrix24EmulatorPlugin } from "../../packages/adapter-bitrix24/emulator/wtr-plugin.mjs";

// One entry per emulator: append yours.
const plugins = [
  oneCEmulatorPlugin,
  bitrix24EmulatorPlugin,
];
export function testServerPlugins() {
  return plugins.map((make) => make());
}
