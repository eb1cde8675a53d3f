using System.Text.RegularExpressions;
using Baton.Core.Errors;

namespace Baton.Core.Sessions;

/// <summary>
/// Refuses a capsule that carries a secret: a value of the agent's environment whose name looks secret, or a string
/// shaped like a well-known credential. Capsules are handed to other agents and shown to people, so a secret in one
/// would leave the environment it was given to. The message names the field and the kind of secret, never the value.
/// </summary>
public static partial class CapsuleSecrets
{
    private static readonly (Regex Shape, string Kind)[] Shapes =
    [
        (AnthropicKey(), "an Anthropic API key"),
        (OpenAiKey(), "an API key (sk-...)"),
        (GitHubToken(), "a GitHub token"),
        (AwsKey(), "an AWS access key"),
        (SlackToken(), "a Slack token"),
        (BatonToken(), "a Baton API token"),
        (PrivateKey(), "a private key"),
    ];

    /// <summary>Throws an <c>InvalidInput</c> error if any field of <paramref name="capsule"/> carries a secret.</summary>
    public static void Check(ContextCapsule capsule, IReadOnlyCollection<NamedSecret> secrets)
    {
        foreach (var (field, text) in Entries(capsule))
        {
            if (Find(text, secrets) is { } kind)
            {
                throw new BatonException(
                    ErrorKind.InvalidInput,
                    $"'{field}' contains {kind}; capsules are handed to other agents and shown to people, so they must not carry secrets: remove it and save again");
            }
        }
    }

    /// <summary>The kind of secret in <paramref name="text"/>, or null if it carries none.</summary>
    public static string? Find(string text, IReadOnlyCollection<NamedSecret> secrets)
    {
        foreach (var secret in secrets)
        {
            if (secret.Value.Length >= SecretValues.MinLength && text.Contains(secret.Value, StringComparison.Ordinal))
            {
                return $"the value of the environment variable {secret.Name}";
            }
        }

        foreach (var (shape, kind) in Shapes)
        {
            if (shape.IsMatch(text))
            {
                return $"what looks like {kind}";
            }
        }

        return null;
    }

    private static IEnumerable<(string Field, string Text)> Entries(ContextCapsule capsule)
    {
        yield return (CapsuleFields.CurrentTask, capsule.CurrentTask);
        foreach (var (name, items) in CapsuleFields.Lists(capsule))
        {
            for (var i = 0; i < items.Count; i++)
            {
                yield return ($"{name}[{i}]", items[i]);
            }
        }

        for (var i = 0; i < capsule.Decisions.Count; i++)
        {
            yield return ($"{CapsuleFields.Decisions}[{i}].decision", capsule.Decisions[i].Decision);
            yield return ($"{CapsuleFields.Decisions}[{i}].reason", capsule.Decisions[i].Reason);
        }
    }

    [GeneratedRegex(@"sk-ant-[A-Za-z0-9_\-]{16,}")]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9\-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\bbaton_[0-9A-Za-z]{40}\b")]
    private static partial Regex BatonToken();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();
}
