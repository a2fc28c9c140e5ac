using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>Commands inside the session's transaction, with their parameters.</summary>
internal static class PostgresCommands
{
    public static NpgsqlCommand Command(this NpgsqlTransaction transaction, string sql) => new(sql, transaction.Connection, transaction);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? System.DBNull.Value);
        return command;
    }
}
