using System;
using System.Collections.Generic;

namespace RealPerson.Vendors;

/// <summary>
/// One vendor's documented video options: models (the first is the default), ratios, resolutions,
/// and any combination it refuses. Each vendor folder states its own (in its <see cref="ProviderDescriptor"/>);
/// <see cref="Videos.VideoCatalog"/> checks requests against them.
/// </summary>
public sealed class VideoOptions
{
    public VideoOptions(IReadOnlyList<string> models, IReadOnlyList<string> ratios, IReadOnlyList<string> resolutions, string defaultResolution, Func<VideoRequest, string?>? refusedCombination = null)
    {
        Models = models;
        Ratios = ratios;
        Resolutions = resolutions;
        DefaultResolution = defaultResolution;
        RefusedCombination = refusedCombination ?? (_ => null);
    }

    /// <summary>The models that take real-person assets; the first is the default.</summary>
    public IReadOnlyList<string> Models { get; }

    public IReadOnlyList<string> Ratios { get; }

    public IReadOnlyList<string> Resolutions { get; }

    public string DefaultResolution { get; }

    /// <summary>Why the vendor refuses this otherwise valid request (a model and resolution that do not go together), or null.</summary>
    public Func<VideoRequest, string?> RefusedCombination { get; }
}
