using Microsoft.Extensions.Options;
using NodaTime;

namespace Connectors.Webshippy;

/// <summary>Checks <see cref="WebshippyOptions"/> at start-up; messages name the field and never echo the key.</summary>
internal sealed class WebshippyOptionsValidator : IValidateOptions<WebshippyOptions>
{
    public ValidateOptionsResult Validate(string? name, WebshippyOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:Webshippy ({name})";
        if (Connectors.Http.PlatformUrl.AbsoluteProblem(prefix, options.BaseUrl) is { } url)
        {
            errors.Add(url);
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            errors.Add($"{prefix}: ApiKey must be set (Webshippy: Settings / Sales channels / Webshippy.API).");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is null)
        {
            errors.Add($"{prefix}: TimeZone must be an IANA zone id, but was '{options.TimeZone}'.");
        }

        if (options.PageSize is < 1 or > 1000)
        {
            errors.Add($"{prefix}: PageSize must be 1..1000 (Webshippy limit), but was '{options.PageSize}'.");
        }

        if (string.IsNullOrWhiteSpace(options.StockColumn))
        {
            errors.Add($"{prefix}: StockColumn must name a getStockInfoCsv column, but was '{options.StockColumn}'.");
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
