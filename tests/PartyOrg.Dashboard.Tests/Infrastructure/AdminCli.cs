using PartyOrg.Dashboard.Features.Cli;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>Admin commands run in this process, as the binary runs them, with stdout and stderr captured.</summary>
public static class AdminCli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var input = new StringReader(stdin);
        var exit = await AdminCommands.RunAsync(args, output, errors, input);
        return (exit, output.ToString(), errors.ToString());
    }
}
