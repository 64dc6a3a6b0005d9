using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace PartyOrg.Dashboard.Tests.Architecture;

/// <summary>
/// The app keeps its state in its host's services, never in statics: several hosts run in one process (the test run's
/// app factories beside in-process admin commands), and a static that one host fills is read by the others. A static
/// field that can be assigned, or that holds a collection that can grow, fails this test unless it is listed below
/// with the reason it is safe to share.
/// </summary>
public sealed class ProcessWideStateTests
{
    /// <summary>Statics that are process-wide on purpose, each with why.</summary>
    private static readonly Dictionary<string, string> Shared = new(StringComparer.Ordinal)
    {
        // Hangfire's logging is static in Hangfire itself; this router sends each line to a running host.
        ["PartyOrg.Dashboard.Features.Jobs.HangfireLogRouting.<Instance>k__BackingField"] = "Hangfire's logging is process-wide",
        // The machine's font files, found once; PDFsharp's font resolver is itself process-wide.
        ["PartyOrg.Dashboard.Features.Briefings.Documents.BriefingFonts.Found"] = "facts of the machine",
        ["PartyOrg.Dashboard.Features.Briefings.Documents.BriefingCharts._fontAdded"] = "ScottPlot's font registry is process-wide",
        // A test seam that lives in the caller's async flow only.
        ["PartyOrg.Dashboard.Features.Cli.CommandHost.<TestServices>k__BackingField"] = "AsyncLocal: per flow, not per process",
    };

    private static readonly Type[] MutableCollections =
    [
        typeof(IDictionary), typeof(IList), typeof(ISet<>), typeof(ICollection<>), typeof(System.Collections.Concurrent.IProducerConsumerCollection<>),
    ];

    [Fact]
    public void TheApp_HoldsNoMutableStaticState_ButWhatIsListedAsShared()
    {
        var found = typeof(Program).Assembly.GetTypes()
            .Where(t => !IsGenerated(t))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsLiteral && !IsGenerated(f) && IsMutable(f))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .Where(name => !Shared.ContainsKey(name))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(found.Count == 0, "Static state shared by every host in the process:\n" + string.Join('\n', found));
    }

    [Fact]
    public void EveryStaticListedAsShared_StillExists()
    {
        var fields = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(Shared.Keys, name => Assert.Contains(name, fields));
    }

    /// <summary>
    /// A field that can be assigned, or that holds a collection that can grow (a cache). A read-only field holding an
    /// array is a table of constants (the analyzers ask for those: CA1861); a reviewer sees it is never written.
    /// </summary>
    private static bool IsMutable(FieldInfo field)
    {
        var type = field.FieldType;
        return !field.IsInitOnly
            || (!type.IsArray && !IsReadOnlyCollection(type) && MutableCollections.Any(c => c.IsGenericTypeDefinition
                ? type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == c)
                : c.IsAssignableFrom(type)));
    }

    private static bool IsReadOnlyCollection(Type type) =>
        type.Namespace is "System.Collections.Frozen" or "System.Collections.Immutable"
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.ObjectModel.ReadOnlyCollection<>));

    private static bool IsGenerated(MemberInfo member) =>
        member.Name.Contains('<', StringComparison.Ordinal) && !member.Name.EndsWith(">k__BackingField", StringComparison.Ordinal)
        || member.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && !member.Name.EndsWith(">k__BackingField", StringComparison.Ordinal)
        || member is Type { DeclaringType: { } outer } && IsGenerated(outer);
}
