using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace RealPerson.Harness;

/// <summary>
/// A throwaway PostgreSQL cluster for tests and benchmarks: a temporary data folder, a free loopback
/// port, password logins over TCP. PostgreSQL refuses to run as root, so as root it runs as the
/// postgres OS user. Its state (port, superuser password) is kept in <c>cluster.json</c> in its
/// folder, so one process may start it (Pester's BeforeAll, through this harness) and another stop it.
/// </summary>
public sealed class PostgresTestCluster : IAsyncDisposable
{
    private const string StateFile = "cluster.json";

    private PostgresTestCluster(string folder, int port, string password)
    {
        Folder = folder;
        Port = port;
        SuperuserPassword = password;
    }

    public string Folder { get; }

    public int Port { get; }

    public string SuperuserPassword { get; }

    /// <summary>The superuser's connection URI (tests create their own role and database through it).</summary>
    public string SuperuserUri => $"postgresql://postgres:{SuperuserPassword}@127.0.0.1:{Port}/postgres";

    /// <summary>initdb, then pg_ctl start (waiting until it accepts connections).</summary>
    public static async Task<PostgresTestCluster> StartAsync(string? folder = null, bool durable = false)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "realperson-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var passwordFile = Path.Combine(folder, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password + "\n");
        if (AsRoot)
        {
            // The postgres OS user must own what it writes.
            await RunAsync("chown", "-R", "postgres", folder);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(Tool("initdb"), "-D", data, "-U", "postgres", "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync");
        var port = FreePort();

        // fsync off unless asked: a test cluster need not survive a power cut, and it starts and commits faster.
        var settings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200" + (durable ? string.Empty : " -c fsync=off -c synchronous_commit=off");
        await RunAsync(Tool("pg_ctl"), "-D", data, "-o", settings, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start");
        var cluster = new PostgresTestCluster(folder, port, password);
        await File.WriteAllTextAsync(Path.Combine(folder, StateFile), JsonSerializer.Serialize(new { port, password }));
        return cluster;
    }

    /// <summary>The cluster another process started in <paramref name="folder"/>.</summary>
    public static PostgresTestCluster Attach(string folder)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, StateFile)));
        return new PostgresTestCluster(folder, state.RootElement.GetProperty("port").GetInt32(), state.RootElement.GetProperty("password").GetString()!);
    }

    /// <summary>A role with a password and a database it owns: a ledger of its own, as a URI.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "rp_" + Guid.NewGuid().ToString("N").Substring(0, 12);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant();
        await PsqlAsync($"CREATE ROLE {name} LOGIN PASSWORD '{password}'");
        await PsqlAsync($"CREATE DATABASE {name} OWNER {name}");
        return $"postgresql://{name}:{password}@127.0.0.1:{Port}/{name}";
    }

    /// <summary>Runs SQL as the superuser (over the cluster's own socket folder).</summary>
    public Task PsqlAsync(string sql) => RunAsync(Tool("psql"), "-h", Folder, "-p", Port.ToString(), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Tool("pg_ctl"), "-D", Path.Combine(Folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static bool AsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>A PostgreSQL server program: from pg_config --bindir (Debian keeps them off PATH), else PATH.</summary>
    private static string Tool(string name)
    {
        var bin = BinDir.Value;
        return bin != null && File.Exists(Path.Combine(bin, name)) ? Path.Combine(bin, name) : name;
    }

    private static readonly Lazy<string?> BinDir = new(() =>
    {
        try
        {
            var start = new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    });

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs a program (as the postgres user when this process is root), failing with its output.</summary>
    private static async Task RunAsync(string program, params string[] arguments)
    {
        var asPostgres = AsRoot && program != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var arg in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        // A test's own environment must not steer psql or the server (PGHOST, PGPASSWORD, ...).
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' could not be started ({e.Message}): the PostgreSQL 15 server (initdb, pg_ctl, psql) must be installed for the PostgreSQL ledger tests.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
            }
        }
    }
}
