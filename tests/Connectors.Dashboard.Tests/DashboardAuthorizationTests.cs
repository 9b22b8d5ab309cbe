using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Connectors.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Dashboard.Tests;

/// <summary>Who may see the dashboard is the host's decision; the loopback opt-in lets only this machine in.</summary>
public sealed class DashboardAuthorizationTests
{
    [Fact]
    public async Task By_default_an_anonymous_caller_is_challenged_and_a_signed_in_one_served()
    {
        await using var app = await StartAsync(o => { }, withAuthentication: true);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/connectors/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/connectors/", user: "eva")).StatusCode);
    }

    [Fact]
    public async Task The_named_policy_is_required_of_every_page()
    {
        await using var app = await StartAsync(o => o.AuthorizationPolicy = "operators", withAuthentication: true);
        using var client = app.GetTestClient();

        foreach (var page in new[] { "/connectors/", "/connectors/orders", "/connectors/matches", "/connectors/stock", "/connectors/calls" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Get(client, page, user: "eva")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Get(client, page, user: "eva", role: "operator")).StatusCode);
        }
    }

    [Fact]
    public async Task Loopback_opt_in_lets_this_machine_in_and_refuses_others_without_authorization()
    {
        await using var app = await StartAsync(o => o.AllowAnonymousOnLoopback = true, withAuthentication: false);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/connectors/", remote: "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/connectors/orders", remote: "::1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(client, "/connectors/", remote: "203.0.113.5")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(client, "/connectors/orders", remote: "192.168.1.20")).StatusCode);
    }

    [Fact]
    public async Task Loopback_opt_in_still_serves_an_authorized_caller_from_elsewhere()
    {
        await using var app = await StartAsync(o => { o.AllowAnonymousOnLoopback = true; o.AuthorizationPolicy = "operators"; }, withAuthentication: true);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(client, "/connectors/", remote: "203.0.113.5")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(client, "/connectors/", remote: "203.0.113.5", user: "eva")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/connectors/", remote: "203.0.113.5", user: "eva", role: "operator")).StatusCode);
    }

    [Fact]
    public async Task A_POST_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var app = await StartAsync(o => o.AllowAnonymousOnLoopback = true, withAuthentication: false);
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connectors/orders/release") { Content = new FormUrlEncodedContent([new("order", "orders/1000-1004")]) };
        request.Headers.Add("X-Remote", "127.0.0.1");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token is missing or invalid", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Get(client, "/connectors/orders/release", remote: "127.0.0.1")).StatusCode);
    }

    [Fact]
    public void Mapping_without_AddDashboard_says_what_to_call()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddConnectors();
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapConnectorsDashboard());
        Assert.Contains("AddDashboard()", error.Message);
        Assert.Throws<ArgumentException>(() => WebApplication.CreateBuilder().Build().MapConnectorsDashboard("connectors"));
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string? remote = null, string? user = null, string? role = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (remote is not null)
        {
            request.Headers.Add("X-Remote", remote);
        }

        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user + (role is null ? "" : ":" + role));
        }

        return client.SendAsync(request);
    }

    private static async Task<WebApplication> StartAsync(Action<ConnectorsDashboardOptions> configure, bool withAuthentication)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddConnectors().AddDashboard(configure);
        if (withAuthentication)
        {
            builder.Services.AddAuthentication("test").AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>("test", null);
            builder.Services.AddAuthorization(o => o.AddPolicy("operators", p => p.RequireRole("operator")));
        }

        var app = builder.Build();
        // The test server has no remote address; the test names the caller's (as a proxy-aware host would).
        app.Use((context, next) =>
        {
            if (context.Request.Headers["X-Remote"] is { Count: 1 } remote)
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(remote.ToString());
            }

            return next(context);
        });
        if (withAuthentication)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapConnectorsDashboard("/connectors");
        await app.StartAsync();
        return app;
    }

    /// <summary>Signs in the user named by <c>X-Test-User: name[:role]</c>.</summary>
    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers["X-Test-User"] is not { Count: 1 } header)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var parts = header.ToString().Split(':');
            var claims = new List<Claim> { new(ClaimTypes.Name, parts[0]) };
            if (parts.Length > 1)
            {
                claims.Add(new Claim(ClaimTypes.Role, parts[1]));
            }

            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")), "test")));
        }
    }
}
