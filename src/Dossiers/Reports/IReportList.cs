namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// A report of a unit (with the units below it) for a period, exported as an Excel workbook in the background
/// (<see cref="ReportExports"/>) with its progress shown: Biểu 06, the register book, the overdue list, officer productivity.
/// </summary>
public interface IReportList
{
    /// <summary>The file's name for a unit and period (e.g. <c>so-theo-doi_HN.HOANKIEM_20261201-20261231.xlsx</c>).</summary>
    string FileName(string unitCode, ReportPeriod period);

    /// <summary>
    /// Writes the workbook to <paramref name="output"/> (synchronously: a file, not a response body), telling
    /// <paramref name="progress"/> the rows done and the rows in all as it goes; returns the rows written.
    /// </summary>
    Task<int> WriteAsync(string unitCode, ReportPeriod period, Stream output, Action<int, int>? progress, CancellationToken cancellationToken);
}
