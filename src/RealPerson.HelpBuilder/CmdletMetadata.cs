namespace RealPerson.HelpBuilder;

/// <summary>What the compiled module says about one cmdlet.</summary>
internal sealed record CmdletMetadata(
    string Verb,
    string Noun,
    string TypeName,
    bool SupportsShouldProcess,
    string? DefaultParameterSet,
    IReadOnlyList<ParameterMetadata> Parameters,
    IReadOnlyList<string> OutputTypes)
{
    public const string AllParameterSets = "__AllParameterSets";

    public string Name => $"{Verb}-{Noun}";

    /// <summary>The parameters shown to users: not DontShow; WhatIf/Confirm added when ShouldProcess is supported.</summary>
    public IEnumerable<ParameterMetadata> VisibleParameters => Parameters.Where(p => !p.DontShow);

    /// <summary>The named parameter sets, default first; one unnamed set when the cmdlet declares none.</summary>
    public IReadOnlyList<string> ParameterSetNames
    {
        get
        {
            var names = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName)
                .Where(n => n != AllParameterSets).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (names.Count == 0)
            {
                return new[] { AllParameterSets };
            }

            if (DefaultParameterSet is { } preferred && names.FirstOrDefault(n => string.Equals(n, preferred, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                names.Remove(found);
                names.Insert(0, found);
            }

            return names;
        }
    }

    /// <summary>The visible parameters of one set, with their entry for that set, in syntax order.</summary>
    public IReadOnlyList<(ParameterMetadata Parameter, ParameterSetEntry Entry)> ParametersOf(string setName)
    {
        var members = new List<(ParameterMetadata, ParameterSetEntry)>();
        foreach (var parameter in VisibleParameters)
        {
            var entry = parameter.Sets.FirstOrDefault(s => string.Equals(s.SetName, setName, StringComparison.OrdinalIgnoreCase))
                ?? parameter.Sets.FirstOrDefault(s => s.SetName == AllParameterSets);
            if (entry != null)
            {
                members.Add((parameter, entry));
            }
        }

        // As PowerShell shows syntax: positional by position, then mandatory named, then the rest, each in declaration order.
        return members
            .Select((m, index) => (m, index))
            .OrderBy(x => x.m.Item2.Position is null ? 1 : 0)
            .ThenBy(x => x.m.Item2.Position ?? 0)
            .ThenBy(x => x.m.Item2.Mandatory ? 0 : 1)
            .ThenBy(x => x.m.Item1.IsCommonRisk ? 1 : 0)
            .ThenBy(x => x.index)
            .Select(x => x.m)
            .ToList();
    }
}

/// <summary>One [Parameter] property, with its entries for each set it belongs to.</summary>
internal sealed record ParameterMetadata(
    string Name,
    string TypeFullName,
    string TypeShortName,
    bool IsSwitch,
    bool IsArray,
    IReadOnlyList<string> PossibleValues,
    bool SupportsWildcards,
    IReadOnlyList<string> Aliases,
    bool DontShow,
    IReadOnlyList<ParameterSetEntry> Sets)
{
    /// <summary>-WhatIf and -Confirm, which PowerShell adds for SupportsShouldProcess cmdlets.</summary>
    public bool IsCommonRisk { get; init; }

    public bool ByValue => Sets.Any(s => s.ValueFromPipeline);

    public bool ByPropertyName => Sets.Any(s => s.ValueFromPipelineByPropertyName);

    public static ParameterMetadata RiskSwitch(string name, string alias) =>
        new(name, "System.Management.Automation.SwitchParameter", "SwitchParameter", true, false, Array.Empty<string>(), false,
            new[] { alias }, false, new[] { new ParameterSetEntry(CmdletMetadata.AllParameterSets, false, null, false, false) })
        {
            IsCommonRisk = true,
        };
}

internal sealed record ParameterSetEntry(string SetName, bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);
