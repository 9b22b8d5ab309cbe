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
        if (options.BaseUrl is not { IsAbsoluteUri: true } || (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{prefix}: BaseUrl must be an absolute http(s) URL, but was '{options.BaseUrl}'.");
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

        if (options.Timeout <= TimeSpan.Zero || options.MaxRetries < 0 || options.RetryDelay < TimeSpan.Zero)
        {
            errors.Add($"{prefix}: Timeout must be positive and MaxRetries/RetryDelay not negative (were '{options.Timeout}', '{options.MaxRetries}', '{options.RetryDelay}').");
        }

        if (Connectors.Http.PlatformUrl.InsecureProblem(prefix, options.BaseUrl, options.AllowInsecureHttp) is { } insecure)

        {

            errors.Add(insecure);

        }


        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
