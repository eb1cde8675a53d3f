using System.Reflection;
using System.Reflection.Emit;
using Baton.Api;

namespace Baton.Tests.Layout;

/// <summary>
/// The server (daemon, REST, MCP, webhook delivery, access, hooks, configuration) must not depend on the command line,
/// so that the two can live in assemblies of their own. Proven on the built assembly: every type of the server's
/// namespaces, its signatures and every type or member its method bodies name, compiler-made types included.
/// </summary>
public sealed class ServerLayoutTests
{
    private static readonly string[] ServerNamespaces =
        ["Baton.Api", "Baton.Mcp", "Baton.Daemon", "Baton.Webhooks", "Baton.Access", "Baton.Hooks", "Baton.Configuration", "Baton.Dashboard", "Baton.Shares"];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void ServerTypes_InTheBuiltAssembly_NameNoTypeOfTheCliNamespace()
    {
        var assembly = typeof(ApiServices).Assembly;
        var server = assembly.GetTypes().Where(t => InServer(t.Namespace)).ToList();

        var uses = server.SelectMany(t => CliTypesUsedBy(t).Select(cli => $"{t.FullName} uses {cli.FullName}")).Distinct().ToList();

        Assert.NotEmpty(server);
        Assert.True(uses.Count == 0, string.Join('\n', uses));
    }

    [Fact]
    public void CliTypesUsedBy_ATypeThatCallsTheCli_FindsIt()
    {
        // The scan must be able to fail: the command that starts the stdio MCP server names the CLI's own types.
        var type = typeof(global::Baton.Cli.Commands.McpStdioServices);
        // Its async method's body lives in a state machine the compiler nests in it.
        var uses = type.GetNestedTypes(BindingFlags.NonPublic).Prepend(type).SelectMany(CliTypesUsedBy).ToList();

        Assert.Contains(uses, t => t.FullName == "Baton.Cli.CliRuntime");
    }

    private static bool InServer(string? name) => name is not null && ServerNamespaces.Any(n => name == n || name.StartsWith(n + ".", StringComparison.Ordinal));

    private static bool InCli(Type? type) =>
        type?.Namespace is { } name && (name == "Baton.Cli" || name.StartsWith("Baton.Cli.", StringComparison.Ordinal));

    private static IEnumerable<Type> CliTypesUsedBy(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var named = new List<Type?> { type.BaseType };
        named.AddRange(type.GetInterfaces());
        named.AddRange(type.GetFields(all).Select(f => f.FieldType));
        named.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        IEnumerable<MethodBase> methods = [.. type.GetMethods(all), .. type.GetConstructors(all)];
        foreach (var method in methods)
        {
            named.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                named.Add(info.ReturnType);
            }

            named.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
            named.AddRange(TypesInBody(method));
        }

        return named.SelectMany(Expand).Where(InCli).Distinct()!;
    }

    /// <summary>A type with its generic arguments and element types, so that List&lt;CliRuntime&gt; counts too.</summary>
    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null)
        {
            yield break;
        }

        yield return type;
        if (type.HasElementType)
        {
            foreach (var element in Expand(type.GetElementType()))
            {
                yield return element;
            }
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    /// <summary>The declaring types of every type, method and field token in the method's IL.</summary>
    private static IEnumerable<Type?> TypesInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    var member = Resolve(module, token, method);
                    yield return member as Type ?? member?.DeclaringType;
                    if (member is MethodInfo called)
                    {
                        yield return called.ReturnType;
                        foreach (var parameter in called.GetParameters())
                        {
                            yield return parameter.ParameterType;
                        }
                    }
                    else if (member is FieldInfo field)
                    {
                        yield return field.FieldType;
                    }

                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                default:
                    position += code.OperandType switch
                    {
                        OperandType.InlineNone => 0,
                        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                        OperandType.InlineVar => 2,
                        OperandType.InlineI8 or OperandType.InlineR => 8,
                        _ => 4,
                    };
                    break;
            }
        }
    }

    private static MemberInfo? Resolve(Module module, int token, MethodBase method)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            // A token of a kind that names no member (a signature); nothing of the CLI's there.
            return null;
        }
    }
}
