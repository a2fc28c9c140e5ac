using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// <c>POST /v1/seedance2/real-avatar</c> serves three steps; the body's fields pick one
/// (there is no action field): assets -> step 3, byted_token -> step 2, callback_url -> step 1.
/// </summary>
internal sealed class RealAvatarRouter(SimulatorState state)
{
    private readonly VendorOperation _create = new(RouteNames.ApiMartCreateVerification, VendorProvider.ApiMart, false,
        new CreateVerificationHandler(state).Handle);

    private readonly VendorOperation _query = new(RouteNames.ApiMartQueryVerification, VendorProvider.ApiMart, false,
        new QueryVerificationHandler(state).Handle);

    private readonly VendorOperation _submit = new(RouteNames.ApiMartSubmitAssets, VendorProvider.ApiMart, true,
        new SubmitAssetsHandler(state).Handle);

    private readonly VendorOperation _unrecognized = new(RouteNames.ApiMartUnrecognized, VendorProvider.ApiMart, false,
        request => RejectUnrecognized(state, request));

    public VendorOperation Choose(VendorRequest request) => request.Json switch
    {
        JsonObject body when body.ContainsKey("assets") => _submit,
        JsonObject body when body.ContainsKey("byted_token") => _query,
        JsonObject body when body.ContainsKey("callback_url") => _create,
        _ => _unrecognized,
    };

    private static VendorAnswer RejectUnrecognized(SimulatorState state, VendorRequest request)
    {
        var message = request.Json is JsonObject
            ? "body must contain callback_url (step 1), byted_token (step 2) or assets (step 3)"
            : "body must be a JSON object";
        return ApiMartErrors.Styled(state.Options.ApiMartErrorStyle, 400, "invalid_request", message);
    }
}
