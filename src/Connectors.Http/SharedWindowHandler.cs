using Connectors.Abstractions;
using NodaTime;

namespace Connectors.Http;

/// <summary>
/// Keeps a fixed-window limit (ShipStation 40 a minute, Xero 60 a minute) across every process sharing the state store:
/// each attempt is counted in a <see cref="SharedCallWindow"/> and waits for the next slice when the hosts together have
/// used the window. Runs after the process's own limiter, so a lone host never waits here.
/// </summary>
internal sealed class SharedWindowHandler(SharedCallWindow window, string platform, TimeProvider clock, TimeProvider waits) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var permits = request.Options.TryGetValue(ConnectorRequest.Cost, out var cost) ? cost : 1;

        // Each refusal waits for the next slice; under contention a host may be refused many times in a row, which is fine
        // while time moves. A clock that does not move across waits would refuse for ever: that ends in a rate-limited
        // failure instead.
        var stalled = 0;
        var previous = Instant.MinValue;
        while (true)
        {
            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            if (await window.TryTakeAsync(now, permits, cancellationToken).ConfigureAwait(false) is not { } retryAt)
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            stalled = now > previous ? 0 : stalled + 1;
            previous = now;
            if (stalled >= 3)
            {
                var operation = request.Options.TryGetValue(ConnectorRequest.Operation, out var op) ? op : request.RequestUri?.AbsolutePath ?? "";
                throw new PlatformException(platform, operation, PlatformFailure.RateLimited,
                    $"{platform} {operation} was not sent: the hosts sharing this account used its {window.Limit} calls per {window.Window.TotalSeconds:0} s.")
                {
                    RetryAt = retryAt,
                };
            }

            var wait = (retryAt - now).ToTimeSpan();
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), waits, cancellationToken).ConfigureAwait(false);
        }
    }
}
