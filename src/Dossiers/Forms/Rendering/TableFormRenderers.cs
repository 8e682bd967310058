using System.Globalization;
using DossierWorkflow.Dossiers.Forms.Layout;
using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms.Rendering;

/// <summary>Forms 06 and 07: a short heading, then a table that runs over as many pages as it needs.</summary>
internal static class TableFormRenderers
{
    public static void Render(FormDocument form, ProcessControlSheet sheet)
    {
        var flow = form.Flow;
        form.Header(sheet.Agency, number: null, date: null);
        form.Title();
        form.Field(FormText.DossierCode, sheet.DossierCode, emphasise: true);
        form.Field(FormText.Procedure, sheet.Procedure);
        form.Field(FormText.DossierOf, sheet.Applicant.FullName);
        form.Sentence(FormText.ControlReceivedAt, ("moment", VietnameseDates.Moment(sheet.ReceivedAt)));
        form.Sentence(FormText.ControlAppointment, ("moment", VietnameseDates.Moment(sheet.AppointmentAt)));
        form.Field(FormText.ControlLeadUnit, sheet.LeadUnit);
        form.Field(FormText.ControlCoordinatingUnits, sheet.CoordinatingUnits);
        flow.Gap(6);

        new TableWriter(flow,
        [
            new(form.Text(FormText.ColumnNo), 0.06, TextAlign.Center),
            new(form.Text(FormText.ControlColumnFrom), 0.20),
            new(form.Text(FormText.ControlColumnTo), 0.20),
            new(form.Text(FormText.ControlColumnTimes), 0.24),
            new(form.Text(FormText.ControlColumnResult), 0.15, TextAlign.Center),
            new(form.Text(FormText.ColumnNotes), 0.15),
        ]).Draw(sheet.HandOffs.Select((h, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture),
            $"{h.FromUnit}\n{h.FromOfficer}",
            $"{h.ToUnit}\n{h.ToOfficer}",
            form.Text(FormText.ControlHandedOver, ("moment", VietnameseDates.Short(h.HandedOverAt)))
                + (h.ReceivedAt is { } received ? "\n" + form.Text(FormText.ControlReceived, ("moment", VietnameseDates.Short(received))) : string.Empty),
            h.Timeliness is { } timeliness ? Timeliness(form, timeliness) : string.Empty,
            h.Notes ?? string.Empty,
        ]));
    }

    public static void Render(FormDocument form, RegisterBook book)
    {
        var flow = form.Flow;
        var fonts = form.Fonts;
        form.Header(book.Agency, number: null, date: null);
        form.Title();
        flow.Paragraph([new Run(form.Text(FormText.RegisterUnit, ("unit", book.Unit)), fonts.Body)], TextAlign.Center);
        flow.Paragraph(
            [new Run(form.Text(FormText.RegisterPeriod, ("from", VietnameseDates.Short(book.PeriodFrom)), ("to", VietnameseDates.Short(book.PeriodTo))), fonts.BodyItalic)],
            TextAlign.Center);
        flow.Paragraph([new Run(form.Text(FormText.RegisterVolume, ("volume", book.Volume)), fonts.Body)], TextAlign.Center);
        flow.Gap(6);

        new TableWriter(flow,
        [
            new(form.Text(FormText.ColumnNo), 0.035, TextAlign.Center),
            new(form.Text(FormText.RegisterColumnCode), 0.165),
            new(form.Text(FormText.RegisterColumnProcedure), 0.125),
            new(form.Text(FormText.RegisterColumnApplicant), 0.10),
            new(form.Text(FormText.RegisterColumnAddress), 0.13),
            new(form.Text(FormText.RegisterColumnLeadUnit), 0.095),
            new(form.Text(FormText.RegisterColumnReceived), 0.07, TextAlign.Center),
            new(form.Text(FormText.RegisterColumnAppointment), 0.07, TextAlign.Center),
            new(form.Text(FormText.RegisterColumnReturned), 0.07, TextAlign.Center),
            new(form.Text(FormText.RegisterColumnCollected), 0.08),
            new(form.Text(FormText.ColumnNotes), 0.06),
        ]).Draw(book.Entries.Select((e, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture),
            e.DossierCode,
            e.Procedure,
            e.ApplicantName,
            e.AddressAndPhone ?? string.Empty,
            e.LeadUnit,
            VietnameseDates.Short(e.ReceivedAt),
            VietnameseDates.Short(e.AppointmentAt),
            e.ReturnedAt is { } returned ? VietnameseDates.Short(returned) : string.Empty,
            e.CollectedBy is { } collected ? ReceiptSlipRenderer.Delivery(form, collected) : string.Empty,
            e.Notes ?? string.Empty,
        ]));
    }

    private static string Timeliness(FormDocument form, HandOffTimeliness timeliness) => form.Text(timeliness switch
    {
        HandOffTimeliness.Early => FormText.TimelinessEarly,
        HandOffTimeliness.OnTime => FormText.TimelinessOnTime,
        HandOffTimeliness.Late => FormText.TimelinessLate,
        _ => throw new ArgumentOutOfRangeException(nameof(timeliness), timeliness, "Unknown timeliness."),
    });
}
