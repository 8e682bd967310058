using System.Collections.Immutable;
using System.Globalization;
using DossierWorkflow.Engine.Conditions;
using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Graph;
using static DossierWorkflow.Engine.Definitions.DefinitionProblemCodes;
using static DossierWorkflow.Engine.Definitions.Validation.BpmnElementTypes;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>
/// Checks each flow node on its own: is it in the supported subset, are its <c>dw:</c> attributes, event definitions,
/// timers and messages usable. What it can interpret (triggers, outcomes, budgets) it records for the compiler.
/// </summary>
internal static class ElementRules
{
    private static readonly ImmutableHashSet<string> ExplainedEventDefinitions =
    [
        "signalEventDefinition", "errorEventDefinition", "escalationEventDefinition", "conditionalEventDefinition",
        "compensateEventDefinition", "linkEventDefinition", "cancelEventDefinition", "eventDefinitionRef",
    ];

    public static void Check(ValidationContext context)
    {
        foreach (var node in context.Process.FlowNodes)
        {
            if (node.Id is not { } id)
            {
                continue;
            }

            if (!Supported.Contains(node.ElementType))
            {
                var variant = ExplainedUnsupported.Contains(node.ElementType) ? node.ElementType : "other";
                context.ReportVariant(id, UnsupportedElement, variant, node.ElementType);
                continue;
            }

            if (node.Loop is { } loop)
            {
                MultiInstanceRules.Check(context, node, loop);
            }

            switch (node.ElementType)
            {
                case StartEvent when context.IsEventSubProcess(node.ScopeId):
                    CheckEventSubProcessStart(context, node);
                    break;
                case StartEvent:
                    foreach (var definition in node.EventDefinitions)
                    {
                        ReportUnsupported(context, node, definition, definition.Kind switch
                        {
                            TimerDefinition when node.ScopeId is null => "start-timer",
                            MessageDefinition when node.ScopeId is null => "start-message",
                            _ when node.ScopeId is not null => "sub-process-start",
                            _ => null,
                        });
                    }

                    break;
                case EndEvent:
                    CheckEnd(context, node);
                    break;
                case IntermediateCatchEvent or BoundaryEvent:
                    CheckCatchEvent(context, node);
                    break;
                case IntermediateThrowEvent:
                    CheckThrowEvent(context, node);
                    break;
                case UserTask:
                    CheckUserTask(context, node);
                    break;
                case ServiceTask or SendTask:
                    CheckHandler(context, node);
                    break;
                case CallActivity:
                    CallActivityRules.Check(context, node);
                    break;
                case ReceiveTask:
                    if (ReadMessage(context, id, node.MessageRef, node.Extensions, null) is { } message)
                    {
                        context.Triggers[id] = message;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// An end event ends its token, and may first send a message (through its <c>dw:handler</c>), throw an error or an
    /// escalation, or broadcast a signal; a terminate end event ends its scope.
    /// </summary>
    private static void CheckEnd(ValidationContext context, BpmnFlowNode node)
    {
        if (node.EventDefinitions.Length > 1)
        {
            context.ReportVariant(node.Id!, UnsupportedEventDefinition, "multiple");
            return;
        }

        foreach (var definition in node.EventDefinitions.Where(d => d.Kind != TerminateDefinition))
        {
            CheckThrow(context, node, definition, allowError: true);
        }
    }

    /// <summary>
    /// A none throw event is a milestone; a message throw event sends through its <c>dw:handler</c>, as a send task; an
    /// escalation or signal throw event throws and goes on.
    /// </summary>
    private static void CheckThrowEvent(ValidationContext context, BpmnFlowNode node)
    {
        if (node.EventDefinitions.Length > 1)
        {
            context.ReportVariant(node.Id!, UnsupportedEventDefinition, "multiple");
            return;
        }

        foreach (var definition in node.EventDefinitions)
        {
            CheckThrow(context, node, definition, allowError: false);
        }
    }

    private static void CheckThrow(ValidationContext context, BpmnFlowNode node, BpmnEventDefinition definition, bool allowError)
    {
        var id = node.Id!;
        switch (definition.Kind)
        {
            case MessageDefinition:
                CheckHandler(context, node);
                break;
            case ErrorDefinition when allowError:
                if (ReadCode(context, id, definition.ErrorRef, context.Errors, ErrorMissing) is { } error)
                {
                    context.Throws[id] = new ErrorThrow(error);
                }

                break;
            case EscalationDefinition:
                if (ReadCode(context, id, definition.EscalationRef, context.Escalations, EscalationMissing) is { } escalation)
                {
                    context.Throws[id] = new EscalationThrow(escalation);
                }

                break;
            case SignalDefinition:
                if (ReadSignal(context, id, definition) is { } signal)
                {
                    context.Throws[id] = new SignalThrow(signal.SignalName);
                }

                break;
            default:
                ReportUnsupported(context, node, definition, null);
                break;
        }
    }

    /// <summary>The code of the error or escalation <paramref name="reference"/> names (a thrower needs one).</summary>
    private static string? ReadCode(ValidationContext context, string id, string? reference, ImmutableDictionary<string, BpmnError> known, string problem)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            context.ReportVariant(id, problem, "no-ref");
            return null;
        }

        if (!known.TryGetValue(reference.Trim(), out var found) || string.IsNullOrWhiteSpace(found.Code))
        {
            context.ReportVariant(id, problem, found is null ? "unknown-ref" : "no-code", reference);
            return null;
        }

        return found.Code.Trim();
    }

    private static SignalTrigger? ReadSignal(ValidationContext context, string id, BpmnEventDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.SignalRef))
        {
            context.ReportVariant(id, SignalMissing, "no-ref");
            return null;
        }

        if (!context.Signals.TryGetValue(definition.SignalRef.Trim(), out var signal) || string.IsNullOrWhiteSpace(signal.Name))
        {
            context.ReportVariant(id, SignalMissing, signal is null ? "unknown-ref" : "no-name", definition.SignalRef);
            return null;
        }

        return new SignalTrigger(signal.Name.Trim());
    }

    /// <summary>
    /// The start event of an event sub-process waits for a timer (a duration, a date, or — when it does not interrupt — a
    /// cycle) or a message while the sub-process's scope runs.
    /// </summary>
    private static void CheckEventSubProcessStart(ValidationContext context, BpmnFlowNode node)
    {
        var id = node.Id!;
        if (node.EventDefinitions.Length != 1)
        {
            context.ReportVariant(id, SubProcessStart, node.EventDefinitions.IsEmpty ? "event-none" : "event-multiple");
            return;
        }

        var definition = node.EventDefinitions[0];
        EventTrigger? trigger = definition.Kind switch
        {
            TimerDefinition => ReadTimer(context, node, definition),
            MessageDefinition => ReadMessage(context, id, definition.MessageRef, definition.Extensions, node.Extensions),
            _ => ReportUnsupported(context, node, definition, "event-sub-process-start"),
        };
        if (trigger is not null)
        {
            context.Triggers[id] = trigger;
        }
    }

    private static void CheckCatchEvent(ValidationContext context, BpmnFlowNode node)
    {
        var id = node.Id!;
        switch (node.EventDefinitions.Length)
        {
            case 0:
                context.ReportVariant(id, MissingEventDefinition, node.ElementType);
                return;
            case > 1:
                context.ReportVariant(id, UnsupportedEventDefinition, "multiple");
                return;
        }

        var definition = node.EventDefinitions[0];
        EventTrigger? trigger = definition.Kind switch
        {
            TimerDefinition => ReadTimer(context, node, definition),
            MessageDefinition => ReadMessage(context, id, definition.MessageRef, definition.Extensions, node.Extensions),
            ErrorDefinition => ReadError(context, node, definition),
            EscalationDefinition => ReadEscalation(context, node, definition),
            SignalDefinition => ReadSignal(context, id, definition),
            _ => ReportUnsupported(context, node, definition, null),
        };
        if (trigger is not null)
        {
            context.Triggers[id] = trigger;
        }
    }

    /// <summary>
    /// An error is caught by an interrupting boundary event on the activity it comes out of: a service or send task whose
    /// handler raises it by its code, or a sub-process in which an error end event throws it (<c>errorRef</c> to an
    /// <c>error</c> with an <c>errorCode</c>; none: any business error).
    /// </summary>
    private static ErrorTrigger? ReadError(ValidationContext context, BpmnFlowNode node, BpmnEventDefinition definition)
    {
        var id = node.Id!;
        var attachedTo = node.AttachedToRef is { } target && context.Nodes.TryGetValue(target.Trim(), out var activity) ? activity : null;
        if (node.ElementType != BoundaryEvent || attachedTo is null || !ErrorSources.Contains(attachedTo.ElementType))
        {
            // An unknown attachment is reported by the attachment rule; here only where errors can be caught.
            if (node.ElementType != BoundaryEvent || attachedTo is not null)
            {
                context.ReportVariant(id, UnsupportedEventDefinition, "error-placement");
            }

            return null;
        }

        if (!node.CancelActivity)
        {
            context.ReportVariant(id, UnsupportedEventDefinition, "error-non-interrupting");
            return null;
        }

        if (string.IsNullOrWhiteSpace(definition.ErrorRef))
        {
            return new ErrorTrigger(null);
        }

        if (!context.Errors.TryGetValue(definition.ErrorRef.Trim(), out var error) || string.IsNullOrWhiteSpace(error.Code))
        {
            context.ReportVariant(id, ErrorMissing, error is null ? "unknown-ref" : "no-code", definition.ErrorRef);
            return null;
        }

        return new ErrorTrigger(error.Code.Trim());
    }

    /// <summary>
    /// An escalation is caught by a boundary event on the sub-process it is thrown in (interrupting or not, as the event
    /// says): the one for its code, or one without a code for any.
    /// </summary>
    private static EscalationTrigger? ReadEscalation(ValidationContext context, BpmnFlowNode node, BpmnEventDefinition definition)
    {
        var id = node.Id!;
        var attachedTo = node.AttachedToRef is { } target && context.Nodes.TryGetValue(target.Trim(), out var activity) ? activity : null;
        if (node.ElementType != BoundaryEvent || attachedTo is null || !EscalationSources.Contains(attachedTo.ElementType))
        {
            if (node.ElementType != BoundaryEvent || attachedTo is not null)
            {
                context.ReportVariant(id, UnsupportedEventDefinition, "escalation-placement");
            }

            return null;
        }

        if (string.IsNullOrWhiteSpace(definition.EscalationRef))
        {
            return new EscalationTrigger(null);
        }

        return ReadCode(context, id, definition.EscalationRef, context.Escalations, EscalationMissing) is { } code ? new EscalationTrigger(code) : null;
    }

    private static EventTrigger? ReportUnsupported(ValidationContext context, BpmnFlowNode node, BpmnEventDefinition definition, string? variant)
    {
        variant ??= ExplainedEventDefinitions.Contains(definition.Kind) ? definition.Kind : "misplaced";
        context.ReportVariant(node.Id!, UnsupportedEventDefinition, variant, definition.Kind, node.ElementType);
        return null;
    }

    private static TimerTrigger? ReadTimer(ValidationContext context, BpmnFlowNode node, BpmnEventDefinition definition)
    {
        var id = node.Id!;
        var timer = definition.Timer!;
        var workingDays = false;
        var workingDaysText = definition.Extensions.GetValueOrDefault("workingDays") ?? node.Extensions.GetValueOrDefault("workingDays");
        if (workingDaysText is not null)
        {
            switch (workingDaysText.Trim())
            {
                case "true":
                    workingDays = true;
                    break;
                case "false":
                    break;
                default:
                    context.Report(id, WorkingDaysInvalid, workingDaysText);
                    return null;
            }
        }

        var hasDuration = !string.IsNullOrEmpty(timer.Duration);
        var hasDate = !string.IsNullOrEmpty(timer.Date);
        var hasCycle = !string.IsNullOrEmpty(timer.Cycle);
        var given = (hasDuration ? 1 : 0) + (hasDate ? 1 : 0) + (hasCycle ? 1 : 0);
        if (given != 1)
        {
            context.ReportVariant(id, TimerMissing, given > 1 ? "both" : "none");
            return null;
        }

        if (hasCycle)
        {
            return ReadCycle(context, node, timer.Cycle!, workingDays);
        }

        if (hasDate)
        {
            if (!IsoTimerFormat.TryParseDate(timer.Date!, out var date))
            {
                context.Report(id, TimerDateInvalid, timer.Date);
                return null;
            }

            return new TimerTrigger(TimerKind.Date, timer.Date!, workingDays) { Date = date };
        }

        var error = IsoTimerFormat.TryParseDuration(timer.Duration!, out var duration);
        if (error != IsoTimerFormat.DurationError.None)
        {
            context.ReportVariant(id, TimerDurationInvalid, error switch
            {
                IsoTimerFormat.DurationError.YearsOrMonths => "years-months",
                IsoTimerFormat.DurationError.Negative => "negative",
                IsoTimerFormat.DurationError.TooLong => "too-long",
                _ => "format",
            }, timer.Duration);
            return null;
        }

        if (workingDays && duration!.Time != TimeSpan.Zero)
        {
            context.ReportVariant(id, TimerDurationInvalid, "working-days-time", timer.Duration);
            return null;
        }

        return new TimerTrigger(TimerKind.Duration, timer.Duration!, workingDays) { Duration = duration };
    }

    /// <summary>
    /// A cycle repeats, so it fits where a timer may fire again and again without moving the dossier: a non-interrupting
    /// boundary event (a reminder on a step, every period while the step is open, at most so many times), the start of a
    /// non-interrupting event sub-process, or an intermediate catch event, which waits for its next occurrence each time the
    /// dossier reaches it (one period; the number of repetitions counts for the first two only).
    /// </summary>
    private static TimerTrigger? ReadCycle(ValidationContext context, BpmnFlowNode node, string cycle, bool workingDays)
    {
        var id = node.Id!;
        var repeats = node.ElementType switch
        {
            BoundaryEvent => !node.CancelActivity,
            StartEvent => !node.IsInterrupting,
            // Each time the dossier reaches it, it waits for the cycle's next occurrence: one period (a reminder loop).
            IntermediateCatchEvent => true,
            _ => false,
        };
        if (!repeats)
        {
            context.ReportVariant(id, UnsupportedEventDefinition, "time-cycle", cycle);
            return null;
        }

        var error = IsoTimerFormat.TryParseCycle(cycle, out var repetitions, out var period);
        if (error != IsoTimerFormat.DurationError.None)
        {
            context.ReportVariant(id, TimerDurationInvalid, error switch
            {
                IsoTimerFormat.DurationError.YearsOrMonths => "years-months",
                IsoTimerFormat.DurationError.Negative => "negative",
                IsoTimerFormat.DurationError.TooLong => "too-long",
                _ => "cycle",
            }, cycle);
            return null;
        }

        if (workingDays && period!.Time != TimeSpan.Zero)
        {
            context.ReportVariant(id, TimerDurationInvalid, "working-days-time", cycle);
            return null;
        }

        return new TimerTrigger(TimerKind.Cycle, cycle, workingDays) { Duration = period, Repetitions = repetitions };
    }

    /// <summary>
    /// The message a receive task or message event waits for. <c>dw:correlationKey</c> may sit on the event
    /// definition or on the element itself.
    /// </summary>
    private static MessageTrigger? ReadMessage(
        ValidationContext context,
        string id,
        string? messageRef,
        ImmutableDictionary<string, string> extensions,
        ImmutableDictionary<string, string>? elementExtensions)
    {
        var ok = true;
        var key = extensions.GetValueOrDefault("correlationKey") ?? elementExtensions?.GetValueOrDefault("correlationKey");
        if (key is not null && !ConditionExpression.IsVariablePath(key.Trim()))
        {
            context.Report(id, CorrelationKeyInvalid, key);
            ok = false;
        }

        string? name = null;
        if (string.IsNullOrWhiteSpace(messageRef))
        {
            context.ReportVariant(id, MessageMissing, "no-ref");
            ok = false;
        }
        else if (!context.Messages.TryGetValue(messageRef.Trim(), out var message))
        {
            context.ReportVariant(id, MessageMissing, "unknown-ref", messageRef);
            ok = false;
        }
        else if (string.IsNullOrWhiteSpace(message.Name))
        {
            context.ReportVariant(id, MessageMissing, "no-name", messageRef);
            ok = false;
        }
        else
        {
            name = message.Name.Trim();
        }

        return ok ? new MessageTrigger(name!, string.IsNullOrWhiteSpace(key) ? null : key.Trim()) : null;
    }

    private static void CheckUserTask(ValidationContext context, BpmnFlowNode node)
    {
        var id = node.Id!;
        if (string.IsNullOrWhiteSpace(node.Extensions.GetValueOrDefault("role")))
        {
            context.Report(id, MissingRole);
        }

        if (node.Extensions.GetValueOrDefault("unitScope") is { } scope
            && (!UnitScopeTemplate.IsBalanced(scope) || UnitScopeTemplate.Placeholders(scope).Any(p => !ConditionExpression.IsVariablePath(p))))
        {
            context.Report(id, UnitScopeInvalid, scope);
        }

        if (node.Extensions.TryGetValue("durationDays", out var days))
        {
            if (int.TryParse(days.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                context.DurationDays[id] = value;
            }
            else
            {
                context.Report(id, DurationDaysInvalid, days);
            }
        }

        var outcomes = ImmutableArray<string>.Empty;
        if (node.Extensions.TryGetValue("outcomes", out var list) && !string.IsNullOrWhiteSpace(list))
        {
            outcomes = [.. list.Split(',').Select(o => o.Trim())];
            if (outcomes.Any(o => o.Length == 0))
            {
                context.ReportVariant(id, OutcomesInvalid, "empty", list);
            }
            else if (outcomes.GroupBy(o => o, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            {
                context.ReportVariant(id, OutcomesInvalid, "duplicate", duplicate.Key);
            }
        }

        context.Outcomes[id] = outcomes;
    }

    private static void CheckHandler(ValidationContext context, BpmnFlowNode node)
    {
        var handler = node.Extensions.GetValueOrDefault("handler")?.Trim();
        if (string.IsNullOrEmpty(handler))
        {
            context.Report(node.Id!, MissingHandler, node.ElementType);
        }
        else if (context.RegisteredHandlers is { } known && !known.Contains(handler))
        {
            var names = known.Count == 0 ? "-" : string.Join(", ", known.Order(StringComparer.Ordinal));
            context.Report(node.Id!, UnknownHandler, handler, names);
        }
    }
}
