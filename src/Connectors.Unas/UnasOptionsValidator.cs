using Microsoft.Extensions.Options;
using NodaTime;

namespace Connectors.Unas;

/// <summary>Checks <see cref="UnasOptions"/> at start-up. Messages name the field, and never echo a credential.</summary>
internal sealed class UnasOptionsValidator : IValidateOptions<UnasOptions>
{
    public ValidateOptionsResult Validate(string? name, UnasOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:Unas ({name})";
        if (Connectors.Http.PlatformUrl.AbsoluteProblem(prefix, options.BaseUrl) is { } url)
        {
            errors.Add(url);
        }

        var legacy = new[] { options.Username, options.PasswordCrypt, options.ShopId, options.AuthCode };
        if (string.IsNullOrWhiteSpace(options.ApiKey) && legacy.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{prefix}: set ApiKey, or all of Username, PasswordCrypt, ShopId and AuthCode (legacy login).");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is null)
        {
            errors.Add($"{prefix}: TimeZone must be an IANA zone id, but was '{options.TimeZone}'.");
        }

        if (options.PageSize is < 1 or > 500)
        {
            errors.Add($"{prefix}: PageSize must be 1..500 (Unas LimitNum), but was '{options.PageSize}'.");
        }

        if (options.BatchSize is < 1 or > 100)
        {
            errors.Add($"{prefix}: BatchSize must be 1..100 (larger calls fall into Unas's 30/h tier), but was '{options.BatchSize}'.");
        }

        if (options.MaxResponseBytes < 1024)
        {
            errors.Add($"{prefix}: MaxResponseBytes must be at least 1024, but was '{options.MaxResponseBytes}'.");
        }

        if (Connectors.Http.PlatformUrl.RetryProblem(prefix, options.Timeout, options.MaxRetries, options.RetryDelay) is { } retry)
        {
            errors.Add(retry);
        }

        if (Connectors.Http.PlatformUrl.InsecureProblem(prefix, options.BaseUrl, options.AllowInsecureHttp) is { } insecure)

        {

            errors.Add(insecure);

        }


        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
