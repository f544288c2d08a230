import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
await page.goto(process.argv[2]);
await page.waitForTimeout(12000);
const r = await page.evaluate(() => {
  const out = [];
  const walk = (root, path) => {
    for (const el of root.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.right > 361 && rect.width > 0) out.push(`${path} ${el.localName}.${el.className} right=${Math.round(rect.right)} w=${Math.round(rect.width)}`);
      if (el.shadowRoot) walk(el.shadowRoot, `${path}>${el.localName}`);
    }
  };
  walk(document, '');
  return out.slice(0, 25);
});
console.log(r.join('\n'));
await browser.close();
