using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Xml.Linq;
using Connectors.Http;
using Connectors.State;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.QuickBooks.Desktop;

/// <summary>
/// The QuickBooks Web Connector's side of a conversation, apart from SOAP: the eight calls of the QBWC Programmer's Guide
/// in the order the Web Connector makes them. <c>authenticate</c> checks the user and password in constant time, takes the
/// company file's lease (another host already in a session answers "busy") and answers "none" when its queue is empty;
/// <c>sendRequestXML</c> hands out the next qbXML in the version the host announced; <c>receiveResponseXML</c> records
/// each answer by <c>requestID</c> and returns the percentage done.
/// </summary>
internal sealed partial class WebConnectorService(IEnumerable<QuickBooksDesktopConnector> companies, ISyncStateStore store, TimeProvider time, ILogger<WebConnectorService> logger)
{
    /// <summary>What <c>serverVersion</c> answers.</summary>
    public const string ServerVersion = "Connectors.QuickBooks.Desktop 1.0";

    private const int MaxFailedAttempts = 3;
    private static readonly Duration SessionLease = Duration.FromMinutes(10);
    private readonly ConcurrentDictionary<string, WebConnectorSession> _sessions = new(StringComparer.Ordinal);
    private readonly List<QuickBooksDesktopConnector> _companies = [.. companies];

    private Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// <summary><c>clientVersion</c>: every Web Connector version is accepted (an empty answer).</summary>
    public static string ClientVersion(string? version) => "";

    /// <summary><c>authenticate</c>: [ticket, "nvu" | "none" | "busy" | company file ("" = the open one)].</summary>
    public async Task<string[]> AuthenticateAsync(string? user, string? password, CancellationToken ct)
    {
        // Every company is compared, whatever matches, so the time taken does not say which user names exist.
        QuickBooksDesktopConnector? company = null;
        foreach (var candidate in _companies)
        {
            if (SecretComparison.Matches(user, candidate.Options.UserName) & SecretComparison.Matches(password, candidate.Options.Password))
            {
                company = candidate;
            }
        }

        var ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        if (company is null)
        {
            LogRefused(logger);
            return [ticket, "nvu"];
        }

        // The Web Connector runs one session of an application at a time: a session of this company still open here was
        // abandoned (an answer that never arrived), so it ends now instead of keeping the company busy until its lease runs out.
        foreach (var (stale, _) in _sessions.Where(s => s.Value.Company == company || Now - s.Value.LastCall > SessionLease).ToList())
        {
            await EndAsync(stale, ct).ConfigureAwait(false);
        }

        var pending = await company.Queue.PendingAsync(company.Options.MaxPostingsPerSession, ct).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            LogNoWork(logger, company.Name);
            return [ticket, "none"];
        }

        // One session per company file across every host sharing the state store: two would both add what they find missing.
        if (!await store.TryAcquireLeaseAsync(LeaseName(company), ticket, Now, SessionLease, ct).ConfigureAwait(false))
        {
            LogBusy(logger, company.Name);
            return [ticket, "busy"];
        }

        var work = new List<(InboxItem, QueuedPosting)>();
        foreach (var item in pending)
        {
            if (QueuedPosting.FromJson(item.Payload) is { } posting)
            {
                work.Add((item, posting));
            }
            else
            {
                await company.Queue.RefusedAsync(item, "the queued sale could not be read back from the state store; post the order again (release it)", ct).ConfigureAwait(false);
            }
        }

        _sessions[ticket] = new WebConnectorSession(company, work, Now);
        LogStarted(logger, company.Name, pending.Count);
        return [ticket, company.Options.CompanyFile ?? ""];
    }

    /// <summary><c>sendRequestXML</c>: the next qbXML of the session, or "" (an error the Web Connector then asks about).</summary>
    public async Task<string> SendRequestXmlAsync(string? ticket, string? hcpResponse, string? country, string? major, string? minor, CancellationToken ct)
    {
        if (Session(ticket) is not { } session)
        {
            return "";
        }

        // Each call renews the company's lease, so a long session keeps it and an abandoned one frees it soon; a session
        // that lost it (silent for longer than the lease, another host took over) stops rather than post beside the other.
        if (!await store.TryAcquireLeaseAsync(LeaseName(session.Company), ticket!, Now, SessionLease, ct).ConfigureAwait(false))
        {
            session.LastError = "another session took over this company file (this one was silent longer than its lease); its work is left to that one";
            return "";
        }

        if (!session.VersionKnown && Negotiate(session, hcpResponse, major, minor) is { } problem)
        {
            session.LastError = problem;
            await session.Company.Queue.DeferredAsync(session.References, problem, ct).ConfigureAwait(false);
            return "";
        }

        while (session.Current is { } current)
        {
            if (current.Conversation.NextRequest(session.Version) is { } request)
            {
                return request;
            }

            await FinishAsync(session, current, current.Conversation.Complete(), ct).ConfigureAwait(false);
        }

        session.LastError = "no more work in this session";
        return "";
    }

    /// <summary><c>receiveResponseXML</c>: the answer recorded; the percentage done (100 ends), negative on an error.</summary>
    public async Task<int> ReceiveResponseXmlAsync(string? ticket, string? response, string? hresult, string? message, CancellationToken ct)
    {
        if (Session(ticket) is not { } session || session.Current is not { } current)
        {
            return -1;
        }

        if (!string.IsNullOrEmpty(hresult))
        {
            // QuickBooks could not run the request at all (it could not parse it, or could not reach the file).
            LogRequestFailed(logger, session.Company.Name, current.Conversation.Reference, hresult, message ?? "");
            await FailedAttemptAsync(session, current, $"QuickBooks could not process the request: {hresult} {message}".Trim(), ct).ConfigureAwait(false);
            return session.Current is null ? 100 : session.Percent;
        }

        IReadOnlyList<QbXmlAnswer> answers;
        try
        {
            answers = QbXml.Answers(response ?? "");
        }
        catch (FormatException ex)
        {
            await FailedAttemptAsync(session, current, $"the answer was not qbXML ({ex.Message})", ct).ConfigureAwait(false);
            return session.Current is null ? 100 : session.Percent;
        }

        var step = current.Conversation.Receive(answers);
        if (step != ConversationStep.Continue)
        {
            await FinishAsync(session, current, step, ct).ConfigureAwait(false);
        }

        return session.Current is null ? 100 : session.Percent;
    }

    /// <summary><c>connectionError</c>: QuickBooks could not open the company file; "done" ends the session, the queue waits.</summary>
    public async Task<string> ConnectionErrorAsync(string? ticket, string? hresult, string? message, CancellationToken ct)
    {
        if (Session(ticket) is { } session)
        {
            session.LastError = $"QuickBooks could not open the company file: {hresult} {message}".Trim();
            LogConnectionError(logger, session.Company.Name, hresult ?? "", message ?? "");
            await session.Company.Queue.DeferredAsync(session.References, session.LastError, ct).ConfigureAwait(false);
            await EndAsync(ticket!, ct).ConfigureAwait(false);
        }

        return "done";
    }

    /// <summary><c>getLastError</c>: the last problem of the session, in words.</summary>
    public string GetLastError(string? ticket) =>
        Session(ticket)?.LastError is { Length: > 0 } error ? error : "no error recorded for this session";

    /// <summary><c>closeConnection</c>: the session's summary; the lease is released.</summary>
    public async Task<string> CloseConnectionAsync(string? ticket, CancellationToken ct)
    {
        if (Session(ticket) is not { } session)
        {
            return "OK";
        }

        await EndAsync(ticket!, ct).ConfigureAwait(false);
        return $"Connectors: {session.Posted} posted, {session.Refused} refused, {session.Deferred} left for the next session.";
    }

    private async Task FinishAsync(WebConnectorSession session, SessionPosting current, ConversationStep step, CancellationToken ct)
    {
        var reference = current.Conversation.Reference;
        switch (step)
        {
            case ConversationStep.Posted:
                await session.Company.Queue.PostedAsync(current.Item, current.Conversation.Outcome, string.Join('\n', current.Conversation.Notes), ct).ConfigureAwait(false);
                LogPosted(logger, session.Company.Name, reference, current.Conversation.Outcome);
                session.Posted++;
                break;
            case ConversationStep.Refused:
                await session.Company.Queue.RefusedAsync(current.Item, current.Conversation.Outcome, ct).ConfigureAwait(false);
                LogRefusedPosting(logger, session.Company.Name, reference, current.Conversation.Outcome);
                session.Refused++;
                break;
            default:
                await DeferAsync(session, current, current.Conversation.Outcome, ct).ConfigureAwait(false);
                return;
        }

        session.Advance();
    }

    // Not done now; the next session tries again, and the pipeline's report says why it still waits.
    private static async Task DeferAsync(WebConnectorSession session, SessionPosting current, string reason, CancellationToken ct)
    {
        session.LastError = $"{current.Conversation.Reference}: {reason}";
        session.Deferred++;
        session.Advance();
        await session.Company.Queue.DeferredAsync([current.Item.Subject], reason, ct).ConfigureAwait(false);
    }

    // A failure that is not "busy": retried, but after MaxFailedAttempts sessions a person is told, not a loop left running.
    private async Task FailedAttemptAsync(WebConnectorSession session, SessionPosting current, string reason, CancellationToken ct)
    {
        var attempts = await store.AddToCounterAsync($"qbwc/{session.Company.Account}/failed-attempts/{current.Item.DeliveryId}", 1, ct).ConfigureAwait(false);
        if (attempts < MaxFailedAttempts)
        {
            await DeferAsync(session, current, $"{reason} (attempt {attempts} of {MaxFailedAttempts})", ct).ConfigureAwait(false);
            return;
        }

        session.LastError = $"{current.Conversation.Reference}: {reason}";
        await session.Company.Queue.RefusedAsync(current.Item, $"{reason}, {attempts} sessions in a row", ct).ConfigureAwait(false);
        LogRefusedPosting(logger, session.Company.Name, current.Conversation.Reference, reason);
        session.Refused++;
        session.Advance();
    }

    private async Task EndAsync(string ticket, CancellationToken ct)
    {
        if (_sessions.TryRemove(ticket, out var session))
        {
            await store.ReleaseLeaseAsync(LeaseName(session.Company), ticket, ct).ConfigureAwait(false);
        }
    }

    // The host's answer to the Web Connector's HostQuery names the versions it speaks; the parameters give the highest.
    private static string? Negotiate(WebConnectorSession session, string? hcpResponse, string? major, string? minor)
    {
        var ours = QbXmlVersion.TryParse(session.Company.Options.QbXmlVersion, out var configured) ? configured : QbXmlVersion.Minimum;
        var announced = new List<QbXmlVersion>();
        if (QbXmlVersion.TryParse($"{major}.{(string.IsNullOrEmpty(minor) ? "0" : minor)}", out var highest) && highest.Major > 0)
        {
            announced.Add(highest);
        }

        if (!string.IsNullOrWhiteSpace(hcpResponse))
        {
            try
            {
                foreach (var supported in QbXml.Answers(hcpResponse).SelectMany(a => a.Element.Descendants("SupportedQBXMLVersion")))
                {
                    if (QbXmlVersion.TryParse(supported.Value, out var v))
                    {
                        announced.Add(v);
                    }
                }
            }
            catch (FormatException)
            {
                // Only the version is read from it; the parameters still say it.
            }
        }

        var best = announced.Count == 0 ? ours : announced.Max();
        session.Version = best < ours ? best : ours;
        session.VersionKnown = true;
        return session.Version < QbXmlVersion.Minimum
            ? $"this QuickBooks speaks qbXML up to {best}; the connector needs {QbXmlVersion.Minimum} or later"
            : null;
    }

    private WebConnectorSession? Session(string? ticket)
    {
        if (ticket is null || !_sessions.TryGetValue(ticket, out var session))
        {
            return null;
        }

        session.LastCall = Now;
        return session;
    }

    private static string LeaseName(QuickBooksDesktopConnector company) => $"qbwc/{company.Account}";

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "QuickBooks Web Connector: authentication refused")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "QuickBooks Web Connector ({Company}): nothing to post")]
    private static partial void LogNoWork(ILogger logger, string company);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "QuickBooks Web Connector ({Company}): another session is running")]
    private static partial void LogBusy(ILogger logger, string company);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "QuickBooks Web Connector ({Company}): session started with {Count} sale(s) to post")]
    private static partial void LogStarted(ILogger logger, string company, int count);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "QuickBooks Web Connector ({Company}): {Reference} posted as {TxnId}")]
    private static partial void LogPosted(ILogger logger, string company, string reference, string txnId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "QuickBooks Web Connector ({Company}): {Reference} refused: {Reason}")]
    private static partial void LogRefusedPosting(ILogger logger, string company, string reference, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "QuickBooks Web Connector ({Company}): request for {Reference} failed in QuickBooks: {HResult} {Message}")]
    private static partial void LogRequestFailed(ILogger logger, string company, string reference, string hResult, string message);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "QuickBooks Web Connector ({Company}): QuickBooks could not be reached: {HResult} {Message}")]
    private static partial void LogConnectionError(ILogger logger, string company, string hResult, string message);
}
