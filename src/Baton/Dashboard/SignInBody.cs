namespace Baton.Dashboard;

/// <summary><c>POST /auth/sign-in</c>: the API token to open a browser session with.</summary>
internal sealed record SignInBody(string Token);
