using System;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.ApiMart;

/// <summary>APIMart's key check: a read of a task id no request is ever given.</summary>
public sealed partial class ApiMartVendor
{
    /// <summary>Not an id the vendor hands out: reading it costs nothing and finds nothing.</summary>
    public const string KeyCheckTaskId = "task_realperson_key_check_00000000";

    public async Task CheckKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await GetTaskAsync(KeyCheckTaskId, cancellationToken).ConfigureAwait(false);
        }
        catch (RealPersonException e) when (e.ErrorId == ErrorIds.TaskNotFound || (e.ErrorId == ErrorIds.VendorError && SaysNotFound(e.VendorMessage)))
        {
            // Past the key check: the vendor looked for the task (in an envelope that says so in words, too).
        }
    }

    private static bool SaysNotFound(string? message) =>
        message != null && (message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0 ||
                            message.IndexOf("not exist", StringComparison.OrdinalIgnoreCase) >= 0);
}
