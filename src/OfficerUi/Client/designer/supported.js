// Limits the designer to what the engine executes (config.dw.supported: BPMN local names of elements and event
// definitions, read from the engine): the palette offers those shapes, the context pad appends a user task instead of a
// plain task, and the replace menu keeps only supported targets. When the engine learns an element, the server's list
// grows and the designer offers it without a change here — as far as a shape for it is in the table below.
import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions';

const localName = (type) => type.slice(type.indexOf(':') + 1).replace(/^./, (first) => first.toLowerCase());

export function isSupported(supported, target) {
  return supported.elements.includes(localName(target.type))
    && (!target.eventDefinitionType || supported.eventDefinitions.includes(localName(target.eventDefinitionType)));
}

/** The shapes a palette may offer, in the palette's order. */
const SHAPES = [
  { key: 'start-event', group: 'event', type: 'bpmn:StartEvent', className: 'bpmn-icon-start-event-none', title: 'Create start event' },
  { key: 'timer-event', group: 'event', type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:TimerEventDefinition', className: 'bpmn-icon-intermediate-event-catch-timer', title: 'Create timer event' },
  { key: 'message-event', group: 'event', type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:MessageEventDefinition', className: 'bpmn-icon-intermediate-event-catch-message', title: 'Create message event' },
  { key: 'end-event', group: 'event', type: 'bpmn:EndEvent', className: 'bpmn-icon-end-event-none', title: 'Create end event' },
  { key: 'exclusive-gateway', group: 'gateway', type: 'bpmn:ExclusiveGateway', className: 'bpmn-icon-gateway-xor', title: 'Create exclusive gateway' },
  { key: 'parallel-gateway', group: 'gateway', type: 'bpmn:ParallelGateway', className: 'bpmn-icon-gateway-parallel', title: 'Create parallel gateway' },
  { key: 'inclusive-gateway', group: 'gateway', type: 'bpmn:InclusiveGateway', className: 'bpmn-icon-gateway-or', title: 'Create inclusive gateway' },
  { key: 'user-task', group: 'activity', type: 'bpmn:UserTask', className: 'bpmn-icon-user-task', title: 'Create user task' },
  { key: 'service-task', group: 'activity', type: 'bpmn:ServiceTask', className: 'bpmn-icon-service-task', title: 'Create service task' },
  { key: 'send-task', group: 'activity', type: 'bpmn:SendTask', className: 'bpmn-icon-send-task', title: 'Create send task' },
  { key: 'receive-task', group: 'activity', type: 'bpmn:ReceiveTask', className: 'bpmn-icon-receive-task', title: 'Create receive task' },
  // Offered as soon as the engine executes them (its list names them).
  { key: 'throw-event', group: 'event', type: 'bpmn:IntermediateThrowEvent', className: 'bpmn-icon-intermediate-event-none', title: 'Create intermediate throw event' },
  { key: 'event-based-gateway', group: 'gateway', type: 'bpmn:EventBasedGateway', className: 'bpmn-icon-gateway-eventbased', title: 'Create event-based gateway' },
  { key: 'subprocess', group: 'activity', type: 'bpmn:SubProcess', isExpanded: true, className: 'bpmn-icon-subprocess-expanded', title: 'Create expanded sub-process' },
  { key: 'call-activity', group: 'activity', type: 'bpmn:CallActivity', className: 'bpmn-icon-call-activity', title: 'Create call activity' },
];

class SupportedPalette {
  static $inject = ['palette', 'create', 'elementFactory', 'translate', 'config.dw'];

  constructor(palette, create, elementFactory, translate, config) {
    this._create = create;
    this._elementFactory = elementFactory;
    this._translate = translate;
    this._supported = config.supported;
    palette.registerProvider(500, this);
  }

  getPaletteEntries() {
    return (entries) => {
      const kept = Object.fromEntries(Object.entries(entries).filter(([id]) => !id.startsWith('create.')));
      for (const shape of SHAPES.filter((candidate) => isSupported(this._supported, candidate))) {
        const start = (event) => this._create.start(event, this._elementFactory.createShape({ type: shape.type, eventDefinitionType: shape.eventDefinitionType, isExpanded: shape.isExpanded }));
        kept[`create.${shape.key}`] = { group: shape.group, className: shape.className, title: this._translate(shape.title), action: { dragstart: start, click: start } };
      }
      return kept;
    };
  }
}

class SupportedContextPad {
  static $inject = ['contextPad', 'autoPlace', 'elementFactory', 'translate', 'config.dw'];

  constructor(contextPad, autoPlace, elementFactory, translate, config) {
    this._autoPlace = autoPlace;
    this._elementFactory = elementFactory;
    this._translate = translate;
    this._supported = config.supported;
    contextPad.registerProvider(500, this);
  }

  getContextPadEntries(element) {
    return (entries) => {
      // A plain task and an intermediate throw event are not executed: a user task is appended instead.
      const { 'append.append-task': task, 'append.intermediate-event': _throw, ...kept } = entries;
      if (task && isSupported(this._supported, { type: 'bpmn:UserTask' })) {
        const append = (event, source) => this._autoPlace.append(source, this._elementFactory.createShape({ type: 'bpmn:UserTask' }));
        kept['append.user-task'] = { group: task.group, className: 'bpmn-icon-user-task', title: this._translate('Append user task'), action: { click: append, dragstart: task.action.dragstart && append } };
      }
      return kept;
    };
  }
}

/** The replace options of bpmn-js by action name, each with the element it turns into. */
const REPLACE_TARGETS = Object.fromEntries(
  Object.values(ReplaceOptions)
    .flatMap((options) => (Array.isArray(options) ? options : Object.values(options).flat()))
    .filter((option) => option.target)
    .map((option) => [option.actionName, option.target]));

/** The marker each toggle of the replace menu's header adds, by the name the engine's list gives it. */
const LOOP_TOGGLES = {
  'toggle-loop': 'standardLoopCharacteristics',
  'toggle-parallel-mi': 'multiInstanceLoopCharacteristics',
  'toggle-sequential-mi': 'multiInstanceLoopCharacteristics',
  'toggle-adhoc': 'adHocSubProcess',
};

class SupportedReplaceMenu {
  static $inject = ['popupMenu', 'config.dw'];

  constructor(popupMenu, config) {
    this._supported = config.supported;
    popupMenu.registerProvider('bpmn-replace', 500, this);
  }

  getPopupMenuEntries() {
    return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !REPLACE_TARGETS[id] || isSupported(this._supported, REPLACE_TARGETS[id])));
  }

  getPopupMenuHeaderEntries() {
    return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !LOOP_TOGGLES[id] || this._supported.elements.includes(LOOP_TOGGLES[id])));
  }
}

export default {
  __init__: ['supportedPalette', 'supportedContextPad', 'supportedReplaceMenu'],
  supportedPalette: ['type', SupportedPalette],
  supportedContextPad: ['type', SupportedContextPad],
  supportedReplaceMenu: ['type', SupportedReplaceMenu],
};
