using System;
using System.Collections.Generic;
using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>
/// A PostgreSQL ledger's location as Npgsql's settings: a <c>postgresql://user[:password]@host[:port]/database[?sslmode=...]</c>
/// URI (or <c>postgres://</c>), or a <c>Host=...;Database=...</c> connection string. Without a
/// password, Npgsql takes one from PGPASSWORD or the .pgpass file itself.
/// </summary>
internal static class PostgresLocation
{
    // The URI settings libpq users write most, as Npgsql names them.
    private static readonly Dictionary<string, Action<NpgsqlConnectionStringBuilder, string>> QuerySettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = (b, v) => b.SslMode = SslModeNamed(v),
        ["application_name"] = (b, v) => b.ApplicationName = v,
        ["connect_timeout"] = (b, v) => b.Timeout = int.Parse(v, System.Globalization.CultureInfo.InvariantCulture),
        ["options"] = (b, v) => b.Options = v,
        ["sslrootcert"] = (b, v) => b.RootCertificate = v,
        ["sslcert"] = (b, v) => b.SslCertificate = v,
        ["sslkey"] = (b, v) => b.SslKey = v,
        ["target_session_attrs"] = (b, v) => b.TargetSessionAttributes = v,
        ["user"] = (b, v) => b.Username = v,
        ["password"] = (b, v) => b.Password = v,
        ["dbname"] = (b, v) => b.Database = v,
        ["host"] = (b, v) => b.Host = v,
        ["port"] = (b, v) => b.Port = int.Parse(v, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Npgsql's settings for a location; a location that cannot be read is an InvalidParameter error (without its password).</summary>
    public static NpgsqlConnectionStringBuilder Parse(string location)
    {
        try
        {
            var text = location.Trim();
            var settings = text.Contains("://", StringComparison.Ordinal) ? FromUri(text) : new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(settings.Host))
            {
                throw new FormatException("it names no host");
            }

            settings.ApplicationName ??= "RealPerson";
            return settings;
        }
        catch (Exception e) when (e is FormatException || e is ArgumentException || e is UriFormatException || e is OverflowException)
        {
            throw new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                $"The ledger location '{LedgerLocation.Display(location)}' is not a PostgreSQL URI or connection string that can be read ({e.Message}). " +
                "Write it as postgresql://user@host:5432/database (the password from PGPASSWORD or .pgpass), or Host=...;Database=...;Username=...");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        // A password pasted with a raw '/', '?', '#' or '@' is still the password.
        var uri = new Uri(Connections.UriUserInfo.Escaped(text));
        if (uri.Scheme != "postgresql" && uri.Scheme != "postgres")
        {
            throw new FormatException($"the scheme is '{uri.Scheme}', not postgresql");
        }

        var settings = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            settings.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            settings.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon));
            if (colon >= 0)
            {
                settings.Password = Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1));
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            settings.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals));
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' '));
            if (!QuerySettings.TryGetValue(name, out var apply))
            {
                throw new FormatException($"the setting '{name}' is not one this module knows (sslmode, application_name, connect_timeout, options, sslrootcert, sslcert, sslkey, target_session_attrs)");
            }

            apply(settings, value);
        }

        return settings;
    }

    private static SslMode SslModeNamed(string value) => value.ToLowerInvariant() switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new FormatException($"sslmode '{value}' is not disable, allow, prefer, require, verify-ca or verify-full"),
    };
}
