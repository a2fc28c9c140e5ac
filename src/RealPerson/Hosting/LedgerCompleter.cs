using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using RealPerson.Ledger;

namespace RealPerson.Commands.Hosting;

/// <summary>Tab completion of -AssetId, -TaskId and -Name from the ledger (the one -LedgerPath names, if given).</summary>
public sealed class LedgerCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var ledger = new AssetLedger(LedgerPath.Resolve(fakeBoundParameters["LedgerPath"] as string));
            if (!System.IO.File.Exists(ledger.Path))
            {
                return Enumerable.Empty<CompletionResult>();
            }

            // Completion is synchronous; the read is quick and runs off any captured context.
            var contents = Task.Run(() => ledger.ReadAllAsync()).GetAwaiter().GetResult();
            var provider = fakeBoundParameters["Provider"] is Provider p ? p : (Provider?)null;
            return LedgerCompletions.Complete(LedgerView.Fold(contents.Records), parameterName, wordToComplete, provider)
                .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.ToolTip))
                .ToList();
        }
        catch (System.Exception e) when (e is RealPersonException || e is System.IO.IOException || e is System.UnauthorizedAccessException)
        {
            // A missing or locked ledger just means nothing to offer.
            return Enumerable.Empty<CompletionResult>();
        }
    }

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}', '@', '#' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";
}
