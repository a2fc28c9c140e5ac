using RealPerson.Simulator;

// Standalone simulator for Pester tests and demos: parse arguments, listen, run until Ctrl+C.
var (parsed, error) = CommandLine.Parse(args);
if (parsed is null)
{
    Console.Error.WriteLine($"RealPerson simulator: {error}");
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

if (parsed.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

using var shutdown = new ShutdownSignal();
SimulatorHost host;
try
{
    host = await SimulatorHost.StartAsync(parsed.Options, parsed.Port);
}
catch (IOException ex)
{
    // Most often the port is taken.
    Console.Error.WriteLine($"RealPerson simulator: cannot listen on 127.0.0.1:{parsed.Port}: {ex.Message}");
    return 1;
}

await using (host)
{
    Console.WriteLine($"RealPerson simulator listening on {host.BaseUri}");
    Console.WriteLine($"Test keys: Jimmy AI '{SimulatorOptions.JimmyApiKey}' (a second account: '{SimulatorOptions.JimmySecondApiKey}'), APIMart '{SimulatorOptions.ApiMartApiKey}' (a second account: '{SimulatorOptions.ApiMartSecondApiKey}')");
    await shutdown.Signalled;
}

return 0;
