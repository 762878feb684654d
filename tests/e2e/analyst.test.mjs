// The analyst's pages in a real browser: the models list finds the model;
// in the modeler the analyst breaks it (the flow into the review task is
// deleted, so nothing reaches it), 保存并检查 marks the review task with
// the diagnostic, the fix
// clears it, and 部署新版本 makes version 2, which the list then shows;
// with instances started, the cockpit counts them on the element where
// they wait and shows one instance's path. A model written without diagram
// interchange (models/processes/visit.bpmn) opens laid out. Each step saves
// a screenshot to $HALL_E2E_SHOTS.
//
// Run by CTest as e2e_analyst (tests/e2e/run-e2e); by hand:
//   HALL_BIN=build/release/portal/app/hall node --test tests/e2e/analyst.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hallBinary, launchChromium, shot, sourceDir, withShots } from './browser.mjs';
import { HallServer } from './hall_server.mjs';


const kKey = 'permit_review';
const kWaitMs = 10000;

let server;
let browser;


function pageUrl(path) {
  return new URL(`analyst/${path}`, `${server.url}/`).toString();
}

async function waitReady(page) {
  await page.locator('body[data-ready="true"]').waitFor({ timeout: kWaitMs });
}

// The overlays bpmn-js shows on an element, by our badge class.
function badgeOn(page, className, elementId) {
  return page.locator(`.djs-overlay .${className}[data-element-id="${elementId}"]`);
}

before(async () => {
  server = await HallServer.start({ hallBinary, sourceDir });
  await server.createPerson('e2e-analyst', ['analyst']);
  const xml = await readFile(join(sourceDir, 'tests', 'e2e', 'fixtures', 'permit_review.bpmn'), 'utf8');
  const deployed = await server.api('POST', `/api/v1/models/${kKey}/deploy`,
                                    { resourceName: 'permit_review.bpmn', xml });
  assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
  assert.equal(deployed.body.model.version, 1);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('analyst', () => {
  test('breaks a model, sees the diagnostic on the element, fixes it and deploys version 2; the cockpit counts waiting instances', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(kWaitMs);
    const outside = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.origin !== new URL(server.url).origin && url.protocol !== 'data:') outside.push(r.url());
    });
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    await withShots('flow', page, server, async () => {
      // The list, after signing in; the search finds the model by its Chinese name.
      await server.signIn(page, 'e2e-analyst', '/analyst/models.html');
      const row = page.locator(`tr[data-key="${kKey}"]`);
      await row.waitFor();
      await page.locator('#search').fill('许可审查');
      await row.waitFor();
      assert.equal(await page.locator('#models tr').count(), 1);
      await page.locator('#search').fill('没有这个流程');
      await page.locator('#empty').waitFor();
      await page.locator('#search').fill('');
      await shot(page, 'models');

      // Open version 1 in the modeler.
      await row.locator('a.open-modeler').click();
      await page.waitForURL(/modeler\.html\?key=permit_review&version=1/);
      await waitReady(page);
      assert.equal(await page.locator('.djs-element[data-element-id="review"]').count(), 1,
                   'the diagram shows the review task');

      // Break it: delete the flow into the review task.
      await page.evaluate(() => {
        const modeler = window.hallModeler;
        const flow = modeler.get('elementRegistry').get('to_review');
        modeler.get('modeling').removeElements([flow]);
      });
      await page.getByRole('button', { name: '保存并检查' }).click();
      const marker = badgeOn(page, 'hall-diagnostic-badge', 'review');
      await marker.waitFor();
      assert.match(await marker.getAttribute('title'), /从开始事件无法到达该元素/);
      assert.ok(await page.locator('.djs-element[data-element-id="review"]').evaluate(
        (node) => node.classList.contains('hall-diagnostic-error')), 'the review task is marked');
      await page.locator('#diagnostics li[data-element-id="review"]').waitFor();
      assert.match(await page.locator('#diagnostics-summary').textContent(), /错误/);
      await shot(page, 'modeler-broken');

      // Deploying the broken model is refused, with the same diagnostic.
      await page.getByRole('button', { name: '部署新版本' }).click();
      await page.locator('#problem').waitFor({ state: 'visible' });
      assert.match(await page.locator('#problem').textContent(), /未部署/);

      // Fix it: connect intake to review again; the check is clean.
      await page.evaluate(() => {
        const modeler = window.hallModeler;
        const registry = modeler.get('elementRegistry');
        modeler.get('modeling').connect(registry.get('intake'), registry.get('review'));
      });
      await page.getByRole('button', { name: '保存并检查' }).click();
      await page.locator('#diagnostics-summary', { hasText: '未发现问题' }).waitFor();
      assert.equal(await page.locator('.djs-overlay .hall-diagnostic-badge').count(), 0);
      assert.equal(await page.locator('.hall-diagnostic-error').count(), 0);

      // Deploy: version 2.
      await page.getByRole('button', { name: '部署新版本' }).click();
      const deployed = page.locator('#deploy-result');
      await deployed.waitFor();
      assert.equal(await deployed.getAttribute('data-version'), '2');
      assert.match(await page.locator('#status').textContent(), /已部署为版本 2/);
      await page.waitForURL(/version=2/);
      await shot(page, 'modeler-deployed');

      // The list shows both versions.
      await page.goto(pageUrl('models.html'));
      await page.locator(`tr[data-key="${kKey}"] .version-chip[data-version="2"]`).waitFor();
      assert.equal(await page.locator(`tr[data-key="${kKey}"] .model-latest`).textContent(), '版本 2');

      // Three instances of version 2; one moves on to review.
      const started = [];
      for (let i = 1; i <= 3; ++i) {
        const r = await server.api('POST', `/api/v1/process-definitions/${kKey}/instances`,
                                   { businessKey: `E2E-${i}` });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.version, 2);
        started.push(r.body.id);
      }
      const tasks = await server.api('GET', `/api/v1/tasks?processInstanceId=${started[0]}`);
      assert.equal(tasks.status, 200);
      const done = await server.api('POST', `/api/v1/tasks/${tasks.body[0].id}/complete`, {});
      assert.equal(done.status, 204, JSON.stringify(done.body));

      // The cockpit: 2 wait at intake, 1 at review; the first one's path.
      await page.locator(`tr[data-key="${kKey}"] a.open-cockpit`).click();
      await page.waitForURL(/cockpit\.html\?key=permit_review&version=2/);
      await waitReady(page);
      assert.equal(await badgeOn(page, 'hall-count-badge', 'intake').textContent(), '2');
      assert.equal(await badgeOn(page, 'hall-count-badge', 'review').textContent(), '1');
      assert.equal(await page.locator('.hall-incident-badge').count(), 0);
      assert.equal(await page.locator('#instances tr').count(), 3);
      await page.locator(`#instances tr[data-instance="${started[0]}"]`).click();
      await page.locator('#path-events li').first().waitFor();
      assert.ok(await page.locator('.djs-element[data-element-id="intake"]').evaluate(
        (node) => node.classList.contains('hall-path-done')), 'intake is on the path, done');
      assert.ok(await page.locator('.djs-element[data-element-id="review"]').evaluate(
        (node) => node.classList.contains('hall-path-active')), 'review is where it waits');
      assert.ok(await page.locator('#path-events li[data-type="element-completed"][data-element-id="intake"]').count() >= 1);
      await shot(page, 'cockpit');

      assert.deepEqual(outside, [], 'the pages load nothing from outside the hall');
    });
    await page.close();
  });

  test('a model written without diagram interchange opens laid out', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(kWaitMs);
    await withShots('layout', page, server, async () => {
      await server.signIn(page, 'e2e-analyst', '/analyst/modeler.html?key=visit&version=1');
      await waitReady(page);
      assert.match(await page.locator('#status').textContent(), /自动排版/);
      // Its nodes and the flows between them are drawn.
      for (const id of ['ticket_issued', 'waiting', 'serving']) {
        assert.equal(await page.locator(`.djs-shape[data-element-id="${id}"]`).count(), 1, id);
      }
      assert.ok(await page.locator('.djs-connection').count() >= 5, 'the flows are drawn');
      await shot(page, 'modeler-laid-out');
    });
    await page.close();
  });
});
