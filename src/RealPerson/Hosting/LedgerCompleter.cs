using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using RealPerson.Ledger;

namespace RealPerson.Hosting;

/// <summary>Tab completion of -AssetId, -TaskId, -Name, -Endpoint and -AssetUri from the ledger (the one -LedgerPath names, if given).</summary>
public sealed class LedgerCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            // A relative -LedgerPath would need PowerShell's location, which a completer cannot ask
            // for safely; such a path is left to the command, and completion reads the usual ledger.
            var given = fakeBoundParameters["LedgerPath"] as string;
            var ledger = new AssetLedger(LedgerPath.Resolve(given != null && System.IO.Path.IsPathRooted(given) ? given : null));
            if (!System.IO.File.Exists(ledger.Path))
            {
                return Enumerable.Empty<CompletionResult>();
            }

            // Completion is synchronous; the reads are quick (indexed in a database) and run off any captured context.
            var provider = ProviderNamed(fakeBoundParameters["Provider"]);
            var start = (wordToComplete ?? string.Empty).Trim('\'', '"');
            if (parameterName == "Endpoint" || parameterName == "AssetUri")
            {
                return LedgerValues(ledger, commandName, parameterName, provider, start);
            }

            if (commandName == "Wait-AvatarVerification")
            {
                var verifications = Task.Run(() => ledger.ReadEventsAsync(new[] { LedgerEvent.Verification })).GetAwaiter().GetResult();
                return LedgerCompletions.CompleteVerifications(VerificationRecords.Fold(verifications), wordToComplete)
                    .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.ToolTip))
                    .ToList();
            }

            if (commandName.EndsWith("-SeedanceVideo", System.StringComparison.OrdinalIgnoreCase))
            {
                var videos = Task.Run(() => ledger.ReadEventsAsync(VideoRecords.Events)).GetAwaiter().GetResult();
                return LedgerCompletions.CompleteVideos(VideoRecords.Fold(videos), wordToComplete, ProviderNamed(fakeBoundParameters["Provider"]))
                    .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.ToolTip))
                    .ToList();
            }


            var query = new AssetQuery
            {
                Providers = provider is { } p ? new[] { p } : null,
                NamePrefixes = parameterName == "Name" ? new[] { start } : null,
                IdPrefix = parameterName == "Name" ? null : start,
                Newest = 500,
            };
            var assets = Task.Run(() => ledger.FindAssetsAsync(query)).GetAwaiter().GetResult();
            return LedgerCompletions.Complete(assets, parameterName, wordToComplete, provider)
                .Select(c => new CompletionResult(Quote(parameterName == "Name" ? WildcardPattern.Escape(c.Value) : c.Value), c.Value, CompletionResultType.ParameterValue, c.ToolTip))
                .ToList();
        }
        catch (System.Exception e) when (e is RealPersonException || e is System.IO.IOException || e is System.UnauthorizedAccessException)
        {
            // A missing or locked ledger just means nothing to offer.
            return Enumerable.Empty<CompletionResult>();
        }
    }

    /// <summary>
    /// -Endpoint: the endpoints the ledger's assets (or videos) were sent to; -AssetUri: the
    /// asset:// references of Active assets, newest first.
    /// </summary>
    private static IEnumerable<CompletionResult> LedgerValues(AssetLedger ledger, string commandName, string parameterName, Provider? provider, string start)
    {
        IEnumerable<(string? Value, string ToolTip)> values;
        if (parameterName == "Endpoint" && commandName.EndsWith("-SeedanceVideo", System.StringComparison.OrdinalIgnoreCase))
        {
            var videos = VideoRecords.Fold(Task.Run(() => ledger.ReadEventsAsync(VideoRecords.Events)).GetAwaiter().GetResult());
            values = videos.Where(v => provider is null || v.Provider == provider).Select(v => (v.Endpoint, $"{v.Provider} {v.Endpoint}"));
        }
        else
        {
            var query = new AssetQuery
            {
                Providers = provider is { } p ? new[] { p } : null,
                Statuses = parameterName == "AssetUri" ? new[] { AssetStatus.Active } : null,
                Newest = 500,
            };
            var assets = Task.Run(() => ledger.FindAssetsAsync(query)).GetAwaiter().GetResult();
            values = parameterName == "AssetUri"
                ? assets.Select(a => (a.AssetUri, $"{a.Provider} {a.Name} (Active)"))
                : assets.Select(a => (a.Endpoint, $"{a.Provider} {a.Endpoint}"));
        }

        return values
            .Where(v => !string.IsNullOrEmpty(v.Value) && v.Value!.StartsWith(start, System.StringComparison.OrdinalIgnoreCase))
            .GroupBy(v => v.Value!, System.StringComparer.Ordinal)
            .Take(LedgerCompletions.MaxResults)
            .Select(g => new CompletionResult(Quote(g.Key), g.Key, CompletionResultType.ParameterValue, g.First().ToolTip))
            .ToList();
    }

    /// <summary>What is typed for -Provider reaches a completer as text (or several), not as the enum.</summary>
    internal static Provider? ProviderNamed(object? value)
    {
        var first = value is object[] many && many.Length > 0 ? many[0] : value;
        var text = (first is PSObject wrapped ? wrapped.BaseObject : first)?.ToString();
        return System.Enum.TryParse<Provider>(text, ignoreCase: true, out var provider) ? provider : null;
    }

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}', '@', '#' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";
}
