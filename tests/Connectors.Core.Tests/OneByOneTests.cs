using Connectors.Abstractions;
using Connectors.Model;

namespace Connectors.Core.Tests;

public class OneByOneTests
{
    private static OrderSubmission Submission(string id) => new(
        new Order { SourceSystem = "shop", SourceId = id, StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "HUF" }, id, [], []);

    [Fact]
    public async Task A_refused_order_does_not_stop_the_rest_but_an_outage_does_and_earlier_results_are_kept()
    {
        var calls = new List<string>();
        Task<OrderCreateResult> Create(OrderSubmission s, CancellationToken ct)
        {
            calls.Add(s.SourceReference);
            return s.SourceReference switch
            {
                "2" => throw new PlatformException("wms", "create", PlatformFailure.Rejected, "zip code refused"),
                "4" => throw new PlatformException("wms", "create", PlatformFailure.Unavailable, "503"),
                var id => Task.FromResult(OrderCreateResult.Success("T" + id)),
            };
        }

        var results = await OneByOne.CreateAsync([.. new[] { "1", "2", "3", "4", "5" }.Select(Submission)], Create, CancellationToken.None);

        Assert.Equal(["1", "2", "3", "4"], calls);
        Assert.Equal(["1", "2", "3", "4", "5"], results.Select(r => r.SourceReference));
        Assert.Equal(("T1", true), (results[0].TargetOrderId, results[0].Created));
        Assert.True(results[1].Failure!.IsContentRejection);
        Assert.Equal("T3", results[2].TargetOrderId);
        Assert.Equal((PlatformFailure.Unavailable, false), (results[3].Failure!.Failure, results[3].NotAttempted));
        Assert.True(results[4].NotAttempted);
    }
}
