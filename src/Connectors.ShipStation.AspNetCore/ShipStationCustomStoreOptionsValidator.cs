using Microsoft.Extensions.Options;

namespace Connectors.ShipStation.AspNetCore;

/// <summary>Checks <see cref="ShipStationCustomStoreOptions"/> at start-up; messages name the field and value, never the password.</summary>
internal sealed class ShipStationCustomStoreOptionsValidator : IValidateOptions<ShipStationCustomStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ShipStationCustomStoreOptions options)
    {
        var errors = new List<string>();
        const string prefix = "Connectors:CustomStoreServer";
        if (string.IsNullOrWhiteSpace(options.Username) || string.IsNullOrWhiteSpace(options.Password))
        {
            errors.Add($"{prefix}: Username and Password must be set (they are what you enter in ShipStation's Custom Store form).");
        }

        if (string.IsNullOrWhiteSpace(options.Source))
        {
            errors.Add($"{prefix}: Source must name the registered order source to serve (e.g. unas).");
        }

        if (options.PageSize is < 1 or > 500)
        {
            errors.Add($"{prefix}: PageSize must be 1..500, but was '{options.PageSize}'.");
        }

        if (options.MaxBodyBytes < 1024)
        {
            errors.Add($"{prefix}: MaxBodyBytes must be at least 1024, but was '{options.MaxBodyBytes}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
