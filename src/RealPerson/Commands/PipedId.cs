namespace RealPerson.Commands;

/// <summary>
/// An id piped as bare text ("id" | Wait-AssetActive). A type of its own, not string, because
/// PowerShell's binder would otherwise turn any piped row into text ("@{TaskId=...}") and bind it
/// by value before it tries the row's columns by name; text converts to this type (through the
/// constructor), a row does not, so rows go on to bind -AssetId / -TaskId by property name.
/// </summary>
public sealed class PipedId
{
    public PipedId(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;
}
