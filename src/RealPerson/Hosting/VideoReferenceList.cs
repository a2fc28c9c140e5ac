using System.Collections;
using System.Collections.Generic;

namespace RealPerson.Hosting;

/// <summary>
/// A video's References as PowerShell shows them (RealPerson.Types.ps1xml): still a list of
/// asset:// strings to pipe, index and count, whose text is the references themselves, so that
/// Export-Csv writes "asset://a asset://b" and not "System.String[]".
/// </summary>
public sealed class VideoReferenceList : IReadOnlyList<string>
{
    private readonly string[] references;

    public VideoReferenceList(string[]? references) => this.references = references ?? new string[0];

    public int Count => references.Length;

    public string this[int index] => references[index];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)references).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => references.GetEnumerator();

    /// <summary>The references, space-separated: a CSV cell that splits back with -split ' '.</summary>
    public override string ToString() => string.Join(" ", references);
}
