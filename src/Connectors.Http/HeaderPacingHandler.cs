using System.Globalization;

namespace Connectors.Http;

/// <summary>
/// Paces an account by its platform's rate-limit headers: an answer saying no calls are left moves the account's
/// "not before" to the reset, and every call of the account (all connectors, all pipelines) waits for it first.
/// </summary>
internal sealed class HeaderPacingHandler(HeaderPacer pacer, RateLimitHeaders headers, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wait = pacer.NotBefore - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (Number(response, headers.Remaining) is <= 0)
        {
            var reset = headers.ResetSeconds is { } header && Number(response, header) is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : headers.WindowWhenUnsaid;
            pacer.Push(time.GetUtcNow() + reset);
        }

        return response;
    }

    private static double? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>One account's "not before" instant, shared by every client of the account.</summary>
internal sealed class HeaderPacer
{
    private readonly Lock _lock = new();
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public DateTimeOffset NotBefore
    {
        get
        {
            lock (_lock)
            {
                return _notBefore;
            }
        }
    }

    // The latest answer is the freshest word on the window: it replaces what an earlier one said.
    public void Push(DateTimeOffset notBefore)
    {
        lock (_lock)
        {
            _notBefore = notBefore;
        }
    }
}
