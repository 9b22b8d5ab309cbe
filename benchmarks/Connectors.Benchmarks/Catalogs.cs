namespace Connectors.Benchmarks;

internal static class Catalogs
{
    /// <summary>Distinct realistic codes: letters, digits and a dash, 12 characters.</summary>
    public static string[] Codes(int count)
    {
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = $"{(char)('A' + (i % 26))}{(char)('A' + (i / 26 % 26))}-{i:D9}";
        }

        return codes;
    }
}
