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

// Imports version `version` of `key` into `viewer`; resolves to
// { laidOut: whether the layout was made here, xml: the deployed document }.
export async function importModel(viewer, key, version) {
  const { xml } = await call(modelPath(key, version, 'xml'));
  let shown = xml;
  const laidOut = !kDiagram.test(xml);
  if (laidOut) shown = await layoutProcess(xml);
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
