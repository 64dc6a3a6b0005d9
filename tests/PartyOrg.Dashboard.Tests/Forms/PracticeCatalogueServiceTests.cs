using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Features.Practices.Catalogue;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Forms;

/// <summary>The practices catalogue and adoptions on a real database. TinyProvince has M04 (target: cells) adopted by C1 since 01/01/2024.</summary>
public sealed class PracticeCatalogueServiceTests : VietnameseTest
{
    private static readonly Quarter Q4 = FormsFixture.Q4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PracticeInput NewPractice(string code = "M12") => new()
    {
        Code = code,
        Name = "Sổ tay bí thư chi bộ",
        NameEn = "Cell secretary's handbook",
        Description = "Sổ tay hướng dẫn nghiệp vụ cho bí thư chi bộ.",
        OriginUnitCode = "D",
        OriginDate = new DateOnly(2023, 3, 1),
        Target = PracticeTarget.Cells,
    };

    private static async Task<int> M04Async(FormsFixture f) =>
        await f.WithContextAsync(db => db.Practices.Where(p => p.Code == "M04").Select(p => p.Id).SingleAsync(Ct));

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_new_practice_is_stored_audited_and_its_coverage_recomputed_in_every_quarter(DatabaseProvider provider)
    {
        await using var f = await FormsFixture.CreateAsync(provider);

        var result = await f.Catalogue.SavePracticeAsync(FormsFixture.OrgBoard, null, NewPractice(), Ct);

        Assert.True(result.Saved, string.Join("; ", result.Problems.Select(p => p.Message)));
        var practice = await f.WithContextAsync(db => db.Practices.AsNoTracking().SingleAsync(p => p.Code == "M12", Ct));
        var source = await f.WithContextAsync(db => db.FactSources.AsNoTracking().SingleAsync(s => s.Id == practice.SourceId, Ct));
        Assert.Equal((FactSourceKind.FormEntry, "bantochuc@demo.test"), (source.Kind, source.CreatedBy));
        var line = Assert.Single(await f.AuditAsync());
        Assert.Equal((AuditAction.PracticeEdit, "M12", 1), (line.Action, line.Subject, line.Added));
        // Coverage is computed for every practice in every quarter: from the first quarter with data to today's.
        Assert.Equal([Q4.Key, new Quarter(2025, 1).Key], f.Jobs.Created.Select(j => (int)j.Args[0]!).ToArray());
        Assert.Equal(0.0, await f.MetricAfterRecomputeAsync("G", MetricKeys.PracticeCoverage("M12"), Q4));
    }

    [Theory]
    [InlineData("m12", "Mã “m12” không hợp lệ: chỉ gồm chữ in hoa không dấu (A–Z) và chữ số, tối đa 32 ký tự.")]
    [InlineData("M-12", "Mã “M-12” không hợp lệ: chỉ gồm chữ in hoa không dấu (A–Z) và chữ số, tối đa 32 ký tự.")]
    [InlineData("M04", "Mã M04 đã được dùng cho một mô hình khác.")]
    [InlineData("", "Không được để trống.")]
    public async Task A_code_that_is_malformed_or_taken_is_refused(string code, string message)
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var before = await f.ChecksumAsync();

        var result = await f.Catalogue.SavePracticeAsync(FormsFixture.OrgBoard, null, NewPractice(code), Ct);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((nameof(PracticeInput.Code), message), (problem.Field, problem.Message));
        Assert.Equal(before, await f.ChecksumAsync());
    }

    [Fact]
    public async Task A_practices_code_cannot_change_but_its_names_can()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var id = await M04Async(f);
        var before = await f.ChecksumAsync();
        var m04 = NewPractice("M04");

        var renamed = await f.Catalogue.SavePracticeAsync(FormsFixture.OrgBoard, id, m04 with { Code = "M05" }, Ct);
        Assert.Equal(nameof(PracticeInput.Code), Assert.Single(renamed.Problems).Field);
        Assert.Contains("không được đổi mã", Assert.Single(renamed.Problems).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await f.ChecksumAsync());

        var edited = await f.Catalogue.SavePracticeAsync(FormsFixture.OrgBoard, id, m04, Ct);
        Assert.True(edited.Saved);
        var stored = await f.WithContextAsync(db => db.Practices.AsNoTracking().SingleAsync(p => p.Id == id, Ct));
        Assert.Equal(("M04", "Sổ tay bí thư chi bộ"), (stored.Code, stored.Name));
        Assert.Contains("Name: Phiếu khảo sát → Sổ tay bí thư chi bộ", (await f.AuditAsync())[^1].Details, StringComparison.Ordinal);
        Assert.Empty(f.Jobs.Created); // same code, same target: no aggregate changes
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_adoption_counts_in_the_coverage_after_the_recompute(DatabaseProvider provider)
    {
        await using var f = await FormsFixture.CreateAsync(provider);
        var m04 = await M04Async(f);
        Assert.Equal(0.5, await f.MetricAfterRecomputeAsync("G", MetricKeys.PracticeCoverage("M04"), Q4));

        var result = await f.Catalogue.SaveAdoptionAsync(FormsFixture.OrgBoard, m04, null,
            new AdoptionInput { UnitCode = "C2", Stage = AdoptionStage.Adopted, StartedOn = new DateOnly(2024, 11, 1) }, Ct);

        Assert.True(result.Saved, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(1.0, await f.MetricAfterRecomputeAsync("G", MetricKeys.PracticeCoverage("M04"), Q4));
        var line = Assert.Single(await f.AuditAsync());
        Assert.Equal((AuditAction.AdoptionEdit, 1), (line.Action, line.Added));
        Assert.StartsWith("M04 C2", line.Subject, StringComparison.Ordinal);
        Assert.Equal([Q4.Key, new Quarter(2025, 1).Key], f.Jobs.Created.Select(j => (int)j.Args[0]!).ToArray());
    }

    [Fact]
    public async Task Correcting_an_adoptions_start_touches_every_quarter_from_the_earlier_start_to_its_end()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var m04 = await M04Async(f);
        var c1 = (await f.Catalogue.ListAdoptionsAsync(m04, Ct)).Single(a => a.UnitCode == "C1");

        var result = await f.Catalogue.SaveAdoptionAsync(FormsFixture.OrgBoard, m04, c1.Id,
            new AdoptionInput { UnitCode = "C1", Stage = AdoptionStage.Adopted, StartedOn = new DateOnly(2024, 4, 1), EndedOn = new DateOnly(2024, 11, 15) }, Ct);

        Assert.True(result.Saved);
        // From the old start (01/01/2024, earlier than the new one); the old period was open-ended, so it ran to today's quarter.
        Assert.Equal([20241, 20242, 20243, 20244, 20251], f.Jobs.Created.Select(j => (int)j.Args[0]!).ToArray());
        Assert.Contains("StartedOn: 2024-01-01 → 2024-04-01", (await f.AuditAsync())[^1].Details, StringComparison.Ordinal);
        Assert.Equal(0.0, await f.MetricAfterRecomputeAsync("G", MetricKeys.PracticeCoverage("M04"), Q4));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_overlapping_adoption_of_the_same_practice_by_the_same_unit_is_refused(DatabaseProvider provider)
    {
        await using var f = await FormsFixture.CreateAsync(provider);
        var m04 = await M04Async(f);
        var before = await f.ChecksumAsync();

        var result = await f.Catalogue.SaveAdoptionAsync(FormsFixture.OrgBoard, m04, null,
            new AdoptionInput { UnitCode = "C1", Stage = AdoptionStage.Replicated, StartedOn = new DateOnly(2024, 6, 1), EndedOn = new DateOnly(2024, 9, 1) }, Ct);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((nameof(AdoptionInput.StartedOn), "C1 đã có một lần áp dụng mô hình M04 trùng thời gian (bắt đầu 01/01/2024)."), (problem.Field, problem.Message));
        Assert.Equal(before, await f.ChecksumAsync());
        Assert.Empty(await f.AuditAsync());
    }

    [Fact]
    public async Task An_adoption_by_a_unit_of_another_kind_or_ending_before_it_starts_is_refused()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var m04 = await M04Async(f);
        var before = await f.ChecksumAsync();

        var wrongKind = await f.Catalogue.SaveAdoptionAsync(FormsFixture.OrgBoard, m04, null,
            new AdoptionInput { UnitCode = "G", StartedOn = new DateOnly(2024, 6, 1) }, Ct);
        var backwards = await f.Catalogue.SaveAdoptionAsync(FormsFixture.OrgBoard, m04, null,
            new AdoptionInput { UnitCode = "C2", StartedOn = new DateOnly(2024, 6, 1), EndedOn = new DateOnly(2024, 5, 1) }, Ct);
        var missing = await f.Catalogue.SaveAdoptionAsync(FormsFixture.OrgBoard, m04, null,
            new AdoptionInput { UnitCode = "C9", StartedOn = new DateOnly(2024, 6, 1) }, Ct);

        Assert.Equal("Đơn vị G không thuộc đối tượng áp dụng của mô hình (Chi bộ).", Assert.Single(wrongKind.Problems).Message);
        Assert.Equal((nameof(AdoptionInput.EndedOn), "Ngày kết thúc 01/05/2024 trước ngày bắt đầu 01/06/2024."), (Assert.Single(backwards.Problems).Field, backwards.Problems[0].Message));
        Assert.Equal("Không có đơn vị nào mang mã “C9”.", Assert.Single(missing.Problems).Message);
        Assert.Equal(before, await f.ChecksumAsync());
    }

    [Fact]
    public async Task A_district_editor_cannot_edit_the_catalogue_or_record_adoptions()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var before = await f.ChecksumAsync();

        var practice = await f.Catalogue.SavePracticeAsync(FormsFixture.DistrictEditor, null, NewPractice(), Ct);
        var adoption = await f.Catalogue.SaveAdoptionAsync(FormsFixture.DistrictEditor, await M04Async(f), null,
            new AdoptionInput { UnitCode = "C2", StartedOn = new DateOnly(2024, 6, 1) }, Ct);

        Assert.False(practice.Saved);
        Assert.False(adoption.Saved);
        Assert.Equal(before, await f.ChecksumAsync());
        Assert.Empty(await f.AuditAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_catalogue_lists_practices_with_their_origin_and_number_of_adoptions(DatabaseProvider provider)
    {
        await using var f = await FormsFixture.CreateAsync(provider);
        await f.Catalogue.SavePracticeAsync(FormsFixture.OrgBoard, null, NewPractice(), Ct);

        var rows = await f.Catalogue.ListAsync(Ct);
        var adoptions = await f.Catalogue.ListAdoptionsAsync(rows[0].Id, Ct);

        Assert.Equal([("M04", (string?)null, 1), ("M12", "D", 0)], rows.Select(r => (r.Code, r.OriginUnitCode, r.Adoptions)).ToArray());
        Assert.Equal(("C1", "Chi bộ ấp 1", AdoptionStage.Adopted), (adoptions[0].UnitCode, adoptions[0].UnitName, adoptions[0].Stage));
        Assert.Equal(["C1", "C2"], (await f.Catalogue.FindTargetUnitsAsync(PracticeTarget.Cells, new DateOnly(2024, 6, 1), "C", 2, Ct)).Select(u => u.Code).ToArray());
    }
}
