using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Metadata;

namespace RealPerson.LoadContext;

/// <summary>
/// The full names of an assembly's public top-level types in one namespace, read from its metadata:
/// no type is loaded to list them (nor anything they depend on). RealPerson.psm1 makes a type
/// accelerator of each engine type in the namespace RealPerson, so no type users name
/// ([RealPerson.Asset], [RealPerson.VerificationStatus], ...) can be left off a hand-kept list.
/// </summary>
public static class PublicTypeNames
{
    public static unsafe IReadOnlyList<string> In(Assembly assembly, string ns)
    {
        if (!assembly.TryGetRawMetadata(out var blob, out var length))
        {
            throw new InvalidOperationException($"The metadata of {assembly.GetName().Name} cannot be read.");
        }

        var metadata = new MetadataReader(blob, length);
        var names = new List<string>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            if ((type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public &&
                metadata.StringComparer.Equals(type.Namespace, ns))
            {
                names.Add(ns + "." + metadata.GetString(type.Name));
            }
        }

        return names;
    }
}
