using System.Collections.Frozen;

namespace PartyOrg.Dashboard.Hosting;

/// <summary>
/// The command line shared by the web app and the admin commands: <c>--data-dir DIR</c>,
/// <c>--no-demo</c>, <c>--allow-demo-on-network</c>, <c>--provider Sqlite|Postgres</c>, <c>--connection "…"</c>, rewritten into
/// configuration keys so that options binding sees one source of truth.
/// </summary>
public static class AppArguments
{
    private static readonly FrozenDictionary<string, string> Switches = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--data-dir"] = "PartyOrg:DataDir",
        ["--provider"] = "Database:Provider",
        ["--connection"] = "Database:ConnectionString",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Names of admin commands; anything else in first position that is not an option is an unknown command.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>Rewrites the app's own switches into <c>--Key=value</c> configuration arguments.</summary>
    /// <exception cref="Infrastructure.Data.StartupException">A switch lacks its value.</exception>
    public static string[] ToConfiguration(IEnumerable<string> args)
    {
        var result = new List<string>();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (name == "--no-demo")
            {
                result.Add("--PartyOrg:SeedDemo=false");
            }
            else if (name == "--allow-demo-on-network")
            {
                result.Add("--PartyOrg:AllowDemoOnNetwork=true");
            }
            else if (Switches.TryGetValue(name, out var key))
            {
                string value;
                if (eq > 0)
                {
                    value = arg[(eq + 1)..];
                }
                else if (e.MoveNext())
                {
                    value = e.Current;
                }
                else
                {
                    throw new Infrastructure.Data.StartupException($"{name} needs a value");
                }

                result.Add($"--{key}={value}");
            }
            else
            {
                result.Add(arg);
            }
        }

        return [.. result];
    }
}
