using Microsoft.Extensions.Options;

namespace Connectors.Systim;

/// <summary>Checks <see cref="SystimOptions"/> at start-up; messages name the field and never echo the password.</summary>
internal sealed class SystimOptionsValidator : IValidateOptions<SystimOptions>
{
    public ValidateOptionsResult Validate(string? name, SystimOptions o)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:Systim ({name})";
        if (o.BaseUrl is not { IsAbsoluteUri: true })
        {
            errors.Add($"{prefix}: BaseUrl must be the account's absolute jsonAPI.php URL, but was '{o.BaseUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(o.Login) || string.IsNullOrWhiteSpace(o.Password))
        {
            errors.Add($"{prefix}: Login and Password (the user's API password) must be set.");
        }

        if (o.WarehouseIds.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{prefix}: WarehouseIds must not contain an empty id.");
        }

        Map(errors, prefix, "DeliveryMethods", "id_dostawy", "shipping", o.DeliveryMethods);
        Map(errors, prefix, "PaymentMethods", "id_formy_platnosci", "payment", o.PaymentMethods);
        foreach (var (rate, id) in o.VatRateIds)
        {
            if (Connectors.Http.LenientJson.ParseDecimal(rate) is null || string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"{prefix}: VatRateIds:{rate} must map a VAT rate in percent to a Systim VAT id, but was '{rate}' -> '{id}'.");
            }
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

    private static void Map(List<string> errors, string prefix, string field, string systimField, string kind, Dictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            errors.Add($"{prefix}: {field} is empty; map each shop {kind} method id to a Systim {systimField} (use the key '*' for one id for all), e.g. {field}:3 = 1.");
        }

        foreach (var (from, to) in map)
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            {
                errors.Add($"{prefix}: {field} maps '{from}' to '{to}'; both the shop's id and Systim's {systimField} must be set.");
            }
        }
    }
}
