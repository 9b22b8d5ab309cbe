using Connectors.Abstractions;
using NodaTime;

namespace Connectors.Unas;

/// <summary>What kind of call, for Unas's hourly limits.</summary>
internal enum UnasCallKind
{
    Login,
    SingleRead,
    MultiRead,
    Write,
}

/// <summary>
/// Counts calls in a rolling hour against Unas's documented limits, so a run stops before Unas bans the IP for an hour
/// (a broken limit costs far more than a deferred sync). With a state store the hour is also counted there, so runs of
/// other processes (the next <c>--once</c>, the other hosts of a cluster) keep the same limits together.
/// </summary>
internal sealed class UnasCallBudget(UnasPlan plan, Connectors.State.ISyncStateStore? store = null, string? account = null)
{
    private readonly Lock _gate = new();
    private readonly Queue<(Instant At, UnasCallKind Kind)> _calls = new();
    private readonly Dictionary<UnasCallKind, Connectors.Http.SharedCallWindow> _shared = store is null ? [] : Enum.GetValues<UnasCallKind>()
        .ToDictionary(k => k, k => new Connectors.Http.SharedCallWindow(store, $"{account}/{k}", LimitOf(plan, k), TimeSpan.FromHours(1)));
    private readonly Connectors.Http.SharedCallWindow? _sharedTotal = store is null ? null
        : new(store, $"{account}/all", plan == UnasPlan.Vip ? 6000 : 2000, TimeSpan.FromHours(1));

    /// <summary>Takes one call from this process's budget and, with a store, from the shared one; throws when either is spent.</summary>
    public async Task TakeAsync(string function, UnasCallKind kind, Instant now, CancellationToken cancellationToken)
    {
        Take(function, kind, now);
        if (_sharedTotal is null)
        {
            return;
        }

        var retryAt = await _shared[kind].TryTakeAsync(now, 1, cancellationToken).ConfigureAwait(false);
        if (retryAt is null && await _sharedTotal.TryTakeAsync(now, 1, cancellationToken).ConfigureAwait(false) is { } total)
        {
            // The kind's call was counted; give it back so the two counts stay in step.
            await _shared[kind].GiveBackAsync(now).ConfigureAwait(false);
            retryAt = total;
        }

        if (retryAt is { } at)
        {
            throw new PlatformException("unas", function, PlatformFailure.RateLimited,
                $"Unas {plan} limit reached for {function} ({Describe(kind)}: {Limit(kind)}/h, all calls: {TotalLimit}/h, counted across every process sharing the state store); the call was not made, to avoid a one-hour ban. Next call allowed at {at}.")
            {
                RetryAt = at,
            };
        }
    }

    public int Limit(UnasCallKind kind) => LimitOf(plan, kind);

    private static int LimitOf(UnasPlan plan, UnasCallKind kind) => (plan, kind) switch
    {
        (UnasPlan.Vip, UnasCallKind.MultiRead) => 90,
        (_, UnasCallKind.MultiRead) => 30,
        (UnasPlan.Vip, UnasCallKind.Login) => 6000,
        (UnasPlan.Vip, _) => 3000,
        (_, UnasCallKind.Login) => 2000,
        _ => 1000,
    };

    private int TotalLimit => plan == UnasPlan.Vip ? 6000 : 2000;

    /// <summary>Takes one call from the budget, or throws saying which limit and when it frees up.</summary>
    public void Take(string function, UnasCallKind kind, Instant now)
    {
        lock (_gate)
        {
            while (_calls.Count > 0 && now - _calls.Peek().At >= Duration.FromHours(1))
            {
                _calls.Dequeue();
            }

            var ofKind = _calls.Where(c => c.Kind == kind).ToList();
            if (ofKind.Count >= Limit(kind) || _calls.Count >= TotalLimit)
            {
                var oldest = (ofKind.Count >= Limit(kind) ? ofKind[0] : _calls.Peek()).At + Duration.FromHours(1);
                throw new PlatformException("unas", function, PlatformFailure.RateLimited,
                    $"Unas {plan} limit reached for {function} ({Describe(kind)}: {Limit(kind)}/h, all calls: {TotalLimit}/h); the call was not made, to avoid a one-hour ban. Next call allowed at {oldest}.")
                {
                    RetryAt = oldest,
                };
            }

            _calls.Enqueue((now, kind));
        }
    }

    public int Used(UnasCallKind kind)
    {
        lock (_gate)
        {
            return _calls.Count(c => c.Kind == kind);
        }
    }

    private static string Describe(UnasCallKind kind) => kind switch
    {
        UnasCallKind.MultiRead => "multi-item reads",
        UnasCallKind.SingleRead => "single-item reads",
        UnasCallKind.Write => "writes of up to 100 entities",
        _ => "logins",
    };
}
