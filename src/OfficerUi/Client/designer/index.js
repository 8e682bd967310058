// The workflow designer (/Admin/Workflows/{key}/Design): the bpmn-js modeler with the palette limited to what the engine
// executes, a properties panel for our dw: attributes, and saving to the procedure's draft — the engine's problems
// come back listed, each one selecting and highlighting its element.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import dwModdle from './dw-moddle.json';
import DwPropertiesProvider from './properties';
import supportedModule from './supported';
import translateModule from './translate';
import { setUpTestRun } from './test-run';

const root = document.getElementById('designer');
if (root) {
  start(root).catch((error) => {
    root.querySelector('#save-status').textContent = `${root.dataset.loadError} (${error.message})`;
  });
}

async function start(root) {
  const config = JSON.parse(root.dataset.config);
  const label = (key, ...values) => (config.labels[key] || key).replace(/\{(\d+)\}/g, (_, index) => String(values[Number(index)] ?? ''));
  const post = async (url, fields) => {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { RequestVerificationToken: root.dataset.token },
      body: new URLSearchParams(fields),
    });
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    return response.json();
  };
  config.checkCondition = (expression) => post(root.dataset.checkUrl, { expression }).then((answer) => answer.error || null, () => null);

  const modeler = new BpmnModeler({
    container: root.querySelector('#canvas'),
    propertiesPanel: { parent: root.querySelector('#properties') },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      { __init__: ['dwPropertiesProvider'], dwPropertiesProvider: ['type', DwPropertiesProvider] },
      supportedModule,
      translateModule(document.documentElement.lang),
    ],
    moddleExtensions: { dw: dwModdle },
    dw: config,
  });

  const source = await fetch(root.dataset.sourceUrl, { credentials: 'same-origin' });
  await modeler.importXML(await source.text());
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  const selection = modeler.get('selection');
  canvas.zoom('fit-viewport');

  const status = root.querySelector('#save-status');
  const problems = root.querySelector('#problems');
  const changes = root.querySelector('#changes');
  let marked = [];
  let dirty = false;

  modeler.on('commandStack.changed', () => {
    dirty = true;
    status.textContent = label('unsaved');
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty) {
      event.preventDefault();
    }
  });

  const show = (element) => {
    selection.select(element);
    canvas.scrollToElement(element);
  };

  const list = (target, items) => {
    target.replaceChildren(...items);
    target.hidden = items.length === 0;
  };

  const showProblems = (found) => {
    marked.forEach((id) => canvas.removeMarker(id, 'dw-problem'));
    marked = found.map((problem) => problem.elementId).filter((id) => registry.get(id));
    marked.forEach((id) => canvas.addMarker(id, 'dw-problem'));
    list(problems, found.map((problem) => {
      const item = document.createElement('li');
      const element = registry.get(problem.elementId);
      const button = document.createElement(element ? 'button' : 'span');
      button.className = element ? 'btn btn-link btn-sm p-0 text-start text-danger' : 'text-danger small';
      button.dataset.element = problem.elementId;
      // Names and messages are text, never markup.
      button.textContent = `${problem.elementId}: ${problem.message}`;
      if (element) {
        button.type = 'button';
        button.addEventListener('click', () => show(element));
      }
      item.append(button);
      return item;
    }));
    root.querySelector('#problems-title').textContent = found.length ? label(found.length === 1 ? 'problems.one' : 'problems', found.length) : label('valid');
    root.dataset.problems = String(found.length);
  };

  const save = async () => {
    const { xml } = await modeler.saveXML({ format: true });
    status.textContent = label('saving');
    try {
      const answer = await post(root.dataset.saveUrl, { source: xml });
      if (answer.refusal) {
        status.textContent = answer.refusal;
        return;
      }
      dirty = false;
      status.textContent = label('saved', answer.savedAt);
      showProblems(answer.problems);
      list(changes, answer.changes.map((change) => Object.assign(document.createElement('li'), { textContent: change })));
      root.dataset.saved = String(Number(root.dataset.saved || 0) + 1);
    } catch (error) {
      status.textContent = `${label('saveFailed')} (${error.message})`;
    }
  };

  root.querySelector('#save').addEventListener('click', save);
  root.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') {
      event.preventDefault();
      save();
    }
  });

  setUpTestRun(root, modeler, label, post);
  showProblems(JSON.parse(root.dataset.problems || '[]'));
  root.dataset.ready = 'true';
  window.dwDesigner = modeler;
}
