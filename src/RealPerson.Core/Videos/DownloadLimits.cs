using System;
using System.Globalization;
using RealPerson.Connections;

namespace RealPerson.Videos;

/// <summary>
/// How much and how long one video's download may take, whatever the file host says: at most
/// <see cref="MaxBytes"/> (and never more than the length it announced), within <see cref="Timeout"/>
/// in all (retries included), with at most <see cref="StallTimeout"/> between bytes.
/// </summary>
public sealed class DownloadLimits
{
    /// <summary>4096 MB (decimal, as the module writes MB elsewhere): far above any Seedance video.</summary>
    public const double DefaultMaxMegabytes = 4096;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1800);
    public static readonly TimeSpan DefaultStallTimeout = TimeSpan.FromSeconds(60);

    public long MaxBytes { get; init; } = Bytes(DefaultMaxMegabytes);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public TimeSpan StallTimeout { get; init; } = DefaultStallTimeout;

    /// <summary>The size cap from REALPERSON_MAX_DOWNLOAD_MB (a number of MB, 1 MB = 1,000,000 bytes), else the default.</summary>
    public static long MaxBytesFromEnvironment(Func<string, string?>? environment = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariables.MaxDownloadMegabytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Bytes(DefaultMaxMegabytes);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var megabytes) &&
            megabytes > 0 && megabytes <= 1_000_000_000)
        {
            return Math.Max(1, Bytes(megabytes));
        }

        throw new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
            $"The environment variable {EnvironmentVariables.MaxDownloadMegabytes} is '{text}'; it must be a number of MB greater than 0 (default {DefaultMaxMegabytes}).");
    }

    /// <summary>A size in MB as the module writes it (decimal), to two places so a small cap reads true.</summary>
    public static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.##", CultureInfo.InvariantCulture) + " MB";

    private static long Bytes(double megabytes) => (long)(megabytes * 1_000_000);
}
