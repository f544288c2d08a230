/**
 * The one script every handler page loads, as a file (no inline script: the app runs under
 * `script-src 'self'` with Trusted Types). The page says which handler it is in
 * `<… id="app" data-handler="contact|company|deal|menu|install">`.
 */
import { frameReady, install, startMenu, startTab, type TabKind } from './frame.js';

const TABS: readonly string[] = ['contact', 'company', 'deal'] satisfies TabKind[];

async function main(root: HTMLElement): Promise<void> {
  const handler = root.dataset.handler ?? '';
  const bx = await frameReady();
  if (handler === 'install') {
    if (!bx) throw new Error('Откройте установку внутри Битрикс24.');
    await install(bx, location.href);
    root.textContent = 'Готово.';
  } else if (handler === 'menu') startMenu(root, bx);
  else if (TABS.includes(handler)) await startTab(handler as TabKind, root, bx);
  else throw new Error(`unknown handler "${handler}"`);
}

const root = document.getElementById('app');
if (root) {
  main(root).catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    root.textContent = root.dataset.handler === 'install' ? `Ошибка: ${message}` : message;
  });
}
