// Plugins that start test-only servers (CRM emulators) next to web-test-runner's dev server.
// Each adapter package may add its emulator here; the browser reaches it on loopback only.
import { oneCEmulatorPlugin } from "../../packages/adapter-1c/emulator/wtr-plugin.mjs";

// One entry per emulator: append yours.
const plugins = [
  oneCEmulatorPlugin,
];
export function testServerPlugins() {
  return plugins.map((make) => make());
}
