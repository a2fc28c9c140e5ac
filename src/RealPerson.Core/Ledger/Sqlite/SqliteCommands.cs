using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>Commands on a connection, inside its transaction when one is open (SQLite requires it named).</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static SqliteCommand Command(this SqliteTransaction transaction, string sql) => transaction.Connection!.Command(transaction, sql);

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? System.DBNull.Value);
        return command;
    }
}
