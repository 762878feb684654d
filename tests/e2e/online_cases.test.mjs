// 网办接件 and 差评整改 in a real browser against `hall serve --city` and the
// real city simulator. A citizen applies online for 食品经营许可 at this
// hall; the clerk, signed in to a window, opens 网办接件 from the
// workbench, sees the applicant masked, the matter, the situation in words,
// the applied time and the city's form read-only, and takes the case in:
// the page shows the new case code, and the case is at the clerk's window.
// An applicant the hall cannot take in (an enterprise, USCC) gets an error
// naming the field in Chinese. The visitor then rates the case 非常不满意;
// the manager opens 差评整改 from the portal's home, sees the rating (已超期
// once the due date has passed), and completes it with what was done.
// Without --city the page says 未连接一网通办中台.
//
// Run by CTest as e2e_online_cases (tests/e2e/run-e2e HALL online_cases.test.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hallBinary, launchChromium, shot, sourceDir, withShots } from './browser.mjs';
import { CitySim, citysimBinary } from './city_sim.mjs';
import { HallServer } from './hall_server.mjs';

const kWaitMs = 15000;
const kFoodMatter = '00012310600001-310105000000-000-11310105MB2F1952X1-1-00';
const kHallCode = '310105-CN01';  // hall serve's default
const kIdNumber = '11010519491231002X';
const kPhone = '13812345678';
const kComment = '等候时间太长，窗口解释不清';

let city;
let server;
let alone;  // a hall without --city
let browser;
let caseCode = '';  // the case the online application became
let windowId = '';

// The two halls start at once (each takes seconds).
before(async () => {
  const connected = (async () => {
    city = await CitySim.start(citysimBinary(hallBinary));
    server = await HallServer.start({ hallBinary, sourceDir, city });
    await server.createPerson('e2e-clerk', ['clerk']);
    await server.createPerson('e2e-manager', ['manager']);
  })();
  const unconnected = (async () => {
    alone = await HallServer.start({ hallBinary, sourceDir });
    await alone.createPerson('e2e-clerk', ['clerk']);
  })();
  const chromium = (async () => {
    browser = await launchChromium();
  })();
  await Promise.all([connected, unconnected, chromium]);
});

after(async () => {
  await browser?.close();
  await Promise.all([server?.stop(), alone?.stop()]);
  await city?.stop();
});

// A citizen applies online (the simulator's unsigned control); the online case's id.
async function applyOnline(applicant, extra = {}) {
  const response = await fetch(`${city.url}/_sim/onenet/online-cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ matterCode: kFoodMatter, applicant, hallCode: kHallCode, ...extra }),
  });
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return body.id;
}

async function newPage() {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  page.setDefaultTimeout(kWaitMs);
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  return page;
}

describe('网办接件', () => {
  test('the clerk sees an online case masked with its situation and form, and takes it in', async () => {
    const person = await applyOnline({ name: '王小明', idType: 'ID_CARD', idNumber: kIdNumber }, {
      phone: kPhone,
      situation: { cold_food: 'yes', drinks: 'no', staff_hired: 'yes', premises: 'leased', agent: 'self' },
    });
    const company = await applyOnline({ name: '上海某某餐饮有限公司', idType: 'USCC', idNumber: '91350100M000100Y43' });
    const windows = (await server.api('GET', '/api/v1/windows')).body;
    windowId = windows.find((w) => w.state === 'offline').id;

    const page = await newPage();
    await withShots('online-cases', page, server, async () => {
      await server.signIn(page, 'e2e-clerk', '/clerk/workbench.html');
      await page.locator('body[data-ready="true"]').waitFor();
      await page.selectOption('#window-select', windowId);
      await page.getByRole('button', { name: '签到' }).click();
      await page.locator('#window-state', { hasText: '空闲' }).waitFor();
      await page.getByRole('link', { name: '网办接件' }).click();
      await page.locator('body[data-ready="true"]').waitFor();
      await page.locator('#count', { hasText: '(2)' }).waitFor();

      const card = page.locator(`section[data-online="${person}"]`);
      const text = await card.textContent();
      for (const shown of ['食品经营许可（新办）', '王**', '110105********002X', '138****5678',
                           '是否制售凉菜', '：是', '经营场所是自有还是租赁？：租赁房屋']) {
        assert.ok(text.includes(shown), `the card shows ${shown}: ${text}`);
      }
      assert.match(text, /申请时间20\d\d-\d\d-\d\d \d\d:\d\d/);
      const body = await page.locator('body').textContent();
      for (const secret of [kIdNumber, kPhone, '王小明']) assert.ok(!body.includes(secret), `${secret} is masked`);
      // The city's form, read-only, each field with its label.
      const entity = card.getByLabel('经营者名称（必填）');
      assert.equal(await entity.getAttribute('readonly'), '');
      assert.ok(await card.getByLabel('主体业态（必填）').isDisabled());
      assert.ok(text.includes('联系电话'), 'an optional field too');
      await shot(page, 'online-cases-list');

      await card.getByRole('button', { name: '接件' }).click();
      await card.locator('.taken', { hasText: '已接件受理，办件编码' }).waitFor();
      caseCode = (await card.locator('.case-code').textContent()).trim();
      assert.match(caseCode, /^[0-9A-Z]{23}$/);
      const taken = await server.api('GET', `/api/v1/cases/${caseCode}`);
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
      assert.equal(taken.body.window, windowId);
      assert.equal(taken.body.clerk, 'e2e-clerk');

      // An enterprise applicant: the error names the field in Chinese.
      const other = page.locator(`section[data-online="${company}"]`);
      await other.getByRole('button', { name: '接件' }).click();
      await other.locator('.problem', { hasText: '接件未成功：申请人证件类型有误——窗口接件仅支持居民身份证申请人' }).waitFor();
      assert.equal(await other.locator('.taken').count(), 0);
      await shot(page, 'online-cases-taken');

      await page.getByRole('button', { name: '刷新' }).click();
      await page.locator('#empty', { hasText: '暂无待接件的网办件' }).waitFor({ state: 'visible' });
    });
    await page.close();
  });

  test('without a city the page says it is not connected', async () => {
    const page = await newPage();
    await withShots('online-cases-alone', page, alone, async () => {
      await alone.signIn(page, 'e2e-clerk', '/clerk/online_cases.html');
      await page.locator('body[data-ready="true"]').waitFor();
      await page.locator('#status', { hasText: '未连接一网通办中台' }).waitFor();
      assert.equal(await page.locator('section.online-case').count(), 0);
    });
    await page.close();
  });
});

describe('差评整改', () => {
  test('a poor rating of the case opens a follow-up the manager sees, overdue later, and completes', async () => {
    assert.ok(caseCode, 'the online case was taken in');
    const rated = await fetch(`${server.url}/api/v1/ratings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ caseCode, level: 1, channel: 'web', comment: kComment }),
    });
    const rating = await rated.json();
    assert.equal(rated.status, 201, JSON.stringify(rating));
    assert.equal(rating.followUp, true);

    const page = await newPage();
    await withShots('follow-ups', page, server, async () => {
      await server.signIn(page, 'e2e-manager', '/index.html');
      await page.getByRole('link', { name: /差评整改/ }).click();
      await page.locator('body[data-ready="true"]').waitFor();
      const row = page.locator('#rows tr');
      await row.first().waitFor();
      assert.equal(await row.count(), 1);
      const cells = await row.locator('td').allTextContents();
      assert.deepEqual(cells.slice(0, 5), ['非常不满意', kComment, caseCode, windowId, 'e2e-clerk']);
      assert.match(cells[6], /^20\d\d-\d\d-\d\d \d\d:\d\d$/, 'due, not yet overdue');
      await shot(page, 'follow-ups-list');

      // Once the due date has passed (the browser's clock), it is marked.
      const due = (await server.api('GET', '/api/v1/ratings/follow-ups')).body[0].due;
      await page.clock.install({ time: new Date(Date.parse(due) + 3600000) });
      await page.reload();
      await page.locator('body[data-ready="true"]').waitFor();
      await page.locator('#rows tr.overdue td.due', { hasText: '已超期' }).waitFor();

      await page.getByRole('button', { name: '整改' }).click();
      await page.getByRole('button', { name: '提交整改结果' }).click();
      await page.locator('#complete-problem', { hasText: '提交整改结果未成功：整改情况有误——请填写整改情况' }).waitFor();
      assert.equal((await server.api('GET', '/api/v1/ratings/follow-ups')).body.length, 1, 'nothing changed');

      await page.getByLabel('整改情况').fill('当日电话回访申请人，说明办理流程并致歉；已对窗口人员进行业务培训');
      await page.getByRole('button', { name: '提交整改结果' }).click();
      await page.locator('#done', { hasText: `已完成整改：${caseCode}` }).waitFor();
      await page.locator('#empty', { hasText: '暂无待整改的差评' }).waitFor({ state: 'visible' });
      assert.deepEqual((await server.api('GET', '/api/v1/ratings/follow-ups')).body, []);
      await shot(page, 'follow-ups-done');
    });
    await page.close();
  });
});
