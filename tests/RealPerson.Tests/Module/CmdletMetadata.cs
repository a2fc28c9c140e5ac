using System.Reflection;

namespace RealPerson.Tests.Module;

/// <summary>Reads PowerShell attributes off types and properties loaded for inspection.</summary>
public static class CmdletMetadata
{
    public static (string Verb, string Noun, IDictionary<string, object?> Named) CmdletAttribute(Type cmdlet)
    {
        var data = cmdlet.CustomAttributes.Single(a => a.AttributeType.Name == "CmdletAttribute");
        return ((string)data.ConstructorArguments[0].Value!, (string)data.ConstructorArguments[1].Value!, Named(data));
    }

    public static string CommandName(Type cmdlet)
    {
        var (verb, noun, _) = CmdletAttribute(cmdlet);
        return verb + "-" + noun;
    }

    public static IReadOnlyList<PropertyInfo> Parameters(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CustomAttributes.Any(a => a.AttributeType.Name == "ParameterAttribute"))
            .ToList();

    public static PropertyInfo Parameter(Type cmdlet, string name) =>
        Parameters(cmdlet).SingleOrDefault(p => p.Name == name) ?? throw new Xunit.Sdk.XunitException($"{CommandName(cmdlet)} has no -{name}.");

    /// <summary>Each [Parameter] on a property, as its named arguments (ParameterSetName, Mandatory, ...).</summary>
    public static IReadOnlyList<IDictionary<string, object?>> ParameterAttributes(PropertyInfo property) =>
        property.CustomAttributes.Where(a => a.AttributeType.Name == "ParameterAttribute").Select(Named).ToList();

    public static bool Has(PropertyInfo property, string attributeName) =>
        property.CustomAttributes.Any(a => a.AttributeType.Name == attributeName);

    public static bool Flag(IDictionary<string, object?> named, string key) => named.TryGetValue(key, out var v) && v is true;

    public static string SetName(IDictionary<string, object?> named) =>
        named.TryGetValue("ParameterSetName", out var v) && v is string s ? s : "__AllParameterSets";

    public static IReadOnlyList<string> OutputTypes(Type cmdlet) =>
        cmdlet.CustomAttributes.Where(a => a.AttributeType.Name == "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? string.Empty)
            .ToList();

    private static IDictionary<string, object?> Named(CustomAttributeData data) =>
        data.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value);
}
