using System.Globalization;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>The generated organisation tree with its history (2020 → today).</summary>
internal sealed class DemoTree
{
    public List<DemoUnit> Units { get; } = [];

    public required DemoUnit Province { get; init; }

    public List<DemoUnit> Uppers { get; } = [];

    /// <summary>The commune-level committees as of 2021–2024.</summary>
    public List<DemoUnit> Communes { get; } = [];

    /// <summary>The commune-level committees created on 01/07/2025.</summary>
    public List<DemoUnit> NewCommunes { get; } = [];

    /// <summary>Units that hold members and meetings (cells and grassroots cells), in id order.</summary>
    public List<DemoUnit> Holders { get; } = [];

    public List<LineageEvent> Lineage { get; } = [];

    /// <summary>Chi bộ ấp Chợ Dưới, xã Phước Hưng (Trà Cú's pilot cell).</summary>
    public DemoUnit? PilotCell { get; set; }

    public DemoUnit Upper(string code) => Uppers.Single(u => u.Code == code);
}

/// <summary>
/// Builds the tree of the seed article: at scale 1 exactly its counts; at scale N, N copies of every
/// commune and grassroots organisation under the same 13 committees (synthetic names), same shape.
/// </summary>
internal sealed class DemoTreeBuilder
{
    private readonly int _scale;
    private readonly DateOnly _today;
    private readonly Random _random = DemoRandom.For(1);
    private readonly Dictionary<string, DemoUnit> _communeByKey = new(StringComparer.Ordinal);
    private DemoTree _tree = null!;
    private int _grassrootsNumber;
    private int _cellNumber;
    private int _partialNumber;

    private DemoTreeBuilder(int scale, DateOnly today)
    {
        _scale = scale;
        _today = today;
    }

    public static DemoTree Build(int scale, DateOnly today) => new DemoTreeBuilder(scale, today).Build();

    private DemoTree Build()
    {
        var province = new DemoUnit(1, TraVinhCatalogue.ProvinceCode, TraVinhCatalogue.HistoryStart,
            new DemoPeriod(TraVinhCatalogue.HistoryStart, TraVinhCatalogue.ProvinceName, "Trà Vinh", UnitKind.Province, UnitSector.None, null));
        _tree = new DemoTree { Province = province };
        _tree.Units.Add(province);

        foreach (var d in TraVinhCatalogue.Districts)
        {
            var district = AddUnit(d.Code, "Đảng bộ " + d.Label, d.ShortName, UnitKind.UpperCommittee, UnitSector.District, province);
            district.District = d;
            _tree.Uppers.Add(district);
        }

        _tree.Uppers.Add(AddUnit(TraVinhCatalogue.BlocCode, "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh", "Khối CQ và DN tỉnh", UnitKind.UpperCommittee, UnitSector.Bloc, province));
        _tree.Uppers.Add(AddUnit(TraVinhCatalogue.MilitaryCode, "Đảng bộ Quân sự tỉnh", "Quân sự tỉnh", UnitKind.UpperCommittee, UnitSector.ArmedForces, province));
        _tree.Uppers.Add(AddUnit(TraVinhCatalogue.PoliceCode, "Đảng bộ Công an tỉnh", "Công an tỉnh", UnitKind.UpperCommittee, UnitSector.ArmedForces, province));
        _tree.Uppers.Add(AddUnit(TraVinhCatalogue.BorderGuardCode, "Đảng bộ Bộ đội Biên phòng tỉnh", "Biên phòng tỉnh", UnitKind.UpperCommittee, UnitSector.ArmedForces, province));
        foreach (var upper in _tree.Uppers)
        {
            upper.Upper = upper;
        }

        AddCommunes();
        var committees = AddGrassrootsCommittees();
        AddGrassrootsCells();
        var partials = AddPartialCommittees(committees);
        AddCommuneCells();
        AddCommitteeCells(committees, partials);
        AssignTraits();
        ApplyHistory();
        _tree.Holders.AddRange(_tree.Units.Where(u => u.IsHolder));
        return _tree;
    }

    private static string Replica(int replica) => replica == 1 ? string.Empty : $" (mô phỏng {replica})";

    private static string CodeSuffix(int replica) => replica == 1 ? string.Empty : "R" + replica.ToString(CultureInfo.InvariantCulture);

    private DemoUnit AddUnit(string code, string name, string shortName, UnitKind kind, UnitSector sector, DemoUnit parent, DateOnly? from = null)
    {
        var start = from ?? TraVinhCatalogue.HistoryStart;
        var unit = new DemoUnit(_tree.Units.Count + 1, code, start, new DemoPeriod(start, name, shortName, kind, sector, parent))
        {
            Upper = parent.Upper,
            District = parent.District,
        };
        _tree.Units.Add(unit);
        return unit;
    }

    private void AddCommunes()
    {
        for (var replica = 1; replica <= _scale; replica++)
        {
            foreach (var d in TraVinhCatalogue.Districts)
            {
                var district = _tree.Upper(d.Code);
                for (var i = 0; i < d.Communes.Length; i++)
                {
                    var (sector, shortName, label) = ParseCommune(d.Communes[i]);
                    var code = string.Create(CultureInfo.InvariantCulture, $"{d.Code}{i + 1:00}{CodeSuffix(replica)}");
                    var unit = AddUnit(code, "Đảng bộ " + label + Replica(replica), shortName + Replica(replica), UnitKind.GrassrootsCommittee, sector, district);
                    unit.CommuneKey = CommuneKey(d.Code, shortName, replica);
                    unit.Commune = unit;
                    _communeByKey.Add(unit.CommuneKey, unit);
                    _tree.Communes.Add(unit);
                }
            }
        }
    }

    private static string CommuneKey(string districtCode, string shortName, int replica) =>
        replica == 1 ? $"{districtCode}:{shortName}" : $"{districtCode}:{shortName}#{replica.ToString(CultureInfo.InvariantCulture)}";

    private static string CommuneKey(string key, int replica) =>
        replica == 1 ? key : $"{key}#{replica.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"TT:Càng Long" → (Township, "TT Càng Long", "thị trấn Càng Long").</summary>
    private static (UnitSector Sector, string ShortName, string Label) ParseCommune(string entry)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        var place = entry[(colon + 1)..];
        return entry[..colon] switch
        {
            "TT" => (UnitSector.Township, "TT " + place, "thị trấn " + place),
            "P" => (UnitSector.Ward, place, "phường " + place["Phường ".Length..]),
            _ => (UnitSector.Commune, place, "xã " + place),
        };
    }

    private string NextGrassrootsCode() => string.Create(CultureInfo.InvariantCulture, $"CS{++_grassrootsNumber:0000}");

    private List<(DemoUnit Unit, GrassrootsSpec Spec)> AddGrassrootsCommittees()
    {
        var list = new List<(DemoUnit, GrassrootsSpec)>();
        for (var replica = 1; replica <= _scale; replica++)
        {
            foreach (var d in TraVinhCatalogue.Districts)
            {
                var district = _tree.Upper(d.Code);
                GrassrootsSpec[] specs =
                [
                    new(d.Code, UnitKind.GrassrootsCommittee, UnitSector.Agency, "Đảng bộ Cơ quan Đảng - Đoàn thể " + d.Label, "Cơ quan Đảng - Đoàn thể " + d.ShortName, _random.Between(6, 9), [.. TraVinhCatalogue.DistrictPartyCells]),
                    new(d.Code, UnitKind.GrassrootsCommittee, UnitSector.Agency, "Đảng bộ Cơ quan Chính quyền " + d.Label, "Cơ quan Chính quyền " + d.ShortName, _random.Between(8, 12), [.. TraVinhCatalogue.DistrictGovernmentCells]),
                    new(d.Code, UnitKind.GrassrootsCommittee, UnitSector.PublicService, "Đảng bộ Trung tâm Y tế " + d.Label, "TTYT " + d.ShortName, _random.Between(4, 7), [.. TraVinhCatalogue.HealthCentreCells]),
                ];
                foreach (var spec in specs)
                {
                    list.Add((AddUnit(NextGrassrootsCode(), spec.Name + Replica(replica), spec.ShortName + Replica(replica), spec.Kind, spec.Sector, district), spec));
                }
            }

            foreach (var spec in TraVinhCatalogue.ProvincialGrassrootsCommittees)
            {
                list.Add((AddUnit(NextGrassrootsCode(), spec.Name + Replica(replica), spec.ShortName + Replica(replica), spec.Kind, spec.Sector, _tree.Upper(spec.UpperCode)), spec));
            }
        }

        return list;
    }

    private void AddGrassrootsCells()
    {
        for (var replica = 1; replica <= _scale; replica++)
        {
            foreach (var d in TraVinhCatalogue.Districts)
            {
                var district = _tree.Upper(d.Code);
                var agencies = TraVinhCatalogue.DistrictAgencyCells;
                var schools = d.Communes.Select(ParseCommune).Where(c => c.Sector == UnitSector.Commune).Select(c => c.ShortName).ToList();
                for (var i = 0; i < d.GrassrootsCells; i++)
                {
                    var (name, sector) = i < agencies.Count
                        ? (agencies[i] + " " + d.ShortName, agencies[i] == "Điện lực" ? UnitSector.Enterprise : UnitSector.Agency)
                        : ("Trường THCS " + schools[(i - agencies.Count) % schools.Count], UnitSector.PublicService);
                    var unit = AddUnit(NextGrassrootsCode(), "Chi bộ " + name + Replica(replica), name + Replica(replica), UnitKind.GrassrootsCell, sector, district);
                    unit.Role = RoleOf(sector);
                }
            }

            foreach (var spec in TraVinhCatalogue.ProvincialGrassrootsCells)
            {
                var unit = AddUnit(NextGrassrootsCode(), spec.Name + Replica(replica), spec.ShortName + Replica(replica), spec.Kind, spec.Sector, _tree.Upper(spec.UpperCode));
                unit.Role = RoleOf(spec.Sector);
            }
        }
    }

    private static CellRole RoleOf(UnitSector sector) => sector switch
    {
        UnitSector.ArmedForces => CellRole.Armed,
        UnitSector.PublicService => CellRole.PublicService,
        UnitSector.Enterprise => CellRole.Enterprise,
        _ => CellRole.Agency,
    };

    private Dictionary<DemoUnit, List<DemoUnit>> AddPartialCommittees(List<(DemoUnit Unit, GrassrootsSpec Spec)> committees)
    {
        var partials = new Dictionary<DemoUnit, List<DemoUnit>>();
        foreach (var (committee, spec) in committees)
        {
            if (spec.PartialCommittees is not { Length: > 0 } names)
            {
                continue;
            }

            partials[committee] = names
                .Select(n => AddUnit(string.Create(CultureInfo.InvariantCulture, $"BP{++_partialNumber:000}"), "Đảng bộ bộ phận " + n, n,
                    UnitKind.PartialCommittee, committee.Current.Sector, committee))
                .ToList();
        }

        return partials;
    }

    private string NextCellCode() => string.Create(CultureInfo.InvariantCulture, $"CB{++_cellNumber:00000}");

    private DemoUnit AddCell(string name, string shortName, UnitSector sector, DemoUnit parent, CellRole role)
    {
        var cell = AddUnit(NextCellCode(), name, shortName, UnitKind.Cell, sector, parent);
        cell.Role = role;
        cell.Commune = parent.Commune;
        return cell;
    }

    private void AddCommuneCells()
    {
        foreach (var commune in _tree.Communes)
        {
            var sector = commune.Current.Sector;
            var hamletWord = sector == UnitSector.Commune ? "ấp" : "khóm";
            var hamlets = sector == UnitSector.Commune ? _random.Between(7, 11) : _random.Between(5, 8);
            var label = commune.Current.Name["Đảng bộ ".Length..];
            for (var h = 1; h <= hamlets; h++)
            {
                var place = h.ToString(CultureInfo.InvariantCulture);
                if (commune.CommuneKey == TraVinhCatalogue.PilotCommune && h == 1)
                {
                    place = TraVinhCatalogue.PilotHamlet;
                }

                var cell = AddCell($"Chi bộ {hamletWord} {place}", $"{char.ToUpperInvariant(hamletWord[0])}{hamletWord[1..]} {place}", UnitSector.Hamlet, commune, CellRole.Hamlet);
                if (commune.CommuneKey == TraVinhCatalogue.PilotCommune && h == 1)
                {
                    _tree.PilotCell = cell;
                }
            }

            AddCell("Chi bộ Quân sự " + label, "Quân sự", UnitSector.ArmedForces, commune, CellRole.CommuneArmed);
            AddCell("Chi bộ Công an " + label, "Công an", UnitSector.ArmedForces, commune, CellRole.CommuneArmed);
            AddCell("Chi bộ Cơ quan " + label, "Cơ quan", UnitSector.Agency, commune, CellRole.CommuneAgency);
            if (_random.Chance(0.5))
            {
                AddCell("Chi bộ Trường học " + label, "Trường học", UnitSector.PublicService, commune, CellRole.CommuneSchool);
            }
        }
    }

    private void AddCommitteeCells(List<(DemoUnit Unit, GrassrootsSpec Spec)> committees, Dictionary<DemoUnit, List<DemoUnit>> partials)
    {
        // The article's 1,999 cells: communes take what their hamlets need, the other committees share the rest.
        var remaining = TraVinhCatalogue.Cells * _scale - _tree.Units.Count(u => u.Kind == UnitKind.Cell);
        var counts = committees.Select(c => c.Spec.NominalCells).ToArray();
        while (counts.Sum() != remaining)
        {
            var i = _random.Next(counts.Length);
            if (counts.Sum() < remaining)
            {
                counts[i]++;
            }
            else if (counts[i] > 3)
            {
                counts[i]--;
            }
        }

        for (var c = 0; c < committees.Count; c++)
        {
            var (committee, spec) = committees[c];
            var pool = spec.CellNames ?? [.. TraVinhCatalogue.AgencyDepartmentCells];
            partials.TryGetValue(committee, out var subs);
            for (var i = 0; i < counts[c]; i++)
            {
                var name = i < pool.Length
                    ? pool[i]
                    : committee.Current.Sector == UnitSector.PublicService && pool == spec.CellNames && spec.Name.Contains("Đại học", StringComparison.Ordinal)
                        ? string.Create(CultureInfo.InvariantCulture, $"Sinh viên {i - pool.Length + 1}")
                        : string.Create(CultureInfo.InvariantCulture, $"số {i + 1}");
                var parent = subs is { Count: > 0 } && i % (subs.Count + 1) < subs.Count ? subs[i % (subs.Count + 1)] : committee;
                AddCell("Chi bộ " + name, name, committee.Current.Sector, parent, RoleOf(committee.Current.Sector));
            }
        }
    }

    private void AssignTraits()
    {
        var struggling = TraVinhCatalogue.StrugglingCommunes.ToHashSet(StringComparer.Ordinal);
        var zoneCommunes = new HashSet<DemoUnit>();
        foreach (var commune in _tree.Communes)
        {
            if (commune.District!.CovidZone && (commune.District.Code == "TPTV" || _random.Chance(0.6)))
            {
                zoneCommunes.Add(commune);
            }
        }

        var holders = _tree.Units.Where(u => u.IsHolder).ToList();
        foreach (var unit in holders)
        {
            var roleBias = unit.Role switch
            {
                CellRole.Armed => 0.14,
                CellRole.CommuneArmed => 0.08,
                CellRole.Agency => 0.05,
                CellRole.PublicService => 0.06,
                CellRole.CommuneSchool => 0.04,
                CellRole.CommuneAgency => 0.04,
                CellRole.Enterprise => -0.05,
                _ => 0,
            };
            unit.Quality = Math.Clamp(0.6 + (unit.District?.QualityBias ?? 0.03) + roleBias + _random.Noise(0.09), 0.3, 0.97);
            var baseKey = unit.Commune?.CommuneKey?.Split('#')[0];
            if (baseKey is not null && struggling.Contains(baseKey))
            {
                unit.Struggling = true;
            }

            unit.InCovidZone = unit.Role is not (CellRole.Armed or CellRole.CommuneArmed)
                && (unit.Commune is { } c
                    ? zoneCommunes.Contains(c)
                    : unit.Upper?.Code is "TPTV" or TraVinhCatalogue.BlocCode || (unit.District?.CovidZone == true && _random.Chance(0.5)));
        }

        // Three grassroots cells that struggle too, and a few cells kept under 10 members.
        var candidates = holders.Where(u => u.Kind == UnitKind.GrassrootsCell && u.District is not null && u.Role != CellRole.Armed).ToList();
        for (var marked = 0; marked < 3 * _scale;)
        {
            var unit = candidates[_random.Next(candidates.Count)];
            if (!unit.Struggling)
            {
                unit.Struggling = true;
                marked++;
            }
        }

        var small = holders.Where(u => u.Role is CellRole.CommuneSchool or CellRole.Enterprise && !u.Struggling).ToList();
        for (var marked = 0; marked < 9 * _scale;)
        {
            var unit = small[_random.Next(small.Count)];
            if (!unit.Tiny)
            {
                unit.Tiny = true;
                marked++;
            }
        }

        foreach (var unit in holders.Where(u => u.Struggling))
        {
            unit.Quality = 0.15 + _random.NextDouble() * 0.1;
        }
    }

    private void ApplyHistory()
    {
        var source = 1;
        void Event(LineageKind kind, DateOnly date, DemoUnit predecessor, DemoUnit? successor, string note) =>
            _tree.Lineage.Add(new LineageEvent
            {
                Id = _tree.Lineage.Count + 1,
                Kind = kind,
                EffectiveDate = date,
                PredecessorId = predecessor.Id,
                SuccessorId = successor?.Id,
                Note = note,
                SourceId = source,
            });

        // Current children by parent, kept up to date as units move.
        var children = _tree.Units.Where(u => u.Current.Parent is not null)
            .GroupBy(u => u.Current.Parent!)
            .ToDictionary(g => g.Key, g => g.ToList());
        List<DemoUnit> ChildrenOf(DemoUnit parent) => children.TryGetValue(parent, out var list) ? [.. list] : [];
        void Move(DemoUnit unit, DateOnly date, DemoUnit parent, string? name = null, string? shortName = null)
        {
            children[unit.Current.Parent!].Remove(unit);
            unit.Change(date, name, shortName, parent);
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(unit);
        }

        void End(DemoUnit unit, DateOnly date)
        {
            children[unit.Current.Parent!].Remove(unit);
            unit.End(date);
        }

        int HamletCount(DemoUnit commune) => ChildrenOf(commune).Count(u => u.Role == CellRole.Hamlet);

        if (_today >= TraVinhCatalogue.WardMergerDate)
        {
            var date = TraVinhCatalogue.WardMergerDate;
            for (var replica = 1; replica <= _scale; replica++)
            {
                foreach (var (absorbedKey, absorbingKey) in TraVinhCatalogue.WardMergers)
                {
                    var absorbed = _communeByKey[CommuneKey(absorbedKey, replica)];
                    var absorbing = _communeByKey[CommuneKey(absorbingKey, replica)];
                    var next = HamletCount(absorbing);
                    foreach (var cell in ChildrenOf(absorbed))
                    {
                        var oldName = cell.Current.Name;
                        if (cell.Role == CellRole.Hamlet)
                        {
                            next++;
                            var n = next.ToString(CultureInfo.InvariantCulture);
                            Move(cell, date, absorbing, "Chi bộ khóm " + n, "Khóm " + n);
                        }
                        else
                        {
                            Move(cell, date, absorbing);
                        }

                        cell.Commune = absorbing;
                        Event(LineageKind.Move, date, cell, cell, $"{oldName} chuyển về {absorbing.Current.Name} khi sáp nhập phường");
                    }

                    End(absorbed, date);
                    Event(LineageKind.Merge, date, absorbed, absorbing, $"Nhập {absorbed.Current.Name} vào {absorbing.Current.Name} (minh họa)");
                }
            }
        }

        if (_today < TraVinhCatalogue.DistrictsEndDate)
        {
            return;
        }

        var end = TraVinhCatalogue.DistrictsEndDate;
        var bloc = _tree.Upper(TraVinhCatalogue.BlocCode);
        var newNumber = new Dictionary<UnitSector, int> { [UnitSector.Commune] = 0, [UnitSector.Ward] = 0 };
        for (var replica = 1; replica <= _scale; replica++)
        {
            foreach (var spec in TraVinhCatalogue.NewCommunes)
            {
                var number = ++newNumber[spec.Sector];
                var code = string.Create(CultureInfo.InvariantCulture, $"{(spec.Sector == UnitSector.Ward ? "PH" : "XA")}{number:00}");
                var (name, shortName) = spec.Sector == UnitSector.Ward
                    ? ("Đảng bộ phường " + spec.Place, "Phường " + spec.Place)
                    : ("Đảng bộ xã " + spec.Place, spec.Place);
                var unit = AddUnit(code, name + Replica(replica), shortName + Replica(replica), UnitKind.GrassrootsCommittee, spec.Sector, _tree.Province, end);
                unit.Upper = null;
                unit.Commune = unit;
                _tree.NewCommunes.Add(unit);
                foreach (var predecessorKey in spec.Predecessors)
                {
                    var old = _communeByKey[CommuneKey(predecessorKey, replica)];
                    var oldPlace = old.Current.ShortName;
                    foreach (var cell in ChildrenOf(old))
                    {
                        var numbered = cell.Role == CellRole.Hamlet && char.IsDigit(cell.Current.Name[^1]);
                        Move(cell, end, unit,
                            numbered ? $"{cell.Current.Name} ({oldPlace})" : null,
                            numbered ? $"{cell.Current.ShortName} ({oldPlace})" : null);
                        cell.Commune = unit;
                        Event(LineageKind.Move, end, cell, cell, $"Chuyển về {unit.Current.Name} khi sắp xếp đơn vị hành chính cấp xã");
                    }

                    End(old, end);
                    Event(LineageKind.Merge, end, old, unit, $"Hợp nhất vào {unit.Current.Name} từ 01/07/2025 (phân nhóm minh họa)");
                }
            }
        }

        foreach (var district in _tree.Uppers.Where(u => u.Current.Sector == UnitSector.District))
        {
            foreach (var child in ChildrenOf(district))
            {
                Move(child, end, bloc);
                Event(LineageKind.Move, end, child, child, "Chuyển về Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh khi kết thúc tổ chức đảng cấp huyện");
            }

            End(district, end);
            Event(LineageKind.Dissolve, end, district, null,
                "Kết thúc hoạt động của đảng bộ cấp huyện theo Quy định 294-QĐ/TW của Ban Chấp hành Trung ương; các đảng bộ xã, phường trực thuộc Tỉnh ủy");
        }
    }
}
