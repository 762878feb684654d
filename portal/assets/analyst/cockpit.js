// The cockpit page: bpmn-js NavigatedViewer over one version, with a badge
// per element counting the running instances waiting there (GET
// …/statistics; incidents in red). The instance list comes from GET
// /api/v1/instances; picking one highlights its path from its history
// (completed elements, the flows between them, where it waits now) and
// lists the history in order.
import { NavigatedViewer } from '../bundles/bpmn.js';
import { el, elementLabel, findModel, importModel, modelParams, modelPath } from './diagram.js';
import { call, signIn } from './session.js';
import { eventTypeName, explainError, when } from './text.js';

const $ = (id) => document.getElementById(id);
const kRefreshMs = 15000;
const kInstanceLimit = 200;
const kCountType = 'hall-count';
const kPathMarkers = ['hall-path-done', 'hall-path-active', 'hall-path-flow'];

const { key, version } = modelParams();
const viewer = new NavigatedViewer({ container: '#canvas' });
window.hallViewer = viewer;
let timer = null;
let pathMarked = [];
let selected = '';

function problem(text) {
  $('problem').textContent = text ?? '';
  $('problem').hidden = !text;
}

function badge(className, text, elementId, title) {
  const node = el('div', className, text);
  node.dataset.elementId = elementId;
  node.title = title;
  return node;
}

function showCounts(stats) {
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  overlays.remove({ type: kCountType });
  for (const e of stats.elements) {
    if (!registry.get(e.elementId)) continue;
    const waiting = e.waiting - e.incidents;
    if (waiting > 0) {
      overlays.add(e.elementId, kCountType, {
        position: { bottom: 10, left: -10 },
        html: badge('hall-count-badge', String(waiting), e.elementId, `${waiting} 个实例在此等待`),
      });
    }
    if (e.incidents > 0) {
      overlays.add(e.elementId, kCountType, {
        position: { bottom: 10, right: 10 },
        html: badge('hall-incident-badge', String(e.incidents), e.elementId, `${e.incidents} 个故障`),
      });
    }
  }
  $('totals').textContent = `等待中 ${stats.waiting} 个令牌，其中故障 ${stats.incidents} 个`;
}

function showInstances(instances) {
  const rows = instances.map((i) => {
    const tr = el('tr', i.incident ? 'instance-incident' : '');
    tr.dataset.instance = i.id;
    tr.tabIndex = 0;
    if (i.id === selected) tr.classList.add('selected');
    const at = [...new Set(i.activeActivityIds)].map((id) => elementLabel(viewer, id)).join('、');
    const shortId = el('td', 'analyst-code', i.id.slice(-8));  // ids share their time prefix
    shortId.title = i.id;
    tr.append(shortId, el('td', '', i.businessKey ?? ''),
              el('td', '', when(i.startedAt)), el('td', '', (i.state === 'suspended' ? '（挂起）' : '') + at));
    tr.addEventListener('click', () => showPath(i));
    return tr;
  });
  $('instances').replaceChildren(...rows);
  $('instances-summary').textContent = instances.length === 0
    ? '该版本没有运行中的实例'
    : `共 ${instances.length} 个${instances.length === kInstanceLimit ? '（仅显示最早的 ' + kInstanceLimit + ' 个）' : ''}`;
}

function clearPath() {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  for (const [id, marker] of pathMarked) {
    if (registry.get(id)) canvas.removeMarker(id, marker);
  }
  pathMarked = [];
}

function mark(id, marker) {
  if (!viewer.get('elementRegistry').get(id)) return;
  viewer.get('canvas').addMarker(id, marker);
  pathMarked.push([id, marker]);
}

async function showPath(instance) {
  selected = instance.id;
  for (const tr of $('instances').children) tr.classList.toggle('selected', tr.dataset.instance === selected);
  try {
    const events = await call(`/api/v1/process-instances/${encodeURIComponent(instance.id)}/history`);
    clearPath();
    const completed = new Set();
    const activated = new Set();
    for (const e of events) {
      if (e.type === 'element-completed' && e.elementId) completed.add(e.elementId);
      if (e.type === 'element-activated' && e.elementId) activated.add(e.elementId);
    }
    const active = new Set(instance.activeActivityIds);
    for (const id of completed) if (!active.has(id)) mark(id, 'hall-path-done');
    for (const id of active) mark(id, 'hall-path-active');
    // A flow is on the path when its source completed and its target was entered.
    for (const element of viewer.get('elementRegistry').filter((x) => x.type === 'bpmn:SequenceFlow')) {
      const flow = element.businessObject;
      if (completed.has(flow.sourceRef?.id) && activated.has(flow.targetRef?.id)) mark(element.id, 'hall-path-flow');
    }
    const items = events.map((e) => {
      const li = el('li', `path-event path-${e.type}`);
      li.dataset.type = e.type;
      li.dataset.elementId = e.elementId ?? '';
      li.append(el('span', 'path-seq analyst-muted', String(e.seq)),
                el('span', 'path-type', eventTypeName(e.type)),
                el('span', 'path-element', e.elementId ? elementLabel(viewer, e.elementId) : ''),
                el('span', 'path-at analyst-muted', when(e.at)));
      return li;
    });
    $('path-events').replaceChildren(...items);
    $('path-instance').textContent = instance.id;
    $('path').hidden = false;
  } catch (e) {
    problem(explainError(e, '读取实例轨迹'));
  }
}

async function refresh() {
  clearTimeout(timer);
  try {
    const [stats, instances] = await Promise.all([
      call(modelPath(key, version, 'statistics')),
      call(`/api/v1/instances?definitionKey=${encodeURIComponent(key)}&version=${version}&limit=${kInstanceLimit}`),
    ]);
    showCounts(stats);
    showInstances(instances);
    problem();
    $('updated').textContent = `更新于 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
    document.body.dataset.ready = 'true';
  } catch (e) {
    problem(explainError(e, '读取运行情况'));
  }
  timer = setTimeout(refresh, kRefreshMs);
}

async function open() {
  $('model-key').textContent = key;
  if (!key || !version) {
    problem('地址中缺少流程标识或版本号，请从流程模型列表进入');
    return;
  }
  try {
    const model = await findModel(key);
    if (model) {
      $('title').textContent = `运行监控 · ${model.name}`;
      $('version').replaceChildren(...[...model.versions].reverse().map((v) => {
        const option = el('option', '', `版本 ${v.version}`);
        option.value = v.version;
        option.selected = v.version === version;
        return option;
      }));
    }
    $('to-modeler').href = `modeler.html?key=${encodeURIComponent(key)}&version=${version}`;
    await importModel(viewer, key, version);
  } catch (e) {
    problem(explainError(e, '打开模型'));
    return;
  }
  await refresh();
}

$('refresh').addEventListener('click', refresh);
$('path-clear').addEventListener('click', () => {
  clearPath();
  selected = '';
  $('path').hidden = true;
  for (const tr of $('instances').children) tr.classList.remove('selected');
});
$('version').addEventListener('change', () => {
  location.search = `?key=${encodeURIComponent(key)}&version=${$('version').value}`;
});

await signIn();
await open();
