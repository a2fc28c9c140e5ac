namespace RealPerson.Simulator;

/// <summary>
/// The file host turned hostile (knobs <c>fileDripMs</c>, <c>fileEndless</c>, <c>fileRedirect</c>):
/// a body that drips, one that never ends, a redirect elsewhere. What a client must survive.
/// </summary>
internal static class FileHostFaults
{
    public static bool Any(SimulatorOptions options) =>
        options.VideoFileDrip > TimeSpan.Zero || options.VideoFileEndless || !string.IsNullOrEmpty(options.VideoFileRedirect);

    public static async Task AnswerAsync(HttpContext context, SimulatorOptions options, byte[] file)
    {
        var aborted = context.RequestAborted;
        if (!string.IsNullOrEmpty(options.VideoFileRedirect))
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = options.VideoFileRedirect;
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "video/mp4";
        if (options.VideoFileEndless)
        {
            // No length: chunks until the client goes away.
            while (!aborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(file, aborted);
                await context.Response.Body.FlushAsync(aborted);
            }

            return;
        }

        context.Response.ContentLength = file.Length;
        for (var i = 0; i < file.Length; i++)
        {
            await context.Response.Body.WriteAsync(file.AsMemory(i, 1), aborted);
            await context.Response.Body.FlushAsync(aborted);
            await Task.Delay(options.VideoFileDrip, aborted);
        }
    }
}
