namespace Connectors.Testing;

/// <summary>A request a simulator received.</summary>
/// <param name="Function">The platform function or action (e.g. <c>getOrder</c>, <c>CreateOrder</c>).</param>
/// <param name="Body">The request payload (XML for Unas; the decoded <c>request</c> JSON for Webshippy).</param>
public sealed record RecordedRequest(string Function, string Body);
