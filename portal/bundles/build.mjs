// Bundles bpmn.mjs and bpmn.css into OUTDIR (node build.mjs OUTDIR): one
// minified ES module and one stylesheet, with the icon font's files copied
// beside the stylesheet under fixed names, so the output is the same on
// every build and names nothing outside the portal.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(process.argv[2] ?? resolve(here, '..', 'assets', 'bundles'));

await build({
  entryPoints: { bpmn: resolve(here, 'bpmn.mjs') },
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['chrome100', 'firefox100', 'safari15'],
  legalComments: 'linked',
  outdir,
  logLevel: 'warning',
});

await build({
  entryPoints: { bpmn: resolve(here, 'bpmn.css') },
  bundle: true,
  minify: true,
  outdir,
  assetNames: 'fonts/[name]',
  loader: { '.eot': 'file', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file' },
  logLevel: 'warning',
});

console.log(`portal/bundles: wrote bpmn.js and bpmn.css to ${outdir}`);
