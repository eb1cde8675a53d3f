using Baton.Core.Attempts;
using Baton.Core.Processes;

namespace Baton.Core.Tests.Processes;

/// <summary>Finding the cgroup v2 folder from /proc's text, as the kernel writes it.</summary>
public sealed class CgroupHierarchyTests
{
    private const string HybridMountInfo = """
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    private const string UnifiedMountInfo = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        25 22 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate
        """;

    [Fact]
    public void FindOwnPath_HybridLayout_TakesTheV2Line()
    {
        var path = CgroupHierarchy.FindOwnPath("9:name=systemd:/\n4:memory:/process_api/abc\n0::/\n");

        Assert.Equal("/", path);
    }

    [Theory]
    [InlineData("1:name=systemd:/user.slice\n")]
    [InlineData("0::/gone.scope (deleted)\n")]
    public void FindOwnPath_NoUsableV2Line_IsNull(string text)
    {
        Assert.Null(CgroupHierarchy.FindOwnPath(text));
    }

    [Fact]
    public void FindDirectory_HybridLayoutAtTheRoot_IsTheUnifiedMount()
    {
        Assert.Equal("/sys/fs/cgroup/unified", CgroupHierarchy.FindDirectory(HybridMountInfo, "/"));
    }

    [Fact]
    public void FindDirectory_UnifiedLayoutInAService_IsTheServiceFolder()
    {
        var directory = CgroupHierarchy.FindDirectory(UnifiedMountInfo, "/system.slice/baton.service");

        Assert.Equal("/sys/fs/cgroup/system.slice/baton.service", directory);
    }

    [Fact]
    public void FindDirectory_MountOfASubtreeWithEscapedSpace_MapsThePathIntoIt()
    {
        const string mountInfo = @"30 22 0:23 /user.slice /mnt/my\040cgroups rw - cgroup2 cgroup2 rw";

        Assert.Equal("/mnt/my cgroups/user-1000.slice", CgroupHierarchy.FindDirectory(mountInfo, "/user.slice/user-1000.slice"));
        Assert.Null(CgroupHierarchy.FindDirectory(mountInfo, "/system.slice/x.service"));
    }

    [Fact]
    public void FindDirectory_NoCgroup2Mount_IsNull()
    {
        Assert.Null(CgroupHierarchy.FindDirectory("35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory", "/"));
    }

    [Fact]
    public void NameFor_AttemptKey_IsAFolderNameWithoutSlashes()
    {
        Assert.Equal("baton-ab12cd34-3", CgroupHierarchy.NameFor(new AttemptKey("ab12cd34", 3)));
        Assert.Equal("baton-hook-1-event-9-1", CgroupHierarchy.NameFor(new AttemptKey("hook-1-event-9", 1)));
    }
}
