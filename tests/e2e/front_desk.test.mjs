// The front desk in a real browser: a kiosk issues a walk-in ticket, the
// welcome screen counts it, a clerk calls it and the window's strip and the
// welcome screen show the call; a device the hall does not know, or with a
// wrong key, shows 设备未授权; the manager's device board shows who is online.
//
// Run by CTest as e2e_front_desk (tests/e2e/run-e2e); by hand:
//   HALL_BIN=build/release/portal/app/hall node --test tests/e2e/front_desk.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hallBinary, launchChromium, sourceDir, withShots } from './browser.mjs';
import { HallServer } from './hall_server.mjs';

const kUpdateMs = 5000;  // a screen shows a change within this (the brief is "within a second")

let server;
let browser;

// Polls the locator's text until `expected` (string: equal after trimming;
// RegExp: matches) holds, or fails with the last text seen.
async function expectText(locator, expected, { timeout = kUpdateMs } = {}) {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    const text = await locator.first()
      .textContent({ timeout: Math.max(100, deadline - Date.now()) })
      .catch(() => null);
    if (text !== null) last = text.trim();
    const ok = text !== null && (expected instanceof RegExp ? expected.test(last) : last === expected);
    if (ok) return last;
    if (Date.now() >= deadline) {
      assert.fail(`${locator}: expected ${expected} within ${timeout} ms, last saw "${last}"`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openPage(url, viewport) {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(10000);
  page.on('pageerror', (e) => console.log(`page error on ${url}: ${e.message}`));
  await page.goto(url);
  return page;
}


before(async () => {
  server = await HallServer.start({ hallBinary, sourceDir });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('front desk devices', () => {
  test('a walk-in ticket from the kiosk is counted, called, and shown on the strip and welcome screen', async () => {
    const kiosk = await openPage(server.devicePage('devices/kiosk.html', 'kiosk-1f-a'),
                                 { width: 1080, height: 1920 });
    const welcome = await openPage(server.devicePage('devices/welcome.html', 'led-1f'),
                                   { width: 1920, height: 1200 });
    const strip = await openPage(server.devicePage('devices/strip.html', 'strip-W01'),
                                 { width: 1280, height: 200 });
    await withShots('walk-in', { kiosk, welcome, strip }, server, async () => {
      // The kiosk: 商事登记 → 直接取号 → no phone → the ticket.
      await kiosk.getByRole('button', { name: /商事登记/ }).click();
      await kiosk.locator('[data-channel="walk-in"]').click();
      const issued = kiosk.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST');
      await kiosk.getByRole('button', { name: '不需要提醒，直接取号' }).click();
      const response = await issued;
      assert.equal(response.status(), 201, await response.text());
      const ticket = await response.json();
      assert.match(ticket.number, /^A\d{3}$/);
      await expectText(kiosk.locator('#ticket-number'), ticket.number);
      await expectText(kiosk.locator('#ticket-queue'), '商事登记');
      await expectText(kiosk.locator('.ticket-ahead'), /前面还有\s*0\s*人/);
      assert.equal(await kiosk.locator('#ticket-qr svg').count(), 1, 'the ticket has its QR code');

      // Counted by the API and on the welcome screen.
      const queues = await server.api('GET', '/api/v1/queues');
      assert.equal(queues.status, 200);
      assert.equal(queues.body.find((q) => q.id === 'commerce').waiting, 1);
      await expectText(welcome.locator('tr[data-queue="commerce"] .queue-waiting'), '1 人');

      // A clerk at W01 calls it.
      const signedIn = await server.api('POST', '/api/v1/windows/W01/sign-in', { clerk: '张敏' });
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      await expectText(strip.locator('#window-state'), '空闲');
      const called = await server.api('POST', '/api/v1/windows/W01/call-next', {});
      assert.equal(called.status, 200, JSON.stringify(called.body));
      assert.equal(called.body.number, ticket.number);

      await expectText(strip.locator('#ticket-number'), ticket.number);
      await expectText(strip.locator('#window-state'), '呼叫中');
      await expectText(strip.locator('#clerk'), '张敏');
      await expectText(strip.locator('#window-number'), '1');
      await expectText(welcome.locator('#latest-number'), ticket.number);
      await expectText(welcome.locator('#latest-window'), '1');
      await expectText(welcome.locator('tr[data-queue="commerce"] .queue-waiting'), '0 人');

      // The visitor's phone, from the ticket's QR code.
      const qrUrl = await kiosk.locator('#ticket-qr').getAttribute('data-url');
      assert.ok(qrUrl.endsWith(`/status.html?t=${ticket.statusToken}`), qrUrl);
      const phone = await openPage(qrUrl, { width: 390, height: 844 });
      await expectText(phone.locator('#number'), ticket.number);
      await expectText(phone.locator('#state'), '请到 1 号窗口');
      await phone.close();
    });
    await Promise.all([kiosk.close(), welcome.close(), strip.close()]);
  });

  test('the kiosk shows a refused ID number in Chinese, naming the field', async () => {
    const kiosk = await openPage(server.devicePage('devices/kiosk.html', 'kiosk-1f-b'),
                                 { width: 1080, height: 1920 });
    await withShots('id-refused', { kiosk }, server, async () => {
      await kiosk.getByRole('button', { name: /企业政策/ }).click();
      await kiosk.locator('[data-channel="id-card"]').click();
      // 11010519491231002X is well formed; the last digit changed breaks its check character.
      await kiosk.keyboard.type('110105194912310021');
      await kiosk.getByRole('button', { name: '下一步' }).click();
      await kiosk.getByRole('button', { name: '不需要提醒，直接取号' }).click();
      await expectText(kiosk.locator('#error-field'), '身份证号码');
      await expectText(kiosk.locator('#error-text'), /身份证号码校验位错误/);
      await kiosk.getByRole('button', { name: '知道了' }).click();
      await expectText(kiosk.locator('#entry-title'), '请刷身份证或输入身份证号码');
    });
    await kiosk.close();
  });

  test('a device the hall does not know, or with a wrong key, shows 设备未授权', async () => {
    const unknown = await openPage(
      server.devicePage('devices/strip.html', 'strip-W99', { key: server.deviceKey('strip-W99') }),
      { width: 1280, height: 200 });
    const badKey = await openPage(
      server.devicePage('devices/welcome.html', 'led-1f', { key: server.deviceKey('led-2f') }),
      { width: 1920, height: 1200 });
    const noKey = await openPage(new URL('devices/kiosk.html?device=kiosk-1f-a', `${server.url}/`).toString(),
                                 { width: 1080, height: 1920 });
    await withShots('refused', { unknown, badKey, noKey }, server, async () => {
      for (const page of [unknown, badKey, noKey]) {
        await expectText(page.locator('.link-refused h1'), '设备未授权');
      }
      await expectText(unknown.locator('.link-refused'), /未在大厅登记/);
      await expectText(badKey.locator('.link-refused'), /密钥错误/);
    });
    await Promise.all([unknown.close(), badKey.close(), noKey.close()]);
  });

  test("the manager's device board shows a screen online while it is connected", async () => {
    await server.createPerson('e2e-manager', ['manager']);
    const board = await openPage(new URL('login.html', `${server.url}/`).toString(),
                                 { width: 1400, height: 900 });
    const strip = await openPage(server.devicePage('devices/strip.html', 'strip-W02'),
                                 { width: 1280, height: 200 });
    await withShots('device-board', { board, strip }, server, async () => {
      await server.signIn(board, 'e2e-manager', '/admin/devices.html', 'not the password 1');
      await expectText(board.locator('#problem'), /登录名或密码错误/);
      await server.signIn(board, 'e2e-manager', '/admin/devices.html');
      await expectText(board.locator('tr[data-device="strip-W02"] .state'), '在线');
      await expectText(board.locator('tr[data-device="strip-W03"] .state'), '离线');
      await strip.close();
      // A closed connection is offline at once (missed heartbeats take longer).
      await expectText(board.locator('tr[data-device="strip-W02"] .state'), '离线');
    });
    await board.close();
  });
});
