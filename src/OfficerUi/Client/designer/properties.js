// The properties panel's groups for our dw: attributes (role, unit, time budget, outcomes, handler and form, timers,
// messages, results, conditions on flows, call activities, multi-instance markers), with labels and choices from the
// server (config.dw). Each entry component is
// defined at module level: the panel keeps debounced edits only for components that live as long as the panel.
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { useService } from 'bpmn-js-properties-panel';
import {
  CheckboxEntry, SelectEntry, TextFieldEntry,
  isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';

const text = (config, key, ...values) =>
  (config.labels[key] || key).replace(/\{(\d+)\}/g, (_, index) => String(values[Number(index)] ?? ''));

const attribute = (element, name) => getBusinessObject(element).get(`dw:${name}`) || '';

/** A text field writing one dw: attribute (empty removes it). */
function AttributeText({ element, id, name, label, description, validate }) {
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  return (
    <TextFieldEntry
      element={element}
      id={id}
      label={label}
      description={description}
      debounce={debounce}
      validate={validate}
      getValue={() => attribute(element, name)}
      setValue={(value) => modeling.updateProperties(element, { [`dw:${name}`]: value ? value.trim() : undefined })}
    />
  );
}

/** A choice writing one dw: attribute; a value in the file that is not among the choices stays selectable. */
function AttributeSelect({ element, id, name, label, options }) {
  const modeling = useService('modeling');
  const current = attribute(element, name);
  if (current && !options.some((option) => option.value === current)) {
    options = [...options, { value: current, label: current }];
  }
  return (
    <SelectEntry
      element={element}
      id={id}
      label={label}
      getValue={() => attribute(element, name)}
      setValue={(value) => modeling.updateProperties(element, { [`dw:${name}`]: value || undefined })}
      getOptions={() => options}
    />
  );
}

function NameEn({ element, id }) {
  const config = useService('config.dw');
  return <AttributeText element={element} id={id} name="nameEn" label={text(config, 'nameEn')} />;
}

function Role({ element, id }) {
  const config = useService('config.dw');
  return <AttributeSelect element={element} id={id} name="role" label={text(config, 'role')} options={[{ value: '', label: '—' }, ...config.roles]} />;
}

function UnitScope({ element, id }) {
  const config = useService('config.dw');
  const modeling = useService('modeling');
  const options = [
    { value: 'receiving-unit', label: text(config, 'unitScope.receiving') },
    { value: 'parent-unit', label: text(config, 'unitScope.parent') },
    ...config.departments.map((department) => ({ value: `department:${department.value}`, label: text(config, 'unitScope.department', department.label) })),
  ];
  // A department named in the file but absent from the unit tree stays selectable, so that opening a file changes nothing.
  const current = attribute(element, 'unitScope');
  if (current && !options.some((option) => option.value === current)) {
    options.push({ value: current, label: current });
  }
  return (
    <SelectEntry
      element={element}
      id={id}
      label={text(config, 'unitScope')}
      getValue={() => attribute(element, 'unitScope') || 'receiving-unit'}
      setValue={(value) => modeling.updateProperties(element, { 'dw:unitScope': value })}
      getOptions={() => options}
    />
  );
}

/** The working days of all user tasks: the running total shown against the procedure's legal time. */
function totalDays(elementRegistry) {
  return elementRegistry
    .filter((shape) => is(shape, 'bpmn:UserTask'))
    .reduce((sum, shape) => sum + (Number.parseInt(attribute(shape, 'durationDays'), 10) || 0), 0);
}

function DurationDays({ element, id }) {
  const config = useService('config.dw');
  const elementRegistry = useService('elementRegistry');
  const total = totalDays(elementRegistry);
  const description = text(config, total > config.legalDays ? 'durationDays.over' : 'durationDays.total', total, config.legalDays);
  const validate = (value) => (value && !/^\d{1,3}$/.test(value.trim()) ? text(config, 'durationDays.invalid') : null);
  return <AttributeText element={element} id={id} name="durationDays" label={text(config, 'durationDays')} description={description} validate={validate} />;
}

function Outcomes({ element, id }) {
  const config = useService('config.dw');
  const validate = (value) => (value && !/^\s*[a-z][a-z0-9-]*(\s*,\s*[a-z][a-z0-9-]*)*\s*$/.test(value) ? text(config, 'outcomes.invalid') : null);
  return <AttributeText element={element} id={id} name="outcomes" label={text(config, 'outcomes')} description={text(config, 'outcomes.help')} validate={validate} />;
}

function Handler({ element, id }) {
  const config = useService('config.dw');
  return <AttributeSelect element={element} id={id} name="handler" label={text(config, 'handler')} options={[{ value: '', label: '—' }, ...config.handlers]} />;
}

function Form({ element, id }) {
  const config = useService('config.dw');
  return <AttributeSelect element={element} id={id} name="form" label={text(config, 'form')} options={[{ value: '', label: '—' }, ...config.forms]} />;
}

function Result({ element, id }) {
  const config = useService('config.dw');
  return <AttributeSelect element={element} id={id} name="result" label={text(config, 'result')} options={[{ value: '', label: '—' }, ...config.results]} />;
}

function CorrelationKey({ element, id }) {
  const config = useService('config.dw');
  return <AttributeText element={element} id={id} name="correlationKey" label={text(config, 'correlationKey')} description={text(config, 'correlationKey.help')} />;
}

const timerOf = (element) => (getBusinessObject(element).eventDefinitions || []).find((definition) => is(definition, 'bpmn:TimerEventDefinition'));

function TimerDuration({ element, id }) {
  const config = useService('config.dw');
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  const timer = timerOf(element);
  const validate = (value) => (value && !/^P(\d+D)?(T(\d+H)?(\d+M)?)?$/.test(value.trim()) ? text(config, 'timer.invalid') : null);
  return (
    <TextFieldEntry
      element={element}
      id={id}
      label={text(config, 'timer')}
      description={text(config, 'timer.help')}
      debounce={debounce}
      validate={validate}
      getValue={() => timer.get('timeDuration')?.get('body') || ''}
      setValue={(value) => modeling.updateModdleProperties(element, timer, {
        timeDuration: value ? bpmnFactory.create('bpmn:FormalExpression', { body: value.trim() }) : undefined,
      })}
    />
  );
}

function TimerWorkingDays({ element, id }) {
  const config = useService('config.dw');
  const modeling = useService('modeling');
  const timer = timerOf(element);
  return (
    <CheckboxEntry
      element={element}
      id={id}
      label={text(config, 'timer.workingDays')}
      getValue={() => timer.get('dw:workingDays') === 'true'}
      setValue={(value) => modeling.updateModdleProperties(element, timer, { 'dw:workingDays': value ? 'true' : undefined })}
    />
  );
}

const conditionOf = (element) => getBusinessObject(element).conditionExpression?.get('body') || '';

function setCondition(element, modeling, bpmnFactory, body) {
  modeling.updateProperties(element, {
    conditionExpression: body ? bpmnFactory.create('bpmn:FormalExpression', { body }) : undefined,
  });
}

/** The outcomes offered by the user tasks that lead into the flow's gateway: what the condition usually tests. */
function upstreamOutcomes(flow) {
  const gateway = flow.source;
  const outcomes = new Set();
  for (const incoming of gateway.incoming || []) {
    for (const outcome of attribute(incoming.source, 'outcomes').split(',')) {
      if (outcome.trim()) {
        outcomes.add(outcome.trim());
      }
    }
  }
  return [...outcomes];
}

function OutcomeCondition({ element, id }) {
  const config = useService('config.dw');
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const options = [{ value: '', label: '—' }, ...upstreamOutcomes(element).map((outcome) => ({ value: outcome, label: `outcome == "${outcome}"` }))];
  return (
    <SelectEntry
      element={element}
      id={id}
      label={text(config, 'condition.outcome')}
      getValue={() => (/^outcome == "([^"]+)"$/.exec(conditionOf(element).trim()) || [])[1] || ''}
      setValue={(value) => setCondition(element, modeling, bpmnFactory, value ? `outcome == "${value}"` : '')}
      getOptions={() => options}
    />
  );
}

/** The server's verdict on each condition text typed, kept so the panel can show it when it renders again. */
const checked = new Map();

function ConditionExpression({ element, id }) {
  const config = useService('config.dw');
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const eventBus = useService('eventBus');
  const debounce = useService('debounceInput');
  const validate = (value) => {
    const expression = (value || '').trim();
    if (!expression) {
      return null;
    }
    if (checked.has(expression)) {
      return checked.get(expression);
    }
    config.checkCondition(expression).then((error) => {
      checked.set(expression, error);
      eventBus.fire('elements.changed', { elements: [element] });
    });
    return null;
  };
  return (
    <TextFieldEntry
      element={element}
      id={id}
      label={text(config, 'condition')}
      description={text(config, 'condition.help')}
      debounce={debounce}
      validate={validate}
      getValue={() => conditionOf(element)}
      setValue={(value) => setCondition(element, modeling, bpmnFactory, value ? value.trim() : '')}
    />
  );
}

/** The key of the workflow a call activity starts (the BPMN calledElement). */
function CalledElement({ element, id }) {
  const config = useService('config.dw');
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  return (
    <TextFieldEntry
      element={element}
      id={id}
      label={text(config, 'call.calledElement')}
      description={text(config, 'call.calledElement.help')}
      debounce={debounce}
      getValue={() => getBusinessObject(element).get('calledElement') || ''}
      setValue={(value) => modeling.updateProperties(element, { calledElement: value ? value.trim() : undefined })}
    />
  );
}

function CallVersion({ element, id }) {
  const config = useService('config.dw');
  const validate = (value) => (value && !/^[1-9]\d*$/.test(value.trim()) ? text(config, 'call.version.invalid') : null);
  return <AttributeText element={element} id={id} name="version" label={text(config, 'call.version')} description={text(config, 'call.version.help')} validate={validate} />;
}

function CallInputs({ element, id }) {
  const config = useService('config.dw');
  return <AttributeText element={element} id={id} name="inputs" label={text(config, 'call.inputs')} description={text(config, 'call.inputs.help')} />;
}

function CallOutputs({ element, id }) {
  const config = useService('config.dw');
  return <AttributeText element={element} id={id} name="outputs" label={text(config, 'call.outputs')} description={text(config, 'call.outputs.help')} />;
}

const multiInstanceOf = (element) => {
  const loop = getBusinessObject(element).loopCharacteristics;
  return loop && is(loop, 'bpmn:MultiInstanceLoopCharacteristics') ? loop : null;
};

/** One dw: attribute of an activity's multi-instance marker. */
function LoopAttribute({ element, id, name }) {
  const config = useService('config.dw');
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  const loop = multiInstanceOf(element);
  return (
    <TextFieldEntry
      element={element}
      id={id}
      label={text(config, `loop.${name}`)}
      description={text(config, `loop.${name}.help`)}
      debounce={debounce}
      getValue={() => loop.get(`dw:${name}`) || ''}
      setValue={(value) => modeling.updateModdleProperties(element, loop, { [`dw:${name}`]: value ? value.trim() : undefined })}
    />
  );
}

const LoopCollection = (props) => <LoopAttribute {...props} name="collection" />;
const LoopElementVariable = (props) => <LoopAttribute {...props} name="elementVariable" />;
const LoopOutputElement = (props) => <LoopAttribute {...props} name="outputElement" />;
const LoopOutputCollection = (props) => <LoopAttribute {...props} name="outputCollection" />;

const entry = (id, component, isEdited) => ({ id, component, isEdited });

/** Adds our groups to those of bpmn-js-properties-panel (id, name, documentation). */
export default class DwPropertiesProvider {
  static $inject = ['propertiesPanel', 'config.dw'];

  constructor(propertiesPanel, config) {
    this._config = config;
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element) {
    return (groups) => {
      const label = (key) => text(this._config, key);
      const general = groups.find((group) => group.id === 'general');
      if (general && (is(element, 'bpmn:FlowNode') || is(element, 'bpmn:SequenceFlow'))) {
        general.entries.push(entry('dw-nameEn', NameEn, isTextFieldEntryEdited));
      }

      if (is(element, 'bpmn:UserTask')) {
        groups.push({
          id: 'dw-step',
          label: label('group.step'),
          entries: [
            entry('dw-role', Role, isSelectEntryEdited),
            entry('dw-unitScope', UnitScope, isSelectEntryEdited),
            entry('dw-durationDays', DurationDays, isTextFieldEntryEdited),
            entry('dw-outcomes', Outcomes, isTextFieldEntryEdited),
          ],
        });
      }

      const business = getBusinessObject(element);
      const messageDefinition = (business.eventDefinitions || []).some((definition) => is(definition, 'bpmn:MessageEventDefinition'));
      // A message intermediate throw event or message end event sends through its handler, as a send task does.
      const sendsMessage = messageDefinition && (is(element, 'bpmn:IntermediateThrowEvent') || is(element, 'bpmn:EndEvent'));
      if (is(element, 'bpmn:ServiceTask') || is(element, 'bpmn:SendTask') || sendsMessage) {
        groups.push({
          id: 'dw-service',
          label: label('group.service'),
          entries: [entry('dw-handler', Handler, isSelectEntryEdited), entry('dw-form', Form, isSelectEntryEdited)],
        });
      }

      if (is(element, 'bpmn:CallActivity')) {
        groups.push({
          id: 'dw-call',
          label: label('group.call'),
          entries: [
            entry('dw-calledElement', CalledElement, isTextFieldEntryEdited),
            entry('dw-version', CallVersion, isTextFieldEntryEdited),
            entry('dw-inputs', CallInputs, isTextFieldEntryEdited),
            entry('dw-outputs', CallOutputs, isTextFieldEntryEdited),
          ],
        });
      }

      if (multiInstanceOf(element)) {
        groups.push({
          id: 'dw-loop',
          label: label('group.loop'),
          entries: [
            entry('dw-collection', LoopCollection, isTextFieldEntryEdited),
            entry('dw-elementVariable', LoopElementVariable, isTextFieldEntryEdited),
            entry('dw-outputElement', LoopOutputElement, isTextFieldEntryEdited),
            entry('dw-outputCollection', LoopOutputCollection, isTextFieldEntryEdited),
          ],
        });
      }

      if (timerOf(element)) {
        groups.push({
          id: 'dw-timer',
          label: label('group.timer'),
          entries: [entry('dw-timer', TimerDuration, isTextFieldEntryEdited), entry('dw-workingDays', TimerWorkingDays, isCheckboxEntryEdited)],
        });
      }

      if (is(element, 'bpmn:ReceiveTask') || (messageDefinition && is(element, 'bpmn:CatchEvent'))) {
        groups.push({ id: 'dw-message', label: label('group.message'), entries: [entry('dw-correlationKey', CorrelationKey, isTextFieldEntryEdited)] });
      }

      if (is(element, 'bpmn:EndEvent')) {
        groups.push({ id: 'dw-end', label: label('group.end'), entries: [entry('dw-result', Result, isSelectEntryEdited)] });
      }

      const source = element.source;
      if (is(element, 'bpmn:SequenceFlow') && source && (is(source, 'bpmn:ExclusiveGateway') || is(source, 'bpmn:InclusiveGateway'))
        && getBusinessObject(source).default !== business) {
        groups.push({
          id: 'dw-condition',
          label: label('group.condition'),
          entries: [entry('dw-outcome', OutcomeCondition, isSelectEntryEdited), entry('dw-condition', ConditionExpression, isTextFieldEntryEdited)],
        });
      }

      return groups;
    };
  }
}
