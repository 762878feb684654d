// A department's task list (后台审批) in a real browser against a real
// `hall serve --demo`, whose demo starts one 食品经营许可 case: its two
// approving departments (食品经营许可科 amr-food, 属地市场监管所
// amr-station) each sign in, see only their own task with its deadline,
// open the case, claim the task and decide; a reject without a reason is
// refused on the page. When both have approved, the case has left approval.
//
// Run by CTest as e2e_department (tests/e2e/run-e2e HALL department.test.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hallBinary, launchChromium, shot, sourceDir } from './browser.mjs';
import { HallServer } from './hall_server.mjs';


let server;
let browser;

async function foodCase() {
  const tasks = await server.api('GET', '/api/v1/tasks?limit=1000');
  const food = tasks.body.filter((t) => t.definitionKey === 'matter-food-business');
  assert.ok(food.length >= 2, `the demo's 食品经营许可 case has its approval tasks: ${JSON.stringify(food)}`);
  return food[0].processInstanceId;
}

// One approver's work: sign in, find the case's task in the list, open it,
// claim it, approve it with a remark.
async function approve(login, department, taskName, instance) {
  await server.createPerson(login, ['approver'], department);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(10000);
  page.on('pageerror', (e) => console.log(`page error (${login}): ${e.message}`));
  try {
    await server.signIn(page, login, '/department/tasks.html');
    const rows = page.locator('#tasks tr');
    await rows.first().waitFor();
    // Only this department's tasks are listed.
    const all = (await server.api('GET', '/api/v1/tasks?limit=1000')).body;
    const own = new Set(all.filter((t) => t.candidateGroups.includes(`dept:${department}`))
      .map((t) => t.processInstanceId));
    const listed = await rows.locator('td:nth-child(1)').allTextContents();
    assert.deepEqual(new Set(listed), own, `${login} sees exactly the tasks offered to ${department}`);
    const row = page.locator('#tasks tr', { hasText: instance });
    assert.match(await row.locator('.deadline').textContent(), /^剩 /);
    await row.getByRole('button', { name: '办理' }).click();
    await page.locator('#detail-title', { hasText: taskName }).waitFor();
    await page.getByRole('button', { name: '签收' }).click();
    await page.locator('#tasks tr', { hasText: instance }).locator('td', { hasText: '我' }).waitFor();

    // Refused on the page: a reject needs a reason.
    await page.getByRole('button', { name: '不予许可' }).click();
    await page.locator('#problem', { hasText: '理由' }).waitFor();

    await page.fill('#reason', '材料齐全,同意');
    await page.getByRole('button', { name: '同意' }).click();
    await page.locator('#detail').waitFor({ state: 'hidden' });
    await page.locator('#tasks tr', { hasText: instance }).waitFor({ state: 'detached' });
    await shot(page, `department-${login}`);
  } catch (e) {
    await shot(page, `department-${login}-failed`);
    console.log(`hall serve output (last 3000 characters):\n${server.output.slice(-3000)}`);
    throw e;
  } finally {
    await page.close();
  }
}

before(async () => {
  server = await HallServer.start({ hallBinary, sourceDir });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('department task list', () => {
  test('two departments approve one case in parallel and it leaves approval', async () => {
    const instance = await foodCase();
    await approve('e2e-food', 'amr-food', '长宁区市场监督管理局食品经营许可科审批', instance);
    const between = await server.api('GET', `/api/v1/process-instances/${instance}`);
    assert.ok(between.body.activeActivityIds.some((a) => a.startsWith('approve_')),
              `still waiting for the other department: ${JSON.stringify(between.body.activeActivityIds)}`);
    await approve('e2e-station', 'amr-station', '长宁区市场监督管理局属地市场监管所（现场核查）审批', instance);
    const after = await server.api('GET', `/api/v1/process-instances/${instance}`);
    assert.ok(!after.body.activeActivityIds.some((a) => a.startsWith('approve_')),
              `approval is over: ${JSON.stringify(after.body.activeActivityIds)}`);
  });
});
