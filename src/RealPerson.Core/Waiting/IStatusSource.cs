using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Waiting;

/// <summary>Reads the current state of many assets of one provider in as few requests as the vendor allows.</summary>
public interface IStatusSource
{
    Task<StatusReadResult> ReadStatusesAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken);
}
