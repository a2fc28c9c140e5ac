using System.Text.RegularExpressions;
using RealPerson.Tests.Module;

namespace RealPerson.Tests.Architecture;

/// <summary>
/// "The engine reads time and waits through one injected TimeProvider" (src/ARCHITECTURE.md),
/// checked over the engine's source text: no reading of the machine's clock, no sleep, no timer
/// or timed cancellation of its own, so a test's fake clock drives every deadline, poll and retry.
/// </summary>
public sealed class ClockTests
{
    /// <summary>What reads or waits on the machine's clock instead of the injected one.</summary>
    private static readonly (string What, Regex Pattern)[] Forbidden =
    {
        ("reads the machine's clock", new Regex(@"\bDateTime(Offset)?\s*\.\s*(UtcNow|Now|Today)\b")),
        ("times with a Stopwatch", new Regex(@"\bStopwatch\b")),
        ("reads Environment.TickCount", new Regex(@"\bEnvironment\s*\.\s*TickCount")),
        // netstandard2.0 has no Task.Delay that takes a TimeProvider: a wait is time.Delay(span, token).
        ("waits with Task.Delay instead of TimeProvider.Delay", new Regex(@"\bTask\s*\.\s*Delay\s*\(")),
        ("sleeps a thread", new Regex(@"\bThread\s*\.\s*Sleep\b")),
        ("starts a timer of its own", new Regex(@"\bnew\s+(System\.Threading\.)?Timer\s*\(")),
        ("cancels after a time of its own (use TimeLimit)", new Regex(@"\.\s*CancelAfter\s*\(|new\s+CancellationTokenSource\s*\(\s*[^)\s]")),
    };

    /// <summary>
    /// Files that still use the machine's clock, each to be removed by whoever mends it (a stale entry
    /// fails <see cref="Every_allowed_file_still_needs_it"/>). Nothing else may.
    /// </summary>
    private static readonly (string File, string Why)[] Allowed =
    {
        // The machine's time on purpose: another process's file lock and an idle file handle are
        // real-world waits that a test's clock must not stretch or stop.
        ("Ledger/JsonLines/JsonLinesLedgerStore.cs", "waits out another process's lock on the journal file"),
        ("Ledger/Sqlite/CachedConnection.cs", "closes the database file after two seconds idle"),
    };

    private static readonly Regex LineComment = new(@"//.*$", RegexOptions.Multiline);

    private static string EngineRoot => Path.Combine(ModuleAssemblies.FindRepoRoot(), "src", "RealPerson.Core");

    private static IEnumerable<(string File, string Text)> EngineSources() =>
        Directory.EnumerateFiles(EngineRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(EngineRoot, f).Replace('\\', '/'), LineComment.Replace(File.ReadAllText(f), string.Empty)));

    private static List<string> UsesOfTheMachinesClock(string text) =>
        Forbidden.SelectMany(f => f.Pattern.Matches(text).Select(m => $"{f.What}: {m.Value}")).ToList();

    [Fact]
    public void No_engine_file_reads_or_waits_on_the_machines_clock()
    {
        var found = EngineSources()
            .Where(s => !Allowed.Any(a => a.File == s.File))
            .SelectMany(s => UsesOfTheMachinesClock(s.Text).Select(use => $"{s.File} {use}"))
            .ToList();

        Assert.True(found.Count == 0, "Take the clock as a TimeProvider (WaitOptions.Time, ResolvedConnection.Time, ...) instead:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Every_allowed_file_still_needs_it()
    {
        var sources = EngineSources().ToDictionary(s => s.File, s => s.Text);

        foreach (var (file, why) in Allowed)
        {
            Assert.True(sources.TryGetValue(file, out var text) && UsesOfTheMachinesClock(text).Count > 0,
                $"{file} no longer uses the machine's clock ({why}): remove it from the allowed files.");
        }
    }

    [Theory]
    [InlineData("var now = DateTimeOffset.UtcNow;")]
    [InlineData("if (DateTime.UtcNow < deadline)")]
    [InlineData("var clock = Stopwatch.StartNew();")]
    [InlineData("await Task.Delay(delay, token);")]
    [InlineData("Thread.Sleep(100);")]
    [InlineData("idle = new Timer(_ => Close());")]
    [InlineData("timeout.CancelAfter(limit);")]
    [InlineData("using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));")]
    public void The_scan_sees_each_way_of_using_the_machines_clock(string line) =>
        Assert.NotEmpty(UsesOfTheMachinesClock(line));

    [Theory]
    [InlineData("var now = time.GetUtcNow();")]
    [InlineData("await time.Delay(delay, token);")]
    [InlineData("using var timeout = new TimeLimit(Time, limit, token);")]
    [InlineData("using var linked = new CancellationTokenSource();")]
    public void The_scan_lets_the_injected_clock_be(string line) =>
        Assert.Empty(UsesOfTheMachinesClock(line));
}
