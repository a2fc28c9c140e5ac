using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Http;
using RealPerson.Reporting;
using RealPerson.Vendors;

namespace RealPerson.Jimmy;

/// <summary>
/// Jimmy AI, the whole seam: SP real-person submit, status and batch-status (<c>.Reviews.cs</c>), and
/// video create and read (<c>.Videos.cs</c>). Each portrait is its own submit call.
/// </summary>
public sealed partial class JimmyVendor : IVendor, ISubmissionApi
{
    public const string SubmitPath = "api/open-api/v1/seedance/sp/realperson/submit";

    private readonly VendorHttp http;
    private readonly IReporter reporter;

    public JimmyVendor(VendorHttp http, IReporter reporter)
    {
        this.http = http;
        this.reporter = reporter;
    }

    public Provider Provider => Provider.JimmyAI;

    public int MaxPerRequest => 1;

    public string BatchKey(SubmitItem item) => string.Empty;

    public RealPersonException? CheckInput(SubmitItem item) => InputRules(item);

    /// <summary>A name and a URL are all it takes (checked for every vendor before this); static: no connection needed (-WhatIf).</summary>
    public static RealPersonException? InputRules(SubmitItem item) => null;

    // A GroupId given with the input is carried along as given (Jimmy AI has no groups; it is not sent).
    public Asset Describe(SubmitItem item) => new()
    {
        Provider = Provider.JimmyAI,
        Name = item.Name,
        Url = item.Url,
        GroupId = item.GroupId,
    };

    public async Task<IReadOnlyList<Asset>> SubmitAsync(IReadOnlyList<SubmitItem> items, CancellationToken cancellationToken) =>
        new[] { await SubmitAsync(items[0].Name!, items[0].Url!, cancellationToken).ConfigureAwait(false) };

    /// <summary>One portrait: the paid call, never repeated once it may have arrived.</summary>
    public async Task<Asset> SubmitAsync(string name, string url, CancellationToken cancellationToken)
    {
        var asset = await http.CreatePaidAsync(
            new PaidRequest<Asset>(
                SubmitPath,
                new Dictionary<string, string> { ["name"] = name, ["url"] = url },
                "the submission",
                "asset id",
                JimmyEnvelope.ReadData,
                (data, response) => JimmyAssetReader.Read(data, response, http.Redactor, reporter, http.Time.GetUtcNow()),
                read => read.AssetId),
            cancellationToken).ConfigureAwait(false);

        // What was sent, not the vendor's echo (it may point at its own copy): the ledger matches
        // later runs of the same input on these.
        asset.Name = name;
        asset.Url = url;
        return asset;
    }

    /// <summary>A "not found" in Jimmy AI's words (its code, HTTP status or message) as the engine's error.</summary>
    private static bool SaysNotFound(RealPersonException e) =>
        e.ErrorId == ErrorIds.VendorError && (e.VendorCode == "404" || e.HttpStatus == 404 || JimmyMessages.SaysNotFound(e.VendorMessage));

    private static RealPersonException NotFound(string errorId, RealPersonException e) =>
        new(errorId, FailureCategory.ObjectNotFound, e.Message, e)
        {
            VendorCode = e.VendorCode,
            VendorMessage = e.VendorMessage,
            HttpStatus = e.HttpStatus,
        };
}
