namespace DossierWorkflow.Dossiers.Reports;

/// <summary>Biểu 06 of a unit and period as its workbook (<see cref="Bieu06Workbook"/>), for the background exports.</summary>
public sealed class Bieu06Export(Bieu06 bieu06) : IReportList
{
    public string FileName(string unitCode, ReportPeriod period) => $"bieu-06_{unitCode}_{period.First:yyyyMMdd}-{period.Last:yyyyMMdd}.xlsx";

    public async Task<int> WriteAsync(string unitCode, ReportPeriod period, Stream output, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var report = await bieu06.ComputeAsync(unitCode, period, cancellationToken);
        progress?.Invoke(0, report.Rows.Count);
        Bieu06Workbook.Write(report, output);
        progress?.Invoke(report.Rows.Count, report.Rows.Count);
        return report.Rows.Count;
    }
}
