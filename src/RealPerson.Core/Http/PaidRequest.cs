using System;
using System.Text.Json;

namespace RealPerson.Http;

/// <summary>
/// A vendor's reader of its answers: the <c>data</c> of an accepted answer, or the vendor's refusal
/// as a typed error (<paramref name="refusedErrorId"/> when the refusal names nothing more).
/// </summary>
public delegate JsonElement AnswerReader(VendorResponse response, Redactor redactor, string what, string? refusedErrorId);

/// <summary>
/// A paid create as a vendor states it: where it goes, what it carries, and how an accepted answer
/// is read. The rest (sent once, what a lost, unreadable or refused answer means, an id or
/// Unknown) is <see cref="VendorHttp.CreatePaidAsync{T}"/>'s, the only way a paid request is sent.
/// </summary>
/// <typeparam name="T">What an accepted answer is read as (an asset, a task id, a video).</typeparam>
/// <param name="Path">The create's path under the vendor's base URL.</param>
/// <param name="Body">Sent as JSON.</param>
/// <param name="What">The request in messages ("the video request").</param>
/// <param name="IdName">What the id that follows the request is called in messages ("task id").</param>
/// <param name="ReadAnswer">The vendor's envelope: its data, or its refusal.</param>
/// <param name="ReadAccepted">The result in an accepted answer's data.</param>
/// <param name="IdOf">The id in that result by which the created thing is followed; null when it has none.</param>
public sealed record PaidRequest<T>(
    string Path,
    object Body,
    string What,
    string IdName,
    AnswerReader ReadAnswer,
    Func<JsonElement, VendorResponse, T> ReadAccepted,
    Func<T, string?> IdOf)
{
    /// <summary>Sent as the Idempotency-Key header, the same on every try, where the vendor takes one.</summary>
    public string? IdempotencyKey { get; init; }
}
