using System.Diagnostics;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>A process of this machine that ran and has ended, as a crashed or killed node's process leaves its id.</summary>
public static class EndedProcess
{
    public static async Task<int> IdAsync(CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync(ct);
        return process.Id;
    }
}
