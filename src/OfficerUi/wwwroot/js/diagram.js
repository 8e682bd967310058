// The dossier page's diagram: the procedure's BPMN (the version the dossier runs on) in the read-only bpmn-js viewer,
// the steps the dossier is at now highlighted and the path it has taken marked.
(function () {
  'use strict';
  const container = document.getElementById('diagram');
  if (!container || !window.BpmnJS) {
    return;
  }

  const viewer = new window.BpmnJS({ container });
  const ids = (name) => JSON.parse(container.dataset[name] || '[]');
  fetch(container.dataset.src, { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
    .then((xml) => viewer.importXML(xml))
    .then(() => {
      const canvas = viewer.get('canvas');
      const registry = viewer.get('elementRegistry');
      canvas.zoom('fit-viewport');
      ids('done').filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, 'dw-done'));
      ids('current').filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, 'dw-current'));
      container.dataset.ready = 'true';
    })
    .catch(() => {
      container.textContent = container.dataset.error;
    });
})();
