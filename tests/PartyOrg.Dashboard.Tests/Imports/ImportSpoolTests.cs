using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Meetings;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>The spools that keep an import's planned rows and problems out of memory: bounded buffer, order, round trip, files deleted.</summary>
public sealed class ImportSpoolTests
{
    [Fact]
    public void Spool_KeepsAtMostItsBufferInMemory_AndGivesEveryRowBackInOrder()
    {
        using var spool = new ImportSpool<Meeting>(3);
        var added = Enumerable.Range(1, 10).Select(Meeting).ToList();
        foreach (var meeting in added)
        {
            spool.Add(meeting);
            Assert.InRange(spool.InMemory, 0, 2);
        }

        Assert.True(spool.Spilled);
        Assert.Equal(10, spool.Count);
        var chunks = spool.Chunks(4).ToList();
        Assert.Equal([4, 4, 1, 1], chunks.Select(c => c.Count));
        var back = chunks.SelectMany(c => c).ToList();
        Assert.Equal(added.Select(Fields), back.Select(Fields));
    }

    [Fact]
    public void Spool_CanBeReadTwiceAtOnce()
    {
        using var spool = new ImportSpool<Meeting>(2);
        for (var i = 1; i <= 7; i++)
        {
            spool.Add(Meeting(i));
        }

        using var first = spool.Rows().GetEnumerator();
        using var second = spool.Rows().GetEnumerator();
        var (a, b) = (new List<int>(), new List<int>());
        while (first.MoveNext())
        {
            a.Add(first.Current.Speakers);
            Assert.True(second.MoveNext());
            b.Add(second.Current.Speakers);
        }

        Assert.False(second.MoveNext());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Spool_LeavesNoFileBehind_EvenIfTheProcessWereKilled()
    {
        var spool = new ImportSpool<Meeting>(1);
        spool.Add(Meeting(1));
        spool.Add(Meeting(2));
        var file = spool.FilePath;
        Assert.NotNull(file);

        // On Linux the name is gone as soon as the file is opened; the rows are still there through the handle.
        Assert.Equal(OperatingSystem.IsWindows(), File.Exists(file));
        Assert.Equal([1, 2], spool.Rows().Select(m => m.Speakers));

        spool.Dispose();

        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Problems_KeepTheFirstThousandInMemory_AndListEveryOneInOrder()
    {
        using var problems = new ImportProblems(new Messages());
        for (var row = 2; row < 2_502; row++)
        {
            problems.Add(row, "unit_code", $"X{row}", "UnknownUnit", $"X{row}");
        }

        Assert.Equal(2_500, problems.Count);
        Assert.Equal(ImportProblems.InMemory, problems.First.Count);
        using var list = problems.Detach();
        Assert.Equal(2_500, list.Count);
        Assert.Equal(Enumerable.Range(2, 2_500), list.Select(p => p.Row));
        Assert.Equal("X2501", list.Last().Value);
        Assert.Equal("UnknownUnit X2501", list.Last().Message);
    }

    private static Meeting Meeting(int i) => new()
    {
        UnitId = 100 + i, Date = new DateOnly(2025, 1, 1).AddDays(i), Kind = i % 2 == 0 ? MeetingKind.Thematic : MeetingKind.Regular,
        Mode = MeetingMode.InPerson, DurationMinutes = 60 + i, DocumentsAhead = i % 3 == 0, Expected = 20, Present = 10 + i,
        AbsentWithReason = 10 - i, Speakers = i, Score = i % 2 == 0 ? null : 80 + i,
    };

    private static string Fields(Meeting m) =>
        $"{m.UnitId}|{m.Date:O}|{m.Kind}|{m.Mode}|{m.DurationMinutes}|{m.DocumentsAhead}|{m.Expected}|{m.Present}|{m.AbsentWithReason}|{m.Speakers}|{m.Score}";

    /// <summary>Messages as "code args", so that the test sees what reached the localizer.</summary>
    private sealed class Messages : IStringLocalizer<ImportText>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, $"{name} {string.Join(" ", arguments)}");

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
