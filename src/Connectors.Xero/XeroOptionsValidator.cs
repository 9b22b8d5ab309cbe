using System.Globalization;
using Connectors.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Xero;

/// <summary>Checks <see cref="XeroOptions"/> at start-up; messages name the field and value, never a secret.</summary>
internal sealed class XeroOptionsValidator : IValidateOptions<XeroOptions>
{
    public ValidateOptionsResult Validate(string? name, XeroOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:Xero ({name})";
        if (PlatformUrl.AbsoluteProblem(prefix, options.BaseUrl) is { } url)
        {
            errors.Add(url);
        }

        if (PlatformUrl.AbsoluteProblem(prefix, options.TokenUrl) is { } token)
        {
            errors.Add(token.Replace("BaseUrl", "TokenUrl", StringComparison.Ordinal));
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add($"{prefix}: ClientId and ClientSecret must be set (the Xero app's OAuth 2.0 credentials).");
        }

        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add($"{prefix}: TenantId must name the organisation (xero-tenant-id from the app's connections).");
        }

        if (string.IsNullOrWhiteSpace(options.ClearingAccountCode))
        {
            errors.Add($"{prefix}: ClearingAccountCode must name the account payments are received into (a clearing or bank account).");
        }

        foreach (var rate in options.TaxTypes.Keys.Where(k => k != "*" && !decimal.TryParse(k, NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
        {
            errors.Add($"{prefix}: TaxTypes keys are rates in percent (\"20\") or \"*\", but one was '{rate}'.");
        }

        if (!Enum.IsDefined(options.Contacts))
        {
            errors.Add($"{prefix}: Contacts must be PerChannel or PerBuyer, but was '{options.Contacts}'.");
        }

        if (options.CallsPerMinute < 1 || options.DailyCalls < 1)
        {
            errors.Add($"{prefix}: CallsPerMinute and DailyCalls must be positive (Xero: 60 and 5000), but were '{options.CallsPerMinute}' and '{options.DailyCalls}'.");
        }

        if (PlatformUrl.RetryProblem(prefix, options.Timeout, options.MaxRetries, options.RetryDelay) is { } retry)
        {
            errors.Add(retry);
        }

        if (PlatformUrl.InsecureProblem(prefix, options.BaseUrl, options.AllowInsecureHttp) is { } insecure)
        {
            errors.Add(insecure);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
