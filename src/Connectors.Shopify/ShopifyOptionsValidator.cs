using System.Text.RegularExpressions;
using Connectors.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify;

/// <summary>Checks <see cref="ShopifyOptions"/> at start-up; messages name the field and value, never the token.</summary>
internal sealed partial class ShopifyOptionsValidator : IValidateOptions<ShopifyOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopifyOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:Shopify ({name})";
        if (options.BaseUrl is not { IsAbsoluteUri: true } || (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{prefix}: BaseUrl must be the store's absolute admin address (https://{{shop}}.myshopify.com/), but was '{options.BaseUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            errors.Add($"{prefix}: AccessToken must be set (the app's Admin API access token).");
        }

        if (!ApiVersion().IsMatch(options.ApiVersion ?? ""))
        {
            errors.Add($"{prefix}: ApiVersion must be YYYY-MM (e.g. 2026-04), but was '{options.ApiVersion}'.");
        }

        if (options.PageSize is < 1 or > 250)
        {
            errors.Add($"{prefix}: PageSize must be 1..250 (Shopify's first), but was '{options.PageSize}'.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.MaxRetries < 0 || options.RetryDelay < TimeSpan.Zero || options.MaxThrottledRetries < 0)
        {
            errors.Add($"{prefix}: Timeout must be positive and MaxRetries/RetryDelay/MaxThrottledRetries not negative (were '{options.Timeout}', '{options.MaxRetries}', '{options.RetryDelay}', '{options.MaxThrottledRetries}').");
        }

        if (options.ProductPageSize is < 1 or > 250)
        {
            errors.Add($"{prefix}: ProductPageSize must be 1..250 (Shopify's first), but was '{options.ProductPageSize}'.");
        }

        if (options.LocationId is { } location && !Location().IsMatch(location))
        {
            errors.Add($"{prefix}: LocationId must be a location number or gid://shopify/Location/<number>, but was '{location}'.");
        }

        if (!Enum.IsDefined(options.StaleStock))
        {
            errors.Add($"{prefix}: StaleStock must be Hold or Overwrite, but was '{options.StaleStock}'.");
        }

        if (options.NewProductStatus is not ("DRAFT" or "ACTIVE"))
        {
            errors.Add($"{prefix}: NewProductStatus must be DRAFT or ACTIVE, but was '{options.NewProductStatus}'.");
        }

        if (string.IsNullOrWhiteSpace(options.InventoryReason))
        {
            errors.Add($"{prefix}: InventoryReason must name a Shopify inventory reason (e.g. correction).");
        }

        if (PlatformUrl.InsecureProblem(prefix, options.BaseUrl, options.AllowInsecureHttp) is { } insecure)
        {
            errors.Add(insecure);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^(gid://shopify/Location/)?\d+$")]
    private static partial Regex Location();

    [GeneratedRegex(@"^\d{4}-(01|04|07|10)$|^unstable$")]
    private static partial Regex ApiVersion();
}
