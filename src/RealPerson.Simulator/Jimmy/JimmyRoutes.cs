namespace RealPerson.Simulator;

/// <summary>Maps Jimmy AI's three SP real-person paths.</summary>
internal static class JimmyRoutes
{
    private const string Prefix = "/api/open-api/v1/seedance/sp/realperson";

    public static void Map(IEndpointRouteBuilder routes, SimulatorState state, VendorPipeline pipeline)
    {
        var handlers = new JimmyHandlers(state);
        var submit = new VendorOperation(RouteNames.JimmySubmit, VendorProvider.JimmyAI, true, handlers.Submit);
        var status = new VendorOperation(RouteNames.JimmyStatus, VendorProvider.JimmyAI, false, handlers.Status);
        var batch = new VendorOperation(RouteNames.JimmyBatchStatus, VendorProvider.JimmyAI, false, handlers.BatchStatus);

        routes.MapPost($"{Prefix}/submit", context => pipeline.HandleAsync(context, submit));
        routes.MapPost($"{Prefix}/status", context => pipeline.HandleAsync(context, status));
        routes.MapPost($"{Prefix}/batch-status", context => pipeline.HandleAsync(context, batch));
    }
}
