using System;
using System.Net.Http;

namespace RealPerson.Http;

/// <summary>How long a server asks to be left alone (Retry-After, seconds or a date); null when it does not say.</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(HttpResponseMessage message, DateTimeOffset now)
    {
        var header = message.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
