using Connectors.Abstractions;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml;
using Connectors.Diagnostics;
using Connectors.Platforms;
using Microsoft.Extensions.Logging;
using NodaTime;
using Polly;

namespace Connectors.Unas;

/// <summary>
/// Sends one Unas function call: token, budget, ban check, safe retries (only for calls that may be repeated), and
/// the mapping of Unas's answers to results or typed errors. Credentials and tokens never reach a log or a message.
/// </summary>
internal sealed partial class UnasClient
{
    private readonly string _name;
    private readonly UnasOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly UnasSession _session;
    private readonly SecretScrubber _scrubber;
    private readonly Connectors.State.ISyncStateStore? _store;
    private bool _banLoaded;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    public UnasClient(string name, UnasOptions options, IHttpClientFactory http, UnasSession session, TimeProvider time, ILogger logger, Connectors.State.ISyncStateStore? store = null)
    {
        _store = store;
        _name = name;
        _options = options;
        _http = http;
        _session = session;
        _scrubber = new SecretScrubber(options.ApiKey, options.PasswordCrypt, options.AuthCode);
        _time = time;
        _logger = logger;
        Time = new UnasTime(DateTimeZoneProviders.Tzdb[options.TimeZone]);
_retry = PlatformRetry.Create(options.MaxRetries, options.RetryDelay, time, (attempt, reason) => LogRetry(_logger, _name, attempt, reason));
    }

    public UnasTime Time { get; }

    public string ClientName => UnasServiceCollectionExtensions.HttpClientName(_name);

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>Calls <paramref name="function"/>; <paramref name="repeatable"/> says whether a retry after a lost answer is safe.</summary>
    public async Task<T> CallAsync<T>(string function, UnasCallKind kind, byte[] body, bool repeatable, Func<XmlReader, T> parse, CancellationToken ct)
    {
        await LoadBanAsync(ct).ConfigureAwait(false);
        _session.ThrowIfBanned(function, Now);
        try
        {
            var token = await _session.GetTokenAsync(Now, LoginAsync, ct).ConfigureAwait(false);
            try
            {
                return await SendWithRetryAsync(function, kind, body, repeatable, token, parse, ct).ConfigureAwait(false);
            }
            catch (PlatformException rejected) when (rejected.ErrorCode == TokenRejected)
            {
                // The token was refused (expired early, revoked): log in again once and repeat the call once.
                _session.Invalidate(token);
                token = await _session.GetTokenAsync(Now, LoginAsync, ct).ConfigureAwait(false);
                return await SendWithRetryAsync(function, kind, body, repeatable, token, parse, ct).ConfigureAwait(false);
            }
        }
        catch (PlatformException ex) when (_store is not null && ex is { Failure: PlatformFailure.RateLimited, RetryAt: not null })
        {
            // The ban outlives this process: the next run (a new `--once`) must not spend a refused call to learn it again.
            await _store.SetCheckpointAsync(BanKey, ex.RetryAt!.Value, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private string BanKey => $"unas:{_name}/banned-until";

    private async Task LoadBanAsync(CancellationToken ct)
    {
        if (_store is null || Volatile.Read(ref _banLoaded))
        {
            return;
        }

        if (await _store.GetCheckpointAsync(BanKey, ct).ConfigureAwait(false) is { } until && until > Now)
        {
            _session.Ban(until);
        }

        Volatile.Write(ref _banLoaded, true);
    }

    private Task<T> SendWithRetryAsync<T>(string function, UnasCallKind kind, byte[] body, bool repeatable, string token, Func<XmlReader, T> parse, CancellationToken ct) =>
        repeatable
            ? _retry.ExecuteAsync(async c => await SendAsync(function, kind, body, token, parse, c).ConfigureAwait(false), ct).AsTask()
            : SendAsync(function, kind, body, token, parse, ct);

    private async Task<(string Token, Instant Expires)> LoginAsync(CancellationToken ct)
    {
        var body = _options.UsesLegacyLogin ? UnasLegacyLogin.Body(_options) : UnasXml.Write(w =>
        {
            w.WriteStartElement("Params");
            w.WriteElementString("ApiKey", _options.ApiKey);
            w.WriteEndElement();
        });
        var (token, expires) = await _retry.ExecuteAsync(
            async c => await SendAsync("login", UnasCallKind.Login, body, null, ReadLogin, c).ConfigureAwait(false), ct).ConfigureAwait(false);
        return (token, expires ?? Now + Duration.FromHours(2));
    }

    private (string Token, Instant? Expires) ReadLogin(XmlReader reader)
    {
        string? token = null;
        Instant? expires = null;
        reader.MoveToContent();
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "Token":
                    token = reader.ReadElementContentAsString();
                    break;
                case "Expire":
                    expires = Time.Parse(reader.ReadElementContentAsString());
                    break;
            }
        }

        return string.IsNullOrEmpty(token) ? throw new PlatformException("unas", "login", PlatformFailure.UnreadableAnswer, "Unas login answered without a token.") : (token, expires);
    }

    private async Task<T> SendAsync<T>(string function, UnasCallKind kind, byte[] body, string? token, Func<XmlReader, T> parse, CancellationToken ct)
    {
        _session.ThrowIfBanned(function, Now);
        _session.Budget.Take(function, kind, Now);
        ConnectorsTelemetry.ApiCalls.Add(1, new("system", "unas"), new("account", _name), new("function", function));
        using var request = new HttpRequestMessage(HttpMethod.Post, function) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "UTF-8" };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new PlatformException("unas", function, PlatformFailure.Transient, $"Unas {function} did not answer within {_options.Timeout}.", ex);
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                throw new PlatformException("unas", function, PlatformFailures.ForHttpStatus((int)response.StatusCode), $"Unas {function} answered {(int)response.StatusCode} {response.ReasonPhrase}.") { HttpStatus = (int)response.StatusCode };
            }

            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                throw new PlatformException("unas", function, PlatformFailure.UnreadableAnswer, $"Unas {function} answer of {response.Content.Headers.ContentLength} bytes exceeds MaxResponseBytes ({_options.MaxResponseBytes}).");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                throw Failure(function, response.StatusCode, UnasXml.ReadError(text) ?? $"HTTP {(int)response.StatusCode} without an <Error> body", token is not null);
            }

            // The answer is read off the network asynchronously into a buffer capped at MaxResponseBytes, then parsed from
            // memory: the XML readers are synchronous, and a synchronous read must never block on a socket.
            await BufferAsync(response.Content, function, ct).ConfigureAwait(false);
            await using var stream = new ControlCharacterMarkingStream(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
            try
            {
                using var reader = XmlReader.Create(stream, UnasXml.ReaderSettings(_options.MaxResponseBytes, async: false));
                if (reader.MoveToContent() == XmlNodeType.Element && reader.LocalName == "Error")
                {
                    throw Failure(function, response.StatusCode, reader.ReadElementContentAsString().Trim(), token is not null);
                }

                return parse(reader);
            }
            catch (XmlException ex)
            {
                throw new PlatformException("unas", function, PlatformFailure.UnreadableAnswer, _scrubber.Scrub($"Unas {function} answered malformed or unsafe XML: {ex.Message}", _session.CurrentToken), ex) { HttpStatus = 200 };
            }
        }
    }

    private async Task BufferAsync(HttpContent content, string function, CancellationToken ct)
    {
        try
        {
            await content.LoadIntoBufferAsync(_options.MaxResponseBytes, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is not IOException and not global::System.Net.Sockets.SocketException)
        {
            throw new PlatformException("unas", function, PlatformFailure.UnreadableAnswer, $"Unas {function} answer exceeds MaxResponseBytes ({_options.MaxResponseBytes}).", ex);
        }
    }

    private PlatformException Failure(string function, HttpStatusCode status, string error, bool hadToken)
    {
        error = _scrubber.Scrub(error, _session.CurrentToken);
        var ban = BanPattern().Match(error);
        if (ban.Success)
        {
            var until = Time.ParseBanEnd(ban.Groups["until"].Value) ?? Now + Duration.FromHours(1);
            _session.Ban(until);
            return new PlatformException("unas", function, PlatformFailure.RateLimited, $"Unas refused {function}: {error}") { HttpStatus = (int)status, RetryAt = until };
        }

        if (hadToken && (status == HttpStatusCode.Unauthorized || error.Contains("token", StringComparison.OrdinalIgnoreCase)))
        {
            return new PlatformException("unas", function, PlatformFailure.Unauthorized, error) { ErrorCode = TokenRejected, HttpStatus = (int)status };
        }

        return new PlatformException("unas", function, PlatformFailures.ForHttpStatus((int)status), $"Unas {function} failed: {error}") { HttpStatus = (int)status };
    }

    [GeneratedRegex(@"banned\s+till\s+(?<until>\d{2}\.\d{2}\.\d{4}\s+\d{1,2}:\d{2}:\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex BanPattern();

    [LoggerMessage(101, LogLevel.Warning, "Unas ({Shop}) call failed, retry {Attempt}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string shop, int attempt, string reason);

    // Marks the one failure the client handles itself: a refused token is renewed once before anyone hears of it.
    private const string TokenRejected = "token-rejected";
}
