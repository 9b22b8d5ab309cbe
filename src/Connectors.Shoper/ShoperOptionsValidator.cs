using Microsoft.Extensions.Options;
using NodaTime;

namespace Connectors.Shoper;

internal sealed class ShoperOptionsValidator : IValidateOptions<ShoperOptions>
{
    public ValidateOptionsResult Validate(string? name, ShoperOptions o)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:Shoper ({name})";
        if (o.BaseUrl is not { IsAbsoluteUri: true } || (o.BaseUrl.Scheme != Uri.UriSchemeHttps && o.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{prefix}: BaseUrl must be the shop's absolute http(s) address, but was '{o.BaseUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(o.ClientId) || string.IsNullOrWhiteSpace(o.ClientSecret))
        {
            errors.Add($"{prefix}: ClientId and ClientSecret must be set (WebAPI user, or the AppStore app's keys with RefreshToken/AuthorizationCode).");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(o.TimeZone) is null)
        {
            errors.Add($"{prefix}: TimeZone must be an IANA zone id, but was '{o.TimeZone}'.");
        }

        if (o.PageSize is < 1 or > 50)
        {
            errors.Add($"{prefix}: PageSize must be 1..50 (Shoper limit), but was '{o.PageSize}'.");
        }

        if (o.RateLimitBucket < 1 || o.RateLimitPerSecond < 1)
        {
            errors.Add($"{prefix}: RateLimitBucket and RateLimitPerSecond must be at least 1, but were '{o.RateLimitBucket}' and '{o.RateLimitPerSecond}'.");
        }

        if (Connectors.Http.PlatformUrl.RetryProblem(prefix, o.Timeout, o.MaxRetries, o.RetryDelay) is { } retry)
        {
            errors.Add(retry);
        }

        if (Connectors.Http.PlatformUrl.InsecureProblem(prefix, o.BaseUrl, o.AllowInsecureHttp) is { } insecure)

        {

            errors.Add(insecure);

        }


        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
