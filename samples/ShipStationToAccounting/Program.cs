using ShipStationToAccounting;

return await ShipStationToAccountingApp.MainAsync(args, Console.Out);
