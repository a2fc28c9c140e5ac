namespace RealPerson.Simulator;

/// <summary>The names under which vendor calls are counted (see <see cref="SimulatorState.Calls"/>).</summary>
internal static class RouteNames
{
    public const string JimmySubmit = "jimmy.submit";
    public const string JimmyStatus = "jimmy.status";
    public const string JimmyBatchStatus = "jimmy.batch-status";
    public const string ApiMartCreateVerification = "apimart.create-verification";
    public const string ApiMartQueryVerification = "apimart.query-verification";
    public const string ApiMartSubmitAssets = "apimart.submit-assets";
    public const string ApiMartTask = "apimart.task";
    public const string JimmyVideoCreate = "jimmy.video-create";
    public const string JimmyVideoRead = "jimmy.video-read";
    public const string ApiMartVideoCreate = "apimart.video-create";

    // A real-avatar body that names no step still counts as a call, under this name.
    public const string ApiMartUnrecognized = "apimart.real-avatar";

    public static readonly string[] All =
    [
        JimmySubmit, JimmyStatus, JimmyBatchStatus,
        ApiMartCreateVerification, ApiMartQueryVerification, ApiMartSubmitAssets, ApiMartTask,
        JimmyVideoCreate, JimmyVideoRead, ApiMartVideoCreate,
    ];
}
