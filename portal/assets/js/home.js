// The portal's home: one tile per page the person's roles may open.
import { hasRole, requirePerson, showPerson } from './session.js';

// Each page and the roles that open it (the server checks again: this only
// decides what to show).
const kPages = [
  { href: '/clerk/workbench.html', title: '综合窗口', hint: '叫号、收件受理、补正、出证', roles: ['clerk'] },
  { href: '/department/tasks.html', title: '审批任务', hint: '本部门待办、补正、办结', roles: ['approver'] },
  { href: '/analyst/models.html', title: '业务模型', hint: '流程建模、检查、部署、运行监控', roles: ['analyst'] },
  { href: '/admin/hall.html', title: '窗口管理', hint: '窗口、部门、队列、事项', roles: ['manager', 'admin'] },
  { href: '/admin/devices.html', title: '设备状态', hint: '取号机、窗口屏、广播', roles: ['manager'] },
  { href: '/clerk/online_cases.html', title: '网办接件', hint: '一网通办网上申请，窗口接件受理', roles: ['clerk'] },
  { href: '/manager/follow_ups.html', title: '差评整改', hint: '好差评差评的整改与反馈', roles: ['manager'] },
];

const who = await requirePerson();
showPerson(document.getElementById('person'), who);
const tiles = document.getElementById('tiles');
for (const page of kPages.filter((p) => hasRole(who, ...p.roles))) {
  const tile = document.createElement('a');
  tile.className = 'tile';
  tile.href = page.href;
  const title = document.createElement('strong');
  title.textContent = page.title;
  const hint = document.createElement('span');
  hint.textContent = page.hint;
  tile.append(title, hint);
  tiles.append(tile);
}
