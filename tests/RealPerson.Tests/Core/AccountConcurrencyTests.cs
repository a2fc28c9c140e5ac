using Microsoft.Extensions.Time.Testing;
using RealPerson.Http;

namespace RealPerson.Tests.Core;

public sealed class AccountConcurrencyTests
{
    [Fact]
    public void Clean_answers_grow_the_limit_by_one_each_up_to_the_vendors_limit()
    {
        var limit = new AccountConcurrency(start: 8, max: 30);
        for (var i = 0; i < 10; i++)
        {
            limit.Succeeded();
        }

        Assert.Equal(18, limit.Limit);
        for (var i = 0; i < 100; i++)
        {
            limit.Succeeded();
        }

        Assert.Equal(30, limit.Limit);
    }

    [Fact]
    public void Overload_halves_at_once_and_growth_is_slow_after_it()
    {
        var limit = new AccountConcurrency(start: 8, max: 30, time: FakeClock.Start());
        for (var i = 0; i < 22; i++)
        {
            limit.Succeeded();
        }

        limit.Overloaded();
        limit.Overloaded(); // the same burst: counted once
        Assert.Equal(15, limit.Limit);

        // About one more per window's worth (15) of clean answers.
        for (var i = 0; i < 14; i++)
        {
            limit.Succeeded();
        }

        Assert.Equal(15, limit.Limit);
        limit.Succeeded();
        limit.Succeeded();
        Assert.Equal(16, limit.Limit);
    }

    [Fact]
    public async Task No_more_than_the_limit_are_in_flight_and_a_release_lets_the_next_in()
    {
        var limit = new AccountConcurrency(start: 2, max: 2);
        var first = await limit.AcquireAsync(CancellationToken.None);
        var second = await limit.AcquireAsync(CancellationToken.None);
        var third = limit.AcquireAsync(CancellationToken.None);

        // Queued before AcquireAsync returns: only a release can let it in, so there is nothing to wait for.
        Assert.False(third.IsCompleted);

        first.Dispose();
        var slot = await third.WaitAsync(TestTime.Long);
        slot.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task A_waiter_that_gives_up_does_not_hold_a_slot()
    {
        var limit = new AccountConcurrency(start: 1, max: 1);
        var held = await limit.AcquireAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var gaveUp = limit.AcquireAsync(stop.Token);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);

        held.Dispose();
        using var next = await limit.AcquireAsync(CancellationToken.None).WaitAsync(TestTime.Long);
    }

    [Fact]
    public void An_overload_a_second_after_the_last_cut_is_a_new_burst_and_cuts_again()
    {
        var time = FakeClock.Start();
        var limit = new AccountConcurrency(start: 16, max: 30, time: time);

        limit.Overloaded();
        time.Advance(TimeSpan.FromMilliseconds(999));
        limit.Overloaded();
        Assert.Equal(8, limit.Limit);

        time.Advance(TimeSpan.FromMilliseconds(1));
        limit.Overloaded();
        Assert.Equal(4, limit.Limit);
    }
}
