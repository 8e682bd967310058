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

            foreach (var loop in node.LoopCharacteristics)
            {
                context.ReportVariant(id, UnsupportedElement, "loop", loop);
            }

            switch (node.ElementType)
            {
                case StartEvent:
                    foreach (var definition in node.EventDefinitions)
                    {
                        ReportUnsupported(context, node, definition, definition.Kind switch
                        {
                            TimerDefinition => "start-timer",
                            MessageDefinition => "start-message",
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
                case ReceiveTask:
                    if (ReadMessage(context, id, node.MessageRef, node.Extensions, null) is { } message)
                    {
                        context.Triggers[id] = message;
                    }

                    break;
            }
        }
    }

    private static void CheckEnd(ValidationContext context, BpmnFlowNode node)
    {
        if (node.EventDefinitions.Length > 1)
        {
            context.ReportVariant(node.Id!, UnsupportedEventDefinition, "multiple");
            return;
        }

        foreach (var definition in node.EventDefinitions.Where(d => d.Kind != TerminateDefinition))
        {
            if (definition.Kind == MessageDefinition)
            {
                CheckHandler(context, node);
            }
            else
            {
                ReportUnsupported(context, node, definition, null);
            }
        }
    }

    /// <summary>A none throw event is a milestone; a message throw event sends through its <c>dw:handler</c>, as a send task.</summary>
    private static void CheckThrowEvent(ValidationContext context, BpmnFlowNode node)
    {
        if (node.EventDefinitions.Length > 1)
        {
            context.ReportVariant(node.Id!, UnsupportedEventDefinition, "multiple");
            return;
        }

        foreach (var definition in node.EventDefinitions)
        {
            if (definition.Kind == MessageDefinition)
            {
                CheckHandler(context, node);
            }
            else
            {
                ReportUnsupported(context, node, definition, null);
            }
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
            _ => ReportUnsupported(context, node, definition, null),
        };
        if (trigger is not null)
        {
            context.Triggers[id] = trigger;
        }
    }

    /// <summary>
    /// An error is caught where it is raised: by an interrupting boundary event on a service or send task, whose handler
    /// raises it by its code (<c>errorRef</c> to an <c>error</c> with an <c>errorCode</c>; none: any business error).
    /// </summary>
    private static ErrorTrigger? ReadError(ValidationContext context, BpmnFlowNode node, BpmnEventDefinition definition)
    {
        var id = node.Id!;
        var attachedTo = node.AttachedToRef is { } target && context.Nodes.TryGetValue(target.Trim(), out var activity) ? activity : null;
        if (node.ElementType != BoundaryEvent || attachedTo is null || attachedTo.ElementType is not (ServiceTask or SendTask))
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
    /// boundary event (a reminder on a step, every period while the step is open, at most so many times).
    /// </summary>
    private static TimerTrigger? ReadCycle(ValidationContext context, BpmnFlowNode node, string cycle, bool workingDays)
    {
        var id = node.Id!;
        if (node.ElementType != BoundaryEvent || node.CancelActivity)
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
