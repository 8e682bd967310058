namespace DossierWorkflow.Engine.Handlers;

/// <summary>
/// Thrown by a service task's handler for an expected, business outcome that is not success (the applicant is not
/// eligible, a verification failed): an error boundary event on the task for <see cref="Code"/> (or one without a code)
/// takes the token on, with <c>errorCode</c> and <c>errorMessage</c> set as variables. Nothing catching it, the task
/// stays with an incident, as for any other failure.
/// </summary>
public sealed class BusinessErrorException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
