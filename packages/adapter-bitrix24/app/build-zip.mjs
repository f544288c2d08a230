// Builds the app and packs dist-app/ into dist-app.zip for "local application" upload.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const pkg = fileURLToPath(new URL('..', import.meta.url));
execFileSync('npx', ['vite', 'build', '--config', join(pkg, 'app/vite.config.ts')], { stdio: 'inherit' });
const out = join(pkg, 'dist-app');
const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files[relative(out, p)] = readFileSync(p);
  }
};
walk(out);
writeFileSync(join(pkg, 'dist-app.zip'), zipSync(files, { level: 9 }));
console.log(`dist-app.zip: ${Object.keys(files).length} files`);
