// What the browser tests share: where the repository and the built `hall`
// are, Debian's Chromium launched as this machine needs it, and screenshots
// written to the folder CI keeps ($HALL_E2E_SHOTS).
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const sourceDir = resolve(here, '..', '..');
export const hallBinary =
  process.env.HALL_BIN ?? join(sourceDir, 'build', 'release', 'portal', 'app', 'hall');
export const shotsDir = process.env.HALL_E2E_SHOTS ?? join(sourceDir, 'build', 'e2e-shots');

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.HALL_E2E_CHROMIUM ?? '/usr/bin/chromium',
    // Root (CI) cannot use Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

// A full-page screenshot named `name`.png; never fails the test itself.
export async function shot(page, name) {
  await mkdir(shotsDir, { recursive: true });
  const path = join(shotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true }).catch(() => {});
  console.log(`screenshot: ${path}`);
}

// Runs `body`; when it fails, saves a screenshot of each page (`pages`: one
// page, or {label: page}) and prints the end of the server's output before
// rethrowing.
export async function withShots(name, pages, server, body) {
  try {
    await body();
  } catch (e) {
    const named = typeof pages.screenshot === 'function' ? { failed: pages } : pages;
    for (const [label, page] of Object.entries(named)) await shot(page, `${name}-${label}`);
    console.log(`hall serve output (last 4000 characters):\n${server.output.slice(-4000)}`);
    throw e;
  }
}
