// The modeler page: bpmn-js Modeler over one deployed version. 保存并检查
// sends the diagram as it stands (saveXML) to POST /api/v1/models/lint and
// shows each diagnostic on its element (an overlay and a marker class) and
// in the list; 部署新版本 posts it to /api/v1/models/{key}/deploy. The
// checked diagram is kept as a draft in this browser until it is deployed.
import { Modeler } from '../bundles/bpmn.js';
import { el, elementLabel, findModel, importModel, modelParams } from './diagram.js';
import { call, signIn } from './session.js';
import { explainDiagnostic, explainError, severityName, when } from './text.js';

const $ = (id) => document.getElementById(id);
const kOverlayType = 'hall-diagnostic';
const kMarkers = { error: 'hall-diagnostic-error', warning: 'hall-diagnostic-warning' };

const { key, version } = modelParams();
let currentVersion = version;
let resourceName = `${key}.bpmn`;
let marked = [];  // [elementId, marker class] of the last check

const modeler = new Modeler({ container: '#canvas' });
// For the browser test and the curious: the modeler of this page.
window.hallModeler = modeler;

const draftKey = () => `hall.analyst.draft:${key}`;

function status(text, kind = '') {
  $('status').textContent = text;
  $('status').className = `analyst-status ${kind ? `analyst-status-${kind}` : ''}`;
}

function problem(text) {
  $('problem').textContent = text ?? '';
  $('problem').hidden = !text;
}

function clearDiagnostics() {
  modeler.get('overlays').remove({ type: kOverlayType });
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  for (const [id, marker] of marked) {
    if (registry.get(id)) canvas.removeMarker(id, marker);
  }
  marked = [];
  $('diagnostics').replaceChildren();
}

// Marks each diagnostic on its element and lists them all.
function showDiagnostics(diagnostics) {
  clearDiagnostics();
  const canvas = modeler.get('canvas');
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  const badges = new Map();  // element id -> its overlay badge
  const items = diagnostics.map((d, index) => {
    const element = d.elementId ? registry.get(d.elementId) : null;
    if (element) {
      const marker = kMarkers[d.severity] ?? kMarkers.error;
      canvas.addMarker(d.elementId, marker);
      marked.push([d.elementId, marker]);
      let badge = badges.get(d.elementId);
      if (!badge) {
        badge = el('div', `hall-diagnostic-badge hall-diagnostic-badge-${d.severity}`, '!');
        badge.dataset.elementId = d.elementId;
        badge.title = '';
        badges.set(d.elementId, badge);
        overlays.add(d.elementId, kOverlayType, { position: { top: -12, right: 12 }, html: badge });
      } else if (d.severity === 'error') {
        badge.className = 'hall-diagnostic-badge hall-diagnostic-badge-error';
      }
      badge.title += `${badge.title ? '\n' : ''}${explainDiagnostic(d)}：${d.message}`;
    }
    const li = el('li', `diagnostic diagnostic-${d.severity}`);
    li.dataset.elementId = d.elementId ?? '';
    li.dataset.index = index;
    const head = el('div', 'diagnostic-head');
    head.append(el('span', `diagnostic-severity diagnostic-severity-${d.severity}`, severityName(d.severity)),
                el('span', 'diagnostic-element', elementLabel(modeler, d.elementId)));
    const place = d.line > 0 ? `第 ${d.line} 行，第 ${d.column} 列` : '';
    li.append(head, el('div', 'diagnostic-text', explainDiagnostic(d)),
              el('div', 'diagnostic-original analyst-code', d.message),
              el('div', 'diagnostic-place analyst-muted', place));
    if (element) {
      li.tabIndex = 0;
      li.addEventListener('click', () => {
        modeler.get('selection').select(element);
        canvas.scrollToElement(element);
      });
    }
    return li;
  });
  $('diagnostics').replaceChildren(...items);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  $('diagnostics-summary').textContent = diagnostics.length === 0
    ? '未发现问题，可以部署'
    : `发现 ${errors} 处错误、${warnings} 处警告`;
  $('diagnostics-summary').className = errors > 0 ? 'analyst-bad' : 'analyst-good';
  return errors;
}

async function currentXml() {
  const { xml } = await modeler.saveXML({ format: true });
  return xml;
}

async function check() {
  problem();
  status('正在检查…');
  try {
    const xml = await currentXml();
    localStorage.setItem(draftKey(), JSON.stringify({ xml, savedAt: new Date().toISOString(), from: currentVersion }));
    const result = await call('/api/v1/models/lint', { method: 'POST', body: { resourceName, xml } });
    const errors = showDiagnostics(result.diagnostics);
    status(errors > 0 ? '已保存草稿；模型有错误，修改后再检查' : '已保存草稿，检查通过',
           errors > 0 ? 'bad' : 'good');
  } catch (e) {
    status('');
    problem(explainError(e, '检查'));
  }
}

async function deploy() {
  problem();
  status('正在部署…');
  try {
    const xml = await currentXml();
    const result = await call(`/api/v1/models/${encodeURIComponent(key)}/deploy`,
                              { method: 'POST', body: { resourceName, xml } });
    showDiagnostics(result.warnings ?? []);
    localStorage.removeItem(draftKey());
    $('draft').hidden = true;
    const model = result.model;
    if (!model) {
      const others = result.definitions.map((d) => `${d.key} 版本 ${d.version}`).join('、');
      status(`已部署：${others}（文档中的流程标识已不是 ${key}）`, 'good');
      return;
    }
    currentVersion = model.version;
    history.replaceState(null, '', `?key=${encodeURIComponent(key)}&version=${model.version}`);
    await loadVersions();
    status(model.isNew ? `已部署为版本 ${model.version}` : `内容与版本 ${model.version} 相同，未产生新版本`, 'good');
    $('deploy-result')?.remove();
    const note = el('span', 'analyst-deployed', `版本 ${model.version}`);
    note.id = 'deploy-result';
    note.dataset.version = model.version;
    $('status').after(note);
  } catch (e) {
    status('');
    problem(explainError(e, '部署'));
    if (e.status === 422) showDiagnostics(e.details?.diagnostics ?? []);
  }
}

async function loadVersions() {
  const model = await findModel(key);
  if (!model) return;
  resourceName = model.resource || resourceName;
  $('title').textContent = `流程建模 · ${model.name}`;
  document.title = `${model.name} · 流程建模 · 长宁区行政服务中心`;
  const options = [...model.versions].reverse().map((v) => {
    const option = el('option', '', `版本 ${v.version}（${when(v.deployedAt)}）`);
    option.value = v.version;
    option.selected = v.version === currentVersion;
    return option;
  });
  $('version').replaceChildren(...options);
  $('to-cockpit').href = `cockpit.html?key=${encodeURIComponent(key)}&version=${currentVersion}`;
}

function offerDraft(deployedXml) {
  const saved = JSON.parse(localStorage.getItem(draftKey()) ?? 'null');
  if (!saved || saved.xml === deployedXml) return;
  $('draft-text').textContent = `本浏览器中有未部署的草稿（保存于 ${when(saved.savedAt)}，基于版本 ${saved.from}）`;
  $('draft').hidden = false;
  $('draft-restore').onclick = async () => {
    await modeler.importXML(saved.xml);
    modeler.get('canvas').zoom('fit-viewport', 'auto');
    $('draft').hidden = true;
    status('已恢复草稿');
  };
  $('draft-discard').onclick = () => {
    localStorage.removeItem(draftKey());
    $('draft').hidden = true;
  };
}

async function open() {
  $('model-key').textContent = key;
  if (!key || !version) {
    problem('地址中缺少流程标识或版本号，请从流程模型列表进入');
    return;
  }
  try {
    await loadVersions();
    const { laidOut, xml } = await importModel(modeler, key, version);
    status(laidOut ? '该模型原无图形布局，已自动排版；部署后将保存排版' : '');
    offerDraft(xml);
    $('check').disabled = false;
    $('deploy').disabled = false;
    document.body.dataset.ready = 'true';
  } catch (e) {
    problem(explainError(e, '打开模型'));
  }
}

$('check').addEventListener('click', check);
$('deploy').addEventListener('click', deploy);
$('version').addEventListener('change', () => {
  location.search = `?key=${encodeURIComponent(key)}&version=${$('version').value}`;
});
modeler.on('commandStack.changed', () => {
  if (document.body.dataset.ready === 'true') status('有未检查的修改');
});

await signIn();
await open();
