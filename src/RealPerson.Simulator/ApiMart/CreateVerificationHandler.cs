using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>APIMart step 1: <c>{"callback_url","project_name"}</c> starts an H5 liveness session.</summary>
internal sealed class CreateVerificationHandler(SimulatorState state)
{
    public VendorAnswer Handle(VendorRequest request)
    {
        var options = state.Options;
        var body = (JsonObject)request.Json!;
        var callbackUrl = JsonText.NonEmptyString(body, "callback_url");
        if (callbackUrl is null
            || !Uri.TryCreate(callbackUrl, UriKind.Absolute, out var callback)
            || (callback.Scheme != Uri.UriSchemeHttp && callback.Scheme != Uri.UriSchemeHttps))
        {
            return ApiMartErrors.Styled(options.ApiMartErrorStyle, 400, "invalid_callback_url",
                "callback_url must be an absolute http(s) URL", param: "callback_url");
        }

        if (!ProjectName.TryRead(body, out var projectName))
        {
            return ProjectName.Invalid(options.ApiMartErrorStyle);
        }

        var now = state.Now;
        var task = state.ApiMart.CreateVerification(
            projectName, callbackUrl, now, options.TaskLatency, options.TokenLifetime, state.BaseUri);
        return ApiMartAnswers.TaskAccepted(task.Id, task.Observe(now).Status);
    }
}
