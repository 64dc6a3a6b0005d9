using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>A district-level committee with its communes (pre-2025 list) and the traits the facts depend on.</summary>
/// <param name="Label">As it follows a title: "huyện Càng Long", "thị xã Duyên Hải".</param>
/// <param name="Communes">"TT:…" thị trấn, "P:…" phường, "X:…" xã, in code order.</param>
/// <param name="KhmerShare">Share of Khmer among the district's members (ours, after the population shares).</param>
/// <param name="CovidZone">Had orange/red zones in the 2021 Q3 wave (ours, illustrative).</param>
/// <param name="QualityBias">How the district's cells fare on average (ours, illustrative).</param>
internal sealed record DistrictSpec(
    string Code,
    string Label,
    string ShortName,
    string[] Communes,
    double KhmerShare,
    bool CovidZone,
    double QualityBias,
    int GrassrootsCells);

/// <summary>A new commune-level committee of 01/07/2025 and the pre-merger units it absorbed ("CL:TT Càng Long").</summary>
internal sealed record NewCommuneSpec(string Code, UnitSector Sector, string Place, string[] Predecessors);

/// <summary>A grassroots organisation other than a commune: its committee, kind, sector and nominal cells.</summary>
internal sealed record GrassrootsSpec(
    string UpperCode,
    UnitKind Kind,
    UnitSector Sector,
    string Name,
    string ShortName,
    int NominalCells = 0,
    string[]? CellNames = null,
    string[]? PartialCommittees = null);

/// <summary>The names and shape of Trà Vinh's Party organisation as the seed article describes it (2021–2024).</summary>
internal static class TraVinhCatalogue
{
    public const string ProvinceCode = "TV";
    public const string ProvinceName = "Đảng bộ tỉnh Trà Vinh";
    public const string BlocCode = "KCQ";
    public const string MilitaryCode = "QS";
    public const string PoliceCode = "CA";
    public const string BorderGuardCode = "BP";

    /// <summary>The article's table (footnotes 1 and 2).</summary>
    public const int UpperCommittees = 13;
    public const int GrassrootsCommittees = 197;
    public const int GrassrootsCellCount = 306;
    public const int Cells = 1999;
    public const int Members = 45622;
    public const int Exempt = 6034;

    /// <summary>The start of the demo history (units existed before; their founding dates are not modelled).</summary>
    public static readonly DateOnly HistoryStart = new(2020, 1, 1);

    /// <summary>Two wards of TP Trà Vinh merged into neighbours (illustrative choice of wards).</summary>
    public static readonly DateOnly WardMergerDate = new(2025, 1, 1);

    /// <summary>The district level ends and communes merge (Quy định 294-QĐ/TW).</summary>
    public static readonly DateOnly DistrictsEndDate = new(2025, 7, 1);

    public static IReadOnlyList<DistrictSpec> Districts { get; } =
    [
        new("CL", "huyện Càng Long", "Càng Long",
            ["TT:Càng Long", "X:An Trường", "X:An Trường A", "X:Bình Phú", "X:Đại Phúc", "X:Đại Phước", "X:Đức Mỹ", "X:Huyền Hội",
             "X:Mỹ Cẩm", "X:Nhị Long", "X:Nhị Long Phú", "X:Phương Thạnh", "X:Tân An", "X:Tân Bình"],
            0.04, true, 0.02, 22),
        new("CK", "huyện Cầu Kè", "Cầu Kè",
            ["TT:Cầu Kè", "X:An Phú Tân", "X:Châu Điền", "X:Hòa Ân", "X:Hòa Tân", "X:Ninh Thới", "X:Phong Phú", "X:Phong Thạnh",
             "X:Tam Ngãi", "X:Thạnh Phú", "X:Thông Hòa"],
            0.22, false, -0.02, 18),
        new("TC", "huyện Tiểu Cần", "Tiểu Cần",
            ["TT:Tiểu Cần", "TT:Cầu Quan", "X:Hiếu Trung", "X:Hiếu Tử", "X:Hùng Hòa", "X:Long Thới", "X:Ngãi Hùng", "X:Phú Cần",
             "X:Tân Hòa", "X:Tân Hùng", "X:Tập Ngãi"],
            0.24, false, 0.08, 18),
        new("CT", "huyện Châu Thành", "Châu Thành",
            ["TT:Châu Thành", "X:Đa Lộc", "X:Hòa Lợi", "X:Hòa Minh", "X:Hòa Thuận", "X:Hưng Mỹ", "X:Long Hòa", "X:Lương Hòa",
             "X:Lương Hòa A", "X:Mỹ Chánh", "X:Nguyệt Hóa", "X:Phước Hảo", "X:Song Lộc", "X:Thanh Mỹ"],
            0.30, true, 0.0, 20),
        new("CN", "huyện Cầu Ngang", "Cầu Ngang",
            ["TT:Cầu Ngang", "TT:Mỹ Long", "X:Hiệp Hòa", "X:Hiệp Mỹ Đông", "X:Hiệp Mỹ Tây", "X:Kim Hòa", "X:Long Sơn", "X:Mỹ Hòa",
             "X:Mỹ Long Bắc", "X:Mỹ Long Nam", "X:Nhị Trường", "X:Thạnh Hòa Sơn", "X:Thuận Hòa", "X:Trường Thọ", "X:Vinh Kim"],
            0.36, false, -0.03, 18),
        new("TCU", "huyện Trà Cú", "Trà Cú",
            ["TT:Trà Cú", "TT:Định An", "X:An Quảng Hữu", "X:Đại An", "X:Định An", "X:Hàm Giang", "X:Hàm Tân", "X:Kim Sơn",
             "X:Long Hiệp", "X:Lưu Nghiệp Anh", "X:Ngãi Xuyên", "X:Ngọc Biên", "X:Phước Hưng", "X:Tân Hiệp", "X:Tân Sơn",
             "X:Thanh Sơn", "X:Tập Sơn"],
            0.52, true, 0.03, 20),
        new("DHH", "huyện Duyên Hải", "Duyên Hải",
            ["TT:Long Thành", "X:Đôn Châu", "X:Đôn Xuân", "X:Đông Hải", "X:Long Khánh", "X:Long Vĩnh", "X:Ngũ Lạc"],
            0.14, false, -0.01, 16),
        new("DHX", "thị xã Duyên Hải", "TX Duyên Hải",
            ["P:Phường 1", "P:Phường 2", "X:Long Toàn", "X:Dân Thành", "X:Trường Long Hòa", "X:Hiệp Thạnh", "X:Long Hữu"],
            0.10, false, 0.07, 14),
        new("TPTV", "thành phố Trà Vinh", "TP Trà Vinh",
            ["P:Phường 1", "P:Phường 2", "P:Phường 3", "P:Phường 4", "P:Phường 5", "P:Phường 6", "P:Phường 7", "P:Phường 8",
             "P:Phường 9", "X:Long Đức"],
            0.12, true, 0.05, 20),
    ];

    /// <summary>
    /// The wards merged on 01/01/2025, absorbed → absorbing (illustrative: the article gives no list;
    /// the counts 11 → 9 phường and 106 → 104 units are what matter).
    /// </summary>
    public static IReadOnlyList<(string Absorbed, string Absorbing)> WardMergers { get; } =
    [
        ("TPTV:Phường 2", "TPTV:Phường 1"),
        ("TPTV:Phường 6", "TPTV:Phường 7"),
    ];

    /// <summary>
    /// The 41 commune-level committees of 01/07/2025 (35 xã, 6 phường). Their names follow the plan;
    /// which old units went into which new one is illustrative.
    /// </summary>
    public static IReadOnlyList<NewCommuneSpec> NewCommunes { get; } =
    [
        new("PH01", UnitSector.Ward, "Trà Vinh", ["TPTV:Phường 1", "TPTV:Phường 3", "TPTV:Phường 4"]),
        new("PH02", UnitSector.Ward, "Long Đức", ["TPTV:Long Đức", "TPTV:Phường 5"]),
        new("PH03", UnitSector.Ward, "Nguyệt Hóa", ["CT:Nguyệt Hóa", "TPTV:Phường 7", "TPTV:Phường 8"]),
        new("PH04", UnitSector.Ward, "Hòa Thuận", ["CT:Hòa Thuận", "TPTV:Phường 9"]),
        new("PH05", UnitSector.Ward, "Duyên Hải", ["DHX:Phường 1", "DHX:Phường 2", "DHX:Long Toàn"]),
        new("PH06", UnitSector.Ward, "Trường Long Hòa", ["DHX:Trường Long Hòa", "DHX:Dân Thành"]),
        new("XA01", UnitSector.Commune, "Long Hữu", ["DHX:Long Hữu", "DHX:Hiệp Thạnh"]),
        new("XA02", UnitSector.Commune, "Càng Long", ["CL:TT Càng Long", "CL:Mỹ Cẩm", "CL:Đại Phước"]),
        new("XA03", UnitSector.Commune, "An Trường", ["CL:An Trường", "CL:An Trường A", "CL:Tân Bình"]),
        new("XA04", UnitSector.Commune, "Tân An", ["CL:Tân An", "CL:Huyền Hội", "CL:Đại Phúc"]),
        new("XA05", UnitSector.Commune, "Nhị Long", ["CL:Nhị Long", "CL:Nhị Long Phú", "CL:Đức Mỹ"]),
        new("XA06", UnitSector.Commune, "Bình Phú", ["CL:Bình Phú", "CL:Phương Thạnh"]),
        new("XA07", UnitSector.Commune, "Cầu Kè", ["CK:TT Cầu Kè", "CK:Hòa Ân", "CK:Châu Điền"]),
        new("XA08", UnitSector.Commune, "Phong Thạnh", ["CK:Phong Thạnh", "CK:Phong Phú", "CK:Thạnh Phú"]),
        new("XA09", UnitSector.Commune, "An Phú Tân", ["CK:An Phú Tân", "CK:Ninh Thới", "CK:Hòa Tân"]),
        new("XA10", UnitSector.Commune, "Tam Ngãi", ["CK:Tam Ngãi", "CK:Thông Hòa"]),
        new("XA11", UnitSector.Commune, "Tiểu Cần", ["TC:TT Tiểu Cần", "TC:Phú Cần", "TC:Hiếu Tử"]),
        new("XA12", UnitSector.Commune, "Tân Hòa", ["TC:TT Cầu Quan", "TC:Tân Hòa", "TC:Long Thới"]),
        new("XA13", UnitSector.Commune, "Hùng Hòa", ["TC:Hùng Hòa", "TC:Tân Hùng", "TC:Ngãi Hùng"]),
        new("XA14", UnitSector.Commune, "Tập Ngãi", ["TC:Tập Ngãi", "TC:Hiếu Trung"]),
        new("XA15", UnitSector.Commune, "Châu Thành", ["CT:TT Châu Thành", "CT:Đa Lộc", "CT:Mỹ Chánh"]),
        new("XA16", UnitSector.Commune, "Song Lộc", ["CT:Song Lộc", "CT:Lương Hòa A"]),
        new("XA17", UnitSector.Commune, "Lương Hòa", ["CT:Lương Hòa", "CT:Thanh Mỹ"]),
        new("XA18", UnitSector.Commune, "Hưng Mỹ", ["CT:Hưng Mỹ", "CT:Phước Hảo"]),
        new("XA19", UnitSector.Commune, "Hòa Minh", ["CT:Hòa Minh", "CT:Long Hòa", "CT:Hòa Lợi"]),
        new("XA20", UnitSector.Commune, "Cầu Ngang", ["CN:TT Cầu Ngang", "CN:Mỹ Hòa", "CN:Thuận Hòa"]),
        new("XA21", UnitSector.Commune, "Mỹ Long", ["CN:TT Mỹ Long", "CN:Mỹ Long Bắc", "CN:Mỹ Long Nam"]),
        new("XA22", UnitSector.Commune, "Vinh Kim", ["CN:Vinh Kim", "CN:Kim Hòa"]),
        new("XA23", UnitSector.Commune, "Nhị Trường", ["CN:Nhị Trường", "CN:Trường Thọ"]),
        new("XA24", UnitSector.Commune, "Hiệp Mỹ", ["CN:Hiệp Mỹ Đông", "CN:Hiệp Mỹ Tây"]),
        new("XA25", UnitSector.Commune, "Long Sơn", ["CN:Long Sơn", "CN:Hiệp Hòa", "CN:Thạnh Hòa Sơn"]),
        new("XA26", UnitSector.Commune, "Trà Cú", ["TCU:TT Trà Cú", "TCU:Ngãi Xuyên", "TCU:Thanh Sơn"]),
        new("XA27", UnitSector.Commune, "Đại An", ["TCU:Đại An", "TCU:TT Định An", "TCU:Định An"]),
        new("XA28", UnitSector.Commune, "Lưu Nghiệp Anh", ["TCU:Lưu Nghiệp Anh", "TCU:An Quảng Hữu"]),
        new("XA29", UnitSector.Commune, "Hàm Giang", ["TCU:Hàm Giang", "TCU:Hàm Tân"]),
        new("XA30", UnitSector.Commune, "Long Hiệp", ["TCU:Long Hiệp", "TCU:Phước Hưng", "TCU:Ngọc Biên"]),
        new("XA31", UnitSector.Commune, "Tập Sơn", ["TCU:Tập Sơn", "TCU:Tân Sơn"]),
        new("XA32", UnitSector.Commune, "Tân Hiệp", ["TCU:Tân Hiệp", "TCU:Kim Sơn"]),
        new("XA33", UnitSector.Commune, "Ngũ Lạc", ["DHH:TT Long Thành", "DHH:Ngũ Lạc", "DHH:Long Khánh"]),
        new("XA34", UnitSector.Commune, "Long Vĩnh", ["DHH:Long Vĩnh", "DHH:Đôn Xuân"]),
        new("XA35", UnitSector.Commune, "Đông Hải", ["DHH:Đông Hải", "DHH:Đôn Châu"]),
    ];

    /// <summary>Communes whose cells plainly struggle (illustrative, so that the dashboards have something to flag).</summary>
    public static IReadOnlyList<string> StrugglingCommunes { get; } = ["CN:Hiệp Mỹ Tây", "TCU:Hàm Tân", "CL:Huyền Hội", "CK:Ninh Thới"];

    /// <summary>The pilot cell of Trà Cú's model (seed article).</summary>
    public const string PilotCommune = "TCU:Phước Hưng";
    public const string PilotHamlet = "Chợ Dưới";

    public static IReadOnlyList<string> DistrictAgencyCells { get; } =
    [
        "Chi cục Thuế khu vực", "Kho bạc Nhà nước", "Bảo hiểm xã hội", "Ngân hàng Chính sách xã hội", "Viện Kiểm sát nhân dân",
        "Tòa án nhân dân", "Chi cục Thi hành án dân sự", "Trung tâm Văn hóa, Thể thao và Truyền thanh", "Điện lực",
        "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", "Ban Quản lý dự án đầu tư xây dựng",
    ];

    public static IReadOnlyList<string> DistrictGovernmentCells { get; } =
    [
        "Văn phòng HĐND và UBND", "Phòng Tài chính - Kế hoạch", "Phòng Nội vụ", "Phòng Tài nguyên và Môi trường",
        "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Giáo dục và Đào tạo", "Phòng Lao động - Thương binh và Xã hội",
        "Phòng Văn hóa và Thông tin", "Phòng Y tế", "Phòng Kinh tế và Hạ tầng", "Phòng Tư pháp", "Thanh tra", "Phòng Dân tộc",
    ];

    public static IReadOnlyList<string> DistrictPartyCells { get; } =
    [
        "Văn phòng cấp ủy", "Ban Tổ chức", "Ban Tuyên giáo", "Ủy ban Kiểm tra", "Ban Dân vận", "Ủy ban MTTQ Việt Nam",
        "Đoàn Thanh niên", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh", "Trung tâm Chính trị",
    ];

    public static IReadOnlyList<string> HealthCentreCells { get; } =
    [
        "Khoa Nội", "Khoa Ngoại", "Khoa Sản", "Khoa Nhi", "Khoa Khám bệnh", "Khoa Dược", "Phòng Kế hoạch - Nghiệp vụ",
        "Khoa Kiểm soát bệnh tật", "Khoa Hồi sức cấp cứu",
    ];

    public static IReadOnlyList<string> AgencyDepartmentCells { get; } =
    [
        "Văn phòng", "Thanh tra", "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính", "Phòng Nghiệp vụ 1",
        "Phòng Nghiệp vụ 2", "Phòng Pháp chế", "Phòng Quản lý chuyên ngành", "Chi cục trực thuộc", "Trung tâm trực thuộc",
        "Phòng Kiểm tra", "Phòng Tổng hợp", "Phòng Nghiệp vụ 3", "Phòng Công nghệ thông tin",
    ];

    public static IReadOnlyList<string> UniversityCells { get; } =
    [
        "Khoa Y - Dược", "Khoa Kỹ thuật và Công nghệ", "Khoa Kinh tế, Luật", "Khoa Nông nghiệp - Thủy sản",
        "Khoa Ngôn ngữ - Văn hóa - Nghệ thuật Khmer Nam Bộ", "Khoa Sư phạm", "Khoa Hóa học ứng dụng", "Phòng Đào tạo",
        "Phòng Tổ chức - Cán bộ", "Phòng Kế hoạch - Tài vụ", "Trung tâm Ngoại ngữ", "Viện Phát triển nguồn lực",
    ];

    public static IReadOnlyList<string> HospitalCells { get; } =
    [
        "Khoa Nội tổng hợp", "Khoa Ngoại tổng hợp", "Khoa Sản", "Khoa Nhi", "Khoa Hồi sức tích cực - Chống độc", "Khoa Cấp cứu",
        "Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh", "Khoa Dược", "Phòng Kế hoạch tổng hợp", "Phòng Điều dưỡng",
        "Phòng Tài chính - Kế toán", "Khoa Nội tim mạch", "Khoa Truyền nhiễm", "Khoa Mắt", "Khoa Răng Hàm Mặt",
        "Khoa Tai Mũi Họng", "Khoa Y học cổ truyền",
    ];

    public static IReadOnlyList<string> MilitaryCells { get; } =
    [
        "Ban Chỉ huy", "Ban Tham mưu", "Ban Chính trị - Hậu cần", "Trung đội dân quân thường trực", "Kho vũ khí", "Đại đội 1",
        "Đại đội 2", "Đại đội 3",
    ];

    public static IReadOnlyList<string> PoliceCells { get; } =
    [
        "Đội Tham mưu - Tổng hợp", "Đội Cảnh sát hình sự", "Đội Cảnh sát giao thông", "Đội An ninh", "Đội Cảnh sát kinh tế",
        "Đội Cảnh sát quản lý hành chính", "Đội Cảnh sát điều tra", "Đội Cảnh sát ma túy",
    ];

    /// <summary>The 91 đảng bộ cơ sở other than communes, besides the three of each district.</summary>
    public static IReadOnlyList<GrassrootsSpec> ProvincialGrassrootsCommittees { get; } = BuildProvincialCommittees();

    /// <summary>Chi bộ cơ sở of the 4 committees directly under the province (140 of the 306).</summary>
    public static IReadOnlyList<GrassrootsSpec> ProvincialGrassrootsCells { get; } = BuildProvincialCells();

    private static List<GrassrootsSpec> BuildProvincialCommittees()
    {
        var list = new List<GrassrootsSpec>();
        void Bloc(UnitSector sector, string name, int cells, IReadOnlyList<string>? names = null, string[]? partial = null) =>
            list.Add(new(BlocCode, UnitKind.GrassrootsCommittee, sector, "Đảng bộ " + name, name, cells, names?.ToArray(), partial));

        Bloc(UnitSector.Agency, "Văn phòng Tỉnh ủy", 6);
        Bloc(UnitSector.Agency, "Văn phòng UBND tỉnh", 6);
        Bloc(UnitSector.Agency, "Sở Giáo dục và Đào tạo", 8);
        Bloc(UnitSector.Agency, "Sở Y tế", 8);
        Bloc(UnitSector.Agency, "Sở Nông nghiệp và Phát triển nông thôn", 12);
        Bloc(UnitSector.Agency, "Sở Tài chính", 5);
        Bloc(UnitSector.Agency, "Sở Kế hoạch và Đầu tư", 5);
        Bloc(UnitSector.Agency, "Sở Tài nguyên và Môi trường", 7);
        Bloc(UnitSector.Agency, "Sở Giao thông vận tải", 6);
        Bloc(UnitSector.Agency, "Sở Lao động - Thương binh và Xã hội", 6);
        Bloc(UnitSector.Agency, "Sở Văn hóa, Thể thao và Du lịch", 7);
        Bloc(UnitSector.Agency, "Cục Thuế tỉnh", 10);
        Bloc(UnitSector.Agency, "Kho bạc Nhà nước tỉnh", 6);
        Bloc(UnitSector.Agency, "Bảo hiểm xã hội tỉnh", 6);
        Bloc(UnitSector.Agency, "Viện Kiểm sát nhân dân tỉnh", 5);
        Bloc(UnitSector.Agency, "Tòa án nhân dân tỉnh", 5);
        Bloc(UnitSector.Agency, "Cục Thi hành án dân sự tỉnh", 5);
        Bloc(UnitSector.Agency, "Ngân hàng Nhà nước Chi nhánh tỉnh", 4);
        Bloc(UnitSector.PublicService, "Trường Đại học Trà Vinh", 30, UniversityCells,
            ["Khoa Y - Dược", "Khoa Kỹ thuật và Công nghệ", "Khối Phòng, Ban"]);
        Bloc(UnitSector.PublicService, "Bệnh viện Đa khoa tỉnh", 18, HospitalCells, ["Khối Nội", "Khối Ngoại"]);
        Bloc(UnitSector.PublicService, "Trường Chính trị tỉnh", 4);
        Bloc(UnitSector.PublicService, "Trường Cao đẳng Nghề Trà Vinh", 5);
        Bloc(UnitSector.PublicService, "Đài Phát thanh và Truyền hình tỉnh", 5);
        Bloc(UnitSector.PublicService, "Báo Trà Vinh", 4);
        Bloc(UnitSector.Enterprise, "Công ty Điện lực Trà Vinh", 10);
        Bloc(UnitSector.Enterprise, "Công ty Cổ phần Dược phẩm TV.Pharm", 6);
        Bloc(UnitSector.Enterprise, "Công ty TNHH MTV Xổ số kiến thiết Trà Vinh", 4);
        Bloc(UnitSector.Enterprise, "Công ty Cổ phần Cấp thoát nước Trà Vinh", 5);
        Bloc(UnitSector.Enterprise, "Viễn thông Trà Vinh", 5);
        Bloc(UnitSector.Enterprise, "Ngân hàng Nông nghiệp và Phát triển nông thôn Chi nhánh tỉnh", 8);

        foreach (var district in Districts)
        {
            list.Add(new(MilitaryCode, UnitKind.GrassrootsCommittee, UnitSector.ArmedForces,
                "Đảng bộ Ban Chỉ huy Quân sự " + district.Label, "BCHQS " + district.ShortName, 4, MilitaryCells.ToArray()));
        }

        list.Add(new(MilitaryCode, UnitKind.GrassrootsCommittee, UnitSector.ArmedForces, "Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh", "Cơ quan BCHQS tỉnh", 8));
        list.Add(new(MilitaryCode, UnitKind.GrassrootsCommittee, UnitSector.ArmedForces, "Đảng bộ Trường Quân sự tỉnh", "Trường Quân sự tỉnh", 4, MilitaryCells.ToArray()));
        list.Add(new(MilitaryCode, UnitKind.GrassrootsCommittee, UnitSector.ArmedForces, "Đảng bộ Tiểu đoàn bộ binh", "Tiểu đoàn bộ binh", 5, MilitaryCells.ToArray()));

        foreach (var district in Districts)
        {
            list.Add(new(PoliceCode, UnitKind.GrassrootsCommittee, UnitSector.ArmedForces,
                "Đảng bộ Công an " + district.Label, "Công an " + district.ShortName, 6, PoliceCells.ToArray()));
        }

        foreach (var name in new[] { "Phòng Cảnh sát hình sự", "Phòng Cảnh sát giao thông", "Phòng Cảnh sát cơ động", "Trại tạm giam", "Phòng Tham mưu" })
        {
            list.Add(new(PoliceCode, UnitKind.GrassrootsCommittee, UnitSector.ArmedForces, "Đảng bộ " + name, name, 4));
        }

        list.Add(new(BorderGuardCode, UnitKind.GrassrootsCommittee, UnitSector.ArmedForces,
            "Đảng bộ Cơ quan Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Cơ quan BĐBP tỉnh", 6));
        foreach (var name in new[] { "Đồn Biên phòng Mỹ Long", "Đồn Biên phòng Long Khánh", "Đồn Biên phòng Trường Long Hòa", "Đồn Biên phòng Định An", "Đồn Biên phòng Đông Hải", "Hải đội Biên phòng 2", "Tiểu đoàn Huấn luyện - Cơ động" })
        {
            list.Add(new(BorderGuardCode, UnitKind.GrassrootsCommittee, UnitSector.ArmedForces, "Đảng bộ " + name, name, 4));
        }

        return list;
    }

    private static List<GrassrootsSpec> BuildProvincialCells()
    {
        var list = new List<GrassrootsSpec>();
        void Add(string upper, UnitSector sector, IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                list.Add(new(upper, UnitKind.GrassrootsCell, sector, "Chi bộ " + name, name));
            }
        }

        Add(BlocCode, UnitSector.Agency,
        [
            "Sở Tư pháp", "Sở Nội vụ", "Sở Công Thương", "Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông", "Sở Xây dựng",
            "Ban Dân tộc tỉnh", "Thanh tra tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Ủy ban MTTQ Việt Nam tỉnh", "Tỉnh đoàn",
            "Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Cựu chiến binh tỉnh", "Liên đoàn Lao động tỉnh",
            "Liên minh Hợp tác xã tỉnh", "Ban Quản lý Khu kinh tế", "Cục Thống kê tỉnh", "Cục Quản lý thị trường",
            "Ngân hàng Chính sách xã hội tỉnh", "Hội Chữ thập đỏ tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật",
            "Hội Văn học Nghệ thuật", "Hội Nhà báo tỉnh", "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp",
            "Ban Quản lý dự án đầu tư xây dựng công trình giao thông", "Chi cục Thủy sản", "Chi cục Thủy lợi", "Chi cục Kiểm lâm",
            "Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Chăn nuôi và Thú y", "Chi cục Dân số - Kế hoạch hóa gia đình",
            "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Văn phòng Điều phối nông thôn mới", "Ban Tiếp công dân tỉnh",
        ]);
        Add(BlocCode, UnitSector.PublicService,
        [
            "Trường THPT Chuyên Nguyễn Thiện Thành", "Trường THPT Phạm Thái Bường", "Trường THPT Thành phố Trà Vinh",
            "Trường Phổ thông Dân tộc nội trú tỉnh", "Trường THPT Càng Long", "Trường THPT Cầu Kè", "Trường THPT Tiểu Cần",
            "Trường THPT Cầu Quan", "Trường THPT Châu Thành", "Trường THPT Hòa Minh", "Trường THPT Cầu Ngang A",
            "Trường THPT Cầu Ngang B", "Trường THPT Nhị Trường", "Trường THPT Trà Cú", "Trường THPT Đại An", "Trường THPT Tập Sơn",
            "Trường THPT Duyên Hải", "Trường THPT Long Hữu", "Trường THPT Long Khánh", "Trường THPT Hiếu Tử",
            "Trường Cao đẳng Y tế", "Trung tâm Kiểm soát bệnh tật tỉnh", "Bệnh viện Lao và Bệnh phổi", "Bệnh viện Y dược cổ truyền",
            "Bệnh viện Sản - Nhi", "Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch", "Thư viện tỉnh", "Bảo tàng tỉnh",
            "Trung tâm Văn hóa Nghệ thuật tỉnh", "Đoàn Nghệ thuật Khmer Ánh Bình Minh", "Trung tâm Dịch vụ việc làm",
            "Trung tâm Công nghệ thông tin và Truyền thông", "Trung tâm Khuyến nông", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn",
            "Trung tâm Phát triển quỹ đất", "Văn phòng Đăng ký đất đai", "Trung tâm Bảo trợ xã hội", "Trung tâm Giám định y khoa",
            "Trung tâm Huấn luyện và Thi đấu thể dục thể thao", "Quỹ Đầu tư phát triển tỉnh",
        ]);
        Add(BlocCode, UnitSector.Enterprise,
        [
            "Công ty Cổ phần Công trình đô thị Trà Vinh", "Công ty Cổ phần Vận tải Trà Vinh", "Công ty Cổ phần Xây dựng Trà Vinh",
            "Công ty TNHH MTV Khai thác công trình thủy lợi", "Công ty Lương thực Trà Vinh", "Công ty Cổ phần Du lịch Trà Vinh",
            "Bưu điện tỉnh", "Ngân hàng TMCP Công thương Chi nhánh Trà Vinh", "Ngân hàng TMCP Đầu tư và Phát triển Chi nhánh Trà Vinh",
            "Ngân hàng TMCP Ngoại thương Chi nhánh Trà Vinh", "Công ty Cổ phần Thủy sản Trà Vinh", "Công ty Cổ phần Môi trường đô thị",
            "Công ty Cổ phần Phát triển nhà Trà Vinh", "Công ty Xăng dầu Trà Vinh", "Mobifone Trà Vinh", "Công ty Cổ phần Cảng Trà Vinh",
            "Công ty Cổ phần Dịch vụ công ích", "Công ty Cổ phần In Trà Vinh", "Công ty Cổ phần Sách - Thiết bị trường học",
            "Công ty Cổ phần Tư vấn xây dựng", "Công ty Bảo Việt Trà Vinh", "Công ty Cổ phần Nông sản thực phẩm",
            "Công ty Cổ phần Giống cây trồng", "Công ty Cổ phần Dược - Vật tư y tế", "Công ty TNHH Nhà máy đường Trà Vinh",
            "Công ty Cổ phần Mía đường Trà Vinh", "Công ty Cổ phần Khai thác đá", "Công ty Cổ phần Cơ khí Trà Vinh",
            "Công ty Cổ phần Bến xe khách", "Công ty Cổ phần Điện gió Đông Hải", "Công ty Cổ phần Năng lượng tái tạo Trà Vinh",
            "Công ty Cổ phần Xuất nhập khẩu Trà Vinh", "Công ty Cổ phần Chế biến dừa", "Công ty TNHH Thủy sản Duyên Hải",
            "Quỹ Tín dụng nhân dân Trà Vinh",
        ]);
        Add(MilitaryCode, UnitSector.ArmedForces,
        [
            "Đại đội trinh sát", "Đại đội thông tin", "Đại đội công binh", "Đại đội pháo binh", "Đội K73", "Kho vũ khí - đạn tỉnh",
            "Bệnh xá quân y", "Ban Chỉ huy Quân sự Khu kinh tế Định An",
        ]);
        Add(PoliceCode, UnitSector.ArmedForces,
        [
            "Phòng An ninh chính trị nội bộ", "Phòng An ninh kinh tế", "Phòng An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao",
            "Phòng Cảnh sát kinh tế", "Phòng Cảnh sát điều tra tội phạm về ma túy", "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
            "Phòng Quản lý xuất nhập cảnh", "Phòng Hậu cần", "Phòng Tổ chức cán bộ", "Phòng Công tác đảng và công tác chính trị",
            "Phòng Hồ sơ", "Phòng Kỹ thuật hình sự", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
            "Phòng Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu", "Phòng Cảnh sát quản lý trại giam",
            "Phòng Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
        ]);
        Add(BorderGuardCode, UnitSector.ArmedForces,
        [
            "Trạm Kiểm soát Biên phòng cửa khẩu cảng Trà Vinh", "Đội Đặc nhiệm phòng, chống ma túy và tội phạm", "Phòng Tham mưu",
            "Phòng Chính trị", "Phòng Hậu cần - Kỹ thuật", "Trạm Biên phòng Cồn Nạn",
        ]);
        return list;
    }
}
