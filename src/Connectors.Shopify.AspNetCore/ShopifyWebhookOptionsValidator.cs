using Microsoft.Extensions.Options;

namespace Connectors.Shopify.AspNetCore;

/// <summary>Checks <see cref="ShopifyWebhookOptions"/> at start-up; never echoes a secret.</summary>
internal sealed class ShopifyWebhookOptionsValidator : IValidateOptions<ShopifyWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopifyWebhookOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            errors.Add("Connectors:ShopifyWebhooks: Secret must be set (the app's client secret, or the key on the store admin's webhook page).");
        }

        if (string.IsNullOrWhiteSpace(options.Connector))
        {
            errors.Add($"Connectors:ShopifyWebhooks: Connector must name the Shopify connector whose orders the webhooks announce, but was '{options.Connector}'.");
        }

        if (options.MaxBodyBytes < 1024)
        {
            errors.Add($"Connectors:ShopifyWebhooks: MaxBodyBytes must be at least 1024, but was '{options.MaxBodyBytes}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
