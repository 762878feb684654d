// What the modeler and the cockpit share: reading a model version from the
// API into a bpmn-js instance (laying it out first when it was written
// without diagram interchange, as the hand-written models in models/ are),
// and the models list entry of one key.
import { layoutProcess } from '../bundles/bpmn.js';
import { call } from './session.js';

const kDiagram = /<([A-Za-z_][\w.-]*:)?BPMNDiagram[\s>]/;

export function modelParams() {
  const params = new URLSearchParams(location.search);
  const key = params.get('key') ?? '';
  const version = Number.parseInt(params.get('version') ?? '', 10);
  return { key, version: Number.isInteger(version) && version > 0 ? version : 0 };
}

export function modelPath(key, version, tail) {
  return `/api/v1/models/${encodeURIComponent(key)}/versions/${version}/${tail}`;
}

// The list entry of `key` ({key, name, latestVersion, resource, versions}), or null.
export async function findModel(key) {
  const models = await call(`/api/v1/models?q=${encodeURIComponent(key)}`);
  return models.find((m) => m.key === key) ?? null;
}

const kBpmn = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

// Hand-written models name each flow's source and target but seldom list a
// node's incoming and outgoing flows, which the auto-layout walks: add
// those lists (after documentation and extensionElements, where BPMN puts
// them) before laying out.
function withFlowLists(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return xml;
  const byId = new Map();
  for (const node of doc.getElementsByTagNameNS(kBpmn, '*')) {
    if (node.hasAttribute('id')) byId.set(node.getAttribute('id'), node);
  }
  const listed = (node, local, flowId) => [...node.children].some(
    (c) => c.namespaceURI === kBpmn && c.localName === local && c.textContent.trim() === flowId);
  // Incoming before outgoing, both before anything else but documentation
  // and extensionElements.
  const add = (node, local, flowId) => {
    if (!node || listed(node, local, flowId)) return;
    const item = doc.createElementNS(kBpmn, node.prefix ? `${node.prefix}:${local}` : local);
    item.textContent = flowId;
    const skip = ['documentation', 'extensionElements', 'incoming'];
    if (local === 'outgoing') skip.push('outgoing');
    const before = [...node.children].find((c) => !skip.includes(c.localName)) ?? null;
    node.insertBefore(item, before);
  };
  for (const flow of doc.getElementsByTagNameNS(kBpmn, 'sequenceFlow')) {
    const id = flow.getAttribute('id');
    add(byId.get(flow.getAttribute('sourceRef')), 'outgoing', id);
    add(byId.get(flow.getAttribute('targetRef')), 'incoming', id);
  }
  return new XMLSerializer().serializeToString(doc);
}

// Imports version `version` of `key` into `viewer`; resolves to
// { laidOut: whether the layout was made here, xml: the deployed document }.
export async function importModel(viewer, key, version) {
  const { xml } = await call(modelPath(key, version, 'xml'));
  let shown = xml;
  const laidOut = !kDiagram.test(xml);
  if (laidOut) shown = await layoutProcess(withFlowLists(xml));
  await viewer.importXML(shown);
  viewer.get('canvas').zoom('fit-viewport', 'auto');
  return { laidOut, xml };
}

// A text element: pages build their DOM from text, never from HTML.
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The name of a diagram element, or its id when it has none.
export function elementLabel(viewer, elementId) {
  const element = elementId ? viewer.get('elementRegistry').get(elementId) : null;
  const name = element?.businessObject?.name;
  return name ? `${name}（${elementId}）` : elementId || '整个模型';
}
