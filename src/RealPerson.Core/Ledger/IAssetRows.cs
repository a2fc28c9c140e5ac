using System.Collections.Generic;

namespace RealPerson.Ledger;

/// <summary>
/// Where a fold keeps each asset's latest state: memory (<see cref="MemoryAssetRows"/>), or a
/// database's assets and asset_keys tables. <see cref="AssetFold"/> is the one fold over any of them.
/// </summary>
internal interface IAssetRows
{
    /// <summary>The row the first of these keys that points anywhere points at, with its asset; null when none does.</summary>
    (long Row, Asset Asset)? Find(IReadOnlyList<string> keys);

    /// <summary>Writes an asset's state (a new row when <paramref name="row"/> is null) and returns its row.</summary>
    long Save(long? row, Asset asset, bool withdrawn);

    /// <summary>Points each key at the row; a key another asset had now belongs to this one (the latest asset wins a key).</summary>
    void Index(long row, IReadOnlyList<string> keys);
}
