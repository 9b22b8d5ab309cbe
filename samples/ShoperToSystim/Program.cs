using ShoperToSystim;

return await ShoperToSystimApp.MainAsync(args, Console.Out);
