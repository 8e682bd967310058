using System.Data.Common;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>
/// Tells a database that cannot answer now — stopped, restarting, unreachable, out of connections, busy — from a fault
/// of the app, by what the providers themselves say of their errors (<see cref="DbException.IsTransient"/>: Npgsql for
/// lost connections, timeouts and the server's shutdown codes; SQLite for a busy or locked file), wherever it is in the
/// chain of causes (EF Core wraps it).
/// </summary>
public static class DatabaseFaults
{
    public static bool IsUnavailable(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
