namespace Connectors.Abstractions;

/// <summary>What a cancellation did.</summary>
public enum CancelOutcome
{
    /// <summary>The target cancelled / deleted the order.</summary>
    Cancelled,

    /// <summary>The target has started processing; it was not cancelled.</summary>
    ProcessingStarted,

    /// <summary>The target does not know the order.</summary>
    NotFound,

    /// <summary>The target refused for another reason.</summary>
    Refused,
}
