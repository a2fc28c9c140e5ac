namespace RealPerson.Simulator;

/// <summary>
/// Both vendors' video creates and reads (through the vendor pipeline, so faults apply), and the
/// file host their links point at (no key; a link stops working when it expires).
/// </summary>
internal static class VideoRoutes
{
    public static void Map(IEndpointRouteBuilder routes, SimulatorState state, VendorPipeline pipeline)
    {
        var jimmy = new JimmyVideoHandlers(state);
        var apiMart = new ApiMartVideoHandler(state, jimmy);
        var jimmyCreate = new VendorOperation(RouteNames.JimmyVideoCreate, VendorProvider.JimmyAI, true, jimmy.Create);
        var jimmyRead = new VendorOperation(RouteNames.JimmyVideoRead, VendorProvider.JimmyAI, false, jimmy.Read);
        var apiMartCreate = new VendorOperation(RouteNames.ApiMartVideoCreate, VendorProvider.ApiMart, true, apiMart.Create);

        routes.MapPost("/api/open-api/v1/seedance/videos", context => pipeline.HandleAsync(context, jimmyCreate));
        routes.MapGet("/api/open-api/v1/videos/{id}", context => pipeline.HandleAsync(context, jimmyRead));
        routes.MapPost("/v1/videos/generations", context => pipeline.HandleAsync(context, apiMartCreate));
        routes.MapGet("/files/videos/{file}", (HttpContext context, string file) => ServeFileAsync(context, state, file));
    }

    private static async Task ServeFileAsync(HttpContext context, SimulatorState state, string file)
    {
        state.CountFileRequest(!string.IsNullOrEmpty(context.Request.Headers.Authorization.ToString()));
        var id = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : file;
        var video = state.Videos.Find(id);
        var now = state.Now;
        if (video is null || video.StatusAt(now) != "completed" || context.Request.Query["sig"] != video.Signature)
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (now >= video.ExpiresAt)
        {
            // As a signed storage link does once its time is up.
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", context.RequestAborted);
            return;
        }

        if (FileHostFaults.Any(state.Options))
        {
            await FileHostFaults.AnswerAsync(context, state.Options, state.Videos.FileOf(video, state.Options.VideoFileBytes));
            return;
        }

        var bytes = state.Videos.FileOf(video, state.Options.VideoFileBytes);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = bytes.Length;
        if (TakeOneBreak(state))
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static bool TakeOneBreak(SimulatorState state)
    {
        lock (state.Options)
        {
            if (state.Options.BreakDownloads <= 0)
            {
                return false;
            }

            state.Options.BreakDownloads--;
            return true;
        }
    }
}
