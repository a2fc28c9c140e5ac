using System.Net;
using System.Net.Http;
using System.Threading;

namespace RealPerson.Http;

/// <summary>
/// One HttpClient for the process, so connections are pooled across cmdlet calls. It holds no
/// credentials: each request carries its own Authorization header. TLS validation is left on.
/// </summary>
internal static class SharedHttpClient
{
    public static readonly HttpClient Instance = Create();

    private static HttpClient Create()
    {
        var handler = new HttpClientHandler
        {
            // A redirect could carry the request somewhere the user did not name.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        };

        // Each request gets its own timeout from RetrySettings.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
