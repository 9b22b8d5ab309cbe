using ShopAsShipStationCustomStore;

return await ShopAsCustomStoreApp.MainAsync(args, Console.Out);
