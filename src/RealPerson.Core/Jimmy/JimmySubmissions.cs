using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Submission;

namespace RealPerson.Jimmy;

/// <summary>Jimmy AI takes one portrait per submit call.</summary>
public sealed class JimmySubmissions : ISubmissionApi
{
    private readonly JimmyAIClient client;

    public JimmySubmissions(JimmyAIClient client) => this.client = client;

    public int MaxPerRequest => 1;

    public string BatchKey(SubmitItem item) => string.Empty;

    public async Task<IReadOnlyList<Asset>> SubmitAsync(IReadOnlyList<SubmitItem> items, CancellationToken cancellationToken) =>
        new[] { await client.SubmitAsync(items[0].Name!, items[0].Url!, cancellationToken).ConfigureAwait(false) };
}
