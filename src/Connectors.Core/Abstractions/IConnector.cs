namespace Connectors.Abstractions;

/// <summary>Identifies the platform account a component talks to; every checkpoint and ledger row carries it.</summary>
public interface IConnector
{
    /// <summary>Platform name, lower case (e.g. <c>unas</c>, <c>webshippy</c>).</summary>
    string System { get; }

    /// <summary>The account / shop on that platform (the registration name when several are registered).</summary>
    string Account { get; }
}
