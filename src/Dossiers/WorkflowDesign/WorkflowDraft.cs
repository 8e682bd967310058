using Microsoft.EntityFrameworkCore;
using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.WorkflowDesign;

/// <summary>
/// The version of a procedure's workflow an administrator is preparing: one per procedure, saved with its problems (a
/// draft may be invalid), published as the next version. Not the engine's: the engine knows published versions only.
/// </summary>
public sealed class WorkflowDraft
{
    /// <summary>The definition key (the BPMN process id, the procedure's key).</summary>
    public required string Key { get; set; }

    /// <summary>The BPMN XML as the designer last saved it (diagram included).</summary>
    public required string Source { get; set; }

    /// <summary>The published version the draft began from (null: from the shipped file or an import).</summary>
    public int? BasedOnVersion { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    /// <summary>How many problems the engine's validation found at the last save: a draft with any cannot be published.</summary>
    public int ProblemCount { get; set; }
}

internal sealed class WorkflowDraftConfiguration : IEntityTypeConfiguration<WorkflowDraft>
{
    public void Configure(EntityTypeBuilder<WorkflowDraft> builder)
    {
        builder.ToTable("WorkflowDrafts");
        builder.HasKey(d => d.Key);
        builder.Property(d => d.Key).HasMaxLength(200);
        builder.Property(d => d.UpdatedBy).HasMaxLength(100);
        builder.Property(d => d.UpdatedAt).HasUtcConversion();
    }
}
