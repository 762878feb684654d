// The licence usage list (用证清单) on the clerk's intake page, in a real
// browser against `hall serve --city` and the real city simulator: the
// city holds a 营业执照 of the applicant; once the clerk types the
// applicant's ID number the checklist shows that material 电子证照已调取
// with the licence's number, and a material the applicant holds no licence
// for gets a mark like paper. With the library down the page says 查询电子
// 证照失败，请核验纸质材料 and every e-licence material gets a mark.
//
// Run by CTest as e2e_intake_licences (tests/e2e/run-e2e HALL intake_licences.test.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hallBinary, launchChromium, shot, sourceDir, withShots } from './browser.mjs';
import { CitySim, citysimBinary } from './city_sim.mjs';
import { HallServer } from './hall_server.mjs';

const kWaitMs = 15000;
const kFoodMatter = '00012310600001-310105000000-000-11310105MB2F1952X1-1-00';
const kIdNumber = '11010519491231002X';

let city;
let server;
let browser;

before(async () => {
  city = await CitySim.start(citysimBinary(hallBinary));
  server = await HallServer.start({ hallBinary, sourceDir, city });
  await server.createPerson('e2e-clerk', ['clerk']);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await city?.stop();
});

describe('intake with the e-licence library', () => {
  test('marks the licence the applicant holds as fetched, and asks for paper when the library fails', async () => {
    const issued = await city.request('POST', '/elicense/v1/licences', {
      typeCode: '11100000000013127D001', licenceName: '营业执照', holder: '李四',
      holderIdType: 'ID_CARD', holderId: kIdNumber, issuer: '上海市长宁区市场监督管理局',
      issuedOn: '2026-01-05', caseCode: '31010520260105010000001',
    }, { 'Idempotency-Key': 'e2e-business-licence' });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const number = issued.body.licenceNumber;

    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    page.setDefaultTimeout(kWaitMs);
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    await withShots('intake-licences', page, server, async () => {
      await server.signIn(page, 'e2e-clerk', '/clerk/workbench.html');
      await page.locator('body[data-ready="true"]').waitFor();
      await page.fill('#catalogue-search', '食品经营');
      const pick = page.locator(`#catalogue-results button[data-code="${kFoodMatter}"]`);
      await pick.click();
      await page.locator('#subject-name', { hasText: '食品经营许可' }).waitFor();
      const business = page.locator('#checklist tr[data-material="business-licence"]');
      const applicantId = page.locator('#checklist tr[data-material="applicant-id"]');
      await business.locator('.chip', { hasText: '电子证照，免提交' }).waitFor();

      // The applicant's number, typed: the library is asked.
      await page.fill('#applicant-id', kIdNumber);
      await page.press('#applicant-id', 'Tab');
      await business.locator('.chip.fetched', { hasText: `电子证照已调取：营业执照（${number}）` }).waitFor();
      assert.equal(await business.locator('select').count(), 0, 'no paper asked for');
      await applicantId.locator('select').waitFor();
      assert.match(await applicantId.textContent(), /未调取到有效电子证照/);
      assert.match(await page.locator('#licence-note').textContent(), /电子证照已调取 1 项/);
      await shot(page, 'intake-licences-fetched');

      // The library goes down; the clerk opens the matter again.
      const down = await fetch(`${city.url}/_sim/faults/elicense`, { method: 'PUT', body: '{"downForMs": 60000}' });
      assert.equal(down.status, 200);
      await page.fill('#catalogue-search', '食品经营许可');
      await pick.click();
      await page.locator('#licence-note[data-lookup="failed"]', { hasText: '查询电子证照失败，请核验纸质材料' }).waitFor();
      await business.locator('select').waitFor();
      assert.match(await business.textContent(), /查询失败，请核验纸质材料/);
      await shot(page, 'intake-licences-failed');
    });
    await page.close();
  });
});
