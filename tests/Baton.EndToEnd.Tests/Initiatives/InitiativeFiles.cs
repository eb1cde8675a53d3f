namespace Baton.EndToEnd.Tests.Initiatives;

/// <summary>Initiative files for the tests: command tasks only, so they run without an agent.</summary>
internal static class InitiativeFiles
{
    /// <summary>A foundation, two parallel streams and an integration stream, each task a quick shell command.</summary>
    public static string Shop(string name = "shop") => $$"""
        name: {{name}}
        streams:
          - id: core
            name: Shared types
            phase: foundation
            tasks:
              - command: echo core > core.txt
              - command: "true"
          - id: api
            name: API
            phase: parallel
            tasks:
              - command: echo api > api.txt
          - id: ui
            name: UI
            phase: parallel
            depends_on: [api]
            tasks:
              - command: echo ui > ui.txt
          - id: docs
            name: Docs
            phase: integration
            tasks:
              - command: "true"
        """;
}
