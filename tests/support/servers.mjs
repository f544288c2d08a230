// Plugins that start test-only servers (CRM emulators) next to web-test-runner's dev server.
// Each adapter package may add its emulator here; the browser reaches it on loopback only.
export function testServerPlugins() {
  return [];
}
