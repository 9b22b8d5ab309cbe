using UnasToWebshippy;

return await UnasToWebshippyApp.MainAsync(args, Console.Out);
