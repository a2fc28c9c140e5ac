using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Submission;

namespace RealPerson.ApiMart;

/// <summary>
/// APIMart takes up to 20 assets of one group, project and type per step-3 request, and answers with
/// one review task; each asset is followed by its place in that task.
/// </summary>
public sealed class ApiMartSubmissions : ISubmissionApi
{
    private readonly ApiMartClient client;

    public ApiMartSubmissions(ApiMartClient client) => this.client = client;

    public int MaxPerRequest => ApiMartClient.MaxAssetsPerRequest;

    public string BatchKey(SubmitItem item) => $"{item.GroupId}\\n{item.ProjectName}\\n{item.AssetType}";

    public async Task<IReadOnlyList<Asset>> SubmitAsync(IReadOnlyList<SubmitItem> items, CancellationToken cancellationToken)
    {
        var first = items[0];
        var taskId = await client.SubmitAssetsAsync(first.GroupId!, first.ProjectName, first.AssetType,
            items.Select(i => (i.Name!, i.Url!)).ToList(), cancellationToken).ConfigureAwait(false);
        return items.Select((item, index) => new Asset
        {
            Provider = Provider.APIMart,
            Name = item.Name,
            Url = item.Url,
            TaskId = taskId,
            TaskIndex = index,
            Status = AssetStatus.Processing,
        }).ToList();
    }
}
