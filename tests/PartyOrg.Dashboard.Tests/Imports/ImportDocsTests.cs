using PartyOrg.Dashboard.Features.Imports;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>docs/imports.md is generated from the column definitions; this test keeps the committed file in step.</summary>
public sealed class ImportDocsTests
{
    [Fact]
    public void DocsImportsMd_MatchesTheColumnDefinitions()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "decisions", "ADR-001-versioned-org-tree.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var path = Path.Combine(directory.FullName, "docs", "imports.md");
        var expected = ImportTemplates.Markdown();
        if (Environment.GetEnvironmentVariable("PARTYORG_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), "docs/imports.md is missing; run this test with PARTYORG_WRITE_DOCS=1 to write it");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void EveryKind_HasUniqueAsciiSnakeCaseColumns_WithVietnameseLabelsAndNotes()
    {
        Assert.Equal(["units", "membership", "meetings", "attendance", "survey", "adoptions"], ImportKinds.All.Select(k => k.Name));
        foreach (var kind in ImportKinds.All)
        {
            Assert.Equal(kind.Columns.Count, kind.Columns.Select(c => c.Name).Distinct().Count());
            Assert.All(kind.Columns, c =>
            {
                Assert.Matches("^[a-z][a-z0-9_]*$", c.Name);
                Assert.False(string.IsNullOrWhiteSpace(c.Label));
                Assert.False(string.IsNullOrWhiteSpace(c.Note));
                Assert.Equal(c.Type == ColumnType.Choice, c.Choices is not null);
            });
        }
    }
}
