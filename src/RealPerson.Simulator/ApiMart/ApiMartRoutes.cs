namespace RealPerson.Simulator;

/// <summary>Maps APIMart's real-avatar path and its task query.</summary>
internal static class ApiMartRoutes
{
    public static void Map(IEndpointRouteBuilder routes, SimulatorState state, VendorPipeline pipeline)
    {
        var router = new RealAvatarRouter(state);
        var task = new VendorOperation(RouteNames.ApiMartTask, VendorProvider.ApiMart, false, new TaskQueryHandler(state).Handle);

        routes.MapPost("/v1/seedance2/real-avatar", context => pipeline.HandleAsync(context, router.Choose));
        routes.MapGet("/v1/tasks/{id}", context => pipeline.HandleAsync(context, task));
    }
}
