// 窗口基本管理 in a real browser against a real `hall serve`: the manager
// signs in, creates a department and a window in it, gives the window two
// queues in a chosen order and a matter, retires it, and finds all of that
// in the exported hall model. A stale version and a broken import are
// refused with what went wrong.
//
// Run by CTest as e2e_admin (tests/e2e/run-e2e HALL admin.test.mjs); by hand:
//   HALL_BIN=build/release/portal/app/hall node --test tests/e2e/admin.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { hallBinary, launchChromium, shot, sourceDir } from './browser.mjs';
import { HallServer } from './hall_server.mjs';


let server;
let browser;

// Signs the page in as a hall manager, on the portal's sign-in page, which
// then opens the administration page.
async function signIn(page) {
  await server.createPerson('e2e-hall-manager', ['manager']);
  await server.signIn(page, 'e2e-hall-manager', '/admin/hall.html');
}

before(async () => {
  server = await HallServer.start({ hallBinary, sourceDir });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('hall administration', () => {
  test('a new department and window, its queues in order, retired, and in the exported model', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    page.on('dialog', (dialog) => dialog.accept());
    try {
      await signIn(page);
      await page.locator('tr[data-window="W01"]').waitFor();
      assert.match(await page.locator('.hall-notice').textContent(), /更改在重启后生效/);

      // 部门: 新增.
      await page.getByRole('tab', { name: '部门' }).click();
      await page.getByRole('button', { name: '新增部门' }).click();
      const dept = page.locator('#department-form');
      await dept.locator('input[name="id"]').fill('yjj');
      await dept.locator('input[name="name"]').fill('长宁区应急管理局');
      await dept.locator('input[name="code"]').fill('11310105MB000010XK');
      await dept.locator('input[name="illustrative"]').check();
      await dept.getByRole('button', { name: '保存' }).click();
      await page.locator('tr[data-department="yjj"]').waitFor();
      assert.match(await page.locator('#message').textContent(), /已保存/);

      // 窗口: 新增 W66 in 应急管理局, serving 纳税服务 then 商事登记 moved first.
      await page.getByRole('tab', { name: '窗口' }).click();
      await page.getByRole('button', { name: '新增窗口' }).click();
      const form = page.locator('#window-form');
      await form.locator('input[name="id"]').fill('W66');
      await form.locator('input[name="number"]').fill('66');
      await form.locator('select[name="zone"]').selectOption('z2');
      await form.locator('select[name="department"]').selectOption('yjj');
      await form.locator('input[name="floor"]').fill('2');
      await page.locator('#add-queue-choice').selectOption('tax');
      await page.getByRole('button', { name: '添加队列' }).click();
      await page.locator('#add-queue-choice').selectOption('commerce');
      await page.getByRole('button', { name: '添加队列' }).click();
      await page.locator('#window-queues li[data-queue="commerce"]').getByRole('button', { name: '上移' }).click();
      assert.deepEqual(await page.locator('#window-queues li').evaluateAll(
        (items) => items.map((li) => li.dataset.queue)), ['commerce', 'tax']);
      await form.locator('textarea[name="matters"]').fill('310105-yj-001\n310105-yj-002');
      await form.getByRole('button', { name: '保存' }).click();
      const row = page.locator('tr[data-window="W66"]');
      await row.waitFor();
      assert.equal((await row.locator('.window-queues').textContent()).trim(), '商事登记 → 纳税服务');
      assert.match(await row.locator('.window-matters').textContent(), /310105-yj-002/);

      // The department has a window in service: it cannot retire yet.
      await page.getByRole('tab', { name: '部门' }).click();
      await page.locator('tr[data-department="yjj"]').getByRole('button', { name: '停用' }).click();
      await page.waitForFunction(() => /W66/.test(document.getElementById('problem').textContent));
      assert.match(await page.locator('#problem').textContent(), /仍有在用窗口使用它（W66）/);
      await page.getByRole('tab', { name: '窗口' }).click();

      // Another manager changes the hall meanwhile: this page's next change is stale.
      const listed = await server.api('GET', '/api/v1/admin/windows');
      const other = await server.api('POST', '/api/v1/admin/windows/W40/retire', { version: listed.body.version });
      assert.equal(other.status, 200, JSON.stringify(other.body));
      // The problem still shows the department's refusal: wait for the new one.
      await row.getByRole('button', { name: '停用' }).click();
      await page.waitForFunction(() => /已被他人修改/.test(document.getElementById('problem').textContent));
      await page.locator('tr[data-window="W40"] .state-retired').waitFor();

      // Retire W66 now that the page has the newest version.
      await row.getByRole('button', { name: '停用' }).click();
      await row.locator('.state-retired').waitFor();
      assert.equal((await row.locator('.state').textContent()).trim(), '已停用');

      // Export: the downloaded model has all of it.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出大厅模型' }).click();
      const file = await (await download).path();
      const xml = await readFile(file, 'utf8');
      assert.match(xml, /<department id="yjj" name="长宁区应急管理局" code="11310105MB000010XK" illustrative="true"\/>/);
      assert.match(xml, /<window id="W66" number="66" kind="ordinary" zone="z2" department="yjj" floor="2"[^>]* retired="true">\s*<serves queue="commerce"\/>\s*<serves queue="tax"\/>\s*<takes matter="310105-yj-001"\/>\s*<takes matter="310105-yj-002"\/>/);
      assert.match(xml, /<window id="W40" [^>]*retired="true">/);

      // A broken import names its line and column and changes nothing.
      const before = await server.api('GET', '/api/v1/admin/windows');
      await page.locator('#import').setInputFiles({
        name: 'broken.xml', mimeType: 'application/xml',
        buffer: Buffer.from(xml.replace('<serves queue="tax"/>', '<serves queue="taxes"/>')),
      });
      await page.locator('#problem').waitFor({ state: 'visible' });
      await page.waitForFunction(() => /taxes/.test(document.getElementById('problem').textContent));
      assert.match(await page.locator('#problem').textContent(), /broken\.xml:\d+:\d+: error: .*unknown queue 'taxes'/);
      const afterImport = await server.api('GET', '/api/v1/admin/windows');
      assert.equal(afterImport.body.version, before.body.version);
      await shot(page, 'admin-hall');
    } catch (e) {
      await shot(page, 'admin-hall-failed');
      console.log(`hall serve output (last 4000 characters):\n${server.output.slice(-4000)}`);
      throw e;
    } finally {
      await page.close();
    }
  });
});
