using Connectors.Abstractions;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml;
using Connectors.Http;
using NodaTime;

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

    public UnasClient(string name, UnasOptions options, IHttpClientFactory http, UnasSession session, TimeProvider time, Connectors.State.ISyncStateStore? store = null)
    {
        _store = store;
        _name = name;
        _options = options;
        _http = http;
        _session = session;
        _scrubber = new SecretScrubber(options.ApiKey, options.PasswordCrypt, options.AuthCode);
        _time = time;
        Time = new UnasTime(DateTimeZoneProviders.Tzdb[options.TimeZone]);
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
            var token = await _session.Tokens.GetAsync(LoginAsync, ct).ConfigureAwait(false);
            try
            {
                return await SendAsync(function, kind, body, repeatable, token, parse, ct).ConfigureAwait(false);
            }
            catch (PlatformException rejected) when (rejected.ErrorCode == TokenRejected)
            {
                // The token was refused (expired early, revoked): log in again once and repeat the call once.
                _session.Tokens.Invalidate(token);
                token = await _session.Tokens.GetAsync(LoginAsync, ct).ConfigureAwait(false);
                return await SendAsync(function, kind, body, repeatable, token, parse, ct).ConfigureAwait(false);
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

    private async Task<AccessToken> LoginAsync(CancellationToken ct)
    {
        var body = _options.UsesLegacyLogin ? UnasLegacyLogin.Body(_options) : UnasXml.Write(w =>
        {
            w.WriteStartElement("Params");
            w.WriteElementString("ApiKey", _options.ApiKey);
            w.WriteEndElement();
        });
        var (token, expires) = await SendAsync("login", UnasCallKind.Login, body, repeatable: true, null, ReadLogin, ct).ConfigureAwait(false);
        return new AccessToken(token, expires ?? Now + Duration.FromHours(2));
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

    // A repeatable call (a read, an absolute write) is retried by the HTTP layer after a 5xx or a timeout; others are not.
    private async Task<T> SendAsync<T>(string function, UnasCallKind kind, byte[] body, bool repeatable, string? token, Func<XmlReader, T> parse, CancellationToken ct)
    {
        _session.ThrowIfBanned(function, Now);
        await _session.Budget.TakeAsync(function, kind, Now, ct).ConfigureAwait(false);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "UTF-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, function) { Content = content }.Repeat(repeatable);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await PlatformHttp.SendAsync(_http.CreateClient(ClientName), request, "unas", function, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                throw PlatformHttp.Failure(response, "unas", function, $"Unas {function} answered {(int)response.StatusCode} {response.ReasonPhrase}.", _time);
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


    // Marks the one failure the client handles itself: a refused token is renewed once before anyone hears of it.
    private const string TokenRejected = "token-rejected";
}
