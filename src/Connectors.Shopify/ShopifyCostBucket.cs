namespace Connectors.Shopify;

/// <summary>
/// Shopify's GraphQL cost bucket as the last answer described it (<c>extensions.cost.throttleStatus</c>: what is
/// available, the maximum, the restore rate per second), never hard-coded: before a query the bucket is refilled by the
/// time passed and the query waits until its expected cost is there. Thread-safe; waits on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ShopifyCostBucket(TimeProvider time)
{
    private readonly Lock _lock = new();
    private decimal _available;
    private decimal _maximum;
    private decimal _restoreRate;
    private DateTimeOffset _at;
    private bool _known;

    /// <summary>Waits until <paramref name="cost"/> points are available (nothing to wait for before the first answer), then takes them.</summary>
    public async Task TakeAsync(decimal cost, CancellationToken ct)
    {
        TimeSpan wait;
        lock (_lock)
        {
            if (!_known || cost <= 0)
            {
                return;
            }

            var available = Refilled(time.GetUtcNow());

            // A query dearer than the whole bucket goes when the bucket is full (Shopify answers it or says THROTTLED);
            // waiting for more than the maximum would never end.
            if (available >= Math.Min(cost, _maximum) || _restoreRate <= 0)
            {
                Take(available, cost);
                return;
            }

            // One wait is at most a minute, whatever rate an answer claimed: a THROTTLED answer corrects a wrong guess.
            wait = TimeSpan.FromSeconds(Math.Min(60, (double)((Math.Min(cost, _maximum) - available) / _restoreRate)));
        }

        // The wait was computed to be enough: after it the query goes, without asking again (a clock that does not move
        // in a test, or a restore rate that was wrong, must not turn into a loop).
        await Task.Delay(wait, time, ct).ConfigureAwait(false);
        lock (_lock)
        {
            Take(Refilled(time.GetUtcNow()), cost);
        }
    }

    private decimal Refilled(DateTimeOffset now) => Math.Min(_maximum, _available + (_restoreRate * (decimal)Math.Clamp((now - _at).TotalSeconds, 0, 3600)));

    private void Take(decimal available, decimal cost)
    {
        _available = Math.Max(0, available - cost);
        _at = time.GetUtcNow();
    }

    /// <summary>What an answer said of the bucket.</summary>
    public void Update(ThrottleStatus status)
    {
        lock (_lock)
        {
            // Bounded so that no answer, however garbled, overflows the arithmetic above (Shopify's own are in the thousands).
            (_available, _maximum, _restoreRate, _at, _known) = (Bound(status.CurrentlyAvailable), Bound(status.MaximumAvailable), Bound(status.RestoreRate), time.GetUtcNow(), true);
        }
    }

    private static decimal Bound(decimal value) => Math.Clamp(value, 0, 1_000_000_000);
}
