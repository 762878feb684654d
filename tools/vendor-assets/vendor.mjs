// Copies the browser files of the npm packages the hall's pages use into
// portal/assets/vendor/, each headed by its package, version and licence, so
// the server serves them without npm at build or run time.
//
//   cd tools/vendor-assets && npm ci && npm run vendor
//
// Run it after changing a version in package.json and commit what it writes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vendorDir = join(here, '..', '..', 'portal', 'assets', 'vendor');

// What each page imports: an ES module file of the package, and its name in vendor/.
const files = [
  { pkg: 'uqr', file: 'dist/index.mjs', licence: 'LICENSE', out: 'uqr.mjs' },
];

await mkdir(vendorDir, { recursive: true });
for (const { pkg, file, licence, out } of files) {
  const root = join(here, 'node_modules', pkg);
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const licenceText = (await readFile(join(root, licence), 'utf8')).trim();
  const source = await readFile(join(root, file), 'utf8');
  const header =
    `/*! ${pkg} ${manifest.version} (${manifest.license}) — vendored from npm by ` +
    `tools/vendor-assets/vendor.mjs; do not edit.\n\n${licenceText.replaceAll('*/', '* /')}\n*/\n`;
  await writeFile(join(vendorDir, out), header + source);
  console.log(`vendor: ${pkg} ${manifest.version} ${file} -> portal/assets/vendor/${out}`);
}
