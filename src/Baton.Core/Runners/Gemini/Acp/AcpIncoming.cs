using System.Text.Json;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>A message the agent sent on its own: a notification (no id) or a request that wants an answer.</summary>
/// <param name="Method">The JSON-RPC method, e.g. <c>session/update</c> or <c>session/request_permission</c>.</param>
/// <param name="Id">The request's id, to answer with; null for a notification.</param>
/// <param name="Params">Its parameters (a detached copy).</param>
internal sealed record AcpIncoming(string Method, JsonElement? Id, JsonElement Params);
