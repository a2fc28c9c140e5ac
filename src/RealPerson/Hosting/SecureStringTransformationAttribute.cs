using System;
using System.Management.Automation;
using System.Security;
using RealPerson.Connections;

namespace RealPerson.Hosting;

/// <summary>Lets -ApiKey take a plain string as well as a SecureString (converted at once).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            SecureString secure => secure,
            string plain => SecretText.ToSecureString(plain),
            null => null!,
            _ => throw new ArgumentTransformationMetadataException("The API key must be a SecureString or a string."),
        };
    }
}
