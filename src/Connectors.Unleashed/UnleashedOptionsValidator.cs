using Connectors.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Unleashed;

/// <summary>Checks <see cref="UnleashedOptions"/> at start-up; messages name the field and value, never the key.</summary>
internal sealed class UnleashedOptionsValidator : IValidateOptions<UnleashedOptions>
{
    public ValidateOptionsResult Validate(string? name, UnleashedOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:Unleashed ({name})";
        if (Connectors.Http.PlatformUrl.AbsoluteProblem(prefix, options.BaseUrl) is { } url)
        {
            errors.Add(url);
        }

        if (string.IsNullOrWhiteSpace(options.ApiId) || string.IsNullOrWhiteSpace(options.ApiKey))
        {
            errors.Add($"{prefix}: ApiId and ApiKey must be set (Unleashed: Integrations / Unleashed API Access).");
        }

        if (options.StockQuantity is not ("AvailableQty" or "QtyOnHand"))
        {
            errors.Add($"{prefix}: StockQuantity must be AvailableQty or QtyOnHand, but was '{options.StockQuantity}'.");
        }

        if (options.OrderStatus is not ("Parked" or "Placed"))
        {
            errors.Add($"{prefix}: OrderStatus must be Parked or Placed, but was '{options.OrderStatus}'.");
        }

        if (options.PageSize is < 1 or > 1000)
        {
            errors.Add($"{prefix}: PageSize must be 1..1000 (Unleashed limit), but was '{options.PageSize}'.");
        }

        if (options.MonthlyQuota is < 1)
        {
            errors.Add($"{prefix}: MonthlyQuota must be a positive number of calls (or left empty), but was '{options.MonthlyQuota}'.");
        }

        if (options.TaxRate is < 0 or >= 1)
        {
            errors.Add($"{prefix}: TaxRate is a fraction (0.15 = 15 %), but was '{options.TaxRate}'.");
        }

        if (Connectors.Http.PlatformUrl.RetryProblem(prefix, options.Timeout, options.MaxRetries, options.RetryDelay) is { } retry)
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
