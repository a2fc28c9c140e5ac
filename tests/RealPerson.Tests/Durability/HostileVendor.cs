using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RealPerson.Tests.Durability;

/// <summary>One request as the hostile vendor saw it (<paramref name="IdempotencyKey"/>: its Idempotency-Key header, if any).</summary>
public sealed record HostileRequest(string Method, string Path, string Body, string? IdempotencyKey = null);

/// <summary>What the hostile vendor answers: any status, any bytes (invalid UTF-8 included), or no answer at all (<see cref="Lost"/>).</summary>
public sealed record HostileAnswer(int Status, byte[] Body, string ContentType = "application/json")
{
    /// <summary>The request was read whole, then the connection is dropped without an answer.</summary>
    public static HostileAnswer Lost { get; } = new(0, Array.Empty<byte>()) { DropsConnection = true };

    public bool DropsConnection { get; init; }

    public static HostileAnswer Json(string text, int status = 200) => new(status, Encoding.UTF8.GetBytes(text));

    public static HostileAnswer Html(string text, int status = 400) => new(status, Encoding.UTF8.GetBytes(text), "text/html");

    /// <summary>JSON text with raw bytes spliced in where <paramref name="marker"/> stands (bytes no UTF-8 decoder accepts, say).</summary>
    public static HostileAnswer JsonWithBytes(string text, string marker, byte[] bytes, int status = 200)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(text[..at]).Concat(bytes).Concat(Encoding.UTF8.GetBytes(text[(at + marker.Length)..])).ToArray();
        return new HostileAnswer(status, body);
    }
}

/// <summary>
/// A stand-in for a vendor that answers as a careless or malicious server would, over real loopback
/// HTTP: every request is answered by the test's own script, byte for byte.
/// </summary>
public sealed class HostileVendor : IAsyncDisposable
{
    private readonly WebApplication app;

    private HostileVendor(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<HostileRequest> Requests { get; } = new();

    public static async Task<HostileVendor> StartAsync(Func<HostileRequest, HostileAnswer> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        HostileVendor? vendor = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var key = context.Request.Headers.TryGetValue("Idempotency-Key", out var keys) ? keys.ToString() : null;
            var request = new HostileRequest(context.Request.Method, context.Request.Path.Value?.TrimStart('/') ?? string.Empty, await reader.ReadToEndAsync(), key);
            vendor!.Requests.Enqueue(request);
            var reply = answer(request);
            if (reply.DropsConnection)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            await context.Response.Body.WriteAsync(reply.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        vendor = new HostileVendor(app, new Uri(address.TrimEnd('/') + "/"));
        return vendor;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
