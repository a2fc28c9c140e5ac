namespace RealPerson.HelpBuilder;

/// <summary>Checks a cmdlet's markdown against the compiled cmdlet: what must be there, and nothing that is not.</summary>
internal static class HelpValidator
{
    public static IEnumerable<HelpError> Check(CmdletMetadata cmdlet, HelpMarkdown doc)
    {
        HelpError At(int line, string message) => new(doc.Path, line, message);
        int Line(string section) => doc.Sections.TryGetValue(section, out var line) ? line : 0;

        if (!string.Equals(doc.Title, cmdlet.Name, StringComparison.Ordinal))
        {
            yield return At(doc.TitleLine, doc.Title is null
                ? $"the file has no '# {cmdlet.Name}' title."
                : $"the title '# {doc.Title}' does not match the cmdlet '{cmdlet.Name}'.");
        }

        if (!doc.Synopsis.Any(b => !b.IsCode && b.Text.Trim().Length > 0))
        {
            yield return At(Line("SYNOPSIS"), $"{cmdlet.Name} has no '## SYNOPSIS' text.");
        }

        if (!doc.Description.Any(b => b.Text.Trim().Length > 0))
        {
            yield return At(Line("DESCRIPTION"), $"{cmdlet.Name} has no '## DESCRIPTION' text.");
        }

        if (doc.Examples.Count == 0)
        {
            yield return At(Line("EXAMPLES"), $"{cmdlet.Name} has no example: add '## EXAMPLES' with a '### Example 1' heading, a ```powershell block and a sentence.");
        }

        foreach (var example in doc.Examples)
        {
            if (example.Code.Count == 0 || example.Code.All(c => c.Text.Trim().Length == 0))
            {
                yield return At(example.Line, $"the example '{example.Title}' has no code: its first block must be a ```powershell fence.");
            }

            if (!example.Remarks.Any(r => !r.IsCode && r.Text.Trim().Length > 0))
            {
                yield return At(example.Line, $"the example '{example.Title}' has no sentence after its code saying what it does.");
            }
        }

        var byName = new Dictionary<string, ParameterDoc>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in doc.Parameters)
        {
            var actual = cmdlet.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (actual is null)
            {
                yield return At(parameter.Line, $"'-{parameter.Name}' is not a parameter of {cmdlet.Name} ({cmdlet.TypeName}); remove it or fix the name.");
                continue;
            }

            if (actual.DontShow)
            {
                yield return At(parameter.Line, $"'-{actual.Name}' is marked DontShow in {cmdlet.TypeName}; its help would show what the cmdlet hides. Remove the section.");
                continue;
            }

            if (!string.Equals(actual.Name, parameter.Name, StringComparison.Ordinal))
            {
                yield return At(parameter.Line, $"write '-{actual.Name}' as the cmdlet spells it, not '-{parameter.Name}'.");
            }

            if (!byName.TryAdd(actual.Name, parameter))
            {
                yield return At(parameter.Line, $"'-{actual.Name}' is documented twice.");
                continue;
            }

            if (!parameter.Description.Any(b => !b.IsCode && b.Text.Trim().Length > 0))
            {
                yield return At(parameter.Line, $"'-{actual.Name}' has no description: write a paragraph under its heading.");
            }
        }

        if (!doc.Sections.ContainsKey("PARAMETERS"))
        {
            yield return At(0, $"{cmdlet.Name} has no '## PARAMETERS' section.");
        }

        foreach (var missing in cmdlet.VisibleParameters.Where(p => !p.IsCommonRisk && !byName.ContainsKey(p.Name)))
        {
            yield return At(Line("PARAMETERS"), $"the parameter '-{missing.Name}' of {cmdlet.Name} is not documented: add '### -{missing.Name}' with a description under '## PARAMETERS'.");
        }

        foreach (var (section, types) in new[] { ("INPUTS", doc.Inputs), ("OUTPUTS", doc.Outputs) })
        {
            if (types.Count == 0)
            {
                yield return At(Line(section), $"{cmdlet.Name} has no '## {section}' types: add '### TypeName' (or '### None') headings.");
            }
        }

        foreach (var output in cmdlet.OutputTypes)
        {
            if (!doc.Outputs.Any(o => string.Equals(o.TypeName, output, StringComparison.OrdinalIgnoreCase)))
            {
                yield return At(Line("OUTPUTS"), $"{cmdlet.TypeName} declares [OutputType] {output}, but '## OUTPUTS' has no '### {output}'.");
            }
        }
    }
}
