using System;
using System.Net.Sockets;
using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>What a PostgreSQL failure means to the user, as one LedgerUnavailable error in words, never with the password.</summary>
internal static class PostgresFailures
{
    public static RealPersonException Unavailable(string shown, NpgsqlConnectionStringBuilder settings, Exception e)
    {
        var why = e switch
        {
            PostgresException { SqlState: "28P01" } => $"the server refused the password of user '{settings.Username}' (give it in the URI, PGPASSWORD or the .pgpass file).",
            PostgresException { SqlState: "28000" } => $"the server does not let user '{settings.Username}' in ({((PostgresException)e).MessageText}).",
            PostgresException { SqlState: "3D000" } => $"the database '{settings.Database}' does not exist on {settings.Host}; create it first (createdb), or name another.",
            PostgresException { SqlState: "42501" } => $"user '{settings.Username}' may not create or use the ledger's tables ({((PostgresException)e).MessageText}).",
            PostgresException postgres => $"{postgres.MessageText} (SQLSTATE {postgres.SqlState}).",
            NpgsqlException { InnerException: SocketException socket } => $"{settings.Host}:{settings.Port} cannot be reached ({socket.Message}).",
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => $"{settings.Host}:{settings.Port} did not answer in time.",
            _ => e.Message,
        };
        var message = $"Could not use the PostgreSQL ledger {shown}: {why}";
        if (!string.IsNullOrEmpty(settings.Password))
        {
            message = message.Replace(settings.Password, "***");
        }

        // Npgsql's own exception is not kept inside: its properties do not serialise (ConvertTo-Json of
        // $Error fails on them), and everything it says that matters is in the message.
        return new RealPersonException(ErrorIds.LedgerUnavailable, e is PostgresException { SqlState: "28P01" or "28000" } ? FailureCategory.AuthenticationError : FailureCategory.ResourceUnavailable, message);
    }
}
