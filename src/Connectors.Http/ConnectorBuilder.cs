using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Http;

/// <summary>What an <c>Add…Connector</c> call registered: the connector's name and its HTTP client builder, to add handlers.</summary>
/// <param name="Name">Connector name (the keyed-service key pipelines refer to).</param>
/// <param name="Services">The service collection.</param>
/// <param name="HttpClient">The connector's HTTP client builder.</param>
public sealed record ConnectorBuilder(string Name, IServiceCollection Services, IHttpClientBuilder HttpClient);
