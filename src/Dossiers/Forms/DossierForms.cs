using System.Globalization;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>
/// Fills a legal form from a dossier and the record of its issue (<see cref="IssuedForm"/>): what a printout shows is
/// always read from the stored dossier, so printing twice prints the same, and printing changes nothing.
/// </summary>
public sealed class DossierForms(LegalFormPdfGenerator generator, FormsOptions options)
{
    /// <summary>The PDF of <paramref name="issued"/>, in the template version the dossier keeps.</summary>
    /// <param name="receivingUnit">The unit that received the dossier, with its parent (for the form's header).</param>
    /// <param name="calendar">The working calendar, whose time zone gives the office times printed.</param>
    public byte[] Render(Dossier dossier, IssuedForm issued, Unit receivingUnit, VietnameseWorkingCalendar calendar) =>
        generator.Render(Build(dossier, issued, receivingUnit, calendar), dossier.FormTemplateVersion);

    public ILegalForm Build(Dossier dossier, IssuedForm issued, Unit receivingUnit, VietnameseWorkingCalendar calendar)
    {
        DateTime Local(DateTimeOffset instant) => calendar.ToLocal(instant).DateTime;
        var agency = Agency(receivingUnit);
        var applicant = ApplicantOf(dossier);
        var issuedOn = DateOnly.FromDateTime(Local(issued.IssuedAt));
        return issued.Form switch
        {
            "01" => new ReceiptSlip(
                agency,
                issued.Number,
                dossier.Code,
                $"Bộ phận Một cửa {receivingUnit.Name}",
                applicant,
                dossier.ProcedureName,
                [.. dossier.Documents.Where(d => d.Provided).OrderBy(d => d.Position).Select(d => new SubmittedDocument(d.Name, CopyKind(d.Form), d.Count))],
                dossier.SetCount,
                LegalTime(dossier.ProcedureVersion.ProcessingTime),
                Local(dossier.ReceivedAt),
                Local(dossier.AppointmentAt ?? throw new InvalidOperationException($"Dossier {dossier.Code} has no appointment: form 01 needs one.")),
                $"Bộ phận Một cửa {receivingUnit.Name}",
                dossier.Delivery switch
                {
                    ResultDelivery.Post => ResultDeliveryMethod.PublicPostal,
                    ResultDelivery.Electronic => ResultDeliveryMethod.Online,
                    _ => ResultDeliveryMethod.AtCounter,
                },
                Local(dossier.ReceivedAt).Year.ToString(CultureInfo.InvariantCulture),
                dossier.Code[(dossier.Code.LastIndexOf('-') + 1)..],
                issued.IssuedByName,
                TrackingUrl(dossier.Code)),
            "02" => new SupplementRequest(
                agency,
                issued.Number,
                issuedOn,
                dossier.Code,
                Local(dossier.ReceivedAt),
                applicant,
                dossier.ProcedureName,
                [.. issued.Items.Select(i => new SupplementItem(i.Content, i.Reason))],
                issued.IssuedByName,
                ""),
            "03" => new RefusalNotice(
                agency,
                issued.Number,
                issuedOn,
                dossier.Channel == ReceptionChannel.Counter ? null : dossier.Code,
                Local(dossier.ReceivedAt),
                $"Bộ phận Một cửa {receivingUnit.Name}",
                applicant,
                dossier.ProcedureName,
                [.. issued.Items.Select(i => i.Reason)],
                issued.IssuedByName),
            "04" => new ApologyLetter(
                agency,
                issued.Number,
                issuedOn,
                dossier.Code,
                Local(dossier.ReceivedAt),
                applicant,
                dossier.ProcedureName,
                Local(AppointmentBefore(dossier, issued.IssuedAt)),
                issued.Items.FirstOrDefault()?.Reason ?? "",
                Local(dossier.Appointments.Where(a => a.Reason == AppointmentReason.Extension).Select(a => a.AppointmentAt).DefaultIfEmpty(dossier.AppointmentAt ?? issued.IssuedAt).First()),
                new Signatory(issued.SignatoryTitle ?? "", issued.IssuedByName)),
            "05" => new StopNotice(
                agency,
                issued.Number,
                issuedOn,
                dossier.Code,
                Local(dossier.ReceivedAt),
                applicant,
                dossier.ProcedureName,
                issuedOn,
                issued.Items.FirstOrDefault() is { } item ? $"{item.Content}: {item.Reason}" : "",
                issuedOn,
                new Signatory(issued.SignatoryTitle ?? "", issued.IssuedByName)),
            _ => throw new NotSupportedException($"Form {issued.Form} is not printed from a dossier's issued forms."),
        };
    }

    /// <summary>
    /// The process control sheet (form 06) of <paramref name="dossier"/>, from its workflow's journal: one row per
    /// hand-off — from the unit and officer who completed a step to the unit and officer who took the next (or its role,
    /// while it waits in a queue), when it was handed over and taken, and whether the step was done early, on time or
    /// late — and, once the result is returned, the hand-over to the applicant. Printing it changes nothing.
    /// </summary>
    /// <param name="stepUnits">The unit code each of the dossier's tasks was routed to, by task.</param>
    /// <param name="unitNames">Unit names by code; <paramref name="officerNames"/> officers' full names by user name.</param>
    public byte[] RenderControlSheet(
        Dossier dossier,
        IReadOnlyList<StoredJournalEntry> journal,
        IReadOnlyDictionary<Guid, string?> stepUnits,
        IReadOnlyDictionary<string, string> unitNames,
        IReadOnlyDictionary<string, string> officerNames,
        Unit receivingUnit,
        VietnameseWorkingCalendar calendar)
    {
        DateTime Local(DateTimeOffset instant) => calendar.ToLocal(instant).DateTime;
        string Officer(string? userName) => userName is null ? "" : officerNames.GetValueOrDefault(userName, userName);
        string UnitOf(Guid step) => stepUnits.GetValueOrDefault(step) is { } code ? unitNames.GetValueOrDefault(code, code) : receivingUnit.Name;

        List<HandOff> rows = [];
        Dictionary<Guid, int> waiting = [];
        Dictionary<Guid, DateTimeOffset?> dueAt = [];
        (string Unit, string Officer, DateTimeOffset At, HandOffTimeliness? Timeliness)? last = null;
        foreach (var entry in journal.OrderBy(e => e.Sequence))
        {
            if (entry.WorkItemId is not { } step)
            {
                continue;
            }

            switch (entry.Kind)
            {
                case JournalEntryKind.TaskCreated:
                    dueAt[step] = entry.DueAt;
                    if (last is { } from)
                    {
                        rows.Add(new HandOff(from.Unit, from.Officer, UnitOf(step), RoleName(entry.CandidateRole), Local(from.At), null, from.Timeliness));
                        waiting[step] = rows.Count - 1;
                    }

                    break;
                case JournalEntryKind.TaskClaimed or JournalEntryKind.TaskAssigned or JournalEntryKind.TaskDelegated or JournalEntryKind.TaskCompleted
                    when waiting.Remove(step, out var row):
                    rows[row] = rows[row] with { ToOfficer = Officer(entry.Kind == JournalEntryKind.TaskCompleted ? entry.Actor : entry.Assignee), ReceivedAt = Local(entry.At) };
                    break;
            }

            if (entry.Kind == JournalEntryKind.TaskCompleted)
            {
                var timeliness = dueAt.GetValueOrDefault(step) is { } due
                    ? DossierTimeline.TimelinessOf(entry.At, due, calendar) switch
                    {
                        Timeliness.Early => HandOffTimeliness.Early,
                        Timeliness.Late => HandOffTimeliness.Late,
                        _ => HandOffTimeliness.OnTime,
                    }
                    : (HandOffTimeliness?)null;
                last = (UnitOf(step), Officer(entry.Actor), entry.At, timeliness);
            }
        }

        if (dossier.Status == DossierStatus.ResultReturned && last is { } final)
        {
            var collector = dossier.Handovers.OrderBy(h => h.RecordedAt).LastOrDefault()?.CollectorName ?? dossier.Applicant.Name;
            rows.Add(new HandOff(final.Unit, final.Officer, "Tổ chức, cá nhân", collector, Local(final.At), Local(final.At), final.Timeliness));
        }

        var sheet = new ProcessControlSheet(
            Agency(receivingUnit),
            dossier.Code,
            dossier.ProcedureName,
            ApplicantOf(dossier),
            Local(dossier.ReceivedAt),
            Local(dossier.AppointmentAt ?? dossier.ReceivedAt),
            receivingUnit.Name,
            null,
            rows);
        return generator.Render(sheet, dossier.FormTemplateVersion);
    }

    private static AgencyHeader Agency(Unit receivingUnit) => new(
        receivingUnit.Parent?.Name.ToUpper(CultureInfo.GetCultureInfo("vi-VN")) ?? "",
        receivingUnit.Name.ToUpper(CultureInfo.GetCultureInfo("vi-VN")),
        Place(receivingUnit.Name));

    private static Applicant ApplicantOf(Dossier dossier) => new(
        dossier.Applicant.Name,
        dossier.Applicant.CitizenId ?? dossier.Applicant.TaxCode,
        dossier.Applicant.Address,
        dossier.Applicant.Phone,
        dossier.Applicant.Email,
        dossier.Representative?.Name ?? dossier.Applicant.LegalRepresentative);

    /// <summary>Who a step waits for while no officer has taken it, as the sheet prints it.</summary>
    private static string RoleName(string? role) => role switch
    {
        Roles.Reception => "Cán bộ tiếp nhận",
        Roles.Specialist => "Chuyên viên xử lý",
        Roles.Leader => "Lãnh đạo",
        Roles.Clerk => "Văn thư",
        _ => role ?? "",
    };

    /// <summary>The appointment in force just before <paramref name="at"/> (form 04 prints the one it replaces).</summary>
    private static DateTimeOffset AppointmentBefore(Dossier dossier, DateTimeOffset at) =>
        dossier.Appointments.Where(a => a.ChangedAt < at && a.Reason != AppointmentReason.Extension).OrderBy(a => a.ChangedAt).Select(a => a.AppointmentAt).LastOrDefault(dossier.AppointmentAt ?? at);

    /// <summary>The tracking page of a dossier, printed on form 01 and encoded in its QR code.</summary>
    public Uri TrackingUrl(string dossierCode) => options.TrackingUrlOf(dossierCode);

    /// <summary>"Phường Hoàn Kiếm" from "Ủy ban nhân dân Phường Hoàn Kiếm": the place of the form's date line.</summary>
    private static string Place(string unitName)
    {
        var place = unitName.StartsWith("Ủy ban nhân dân ", StringComparison.OrdinalIgnoreCase) ? unitName["Ủy ban nhân dân ".Length..] : unitName;
        foreach (var kind in (string[])["Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Thị trấn ", "Đặc khu "])
        {
            if (place.StartsWith(kind, StringComparison.OrdinalIgnoreCase))
            {
                return place[kind.Length..];
            }
        }

        return place;
    }

    private static string LegalTime(LegalProcessingTime time) =>
        time.Unit == LegalTimeUnit.SameDay ? "Trong ngày" : $"{time.Days:00} ngày làm việc";

    private static DocumentCopyKind CopyKind(DocumentForm form) => form switch
    {
        DocumentForm.Copy => DocumentCopyKind.Copy,
        DocumentForm.CertifiedCopy => DocumentCopyKind.CertifiedCopy,
        _ => DocumentCopyKind.Original,
    };
}

/// <summary>Settings of the printed forms (section <c>Forms</c>).</summary>
public sealed class FormsOptions
{
    public const string SectionName = "Forms";

    /// <summary>
    /// The public tracking page of a dossier, with <c>{code}</c> where its code goes: printed on form 01 and encoded in its
    /// QR code. Point it at the province's citizen portal.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.Url]
    public string TrackingUrl { get; set; } = "http://localhost:5090/tra-cuu/{code}";

    /// <summary>The tracking page of one dossier.</summary>
    public Uri TrackingUrlOf(string dossierCode) => new(TrackingUrl.Replace("{code}", Uri.EscapeDataString(dossierCode), StringComparison.Ordinal));
}
