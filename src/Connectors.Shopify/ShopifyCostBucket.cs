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
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                if (!_known || cost <= 0)
                {
                    return;
                }

                var now = time.GetUtcNow();
                var available = Math.Min(_maximum, _available + (_restoreRate * (decimal)(now - _at).TotalSeconds));
                if (available >= cost || _restoreRate <= 0)
                {
                    _available = available - cost;
                    _at = now;
                    return;
                }

                wait = TimeSpan.FromSeconds((double)((cost - available) / _restoreRate));
            }

            await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>What an answer said of the bucket.</summary>
    public void Update(ThrottleStatus status)
    {
        lock (_lock)
        {
            (_available, _maximum, _restoreRate, _at, _known) = (status.CurrentlyAvailable, status.MaximumAvailable, status.RestoreRate, time.GetUtcNow(), true);
        }
    }
}
