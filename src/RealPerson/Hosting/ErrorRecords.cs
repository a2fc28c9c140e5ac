using System;
using System.Management.Automation;

namespace RealPerson.Hosting;

/// <summary>Turns the engine's exceptions into ErrorRecords: stable ErrorId, category, target, advice.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(RealPersonException exception, object? target)
    {
        var category = Enum.TryParse<ErrorCategory>(exception.Category.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
        var record = new ErrorRecord(exception, exception.ErrorId, category, target);
        if (exception.RecommendedAction != null)
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction };
        }

        return record;
    }
}
