namespace RealPerson;

/// <summary>A non-terminating, per-item failure handed to the host: the exception and the input it concerns.</summary>
public sealed class RealPersonError
{
    public RealPersonError(RealPersonException exception, object? target)
    {
        Exception = exception;
        Target = target;
    }

    public RealPersonException Exception { get; }

    /// <summary>The input the error is about (becomes the ErrorRecord's TargetObject).</summary>
    public object? Target { get; }
}
