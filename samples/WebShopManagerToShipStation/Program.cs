using WebShopManagerToShipStation;

return await WebShopManagerToShipStationApp.MainAsync(args, Console.Out);
