using System.Reflection;
using System.Runtime.InteropServices;

namespace RealPerson.HelpBuilder;

/// <summary>
/// Reads the cmdlets of a compiled module without running it: MetadataLoadContext over the module's
/// folder, the running runtime's assemblies and the System.Management.Automation reference assembly.
/// </summary>
internal static class CmdletReader
{
    private const string Sma = "System.Management.Automation.";

    public static IReadOnlyList<CmdletMetadata> Read(string modulePath, string smaPath)
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // First found wins per file name: the module's own folder (the engine and its dependencies in lib/), then SMA, then the runtime.
        var moduleFolder = Path.GetDirectoryName(modulePath)!;
        var libFolder = Path.Combine(moduleFolder, "lib");
        foreach (var path in Directory.GetFiles(moduleFolder, "*.dll")
                     .Concat(Directory.Exists(libFolder) ? Directory.GetFiles(libFolder, "*.dll") : Array.Empty<string>())
                     .Append(smaPath)
                     .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")))
        {
            paths.TryAdd(Path.GetFileName(path), path);
        }

        paths[Path.GetFileName(modulePath)] = modulePath;
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths.Values));
        var assembly = context.LoadFromAssemblyPath(modulePath);
        return assembly.GetExportedTypes()
            .Where(t => t.IsClass && t.IsSealed && !t.IsAbstract && IsCmdlet(t) && Find(t, Sma + "CmdletAttribute") != null)
            .Select(ReadCmdlet)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static bool IsCmdlet(Type type)
    {
        for (var t = type.BaseType; t != null; t = t.BaseType)
        {
            if (t.FullName == Sma + "Cmdlet")
            {
                return true;
            }
        }

        return false;
    }

    private static CmdletMetadata ReadCmdlet(Type type)
    {
        var cmdlet = Find(type, Sma + "CmdletAttribute")!;
        var verb = (string)cmdlet.ConstructorArguments[0].Value!;
        var noun = (string)cmdlet.ConstructorArguments[1].Value!;
        var parameters = new List<ParameterMetadata>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var sets = property.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute").ToList();
            if (sets.Count > 0 && seen.Add(property.Name))
            {
                parameters.Add(ReadParameter(property, sets));
            }
        }

        var shouldProcess = Named(cmdlet, "SupportsShouldProcess") is true;
        if (shouldProcess)
        {
            parameters.Add(ParameterMetadata.RiskSwitch("WhatIf", "wi"));
            parameters.Add(ParameterMetadata.RiskSwitch("Confirm", "cf"));
        }

        var outputs = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == Sma + "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(Flatten)
            .Select(v => v switch
            {
                Type t when t.FullName == "System.Void" => "None",
                Type t => t.FullName ?? t.Name,
                _ => v?.ToString() ?? "None",
            })
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new CmdletMetadata(verb, noun, type.FullName!, shouldProcess, Named(cmdlet, "DefaultParameterSetName") as string, parameters, outputs);
    }

    private static ParameterMetadata ReadParameter(PropertyInfo property, List<CustomAttributeData> parameterAttributes)
    {
        var attributes = property.GetCustomAttributesData();
        var entries = parameterAttributes.Select(a => new ParameterSetEntry(
            Named(a, "ParameterSetName") as string ?? CmdletMetadata.AllParameterSets,
            Named(a, "Mandatory") is true,
            Named(a, "Position") is int position && position >= 0 ? position : null,
            Named(a, "ValueFromPipeline") is true,
            Named(a, "ValueFromPipelineByPropertyName") is true)).ToList();

        var type = property.PropertyType;
        var isArray = type.IsArray;
        var element = isArray ? type.GetElementType()! : type;
        element = Nullable(element) ?? element;

        var possible = new List<string>();
        if (attributes.FirstOrDefault(a => a.AttributeType.FullName == Sma + "ValidateSetAttribute") is { } validateSet)
        {
            possible.AddRange(validateSet.ConstructorArguments.SelectMany(Flatten).OfType<string>());
        }
        else if (element.IsEnum)
        {
            possible.AddRange(element.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name));
        }

        var aliases = attributes.Where(a => a.AttributeType.FullName == Sma + "AliasAttribute")
            .SelectMany(a => a.ConstructorArguments).SelectMany(Flatten).OfType<string>().ToList();
        var isSwitch = element.FullName == Sma + "SwitchParameter";
        var shortName = isSwitch ? "SwitchParameter" : element.Name + (isArray ? "[]" : string.Empty);
        var fullName = (element.FullName ?? element.Name) + (isArray ? "[]" : string.Empty);

        return new ParameterMetadata(
            property.Name,
            fullName,
            shortName,
            isSwitch,
            isArray,
            possible,
            attributes.Any(a => a.AttributeType.FullName == Sma + "SupportsWildcardsAttribute"),
            aliases,
            parameterAttributes.Any(a => Named(a, "DontShow") is true),
            entries);
    }

    private static Type? Nullable(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : null;

    private static CustomAttributeData? Find(MemberInfo member, string fullName) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == fullName);

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

    /// <summary>A params-array argument arrives as a collection of typed arguments; anything else as itself.</summary>
    private static IEnumerable<object?> Flatten(CustomAttributeTypedArgument argument) =>
        argument.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(a => a.Value) : new[] { argument.Value };
}
