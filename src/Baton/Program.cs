using Baton.Cli;

// The Claude Code configuration of earlier orchestrators runs the bare executable with ORCHESTR8_MODE: mcp for the stdio MCP server,
// api for the daemon. Arguments, when given, always win.
if (args.Length == 0 && Environment.GetEnvironmentVariable("ORCHESTR8_MODE") is { Length: > 0 } mode)
{
    switch (mode.Trim().ToLowerInvariant())
    {
        case "mcp":
            args = ["mcp"];
            break;
        case "api":
            args = ["serve"];
            break;
        default:
            CliOutput.Error($"ORCHESTR8_MODE must be mcp (the stdio MCP server) or api (the daemon), not '{mode}'");
            return ExitCodes.InvalidInput;
    }
}

// The stdio MCP server prints nothing for people; its start-up time counts (an MCP client waits for it).
if (args is not ["mcp", ..])
{
    ConsoleSetup.Configure();
}

return await BatonCli.RunAsync(args);
