using Microsoft.Extensions.Configuration;

namespace Connectors.Scale.Tests;

/// <summary>
/// A configuration store a multi-tenant host watches, as an operator's database would be: tenants are put and removed,
/// and <see cref="Publish"/> raises the reload the host follows.
/// </summary>
internal sealed class TenantConfigurationStore : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void PutTenant(string id, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (key, value) in settings)
        {
            Data[$"Tenants:{id}:{key}"] = value;
        }
    }

    public void RemoveTenant(string id)
    {
        foreach (var key in Data.Keys.Where(k => k.StartsWith($"Tenants:{id}:", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Data.Remove(key);
        }
    }

    public void Publish() => OnReload();
}
