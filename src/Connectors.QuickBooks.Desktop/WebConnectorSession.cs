using Connectors.State;
using NodaTime;

namespace Connectors.QuickBooks.Desktop;

/// <summary>One sale of a session: its queue item and its exchange.</summary>
internal sealed record SessionPosting(InboxItem Item, IQbXmlConversation Conversation);

/// <summary>One Web Connector session (a ticket): the company file, the sales taken from its queue, where it is.</summary>
internal sealed class WebConnectorSession
{
    private readonly List<SessionPosting> _postings;
    private int _index;

    public WebConnectorSession(QuickBooksDesktopConnector company, IEnumerable<(InboxItem Item, QueuedPosting Posting)> work, Instant started)
    {
        Company = company;
        LastCall = started;
        _postings = [.. work.Select(w => new SessionPosting(w.Item, w.Posting.VoidTxnId is null ? new PostingConversation(w.Posting, company.Options) : new VoidConversation(w.Posting)))];
    }

    public QuickBooksDesktopConnector Company { get; }

    /// <summary>When the Web Connector last called with this ticket.</summary>
    public Instant LastCall { get; set; }

    public QbXmlVersion Version { get; set; }

    public bool VersionKnown { get; set; }

    public string? LastError { get; set; }

    public int Posted { get; set; }

    public int Refused { get; set; }

    public int Deferred { get; set; }

    /// <summary>The queue keys of the work still to do in this session.</summary>
    public IReadOnlyList<string> References => [.. _postings.Skip(_index).Select(p => p.Item.Subject)];

    public SessionPosting? Current => _index < _postings.Count ? _postings[_index] : null;

    /// <summary>Done so far, 1-99 while work remains (0 would read as "nothing done" to the Web Connector's bar).</summary>
    public int Percent => Math.Clamp(_index * 100 / Math.Max(1, _postings.Count), 1, 99);

    public void Advance() => _index++;
}
