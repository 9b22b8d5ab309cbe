using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Connectors.Http;
using Connectors.Model;

namespace Connectors.Unleashed;

/// <summary>
/// One Unleashed customer per buyer (platforms file §5.4, M): looked up with <c>GET /Customers?customerCode=</c>, created
/// with <c>POST /Customers/{Guid}</c> when missing, under a Guid derived from the code so a lost answer cannot make two.
/// </summary>
internal sealed class UnleashedCustomers(UnleashedClient client, UnleashedOptions options, string account)
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>The customer code of the order's buyer (made when missing), or null to use the default customer.</summary>
    public async Task<string?> CodeForAsync(Order order, CancellationToken ct)
    {
        if (!options.CustomerPerBuyer || (order.Customer.Id ?? order.Customer.Email) is not { Length: > 0 } buyer)
        {
            return null;
        }

        // CustomerCode must be unique; the shop's customer id is, an e-mail is when there is no id.
        var code = $"{options.CustomerCodePrefix}{buyer}";
        if (code.Length > 50)
        {
            code = code[..50];
        }

        if (_known.ContainsKey(code))
        {
            return code;
        }

        var found = false;
        await foreach (var customer in client.ItemsAsync("Customers", [new("customerCode", code)], ct).ConfigureAwait(false))
        {
            // customerCode filters by "starts with" for sales orders; compare exactly here too.
            found |= string.Equals(customer.LenientString("CustomerCode"), code, StringComparison.OrdinalIgnoreCase);
        }

        if (!found)
        {
            var guid = UnleashedOrderGuid.For(account, $"customer:{code}");
            await client.PostAsync($"Customers/{guid}", new JsonObject
            {
                ["Guid"] = guid.ToString(),
                ["CustomerCode"] = code,
                ["CustomerName"] = order.Customer.Name ?? order.BillingAddress?.Name ?? order.ShippingAddress?.Name ?? code,
                ["Email"] = order.Customer.Email,
                ["PhoneNumber"] = order.Customer.Phone,
                ["Currency"] = new JsonObject { ["CurrencyCode"] = order.Currency },
            }, ct).ConfigureAwait(false);
        }

        _known[code] = true;
        return code;
    }
}
