using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify.AspNetCore;

/// <summary>Registers and maps the Shopify webhook endpoint.</summary>
public static class ShopifyWebhookExtensions
{
    /// <summary>Adds the webhook settings, bound from configuration (e.g. <c>Connectors:ShopifyWebhooks</c>) and checked at start-up.</summary>
    public static IServiceCollection AddShopifyWebhooks(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddShopifyWebhooks(o => section.Bind(o));
    }

    /// <summary>Adds the webhook settings, configured in code and checked at start-up.</summary>
    public static IServiceCollection AddShopifyWebhooks(this IServiceCollection services, Action<ShopifyWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ShopifyWebhookOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopifyWebhookOptions>, ShopifyWebhookOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Maps <c>POST {pattern}</c> for every Shopify webhook topic: signature checked over the raw body first (401 when it
    /// does not match), order changes (<c>orders/paid</c>, <c>orders/updated</c>, <c>refunds/create</c>, ...) stored in the
    /// inbox once per <c>X-Shopify-Event-Id</c>, then 200. Add the host's authorization and rate limiting as for any endpoint.
    /// </summary>
    public static IEndpointConventionBuilder MapShopifyWebhooks(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        return endpoints.MapPost(pattern, (Delegate)ShopifyWebhookEndpoint.HandleAsync).DisableAntiforgery();
    }
}
