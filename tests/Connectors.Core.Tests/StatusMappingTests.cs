using Connectors.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Tests;

public class StatusMappingTests
{
    private static StatusPairsOptions Bind(Dictionary<string, string?> values)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new StatusPairsOptions();
        config.GetSection("StatusPairs").Bind(options);
        return options;
    }

    private static readonly Dictionary<string, string?> Seed000 = new()
    {
        ["StatusPairs:Codes:AwaitingPayment:0"] = "1",
        ["StatusPairs:Codes:ReadyToFulfil:0"] = "2",
        ["StatusPairs:Codes:ReadyToFulfil:1"] = "3",
        ["StatusPairs:Codes:Cancelled:0"] = "9",
        ["StatusPairs:Codes:Shipped:0"] = "5",
        ["StatusPairs:Forward:0"] = "ReadyToFulfil",
        ["StatusPairs:WriteBack:Shipped"] = "5",
        ["StatusPairs:WriteBack:DeliveryFailed"] = "7",
    };

    [Fact]
    public void Status_pairs_bind_from_configuration_and_map_codes()
    {
        var mapper = new StatusMapper(Bind(Seed000));

        Assert.Equal(CanonicalOrderStatus.ReadyToFulfil, mapper.Map("3").Status);
        Assert.Equal(CanonicalOrderStatus.Cancelled, mapper.Map("9").Status);
        Assert.Equal(["2", "3"], mapper.CodesFor(CanonicalOrderStatus.ReadyToFulfil));
        Assert.Contains(CanonicalOrderStatus.ReadyToFulfil, mapper.ForwardStatuses);
        Assert.True(mapper.TryGetWriteBackCode(CanonicalOrderStatus.DeliveryFailed, out var code));
        Assert.Equal("7", code);
        Assert.False(mapper.TryGetWriteBackCode(CanonicalOrderStatus.Delivered, out _));
    }

    [Fact]
    public void Unknown_code_maps_to_explicit_unmapped_result_never_a_guess()
    {
        var mapper = new StatusMapper(Bind(Seed000));
        var mapping = mapper.Map("42");

        Assert.False(mapping.IsMapped);
        Assert.Null(mapping.MappedStatus);
        var ex = Assert.Throws<InvalidOperationException>(() => mapping.Status);
        Assert.Contains("'42'", ex.Message);
    }

    [Fact]
    public void Codes_compare_exactly_unless_case_is_ignored()
    {
        var options = new StatusPairsOptions { Codes = { ["ReadyToFulfil"] = ["Packageable"] } };
        Assert.False(new StatusMapper(options).Map("packageable").IsMapped);
        options.IgnoreCodeCase = true;
        Assert.True(new StatusMapper(options).Map("packageable").IsMapped);
    }

    [Fact]
    public void Forward_defaults_to_ReadyToFulfil()
    {
        var mapper = new StatusMapper(new StatusPairsOptions());
        Assert.Equal([CanonicalOrderStatus.ReadyToFulfil], mapper.ForwardStatuses);
    }

    [Fact]
    public void Code_mapped_to_two_statuses_is_rejected_naming_code_and_both_statuses()
    {
        var values = new Dictionary<string, string?>(Seed000) { ["StatusPairs:Codes:Cancelled:1"] = "2" };
        var errors = StatusPairsValidator.Check(Bind(values));

        var error = Assert.Single(errors);
        Assert.Contains("'2'", error);
        Assert.Contains("ReadyToFulfil", error);
        Assert.Contains("Cancelled", error);
    }

    [Fact]
    public void Unknown_status_name_is_rejected_with_the_known_names()
    {
        var errors = StatusPairsValidator.Check(new StatusPairsOptions { Codes = { ["Packed"] = ["4"] }, Forward = ["Shiped"] });

        Assert.Equal(2, errors.Count);
        Assert.Contains("'Packed'", errors[0]);
        Assert.Contains("ReadyToFulfil", errors[0]);
        Assert.Contains("'Shiped'", errors[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5,6")]
    public void Write_back_status_must_have_exactly_one_code(string code)
    {
        var errors = StatusPairsValidator.Check(new StatusPairsOptions { WriteBack = { ["Shipped"] = code } });
        Assert.Contains(errors, e => e.Contains("exactly one code") && e.Contains("Shipped"));
    }

    [Fact]
    public void Write_back_code_that_means_another_status_is_rejected()
    {
        var errors = StatusPairsValidator.Check(new StatusPairsOptions
        {
            Codes = { ["Cancelled"] = ["9"] },
            WriteBack = { ["Shipped"] = "9" },
        });
        Assert.Contains(errors, e => e.Contains("'9'") && e.Contains("Cancelled"));
    }

    [Fact]
    public void Numeric_status_names_are_not_accepted_as_enum_values()
    {
        var errors = StatusPairsValidator.Check(new StatusPairsOptions { Codes = { ["3"] = ["x"] } });
        Assert.Single(errors);
    }

    [Fact]
    public void Invalid_pairs_fail_options_validation_on_start()
    {
        var services = new ServiceCollection();
        services.AddOptions<StatusPairsOptions>()
            .Configure(o => o.WriteBack["Shipped"] = "")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusPairsOptions>, StatusPairsValidator>();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StatusPairsOptions>>().Value);
        Assert.Contains("WriteBack:Shipped", ex.Message);
    }
}
