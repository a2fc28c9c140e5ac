using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RealPerson.LoadContext;

/// <summary>
/// The full names of an assembly's public top-level types in one namespace, read from its metadata:
/// nothing is loaded to list them (neither the types nor what they depend on). RealPerson.psm1 makes
/// a type accelerator of each engine type in the namespace RealPerson, so no type users name
/// ([RealPerson.Asset], [RealPerson.VerificationStatus], ...) can be left off a hand-kept list.
/// </summary>
public static class PublicTypeNames
{
    public static IReadOnlyList<string> In(string assemblyPath, string ns)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            if ((type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public &&
                string.Equals(metadata.GetString(type.Namespace), ns, StringComparison.Ordinal))
            {
                names.Add(ns + "." + metadata.GetString(type.Name));
            }
        }

        return names;
    }
}
