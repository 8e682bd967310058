// The designer's test run: the outcome to take at each step (the usual path by default), when and where the dossier
// arrives, then the path on the diagram and each step's dates beside the dossier's appointment. Nothing is stored.
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

export function setUpTestRun(root, modeler, label, post) {
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  const config = JSON.parse(root.dataset.config);
  const received = root.querySelector('#test-received');
  const unit = root.querySelector('#test-unit');
  const choices = root.querySelector('#test-outcomes');
  const result = root.querySelector('#test-result');
  const summary = root.querySelector('#test-summary');
  const stepsBody = root.querySelector('#test-steps');
  let marked = [];

  unit.replaceChildren(...config.communes.map((commune) => new Option(`${commune.label} (${commune.value})`, commune.value)));

  // One choice per user task with outcomes, rebuilt when the diagram changes.
  const renderChoices = () => {
    const kept = Object.fromEntries([...choices.querySelectorAll('select')].map((select) => [select.dataset.element, select.value]));
    const tasks = registry.filter((element) => is(element, 'bpmn:UserTask') && (getBusinessObject(element).get('dw:outcomes') || '').trim());
    choices.replaceChildren(...tasks.map((task) => {
      const business = getBusinessObject(task);
      const column = document.createElement('div');
      column.className = 'col-sm-6 col-lg-4';
      const select = document.createElement('select');
      select.className = 'form-select form-select-sm';
      select.id = `test-outcome-${task.id}`;
      select.dataset.element = task.id;
      const outcomes = business.get('dw:outcomes').split(',').map((outcome) => outcome.trim()).filter(Boolean);
      select.append(new Option(label('testRun.usual', outcomes[0]), ''), ...outcomes.map((outcome) => new Option(outcome, outcome)));
      select.value = outcomes.includes(kept[task.id]) ? kept[task.id] : '';
      const caption = document.createElement('label');
      caption.className = 'form-label mb-0';
      caption.htmlFor = select.id;
      caption.textContent = business.name || task.id;
      column.append(caption, select);
      return column;
    }));
  };
  renderChoices();
  modeler.on('commandStack.changed', renderChoices);

  const cell = (text) => Object.assign(document.createElement('td'), { textContent: text ?? '' });

  root.querySelector('#run-test').addEventListener('click', async () => {
    const { xml } = await modeler.saveXML();
    const outcomes = Object.fromEntries([...choices.querySelectorAll('select')].filter((select) => select.value).map((select) => [select.dataset.element, select.value]));
    summary.textContent = label('testRun.running');
    result.hidden = false;
    stepsBody.replaceChildren();
    marked.forEach((id) => canvas.removeMarker(id, 'dw-path'));
    marked = [];
    try {
      const answer = await post(root.dataset.testRunUrl, {
        source: xml,
        receivedAt: received.value,
        receivingUnit: unit.value,
        delivery: root.querySelector('#test-delivery').value,
        outcomes: JSON.stringify(outcomes),
      });
      if (answer.problems.length) {
        summary.textContent = label('testRun.invalid', answer.problems.length);
        root.dataset.testRun = 'invalid';
        return;
      }
      marked = [...answer.elements, ...answer.flows].filter((id) => registry.get(id));
      marked.forEach((id) => canvas.addMarker(id, 'dw-path'));
      stepsBody.replaceChildren(...answer.steps.map((step) => {
        const row = document.createElement('tr');
        row.dataset.element = step.elementId;
        row.append(cell(step.name || step.elementId), cell(step.role), cell(step.createdAt), cell(step.dueAt), cell(step.outcome));
        return row;
      }));
      const end = answer.ended
        ? label('testRun.ended', answer.result || '', answer.endedAt)
        : label('testRun.notEnded', answer.stopped || '');
      const verdict = answer.resolvedAt ? label(answer.late ? 'testRun.late' : 'testRun.onTime', answer.resolvedAt) : '';
      summary.textContent = `${end} ${label('testRun.appointment', answer.appointment)} ${verdict}`.trim();
      root.dataset.testRun = answer.resolvedAt ? (answer.late ? 'late' : 'on-time') : 'stopped';
      root.querySelector('#test-appointment')?.remove();
      const appointment = Object.assign(document.createElement('span'), { id: 'test-appointment', hidden: true, textContent: answer.appointment });
      result.append(appointment);
    } catch (error) {
      summary.textContent = `${label('testRun.failed')} (${error.message})`;
    }
  });
}
