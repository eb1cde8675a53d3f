using Baton.Cli;

ConsoleSetup.Configure();
return await BatonCli.RunAsync(args);
