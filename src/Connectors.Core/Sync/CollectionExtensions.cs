namespace Connectors.Sync;

internal static class CollectionExtensions
{
    public static void AddIfNotNull<T>(this List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }
}
