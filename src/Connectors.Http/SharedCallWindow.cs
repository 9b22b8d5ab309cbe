using Connectors.State;
using NodaTime;

namespace Connectors.Http;

/// <summary>
/// A call limit per rolling window counted in the state store, so every host using the store keeps one limit together
/// (Unas calls per hour, ShipStation 40 a minute, Xero 60 a minute). The window is cut into <c>slices</c> counted apart; a
/// call is counted first and taken back if the slices of the last window then hold more than the limit, so hosts calling
/// at the same moment never pass it together. Any rolling window lies within the current slice and the ones before it,
/// so the limit holds for every window, not only for aligned ones; the price is a limit reached up to one slice early.
/// </summary>
public sealed class SharedCallWindow
{
    private readonly ISyncStateStore _store;
    private readonly string _key;
    private readonly int _slices;
    private readonly long _sliceTicks;

    /// <summary>Creates the window.</summary>
    /// <param name="store">The state store every host shares.</param>
    /// <param name="key">What is counted, e.g. <c>unas/…/multi-read</c>; counters are named <c>calls:{key}/{slice}</c>.</param>
    /// <param name="limit">Calls allowed per window.</param>
    /// <param name="window">The window's length.</param>
    /// <param name="slices">Slices per window (default 6).</param>
    public SharedCallWindow(ISyncStateStore store, string key, int limit, TimeSpan window, int slices = 6)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window.Ticks, slices);
        (_store, _key, Limit, Window, _slices, _sliceTicks) = (store, key, limit, window, slices, window.Ticks / slices);
    }

    /// <summary>Calls allowed per window.</summary>
    public int Limit { get; }

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; }

    /// <summary>
    /// Counts <paramref name="permits"/> calls at <paramref name="now"/>: null when they fit, else the instant after which
    /// the oldest counted slice has left the window (nothing is counted then).
    /// </summary>
    public async Task<Instant?> TryTakeAsync(Instant now, int permits = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        var slice = now.ToUnixTimeTicks() / _sliceTicks;
        var used = await _store.AddToCounterAsync(Counter(slice), permits, cancellationToken).ConfigureAwait(false);
        for (var back = 1; back <= _slices && used <= Limit; back++)
        {
            used += await _store.AddToCounterAsync(Counter(slice - back), 0, cancellationToken).ConfigureAwait(false);
        }

        if (used <= Limit)
        {
            return null;
        }

        await _store.AddToCounterAsync(Counter(slice), -permits, CancellationToken.None).ConfigureAwait(false);
        return Instant.FromUnixTimeTicks((slice + 1) * _sliceTicks);
    }

    /// <summary>Takes back <paramref name="permits"/> counted at <paramref name="now"/> by <see cref="TryTakeAsync"/> (the call was not sent after all).</summary>
    public Task GiveBackAsync(Instant now, int permits = 1) =>
        _store.AddToCounterAsync(Counter(now.ToUnixTimeTicks() / _sliceTicks), -permits, CancellationToken.None);

    private string Counter(long slice) => $"calls:{_key}/{slice}";
}
