using System;

namespace RealPerson.Preflight;

/// <summary>What the first (and last) bytes of a portrait or clip say about it.</summary>
public sealed class MediaFacts
{
    /// <summary>The detected format ("Png", "Jpeg", "Mp4", ...), or "Unknown".</summary>
    public string Format { get; init; } = "Unknown";

    public bool IsVideo { get; init; }

    /// <summary>The whole file's size, when the server said it.</summary>
    public long? Bytes { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public TimeSpan? Duration { get; init; }
}
