namespace Connectors.Matching;

/// <summary>How product codes are compared. Each mode includes the ones before it except <see cref="Exact"/>.</summary>
public enum CodeNormalization
{
    /// <summary>Byte-for-byte equal (seed 004's behaviour: <c>"AB-1 "</c> and <c>"AB-1"</c> differ).</summary>
    Exact = 0,

    /// <summary>Leading and trailing white space ignored.</summary>
    Trimmed,

    /// <summary>Trimmed, and letter case ignored (ordinal, Unicode simple case folding: <c>ő</c> = <c>Ő</c>, <c>ł</c> = <c>Ł</c>).</summary>
    CaseInsensitive,

    /// <summary>Case ignored, and spaces, dashes, dots, underscores and slashes ignored anywhere (<c>AB-1.2</c> = <c>ab 12</c>).</summary>
    PunctuationBlind,
}
