namespace RealPerson.Simulator;

/// <summary>APIMart <c>GET /v1/tasks/{id}</c>.</summary>
internal sealed class TaskQueryHandler(SimulatorState state)
{
    public VendorAnswer Handle(VendorRequest request)
    {
        var task = request.PathId is { } id ? state.ApiMart.ObserveTask(id, state.Now) : null;
        return task is null
            ? ApiMartErrors.Styled(state.Options.ApiMartErrorStyle, 404, "task_not_found", "task not found", "not_found_error", "id")
            : ApiMartAnswers.Ok(task);
    }
}
