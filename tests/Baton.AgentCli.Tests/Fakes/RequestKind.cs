namespace Baton.AgentCli.Tests.Fakes;

/// <summary>How the scripted endpoint classified a request it received.</summary>
internal enum RequestKind
{
    /// <summary>A main-loop <c>POST /v1/messages</c> (it offers tools): answered from the script.</summary>
    Turn,

    /// <summary>A <c>POST /v1/messages</c> without tools or for a Haiku model (titles, topic checks, summaries): a fixed text.</summary>
    SideCall,

    /// <summary><c>POST /v1/messages/count_tokens</c>.</summary>
    CountTokens,

    /// <summary>Anything else, e.g. the <c>HEAD /api/hello</c> reachability probe: an empty 200.</summary>
    Other,
}
