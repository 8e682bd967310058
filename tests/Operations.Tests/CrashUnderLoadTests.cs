using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Operations;

namespace DossierWorkflow.Operations.Tests;

/// <summary>
/// Two instances of the officers' host on one PostgreSQL, under load from four desks (online submissions, acceptances,
/// the specialist's and the leader's steps, a timer per dossier, a notice at each stage), while one instance at a time
/// is killed with SIGKILL twenty times: nothing confirmed is lost, nothing happens twice, nothing is half-written; a
/// notice is sent at least once, and again only when a kill caught it being sent.
/// </summary>
public sealed class CrashUnderLoadTests(PostgresCluster cluster, S3Server s3, SmtpServer smtp)
{
    [Fact]
    public async Task Killing_instances_under_load_loses_duplicates_and_half_writes_nothing()
    {
        var cancel = TestContext.Current.CancellationToken;
        var seed = Environment.TickCount;
        var setup = new OfficeSetup(await cluster.CreateDatabaseAsync("crash"), await s3.ServiceUrlAsync(), await smtp.PortAsync(), LogLevel: "Information");
        await using var office = await Office.OpenAsync(setup, instances: 2, cancel);

        var result = await CrashUnderLoad.RunAsync(office, smtp, new CrashOptions(Kills: 20, Desks: 4, Limit: TimeSpan.FromMinutes(4), seed), cancel);

        var report = result.Report;
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"seed: {seed}");
        foreach (var line in report.Lines())
        {
            output.WriteLine(line);
        }

        foreach (var detail in report.Details.Concat(result.Load.Unexpected.Take(20)))
        {
            output.WriteLine(detail);
        }

        Assert.True(report.Kills >= 20, $"Only {report.Kills} kills.");
        Assert.True(report.Acknowledged > 100, $"Only {report.Acknowledged} changes were confirmed.");
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);
        Assert.Equal(0, report.HalfWritten);
        Assert.Equal(0, report.TimersFiredTwice);
        Assert.Equal(0, report.TimersNotFired);
        Assert.Equal(0, report.NoticesUndelivered);
        Assert.Equal(0, report.NoticesMissing);
        // At least once: a kill while a notice is being sent, after the mail server took it and before it is recorded, sends
        // that one again (with the same Message-ID, which a mailbox shows once). Nothing else is ever sent twice.
        Assert.True(report.NoticesDeliveredTwice <= report.Kills, $"{report.NoticesDeliveredTwice} notices sent twice in {report.Kills} kills.");
        Assert.True(report.TimersFired > 20, $"Only {report.TimersFired} timers fired.");
        Assert.Equal(0, result.Load.SessionsRefused);
        Assert.DoesNotContain(result.Load.Unexpected, u => u.Contains(" 500 ", StringComparison.Ordinal) || u.Contains("given up", StringComparison.Ordinal));

        // The instances' logs (JSON, at Information) name dossiers by code, never the applicant: no ID number, phone,
        // address or e-mail address.
        var log = office.Instances.SelectMany(i => i.Log).ToList();
        Assert.True(log.Count > 100, $"Only {log.Count} log lines.");
        foreach (var personal in new[] { "001085012345", "0912345678", "84912345678", "Hàng Bông", "H\u00E0ng B\u00F4ng", "@nguoidan.test", "Nguyễn Văn Án", "Nguy\u1EC5n" })
        {
            Assert.DoesNotContain(log, line => line.Contains(personal, StringComparison.OrdinalIgnoreCase));
        }
    }
}
