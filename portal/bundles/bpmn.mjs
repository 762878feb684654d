// What the analyst's pages take from bpmn.io, as one ES module the portal
// serves itself (portal/assets/bundles/bpmn.js): the modeler, the
// read-only viewer with zoom and pan, and auto-layout for models written
// without diagram interchange (the hand-written ones in models/).
export { default as Modeler } from 'bpmn-js/lib/Modeler';
export { default as NavigatedViewer } from 'bpmn-js/lib/NavigatedViewer';
export { layoutProcess } from 'bpmn-auto-layout';
