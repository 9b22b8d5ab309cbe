using Connectors.Http;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Connectors.ShipStation;

/// <summary>Checks <see cref="ShipStationOptions"/> at start-up; messages name the field and value, never the secret.</summary>
internal sealed class ShipStationOptionsValidator : IValidateOptions<ShipStationOptions>
{
    private static readonly string[] OpenStatuses = ["awaiting_payment", "awaiting_shipment", "on_hold"];

    public ValidateOptionsResult Validate(string? name, ShipStationOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:ShipStation ({name})";
        if (PlatformUrl.AbsoluteProblem(prefix, options.BaseUrl) is { } url)
        {
            errors.Add(url);
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey) || string.IsNullOrWhiteSpace(options.ApiSecret))
        {
            errors.Add($"{prefix}: ApiKey and ApiSecret must be set (ShipStation: Settings / Account / API Settings).");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone ?? "") is null)
        {
            errors.Add($"{prefix}: TimeZone must be an IANA zone id (ShipStation v1 dates are America/Los_Angeles), but was '{options.TimeZone}'.");
        }

        if (!OpenStatuses.Contains(options.NewOrderStatus))
        {
            errors.Add($"{prefix}: NewOrderStatus must be one of {string.Join(", ", OpenStatuses)} (an order can only be created open), but was '{options.NewOrderStatus}'.");
        }

        if (string.IsNullOrWhiteSpace(options.OrderKeyPrefix))
        {
            errors.Add($"{prefix}: OrderKeyPrefix must not be empty: it tells this integration's orders from others.");
        }

        if (options.PageSize is < 1 or > 500)
        {
            errors.Add($"{prefix}: PageSize must be 1..500 (ShipStation's maximum), but was '{options.PageSize}'.");
        }

        if (options.CallsPerMinute is < 1 or > 1000)
        {
            errors.Add($"{prefix}: CallsPerMinute must be 1..1000 (ShipStation allows 40 per key), but was '{options.CallsPerMinute}'.");
        }

        if (options.Currency is not { Length: 3 })
        {
            errors.Add($"{prefix}: Currency must be an ISO 4217 code (ShipStation v1 orders carry none), but was '{options.Currency}'.");
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
