using System.Text;

namespace RealPerson.Simulator;

/// <summary>
/// The H5 liveness page behind each h5_link. Never faulted and never counted: it stands
/// for the person's phone, not for the client under test.
/// </summary>
internal static class H5Routes
{
    public static void Map(IEndpointRouteBuilder routes, SimulatorState state)
    {
        routes.MapGet("/h5/{token}", (string token) =>
            state.ApiMart.DescribeVerification(token, state.Now) switch
            {
                null => Html(404, H5Pages.Unknown()),
                { Phase: VerificationPhase.Expired } => Html(410, H5Pages.Expired()),
                { Phase: VerificationPhase.Passed or VerificationPhase.Refused } => Html(410, H5Pages.AlreadyUsed()),
                { ProjectName: var projectName } => Html(200, H5Pages.Verify(token, projectName)),
            });
        routes.MapPost("/h5/{token}/pass", (string token) => Decide(state, token, pass: true));
        routes.MapPost("/h5/{token}/refuse", (string token) => Decide(state, token, pass: false));
    }

    private static IResult Decide(SimulatorState state, string token, bool pass) =>
        state.ApiMart.DecideVerification(token, pass, state.Now).Result switch
        {
            VerificationActionResult.Done => Html(200, H5Pages.Decided(pass)),
            VerificationActionResult.Expired => Html(410, H5Pages.Expired()),
            VerificationActionResult.AlreadyUsed => Html(410, H5Pages.AlreadyUsed()),
            _ => Html(404, H5Pages.Unknown()),
        };

    private static IResult Html(int status, string html) =>
        Results.Content(html, VendorAnswer.HtmlContentType, Encoding.UTF8, status);
}
