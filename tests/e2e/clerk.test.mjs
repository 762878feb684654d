// The clerk's workbench (综合窗口) in a real browser against a real `hall
// serve --demo`, from the ticket to the licence: the clerk signs in, signs
// in to a window and calls the visitor's ticket; takes in 食品经营许可 from
// the catalogue — a material marked as not brought stops acceptance with
// the one-time notice, a bad ID number is refused naming the field — and
// accepts it: the case code, and a receipt whose download verifies and
// whose QR page (case.html) shows the hall's seal checked. The
// food department returns the case for supplement; the clerk records the
// material; both departments approve on their own task lists; the hall
// issues the licence, and the clerk hands it over (出证), which ends the
// case. Each step saves a screenshot to $HALL_E2E_SHOTS.
//
// Run by CTest as e2e_clerk (tests/e2e/run-e2e HALL clerk.test.mjs).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { hallBinary, launchChromium, shot, sourceDir, withShots } from './browser.mjs';
import { HallServer } from './hall_server.mjs';

const kWaitMs = 15000;
const kFoodMatter = '00012310600001-310105000000-000-11310105MB2F1952X1-1-00';
// A valid resident ID number (GB 11643 check character X) and one whose
// check character is wrong.
const kIdNumber = '11010519491231002X';
const kBadIdNumber = '110105194912310021';

let server;
let browser;


async function newPage(login) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 }, acceptDownloads: true });
  page.setDefaultTimeout(kWaitMs);
  page.on('pageerror', (e) => console.log(`page error (${login}): ${e.message}`));
  return page;
}

// An approver's decision on their department's task list.
async function decide(login, department, instance, decision, reason) {
  const page = await newPage(login);
  await withShots(`clerk-${login}`, page, server, async () => {
    await server.signIn(page, login, '/department/tasks.html');
    const row = page.locator('#tasks tr', { hasText: instance });
    await row.getByRole('button', { name: '办理' }).click();
    await page.getByRole('button', { name: '签收' }).click();
    await page.locator('#tasks tr', { hasText: instance }).locator('td', { hasText: '我' }).waitFor();
    await page.fill('#reason', reason);
    await page.getByRole('button', { name: decision }).click();
    await page.locator('#detail').waitFor({ state: 'hidden' });
  });
  await page.close();
}

before(async () => {
  server = await HallServer.start({ hallBinary, sourceDir });
  await server.createPerson('e2e-clerk', ['clerk']);
  await server.createPerson('e2e-food', ['approver'], 'amr-food');
  await server.createPerson('e2e-station', ['approver'], 'amr-station');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('clerk workbench', () => {
  test('calls a ticket, accepts 食品经营许可 with a receipt that verifies, takes the supplement and hands over the licence', async () => {
    const ticket = await server.api('POST', '/api/v1/tickets', { queue: 'commerce' });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    const windows = (await server.api('GET', '/api/v1/windows')).body;
    const window = windows.find((w) => w.state === 'offline' && w.queues.includes('commerce'));
    assert.ok(window, 'a closed window takes the commerce queue');

    const page = await newPage('e2e-clerk');
    let caseCode = '';
    await withShots('clerk', page, server, async () => {
      // Sign in, then to the window; call the ticket and see it arrive.
      await server.signIn(page, 'e2e-clerk', '/clerk/workbench.html');
      await page.locator('body[data-ready="true"]').waitFor();
      await page.selectOption('#window-select', window.id);
      await page.getByRole('button', { name: '签到' }).click();
      await page.locator('#window-state', { hasText: '空闲' }).waitFor();
      await page.getByRole('button', { name: '呼叫下一位' }).click();
      await page.locator('#ticket-number', { hasText: ticket.body.number }).waitFor();
      await page.locator('#window-state', { hasText: '呼叫中' }).waitFor();
      await page.getByRole('button', { name: '已到窗口' }).click();
      await page.locator('#window-state', { hasText: '办理中' }).waitFor();
      assert.equal((await server.api('GET', `/api/v1/windows/${window.id}`)).body.clerk, 'e2e-clerk');
      await shot(page, 'clerk-window');

      // Intake: find the matter, answer the situation, get the checklist.
      await page.fill('#catalogue-search', '食品经营');
      await page.locator(`#catalogue-results button[data-code="${kFoodMatter}"]`).click();
      await page.locator('#subject-name', { hasText: '食品经营许可' }).waitFor();
      const rows = page.locator('#checklist tr');
      const coldRoomPlan = page.locator('#checklist tr[data-material="cold-room-plan"]');
      const coldRoom = page.locator('#questions select').first();
      await coldRoom.selectOption('no');
      await coldRoomPlan.waitFor({ state: 'detached' });
      const without = await rows.count();
      await coldRoom.selectOption('yes');
      await coldRoomPlan.waitFor();
      assert.equal(await rows.count(), without + 1, 'the situation adds its material');
      assert.ok(await page.locator('#checklist .points li').count() > 0, 'review points are shown');

      // Mark: everything received; one not brought stops acceptance.
      const marks = page.locator('#checklist select');
      const markCount = await marks.count();
      assert.ok(markCount >= 2);
      for (let i = 0; i < markCount; ++i) await marks.nth(i).selectOption('received');
      await marks.nth(0).selectOption('missing');
      await page.locator('#missing-note', { hasText: '一次性告知' }).waitFor();
      assert.ok(await page.locator('#accept').isDisabled());
      await marks.nth(0).selectOption('received');
      await marks.nth(markCount - 1).selectOption('supplement');
      assert.ok(await page.locator('#accept').isEnabled());

      // A wrong ID number is refused, naming the field.
      await page.fill('#applicant-name', '上海长宁小笼包餐饮有限公司');
      await page.fill('#applicant-id', kBadIdNumber);
      await page.fill('#applicant-phone', '13800138000');
      await page.getByRole('button', { name: '受理' }).click();
      await page.locator('#intake-problem').waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => document.activeElement.id), 'applicant-id');
      assert.equal((await server.api('GET', '/api/v1/cases')).body.length, 0, 'nothing was accepted');

      // Accept: the case code and the receipt, checked by the server.
      await page.fill('#applicant-id', kIdNumber);
      await page.getByRole('button', { name: '受理' }).click();
      await page.locator('#accepted').waitFor({ state: 'visible' });
      caseCode = (await page.locator('#accepted-code').textContent()).trim();
      assert.match(caseCode, /^310105\d{8}\d{2}\d{6}[0-9A-Z]$/);
      await page.locator('#receipt-check[data-valid="true"]').waitFor();
      await shot(page, 'clerk-accepted');

      // The downloaded receipt verifies; a changed byte does not.
      const [download] = await Promise.all([page.waitForEvent('download'),
                                            page.locator('#receipt-link').click()]);
      const pdf = await readFile(await download.path());
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const verified = await fetch(`${server.url}/api/v1/receipts/verify`, {
        method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: pdf,
      });
      assert.equal(verified.status, 200);
      assert.equal((await verified.json()).caseCode, caseCode);

      // The case is the clerk's, at the window, with the visitor's identity masked.
      const stored = (await server.api('GET', `/api/v1/cases/${caseCode}`)).body;
      assert.equal(stored.clerk, 'e2e-clerk');
      assert.equal(stored.window, window.id);
      assert.ok(!JSON.stringify(stored).includes(kIdNumber), 'the ID number never leaves unmasked');
      await page.getByRole('tab', { name: /我受理的/ }).click();
      await page.locator(`#case-rows[data-tab="mine"] tr[data-case="${caseCode}"]`).waitFor();
    });

    // What the receipt's QR code opens, for anyone: the hall's seal checks
    // out; an unknown code is said so.
    const visitor = await newPage('visitor');
    await withShots('clerk-case-page', visitor, server, async () => {
      await visitor.goto(`${server.url}/case.html?code=${caseCode}`);
      await visitor.locator('#receipt[data-state="valid"]').waitFor();
      assert.match(await visitor.locator('#matter').textContent(), /食品经营许可/);
      assert.equal(await visitor.locator('#stage').textContent(), '审批中');
      await shot(visitor, 'clerk-case-page');
      await visitor.goto(`${server.url}/case.html?code=310105202611290100000099`);
      await visitor.locator('#receipt[data-state="invalid"]').waitFor();
      assert.match(await visitor.locator('#verdict').textContent(), /未找到/);
    });
    await visitor.close();
    const instance = (await server.api('GET', `/api/v1/cases/${caseCode}`)).body.instanceId;

    // The food department wants one more material; the station approves.
    await decide('e2e-food', 'amr-food', instance, '退回补正', '请补充从业人员健康证明');
    await decide('e2e-station', 'amr-station', instance, '同意', '现场核查通过');

    // The applicant sees it too, on the receipt's QR page (no reasons there).
    const publicView = await (await fetch(`${server.url}/api/v1/receipts/${caseCode}/verify`)).json();
    assert.equal(publicView.stageLabel, '待补正');

    await withShots('clerk-supplement', page, server, async () => {
      await page.getByRole('tab', { name: /待补正/ }).click();
      const row = page.locator(`#case-rows[data-tab="supplement"] tr[data-case="${caseCode}"]`);
      await row.waitFor();
      assert.match(await row.textContent(), /请补充从业人员健康证明/);
      await row.getByRole('button', { name: '补正收件' }).click();
      await page.locator('#cases-problem', { hasText: '材料' }).waitFor();  // none ticked
      await row.locator('input[type=checkbox]').first().check();
      await row.getByRole('button', { name: '补正收件' }).click();
      await row.waitFor({ state: 'detached' });
      await shot(page, 'clerk-supplemented');
    });

    // Back to both departments; both approve; the licence is issued.
    await decide('e2e-food', 'amr-food', instance, '同意', '补正材料齐全');
    await decide('e2e-station', 'amr-station', instance, '同意', '现场核查通过');

    // The licence job runs on the engine's workers: wait (bounded) until the
    // case waits at the window's hand-over.
    const deadline = Date.now() + kWaitMs;
    for (;;) {
      const waiting = (await server.api('GET', `/api/v1/cases/${caseCode}`)).body.waitingAt ?? [];
      if (waiting.includes('hand_over')) break;
      assert.ok(Date.now() < deadline, `the licence was not issued in time: waiting at ${waiting}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await withShots('clerk-issue', page, server, async () => {
      await page.getByRole('tab', { name: /待出证/ }).click();
      const row = page.locator(`#case-rows[data-tab="issue"] tr[data-case="${caseCode}"]`);
      await row.waitFor();
      assert.match(await row.textContent(), new RegExp(`HL${caseCode}`));
      await row.getByRole('combobox', { name: '送达方式' }).selectOption('express');
      await shot(page, 'clerk-to-issue');
      await row.getByRole('button', { name: '出证' }).click();
      await row.waitFor({ state: 'detached' });
    });
    const ended = (await server.api('GET', `/api/v1/cases/${caseCode}`)).body;
    assert.equal(ended.ended, true, JSON.stringify(ended));
    assert.equal(ended.stage, 'done');
    await page.close();
  });
});
