using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Http;

/// <summary>
/// GETs of links that are not the vendor's API (a video's file, a portrait's URL): never with the
/// key, following a few redirects, each hop held to the same rule as the link itself.
/// </summary>
internal static class PublicLinks
{
    private const int MaxRedirects = 5;

    /// <summary>Sends a GET (headers only read) and follows redirects; the caller disposes the answer.</summary>
    /// <param name="check">Throws for a hop that may not be followed (returns the URI to use).</param>
    /// <param name="prepare">Adds headers to each request (a Range).</param>
    public static Task<HttpResponseMessage> GetAsync(HttpClient client, Uri link, Func<Uri, Uri> check, Action<HttpRequestMessage>? prepare, CancellationToken cancellationToken) =>
        GetAsync(client, link, (uri, _) => Task.FromResult(check(uri)), prepare, cancellationToken);

    /// <summary>The same, with a check that may wait (to resolve a host's name) before each hop is sent.</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri link, Func<Uri, CancellationToken, Task<Uri>> check, Action<HttpRequestMessage>? prepare, CancellationToken cancellationToken)
    {
        var url = await check(link, cancellationToken).ConfigureAwait(false);
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            prepare?.Invoke(request);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (code < 300 || code >= 400 || response.Headers.Location is not { } location || redirects >= MaxRedirects)
            {
                return response;
            }

            response.Dispose();
            url = await check(new Uri(url, location), cancellationToken).ConfigureAwait(false);
        }
    }
}
