using System.Globalization;
using Connectors.Http;
using Microsoft.Extensions.Options;

namespace Connectors.QuickBooks;

/// <summary>Checks <see cref="QuickBooksOptions"/> at start-up; messages name the field and value, never a secret.</summary>
internal sealed class QuickBooksOptionsValidator : IValidateOptions<QuickBooksOptions>
{
    public ValidateOptionsResult Validate(string? name, QuickBooksOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:QuickBooks ({name})";
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
            errors.Add($"{prefix}: ClientId and ClientSecret must be set (the Intuit app's OAuth 2.0 keys).");
        }

        if (string.IsNullOrWhiteSpace(options.RealmId))
        {
            errors.Add($"{prefix}: RealmId must name the company (realmId from the authorisation).");
        }

        foreach (var (field, value) in new[] { ("DepositToAccountId", options.DepositToAccountId), ("ShippingItemId", options.ShippingItemId), ("DefaultItemId", options.DefaultItemId) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{prefix}: {field} must be set (an Id from the company's chart of accounts or item list).");
            }
        }

        if (options.MissingItem == QuickBooksMissingItem.Create && string.IsNullOrWhiteSpace(options.IncomeAccountId))
        {
            errors.Add($"{prefix}: MissingItem is Create, so IncomeAccountId must name the income account of created items.");
        }

        if (!Enum.IsDefined(options.DocumentType) || !Enum.IsDefined(options.MissingItem) || !Enum.IsDefined(options.Customers))
        {
            errors.Add($"{prefix}: DocumentType, MissingItem and Customers must be one of their names, but were '{options.DocumentType}', '{options.MissingItem}', '{options.Customers}'.");
        }

        foreach (var rate in options.TaxCodes.Keys.Where(k => k != "*" && !decimal.TryParse(k, NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
        {
            errors.Add($"{prefix}: TaxCodes keys are rates in percent (\"10\") or \"*\", but one was '{rate}'.");
        }

        if (options.MinorVersion < 1)
        {
            errors.Add($"{prefix}: MinorVersion must be a positive minor version (e.g. 75), but was '{options.MinorVersion}'.");
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
