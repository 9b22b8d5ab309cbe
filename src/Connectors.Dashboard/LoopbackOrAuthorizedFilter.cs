using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Dashboard;

/// <summary>
/// With <see cref="ConnectorsDashboardOptions.AllowAnonymousOnLoopback"/>: a request from this machine passes; any other
/// must satisfy the host's policy (authenticated by the host's schemes), else it is challenged or forbidden. A host
/// without authorization services refuses every request that is not local.
/// </summary>
internal sealed class LoopbackOrAuthorizedFilter(string? policyName) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IsLocal(http.Connection))
        {
            return await next(context).ConfigureAwait(false);
        }

        var services = http.RequestServices;
        if (services.GetService<IAuthorizationPolicyProvider>() is not { } provider || services.GetService<IPolicyEvaluator>() is not { } evaluator)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var policy = policyName is null
            ? await provider.GetDefaultPolicyAsync().ConfigureAwait(false)
            : await provider.GetPolicyAsync(policyName).ConfigureAwait(false)
              ?? throw new InvalidOperationException($"ConnectorsDashboardOptions.AuthorizationPolicy names '{policyName}', which the host does not define.");
        var authenticated = await evaluator.AuthenticateAsync(policy, http).ConfigureAwait(false);
        var authorized = await evaluator.AuthorizeAsync(policy, authenticated, http, null).ConfigureAwait(false);
        if (authorized.Succeeded)
        {
            return await next(context).ConfigureAwait(false);
        }

        return authorized.Challenged ? Results.Challenge() : Results.Forbid();
    }

    private static bool IsLocal(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
}
