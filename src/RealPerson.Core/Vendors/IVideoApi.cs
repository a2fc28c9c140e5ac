using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Vendors;

/// <summary>
/// One vendor's video calls, in the engine's terms: each vendor folder turns these into its wire
/// format and back, so nothing outside it knows the vendor's field names or envelopes.
/// </summary>
public interface IVideoApi
{
    /// <summary>
    /// Sends a paid create, never repeated once it may have arrived: a lost answer is
    /// <see cref="ErrorIds.SubmissionOutcomeUnknown"/>, a refusal <see cref="ErrorIds.SubmissionRejected"/>.
    /// </summary>
    /// <returns>The accepted video with its task id (the caller fills in what it asked for).</returns>
    Task<Video> CreateVideoAsync(VideoRequest request, string requestId, CancellationToken cancellationToken);

    /// <summary>The video's current state; a task the vendor does not know is <see cref="ErrorIds.TaskNotFound"/>.</summary>
    Task<Video> ReadVideoAsync(string taskId, CancellationToken cancellationToken);
}
