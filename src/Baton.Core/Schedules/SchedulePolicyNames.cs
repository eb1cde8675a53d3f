using Baton.Core.Errors;

namespace Baton.Core.Schedules;

/// <summary>The wire names of the overlap and misfire policies (snake_case), both ways.</summary>
public static class SchedulePolicyNames
{
    /// <summary>The overlap policy's wire name.</summary>
    public static string ToWire(this OverlapPolicy policy) => policy switch
    {
        OverlapPolicy.BufferOne => "buffer_one",
        OverlapPolicy.AllowAll => "allow_all",
        OverlapPolicy.CancelOther => "cancel_other",
        _ => "skip",
    };

    /// <summary>The misfire policy's wire name.</summary>
    public static string ToWire(this MisfirePolicy policy) => policy switch
    {
        MisfirePolicy.Once => "once",
        MisfirePolicy.All => "all",
        _ => "skip",
    };

    /// <summary>Reads an overlap policy; throws invalid input listing the choices.</summary>
    public static OverlapPolicy ParseOverlap(string text) => text.Trim().ToLowerInvariant() switch
    {
        "skip" => OverlapPolicy.Skip,
        "buffer_one" => OverlapPolicy.BufferOne,
        "allow_all" => OverlapPolicy.AllowAll,
        "cancel_other" => OverlapPolicy.CancelOther,
        _ => throw BatonException.Invalid($"'{text}' is not an overlap policy; use skip, buffer_one, allow_all or cancel_other"),
    };

    /// <summary>Reads a misfire policy; throws invalid input listing the choices.</summary>
    public static MisfirePolicy ParseMisfire(string text) => text.Trim().ToLowerInvariant() switch
    {
        "skip" => MisfirePolicy.Skip,
        "once" => MisfirePolicy.Once,
        "all" => MisfirePolicy.All,
        _ => throw BatonException.Invalid($"'{text}' is not a misfire policy; use skip, once or all"),
    };
}
