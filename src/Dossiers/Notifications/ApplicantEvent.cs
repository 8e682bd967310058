namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>What the applicant is told of their dossier, by e-mail and SMS (each its own template).</summary>
public enum ApplicantEvent
{
    /// <summary>Submitted online: the dossier's code, waiting for reception.</summary>
    Submitted,

    /// <summary>Accepted, with the appointment (also after a supplement restarted the clock: the new appointment).</summary>
    Accepted,

    /// <summary>A supplement is asked for: what is missing (form 02).</summary>
    SupplementRequested,

    /// <summary>Late: the apology with the new appointment (form 04).</summary>
    Extended,

    /// <summary>The result is ready: where and how to collect it (the workflow's <c>notify</c> step).</summary>
    ResultReady,

    /// <summary>The result was handed to the postal service, with its tracking number.</summary>
    SentByPost,

    /// <summary>The result was handed over (the dossier is closed).</summary>
    Returned,

    /// <summary>Refused at reception or during processing, with the reasons (form 03).</summary>
    Refused,

    /// <summary>Withdrawn at the applicant's request.</summary>
    Withdrawn,

    /// <summary>Processing stopped by the agency, with the reason (form 05).</summary>
    Stopped,
}
