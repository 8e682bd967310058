using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DossierWorkflow.Dossiers.Notifications;
using DossierWorkflow.Engine;
using Npgsql;

namespace DossierWorkflow.Testing.Operations;

/// <summary>What the database and the mail server hold after a run under faults, against what the clients were told.</summary>
public sealed record FaultReport
{
    public long Requests { get; init; }
    public int Acknowledged { get; init; }
    public int Kills { get; init; }

    /// <summary>Confirmed changes the database does not hold.</summary>
    public int Lost { get; init; }

    /// <summary>Changes the database holds more than once: a dossier twice for one submission, a step completed twice.</summary>
    public int Duplicated { get; init; }

    /// <summary>Dossiers without their workflow, workflows without a first step, journals with a gap.</summary>
    public int HalfWritten { get; init; }

    public int TimersFiredTwice { get; init; }

    /// <summary>Timers due before the run was drained that never fired.</summary>
    public int TimersNotFired { get; init; }

    public int NoticesUndelivered { get; init; }

    /// <summary>Notices the SMTP server received more than once for one idempotency key.</summary>
    public int NoticesDeliveredTwice { get; init; }

    /// <summary>Notices the outbox says were delivered by e-mail that the SMTP server never received.</summary>
    public int NoticesMissing { get; init; }

    public int Dossiers { get; init; }

    public int TimersFired { get; init; }

    public int NoticesDelivered { get; init; }

    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>The figures as <c>key: value</c> lines, as the benchmarks print them.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"fault_requests: {Requests}";
        yield return $"fault_acknowledged: {Acknowledged}";
        yield return $"fault_kills: {Kills}";
        yield return $"fault_lost: {Lost}";
        yield return $"fault_duplicated: {Duplicated}";
        yield return $"fault_half_written: {HalfWritten}";
        yield return $"timers_fired_twice: {TimersFiredTwice}";
        yield return $"timers_not_fired: {TimersNotFired}";
        yield return $"notices_undelivered: {NoticesUndelivered}";
        yield return $"notices_delivered_twice: {NoticesDeliveredTwice}";
        yield return $"notices_missing: {NoticesMissing}";
        yield return $"fault_dossiers: {Dossiers}";
        yield return $"timers_fired: {TimersFired}";
        yield return $"notices_delivered: {NoticesDelivered}";
    }
}

/// <summary>Reads back, after a run, whether every confirmed change is in the database exactly once and nothing is half-written.</summary>
public static class FaultAudit
{
    private static readonly Dictionary<string, string> StepOf = new()
    {
        [OfficeLoad.Accept] = "Task_Reception",
        [OfficeLoad.Specialist] = "Task_Processing",
        [OfficeLoad.Leader] = "Task_Approval",
    };

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until no timer is due and no notice waits in the outbox: what the
    /// workers owe is done before it is audited.
    /// </summary>
    public static async Task DrainAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var owed = await ScalarAsync(
                connectionString,
                $"""
                SELECT (SELECT count(*) FROM "WorkflowTimers" WHERE "DueAt" <= now() AT TIME ZONE 'UTC')
                     + (SELECT count(*) FROM "WorkflowOutboxMessages" WHERE "Status" = {(int)OutboxStatus.Pending})
                """,
                cancellationToken);
            if (owed == 0)
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public static async Task<FaultReport> AuditAsync(Office office, LoadRecord load, int kills, SmtpServer smtp, CancellationToken cancellationToken = default)
    {
        var connectionString = office.ConnectionString;
        List<string> details = [];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // Submissions: each confirmed key is one dossier with the code the client was given; no applicant twice.
        var dossiers = await RowsAsync(connection, """SELECT "IdempotencyKey", "Code", "ApplicantEmail" FROM "Dossiers" """, r => (Key: r.IsDBNull(0) ? null : r.GetString(0), Code: r.GetString(1), Email: r.IsDBNull(2) ? null : r.GetString(2)), cancellationToken);
        var byKey = dossiers.Where(d => d.Key is not null).ToLookup(d => d.Key!);
        var lost = 0;
        var duplicated = 0;
        foreach (var submitted in load.Acknowledged.Where(a => a.Operation == OfficeLoad.Submit).DistinctBy(a => a.IdempotencyKey))
        {
            var held = byKey[$"api:{Office.ApiClientName}:{submitted.IdempotencyKey}"].ToList();
            if (held.Count == 0 || held.All(d => d.Code != submitted.Code))
            {
                lost++;
                details.Add($"lost: the submission {submitted.IdempotencyKey} ({submitted.Code})");
            }
        }

        foreach (var twice in dossiers.Where(d => d.Email is not null).GroupBy(d => d.Email).Where(g => g.Count() > 1))
        {
            duplicated += twice.Count() - 1;
            details.Add($"duplicated: {twice.Count()} dossiers for {twice.Key}");
        }

        // Steps: each confirmed completion is in the journal once.
        var completions = (await RowsAsync(
                connection,
                $"""
                SELECT i."BusinessKey", j."ElementId", count(*) FROM "WorkflowJournalEntries" j JOIN "WorkflowInstances" i ON i."Id" = j."InstanceId"
                WHERE j."Kind" = {(int)JournalEntryKind.TaskCompleted} GROUP BY i."BusinessKey", j."ElementId"
                """,
                r => (Code: r.GetString(0), Element: r.GetString(1), Count: r.GetInt64(2)),
                cancellationToken))
            .ToDictionary(c => (c.Code, c.Element), c => c.Count);
        foreach (var step in load.Acknowledged.Where(a => StepOf.ContainsKey(a.Operation)).DistinctBy(a => (a.Operation, a.Code)))
        {
            if (completions.GetValueOrDefault((step.Code, StepOf[step.Operation])) == 0)
            {
                lost++;
                details.Add($"lost: {step.Operation} of {step.Code}");
            }
        }

        foreach (var ((code, element), count) in completions.Where(c => c.Value > 1))
        {
            duplicated += (int)count - 1;
            details.Add($"duplicated: {element} of {code} completed {count} times");
        }

        // Half-written: a dossier without its workflow, a workflow without its first step, a journal with a gap.
        var halfWritten = await CountAsync(connection, details, "half-written: a dossier without its workflow", """
            SELECT d."Code" FROM "Dossiers" d WHERE NOT EXISTS (SELECT 1 FROM "WorkflowInstances" i WHERE i."BusinessKey" = d."Code")
            """, cancellationToken);
        halfWritten += await CountAsync(connection, details, "half-written: a workflow without a step", """
            SELECT i."BusinessKey" FROM "WorkflowInstances" i WHERE NOT EXISTS (SELECT 1 FROM "WorkflowWorkItems" w WHERE w."InstanceId" = i."Id")
            """, cancellationToken);
        halfWritten += await CountAsync(connection, details, "half-written: a journal with a gap", """
            SELECT i."BusinessKey" FROM "WorkflowInstances" i
            LEFT JOIN (SELECT "InstanceId", count(*) AS n, min("Sequence") AS first, max("Sequence") AS last FROM "WorkflowJournalEntries" GROUP BY "InstanceId") j
              ON j."InstanceId" = i."Id"
            WHERE j.n IS NULL OR j.first <> 1 OR j.last <> j.n OR j.last <> i."JournalSequence"
            """, cancellationToken);
        using (var store = office.Store())
        {
            var stored = await store.ListAsync(cancellationToken).ToHashSetAsync(cancellationToken: cancellationToken);
            foreach (var absent in (await RowsAsync(connection, """SELECT DISTINCT "Sha256" FROM "DossierFiles" """, r => r.GetString(0), cancellationToken)).Where(f => !stored.Contains(f)))
            {
                halfWritten++;
                details.Add($"half-written: a dossier's file missing from the store: {absent}");
            }
        }

        halfWritten += await CountAsync(connection, details, "half-written: an accepted dossier without form 01", """
            SELECT d."Code" FROM "Dossiers" d WHERE d."Status" <> 1 AND d."AppointmentAt" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM "DossierForms" f WHERE f."DossierId" = d."Id" AND f."Form" = '01')
            """, cancellationToken);

        // Timers: each fired once; none due before now left unfired.
        var timersFiredTwice = await CountAsync(connection, details, "a timer fired twice", $"""
            SELECT i."BusinessKey" FROM "WorkflowJournalEntries" j JOIN "WorkflowInstances" i ON i."Id" = j."InstanceId"
            WHERE j."Kind" = {(int)JournalEntryKind.TimerFired} GROUP BY i."BusinessKey", j."ElementId" HAVING count(*) > 1
            """, cancellationToken);
        var timersFired = (int)await ScalarAsync(connectionString, $"""SELECT count(*) FROM "WorkflowJournalEntries" WHERE "Kind" = {(int)JournalEntryKind.TimerFired}""", cancellationToken);
        var timersNotFired = await CountAsync(connection, details, "a timer due but not fired", """
            SELECT "Id"::text FROM "WorkflowTimers" WHERE "DueAt" <= now() AT TIME ZONE 'UTC'
            """, cancellationToken);

        // Notices: every one delivered; the mail server received each at most once (its Message-ID is made from the key).
        var notices = await RowsAsync(
            connection,
            $"""SELECT "IdempotencyKey", "Status", "LastError" FROM "WorkflowOutboxMessages" WHERE "Handler" = 'notify'""",
            r => (Key: r.GetString(0), Status: (OutboxStatus)r.GetInt32(1), Error: r.IsDBNull(2) ? null : r.GetString(2)),
            cancellationToken);
        var undelivered = notices.Count(n => n.Status != OutboxStatus.Delivered);
        details.AddRange(notices.Where(n => n.Status != OutboxStatus.Delivered).Take(10).Select(n => $"a notice {n.Status}: {n.Key} {n.Error}"));
        var received = (await smtp.AllMessagesAsync()).Select(m => m.MessageId).ToLookup(id => id);
        var deliveredTwice = 0;
        var missing = 0;
        var emailed = await RowsAsync(connection, $"""SELECT "IdempotencyKey" FROM "NotificationDeliveries" WHERE "Channel" = {(int)NotificationChannel.Email}""", r => r.GetString(0), cancellationToken);
        foreach (var key in emailed.Distinct())
        {
            var count = received[MessageIdOf(key)].Count();
            if (count == 0)
            {
                missing++;
                details.Add($"a notice recorded as sent never reached the mail server: {key}");
            }
            else if (count > 1)
            {
                deliveredTwice++;
                details.Add($"a notice reached the mail server {count} times: {key}");
            }
        }

        return new FaultReport
        {
            Requests = load.Requests,
            Acknowledged = load.Acknowledged.Count,
            Kills = kills,
            Lost = lost,
            Duplicated = duplicated,
            HalfWritten = halfWritten,
            TimersFiredTwice = timersFiredTwice,
            TimersNotFired = timersNotFired,
            NoticesUndelivered = undelivered,
            NoticesDeliveredTwice = deliveredTwice,
            NoticesMissing = missing,
            Dossiers = dossiers.Count,
            TimersFired = timersFired,
            NoticesDelivered = notices.Count - undelivered,
            Details = details,
        };
    }

    /// <summary>The Message-ID the e-mail channel gives a notice (<c>EmailChannel</c>): the key's hash at the sender's domain.</summary>
    private static string MessageIdOf(string idempotencyKey) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32]}@{Office.MailDomain}";

    private static async Task<int> CountAsync(NpgsqlConnection connection, List<string> details, string what, string sql, CancellationToken cancellationToken)
    {
        var found = await RowsAsync(connection, sql, r => r.GetString(0), cancellationToken);
        details.AddRange(found.Take(10).Select(f => $"{what}: {f}"));
        return found.Count;
    }

    private static async Task<List<T>> RowsAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<T> rows = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken) =>
        Convert.ToInt64(await PostgresCluster.ExecuteScalarAsync(connectionString, sql, cancellationToken), CultureInfo.InvariantCulture);
}
