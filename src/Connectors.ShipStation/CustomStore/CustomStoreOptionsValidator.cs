using Connectors.Http;
using Microsoft.Extensions.Options;

namespace Connectors.ShipStation.CustomStore;

/// <summary>Checks <see cref="CustomStoreOptions"/> at start-up; messages name the field and value, never the password.</summary>
internal sealed class CustomStoreOptionsValidator : IValidateOptions<CustomStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, CustomStoreOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:CustomStore ({name})";
        if (PlatformUrl.AbsoluteProblem(prefix, options.Url) is { } url)
        {
            errors.Add(url.Replace("BaseUrl", "Url", StringComparison.Ordinal));
        }

        if (string.IsNullOrWhiteSpace(options.Username) || string.IsNullOrWhiteSpace(options.Password))
        {
            errors.Add($"{prefix}: Username and Password must be set (the credentials of ShipStation's Custom Store form; for Web Shop Manager, its dedicated ShipStation user).");
        }

        if (string.IsNullOrWhiteSpace(options.SystemName))
        {
            errors.Add($"{prefix}: SystemName must name the store's platform (e.g. wsm).");
        }

        if (options.Currency is not { Length: 3 })
        {
            errors.Add($"{prefix}: Currency must be an ISO 4217 code, but was '{options.Currency}'.");
        }

        if (options.MaxPages < 1)
        {
            errors.Add($"{prefix}: MaxPages must be at least 1, but was '{options.MaxPages}'.");
        }

        if (PlatformUrl.RetryProblem(prefix, options.Timeout, options.MaxRetries, options.RetryDelay) is { } retry)
        {
            errors.Add(retry);
        }

        if (PlatformUrl.InsecureProblem(prefix, options.Url, options.AllowInsecureHttp) is { } insecure)
        {
            errors.Add(insecure);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
