namespace Connectors.QuickBooks.Desktop;

/// <summary>
/// A qbXML exchange that does one queued piece of work in a Web Connector session (posting a sale, voiding one): it
/// asks first and changes after, so starting it again in a later session never does the work twice.
/// </summary>
internal interface IQbXmlConversation
{
    /// <summary>The queue key of the work (the order's reference).</summary>
    string Reference { get; }

    /// <summary>The TxnID once known; the refusal or the reason to retry otherwise.</summary>
    string Outcome { get; }

    /// <summary>Notes for the run report.</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>The next request document, or null when the exchange is over (<see cref="Complete"/> then says how).</summary>
    string? NextRequest(QbXmlVersion version);

    /// <summary>Takes the answers to the last request.</summary>
    ConversationStep Receive(IReadOnlyList<QbXmlAnswer> answers);

    /// <summary>Ends an exchange that has nothing more to send.</summary>
    ConversationStep Complete();
}
