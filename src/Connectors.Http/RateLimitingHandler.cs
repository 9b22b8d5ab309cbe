using System.Threading.RateLimiting;
using Connectors.Abstractions;

namespace Connectors.Http;

/// <summary>Takes the request's permits from the account's limiter before each attempt; waits in line when none are left.</summary>
internal sealed class RateLimitingHandler(RateLimiter limiter, string platform) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var permits = request.Options.TryGetValue(ConnectorRequest.Cost, out var cost) ? cost : 1;
        using var lease = await limiter.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            var operation = request.Options.TryGetValue(ConnectorRequest.Operation, out var op) ? op : request.RequestUri?.AbsolutePath ?? "";
            throw new PlatformException(platform, operation, PlatformFailure.RateLimited, $"{platform} {operation} was not sent: too many calls are already waiting for this account's rate limit.");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
