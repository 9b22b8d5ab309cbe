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

        if (o.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}: Timeout must be positive, but was '{o.Timeout}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
