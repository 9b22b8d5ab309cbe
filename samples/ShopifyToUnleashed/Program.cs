using ShopifyToUnleashed;

return await ShopifyToUnleashedApp.MainAsync(args, Console.Out);
