using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Connectors.Scale.Tests;

/// <summary>
/// Sits on every client of one tenant and notes the credentials its requests carry (API keys in bodies, bearer tokens)
/// and the tokens its logins received, so a test can prove no shop's request ever carried another shop's credentials.
/// </summary>
internal sealed partial class CredentialRecorder(string tenant, ConcurrentDictionary<(string Tenant, string Kind, string Value), bool> seen) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is { Parameter: { } token })
        {
            seen.TryAdd((tenant, "bearer", token), true);
        }

        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            if (request.Content is FormUrlEncodedContent)
            {
                body = System.Net.WebUtility.UrlDecode(body);
            }

            foreach (Match key in Keys().Matches(body))
            {
                seen.TryAdd((tenant, "key", key.Groups["key"].Value), true);
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri?.AbsolutePath.EndsWith("/login", StringComparison.Ordinal) == true && response.Content is not null)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (LoginToken().Match(text) is { Success: true } issued)
            {
                seen.TryAdd((tenant, "issued", issued.Groups["token"].Value), true);
            }
        }

        return response;
    }

    [GeneratedRegex("<ApiKey>(?<key>[^<]*)</ApiKey>|\"apiKey\"\\s*:\\s*\"(?<key>[^\"]*)\"")]
    private static partial Regex Keys();

    [GeneratedRegex("<Token>(?<token>[^<]*)</Token>")]
    private static partial Regex LoginToken();
}
