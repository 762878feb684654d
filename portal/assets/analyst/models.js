// The models list: GET /api/v1/models, filtered by name as the analyst
// types; each version links to the modeler and the cockpit.
import { el } from './diagram.js';
import { call, signIn } from './session.js';
import { explainError, when } from './text.js';

const $ = (id) => document.getElementById(id);
let models = [];

function link(text, href, className) {
  const a = el('a', className, text);
  a.href = href;
  return a;
}

function pageUrl(page, key, version) {
  return `${page}?key=${encodeURIComponent(key)}&version=${version}`;
}

// The file's name; the whole path (as `hall serve` deployed it) on hover.
function fileCell(resource) {
  const td = el('td', 'analyst-code', resource.split('/').pop());
  td.title = resource;
  return td;
}

function render() {
  const query = $('search').value.trim().toLowerCase();
  const shown = models.filter((m) => !query || m.name.toLowerCase().includes(query) ||
    m.key.toLowerCase().includes(query) ||
    m.versions.some((v) => (v.name ?? '').toLowerCase().includes(query)));
  const rows = shown.map((m) => {
    const latest = m.versions[m.versions.length - 1];
    const tr = el('tr');
    tr.dataset.key = m.key;
    const versions = el('td', 'analyst-versions');
    for (const v of [...m.versions].reverse()) {
      const chip = link(`v${v.version}`, pageUrl('modeler.html', m.key, v.version), 'version-chip');
      chip.dataset.version = v.version;
      chip.title = `版本 ${v.version}，部署于 ${when(v.deployedAt)}`;
      versions.append(chip);
    }
    const actions = el('td', 'analyst-actions');
    actions.append(link('编辑', pageUrl('modeler.html', m.key, latest.version), 'button open-modeler'),
                   link('运行监控', pageUrl('cockpit.html', m.key, latest.version), 'button open-cockpit'));
    tr.append(el('td', 'model-name', m.name), el('td', 'analyst-code', m.key),
              el('td', 'model-latest', `版本 ${m.latestVersion}`), versions,
              fileCell(m.resource ?? ''), el('td', '', when(latest.deployedAt)), actions);
    return tr;
  });
  $('models').replaceChildren(...rows);
  $('empty').hidden = rows.length > 0;
  $('summary').textContent = `共 ${models.length} 个流程模型${query ? `，显示 ${rows.length} 个` : ''}`;
}

async function load() {
  try {
    models = await call('/api/v1/models');
    $('problem').hidden = true;
    render();
  } catch (e) {
    $('problem').textContent = explainError(e, '读取流程模型');
    $('problem').hidden = false;
  }
}

$('search').addEventListener('input', render);
await signIn();
await load();
