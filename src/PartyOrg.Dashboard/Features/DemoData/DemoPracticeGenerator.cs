using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>
/// The seed article's catalogue of models and practices (M01–M11 of the provincial committee, D01–D04
/// of districts and committees) and adoptions that follow the article's story. Dates are ours.
/// </summary>
internal sealed class DemoPracticeGenerator
{
    private readonly DemoTree _tree;
    private readonly DateOnly _today;
    private readonly int _sourceId;
    private readonly Random _random = DemoRandom.For(5);
    private readonly List<Adoption> _adoptions = [];

    private DemoPracticeGenerator(DemoTree tree, DateOnly today, int sourceId)
    {
        _tree = tree;
        _today = today;
        _sourceId = sourceId;
    }

    public static (List<Practice> Practices, List<Adoption> Adoptions) Generate(DemoTree tree, DateOnly today, int sourceId) =>
        new DemoPracticeGenerator(tree, today, sourceId).Generate();

    private (List<Practice>, List<Adoption>) Generate()
    {
        var province = _tree.Province;
        var tieuCan = _tree.Upper("TC");
        var traCu = _tree.Upper("TCU");
        var bloc = _tree.Upper(TraVinhCatalogue.BlocCode);
        var military = _tree.Upper(TraVinhCatalogue.MilitaryCode);
        var practices = new List<Practice>();
        Practice Add(string code, string name, string nameEn, string description, DemoUnit origin, DateOnly date, PracticeTarget target)
        {
            var practice = new Practice
            {
                Id = practices.Count + 1, Code = code, Name = name, NameEn = nameEn, Description = description,
                OriginUnitId = origin.Id, OriginDate = date, Target = target, SourceId = _sourceId,
            };
            practices.Add(practice);
            return practice;
        }

        var m01 = Add("M01", "Sắp xếp lại các chi bộ dưới 10 đảng viên", "Merge cells with fewer than 10 members",
            "Chỉ đạo sắp xếp lại các chi bộ dưới 10 đảng viên có chức năng, nhiệm vụ tương đồng.", province, new(2021, 3, 1), PracticeTarget.GrassrootsOrganisations);
        var m02 = Add("M02", "Đảng viên công tác ở xã sinh hoạt chi bộ ấp, khóm", "Commune staff attend their hamlet cell",
            "Đưa đảng viên công tác ở xã, phường, thị trấn về sinh hoạt chi bộ ấp, khóm.", province, new(2021, 2, 1), PracticeTarget.CommuneCommittees);
        var m03 = Add("M03", "Thí điểm sinh hoạt tổ đảng", "Pilot party-group meetings",
            "Thí điểm mô hình sinh hoạt tổ Đảng thay cho sinh hoạt chi bộ.", province, new(2021, 4, 1), PracticeTarget.Cells);
        var m04 = Add("M04", "Phiếu khảo sát chất lượng sinh hoạt chi bộ hằng quý", "Quarterly survey on the quality of cell meetings",
            "Thực hiện phiếu khảo sát chất lượng sinh hoạt chi bộ mỗi quý một lần.", province, new(2021, 1, 1), PracticeTarget.Cells);
        var m05 = Add("M05", "Sinh hoạt theo nhóm, cụm, tổ Đảng khi giãn cách xã hội", "Group and cluster meetings during social distancing",
            "Chỉ đạo chia nhóm, cụm, tổ Đảng để sinh hoạt chi bộ, đảng bộ trong tình hình giãn cách xã hội; được Ban Tổ chức Thành ủy Cần Thơ tham khảo để thực hiện.",
            province, new(2021, 7, 20), PracticeTarget.Cells);
        var m06 = Add("M06", "Phân công cấp ủy, lãnh đạo phụ trách địa bàn", "Leaders assigned to localities",
            "Phân công cấp ủy, lãnh đạo sở, ban, ngành, đoàn thể từ tỉnh đến cơ sở phụ trách địa bàn.", province, new(2021, 1, 15), PracticeTarget.UpperCommittees);
        var m07 = Add("M07", "Đảng viên ấp, khóm phụ trách hộ gia đình và theo dõi dịch Covid-19", "Members assigned to households and COVID-19 monitoring",
            "Chỉ đạo đảng ủy xã, phường, thị trấn phân công đảng viên ấp, khóm phụ trách hộ gia đình và theo dõi tình hình dịch bệnh Covid-19.",
            province, new(2021, 7, 25), PracticeTarget.CommuneCommittees);
        var m08 = Add("M08", "Cụ thể hóa 27 biểu hiện suy thoái thành 82 biểu hiện", "27 signs of degradation made concrete as 82",
            "Cụ thể hoá 27 biểu hiện suy thoái theo Nghị quyết Trung ương 4 (khoá XII) thành 82 biểu hiện suy thoái để giúp cấp ủy, đảng viên dễ đánh giá, nhận diện; khẩu hiệu 82 biểu hiện suy thoái treo tại trụ sở cơ quan.",
            province, new(2021, 3, 15), PracticeTarget.GrassrootsOrganisations);
        var m09 = Add("M09", "Đưa Nghị quyết TW4 (khóa XII) và Chỉ thị 05-CT/TW vào sinh hoạt chi bộ hằng tháng", "Resolution TW4 (XII) and Directive 05-CT/TW in monthly meetings",
            "Chỉ đạo đưa nội dung thực hiện Nghị quyết Trung ương 4 khoá XII và Chỉ thị 05-CT/TW của Bộ Chính trị vào sinh hoạt chi bộ hàng tháng.",
            province, new(2021, 1, 1), PracticeTarget.Cells);
        var m10 = Add("M10", "Sinh hoạt Đảng trực tuyến ở vùng cam, vùng đỏ", "Online meetings in orange and red zones",
            "Hướng dẫn sinh hoạt Đảng trực tuyến trong tình hình dịch bệnh Covid-19 ở những nơi vùng cam và vùng đỏ.", province, new(2021, 8, 1), PracticeTarget.Cells);
        var m11 = Add("M11", "Hướng dẫn kiểm điểm tự phê bình và phê bình trong tình hình dịch Covid-19", "Self-criticism guidance during COVID-19",
            "Hướng dẫn kiểm điểm tự phê bình và phê bình tập thể, cấp uỷ, đảng viên trong tình hình dịch bệnh Covid-19.", province, new(2021, 11, 1), PracticeTarget.GrassrootsOrganisations);
        var d01 = Add("D01", "Hội nghị giao ban bí thư chi bộ ấp, khóm hằng quý", "Quarterly conference of hamlet cell secretaries",
            "Đảng bộ huyện Tiểu Cần, thị xã Duyên Hải tổ chức Hội nghị giao ban bí thư chi bộ ấp, khóm mỗi quý 01 lần; Ban Thường vụ Tỉnh uỷ chỉ đạo nhân rộng ra các huyện, thành phố trong tỉnh.",
            tieuCan, new(2021, 1, 20), PracticeTarget.UpperCommittees);
        var d02 = Add("D02", "Chi bộ điểm ấp Chợ Dưới (xã Phước Hưng)", "Pilot cell of Chợ Dưới hamlet (Phước Hưng commune)",
            "Huyện uỷ Trà Cú chỉ đạo tổ chức Hội nghị tọa đàm và chọn Chi bộ ấp Chợ Dưới (xã Phước Hưng) làm điểm chỉ đạo thực hiện nhân rộng ra toàn huyện.",
            traCu, new(2021, 4, 1), PracticeTarget.Cells);
        var d03 = Add("D03", "Giao ban bí thư chi bộ hằng quý theo 03 khối", "Quarterly secretary conferences in three blocs",
            "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh ban hành 03 Nghị quyết chuyên đề về xây dựng Đảng và tổ chức Hội nghị giao ban bí thư chi bộ hàng quý chia thành 03 khối (cơ quan, sự nghiệp, doanh nghiệp).",
            bloc, new(2021, 1, 25), PracticeTarget.GrassrootsOrganisations);
        var d04 = Add("D04", "Giao ban hằng năm giữa Đảng ủy Quân sự tỉnh và các huyện ủy", "Military committee's annual review with districts",
            "Đảng uỷ Quân sự tỉnh phối hợp với các huyện uỷ, thị uỷ, thành uỷ thực hiện nhiệm vụ công tác xây dựng Đảng và tổ chức hội nghị giao ban hàng năm để đánh giá tình hình thực hiện.",
            military, new(2021, 12, 15), PracticeTarget.UpperCommittees);

        var holders = _tree.Holders;
        var districts = _tree.Uppers.Where(u => u.District is not null).ToList();
        var grassroots = _tree.Units.Where(u => u.Kind.IsGrassroots() && u.ValidFrom == TraVinhCatalogue.HistoryStart).ToList();

        // M01: committees with small cells rearrange them, 2021–2022.
        foreach (var unit in grassroots.Where(_ => _random.Chance(0.55)))
        {
            Timeline(m01, unit, (AdoptionStage.Adopted, Spread(new(2021, 4, 1), 540)));
        }

        foreach (var commune in _tree.Communes)
        {
            Timeline(m02, commune, (AdoptionStage.Adopted, Spread(new(2021, 2, 15), commune.Struggling() ? 600 : 360)));
            Timeline(m07, commune, (AdoptionStage.Adopted, Spread(new(2021, 7, 26), 45)));
        }

        foreach (var cell in holders.Where(c => c.Role == CellRole.Hamlet && _random.Chance(0.04)))
        {
            var pilot = Spread(new(2021, 4, 15), 90);
            Timeline(m03, cell, (AdoptionStage.Pilot, pilot), (_random.Chance(0.5) ? AdoptionStage.Adopted : AdoptionStage.Stopped, pilot.AddDays(270)));
        }

        foreach (var cell in holders)
        {
            if (!cell.Struggling || _random.Chance(0.5))
            {
                Timeline(m04, cell, (AdoptionStage.Adopted, Spread(new(2021, 1, 15), cell.Role == CellRole.Hamlet ? 420 : 240)));
            }

            Timeline(m09, cell, (AdoptionStage.Adopted, Spread(new(2021, 1, 10), 150)));
            if (cell.InCovidZone)
            {
                var practice = cell.Role is CellRole.Hamlet or CellRole.CommuneAgency or CellRole.CommuneSchool ? m05 : m10;
                Timeline(practice, cell, (AdoptionStage.Adopted, Spread(new(2021, 7, 22), 25)), (AdoptionStage.Stopped, new(2022, 1, 1)));
            }
        }

        foreach (var upper in _tree.Uppers)
        {
            Timeline(m06, upper, (AdoptionStage.Adopted, Spread(new(2021, 1, 20), 60)));
        }

        foreach (var unit in grassroots.Where(_ => _random.Chance(0.7)))
        {
            Timeline(m08, unit, (AdoptionStage.Adopted, Spread(new(2021, 4, 1), 420)));
        }

        foreach (var unit in grassroots.Where(_ => _random.Chance(0.5)))
        {
            Timeline(m11, unit, (AdoptionStage.Adopted, Spread(new(2021, 11, 5), 40)), (AdoptionStage.Stopped, new(2022, 7, 1)));
        }

        // D01: Tiểu Cần and TX Duyên Hải first; the standing committee spreads it to every district by 2022-Q4.
        foreach (var district in districts)
        {
            if (district.Code is "TC" or "DHX")
            {
                var start = district.Code == "TC" ? new DateOnly(2021, 1, 20) : new DateOnly(2021, 3, 10);
                Timeline(d01, district, (AdoptionStage.Adopted, start), (AdoptionStage.Replicated, new(2022, 1, 10)));
            }
            else
            {
                var planned = Spread(new(2022, 1, 15), 60);
                Timeline(d01, district, (AdoptionStage.Planned, planned), (AdoptionStage.Adopted, Spread(planned.AddDays(60), 240)));
            }
        }

        Timeline(d01, province, (AdoptionStage.Replicated, new(2022, 1, 10)));

        // D02: the Chợ Dưới pilot, then Trà Cú's hamlet cells in 2022–2023.
        if (_tree.PilotCell is { } pilotCell)
        {
            Timeline(d02, pilotCell, (AdoptionStage.Pilot, new(2021, 4, 1)), (AdoptionStage.Adopted, new(2021, 10, 1)));
            Timeline(d02, traCu, (AdoptionStage.Replicated, new(2022, 1, 15)));
            foreach (var cell in holders.Where(c => c != pilotCell && c.Role == CellRole.Hamlet && c.District?.Code == "TCU" && _random.Chance(0.85)))
            {
                var planned = Spread(new(2022, 1, 20), 300);
                Timeline(d02, cell, (AdoptionStage.Planned, planned), (AdoptionStage.Adopted, planned.AddDays(_random.Between(60, 240))));
            }
        }

        Timeline(d03, bloc, (AdoptionStage.Adopted, new(2021, 1, 25)), (AdoptionStage.Replicated, new(2021, 7, 1)));
        foreach (var unit in grassroots.Where(u => u.Upper == bloc && _random.Chance(0.9)))
        {
            Timeline(d03, unit, (AdoptionStage.Adopted, Spread(new(2021, 2, 1), 400)));
        }

        Timeline(d04, military, (AdoptionStage.Adopted, new(2021, 12, 15)));
        foreach (var district in districts)
        {
            Timeline(d04, district, (AdoptionStage.Adopted, new(2021, 12, 15)));
        }

        CarryOverToNewCommunes([m02, m07, m01, m08]);
        return (practices, _adoptions);
    }

    private DateOnly Spread(DateOnly from, int days) => from.AddDays(_random.Next(days + 1));

    /// <summary>
    /// One row per stage, each ending when the next begins; stages after today are dropped and a unit
    /// that ends (a merger, the end of districts) ends its adoptions with it.
    /// </summary>
    private void Timeline(Practice practice, DemoUnit unit, params (AdoptionStage Stage, DateOnly Start)[] stages)
    {
        for (var i = 0; i < stages.Length; i++)
        {
            var (stage, start) = stages[i];
            if (start > _today || !unit.IsValidOn(start))
            {
                break;
            }

            DateOnly? end = i + 1 < stages.Length && stages[i + 1].Start <= _today ? stages[i + 1].Start : null;
            if (unit.ValidTo is { } validTo && (end is null || end > validTo))
            {
                end = validTo;
            }

            _adoptions.Add(new Adoption
            {
                Id = _adoptions.Count + 1,
                PracticeId = practice.Id,
                UnitId = unit.Id,
                Stage = stage,
                StartedOn = start,
                EndedOn = end,
                Notes = end == unit.ValidTo && end is not null ? "Kết thúc do sắp xếp tổ chức" : null,
                SourceId = _sourceId,
            });
        }
    }

    /// <summary>A new commune of 01/07/2025 keeps the practices any of its predecessors had in force.</summary>
    private void CarryOverToNewCommunes(IReadOnlyList<Practice> practices)
    {
        var eve = TraVinhCatalogue.DistrictsEndDate.AddDays(-1);
        var predecessors = _tree.Lineage
            .Where(e => e.Kind == LineageKind.Merge && e.EffectiveDate == TraVinhCatalogue.DistrictsEndDate && e.SuccessorId is not null)
            .ToLookup(e => e.SuccessorId!.Value, e => e.PredecessorId);
        foreach (var unit in _tree.NewCommunes)
        {
            var before = predecessors[unit.Id].ToHashSet();
            foreach (var practice in practices)
            {
                if (_adoptions.Any(a => a.PracticeId == practice.Id && before.Contains(a.UnitId) && a.IsInForceOn(eve)))
                {
                    _adoptions.Add(new Adoption
                    {
                        Id = _adoptions.Count + 1,
                        PracticeId = practice.Id,
                        UnitId = unit.Id,
                        Stage = AdoptionStage.Adopted,
                        StartedOn = TraVinhCatalogue.DistrictsEndDate,
                        Notes = "Tiếp tục thực hiện sau hợp nhất các đảng bộ xã",
                        SourceId = _sourceId,
                    });
                }
            }
        }
    }
}

internal static class DemoUnitTraits
{
    /// <summary>A commune whose cells struggle.</summary>
    public static bool Struggling(this DemoUnit commune) =>
        commune.CommuneKey is { } key && TraVinhCatalogue.StrugglingCommunes.Contains(key.Split('#')[0], StringComparer.Ordinal);
}
