namespace DossierWorkflow.Engine.Graph;

/// <summary>
/// A multi-instance marker (<c>multiInstanceLoopCharacteristics</c>): one instance of the activity per element of the list
/// variable <see cref="Collection"/> (<c>dw:collection</c>), or <see cref="Cardinality"/> instances (<c>loopCardinality</c>:
/// a number or a number variable). Each instance sees its element as <see cref="ElementVariable"/>
/// (<c>dw:elementVariable</c>) and its index as <c>loopCounter</c>; what it writes stays its own. When an instance ends, its
/// <see cref="OutputElement"/> (<c>dw:outputElement</c>) is collected at its index into <see cref="OutputCollection"/>
/// (<c>dw:outputCollection</c>); the activity ends when every instance has, or as soon as <see cref="CompletionCondition"/>
/// holds (over <c>nrOfInstances</c>, <c>nrOfCompletedInstances</c>, <c>nrOfActiveInstances</c> and the variables), the
/// others being cancelled.
/// </summary>
public sealed record MultiInstanceLoop(
    bool IsSequential,
    string? Collection,
    string? Cardinality,
    string? ElementVariable,
    CompiledCondition? CompletionCondition,
    string? OutputElement,
    string? OutputCollection)
{
    /// <summary>The most instances one multi-instance activity runs (a longer list is an incident when it is entered).</summary>
    public const int MaxInstances = 1000;

    public const string LoopCounter = "loopCounter";
    public const string NrOfInstances = "nrOfInstances";
    public const string NrOfCompletedInstances = "nrOfCompletedInstances";
    public const string NrOfActiveInstances = "nrOfActiveInstances";
}
