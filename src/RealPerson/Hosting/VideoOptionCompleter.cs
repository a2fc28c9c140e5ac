using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RealPerson.Videos;

namespace RealPerson.Hosting;

/// <summary>Tab completion of -Model, -Ratio and -Resolution: the values the provider already typed documents (both providers' before one is).</summary>
public sealed class VideoOptionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var provider = LedgerCompleter.ProviderNamed(fakeBoundParameters["Provider"]);
        IEnumerable<string> values = parameterName switch
        {
            "Model" => provider is { } p ? VideoCatalog.Models(p) : VideoCatalog.AnyModel,
            "Ratio" => provider is { } p ? VideoCatalog.Ratios(p) : VideoCatalog.AnyRatio,
            "Resolution" => provider is { } p ? VideoCatalog.Resolutions(p) : VideoCatalog.AnyResolution,
            _ => Enumerable.Empty<string>(),
        };

        var start = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return values
            .Where(v => v.StartsWith(start, System.StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v.Contains(":") ? "'" + v + "'" : v, v, CompletionResultType.ParameterValue, Describe(parameterName, v, provider)))
            .ToList();
    }

    private static string Describe(string parameterName, string value, Provider? provider)
    {
        if (parameterName == "Model" && VideoCatalog.OwnerOf(value) is { } owner)
        {
            return value == VideoCatalog.DefaultModel(owner) ? $"{owner} (default)" : owner.ToString();
        }

        if (parameterName == "Resolution" && provider is { } p && value == VideoCatalog.DefaultResolution(p))
        {
            return $"{value} ({p} default)";
        }

        return value == VideoCatalog.DefaultRatio && parameterName == "Ratio" ? $"{value} (default)" : value;
    }
}
