using Connectors.Samples;
using ShoperToSystim;

return await SampleApp.MainAsync(args, Console.Out, (hostArgs, scheduled) => ShoperToSystimApp.Create(hostArgs, scheduled));
