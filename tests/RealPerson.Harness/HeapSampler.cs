namespace RealPerson.Harness;

/// <summary>The managed heap's peak above where it stood when sampling began, sampled every 20 ms.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly long start;
    private readonly Timer timer;
    private long peak;

    public HeapSampler()
    {
        start = GC.GetTotalMemory(forceFullCollection: true);
        peak = start;
        timer = new Timer(_ => Sample(), null, 0, 20);
    }

    public double PeakGrowthMb
    {
        get
        {
            Sample();
            return (Interlocked.Read(ref peak) - start) / 1_000_000.0;
        }
    }

    public void Dispose() => timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
    }
}
