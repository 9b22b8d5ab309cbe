using Connectors.Samples;
using UnasToWebshippy;

return await SampleApp.MainAsync(args, Console.Out, (hostArgs, scheduled) => UnasToWebshippyApp.Create(hostArgs, scheduled));
