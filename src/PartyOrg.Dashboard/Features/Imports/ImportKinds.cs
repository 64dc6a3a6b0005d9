using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespaceanddescendants", Target = "~N:PartyOrg.Dashboard.Features.Imports",
    Justification = "The feature is called imports everywhere (UI, CLI, docs); the app is C# only.")]

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>How a column's cells are read.</summary>
public enum ColumnType
{
    /// <summary>Free text, kept as typed (NFC), never evaluated.</summary>
    Text = 1,

    /// <summary>A code (unit, practice, member): trimmed text without spaces.</summary>
    Code = 2,

    /// <summary>dd/MM/yyyy or yyyy-MM-dd.</summary>
    Date = 3,

    /// <summary>A whole number.</summary>
    WholeNumber = 4,

    /// <summary>A number with a decimal comma or point.</summary>
    Number = 5,

    /// <summary>yes/no (also có/không, 1/0, true/false).</summary>
    Boolean = 6,

    /// <summary>One of <see cref="ImportColumn.Choices"/>.</summary>
    Choice = 7,

    /// <summary>A quarter as YYYY-Qn.</summary>
    Quarter = 8,
}

/// <summary>
/// One column of an import file. The same definition drives the parser, the validation, the templates
/// (header and the Vietnamese notes sheet) and docs/imports.md.
/// </summary>
/// <param name="Name">The header in the file: ASCII snake_case.</param>
/// <param name="Label">The Vietnamese label shown on the notes sheet.</param>
/// <param name="Note">The Vietnamese note: meaning, allowed values, format.</param>
/// <param name="Required">Whether every row must fill it (the header must always have every column).</param>
public sealed record ImportColumn(string Name, ColumnType Type, bool Required, string Label, string Note, IReadOnlyList<string>? Choices = null)
{
    public string Example { get; init; } = string.Empty;
}

/// <summary>An import kind: its name in the UI, the CLI and the docs, and its columns in file order.</summary>
public sealed record ImportKind(string Name, string Title, string Description, IReadOnlyList<ImportColumn> Columns)
{
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"{Name} has no column {column}.", nameof(column));
    }
}

/// <summary>The six import kinds and their column layouts.</summary>
public static class ImportKinds
{
    public const string Units = "units";
    public const string Membership = "membership";
    public const string Meetings = "meetings";
    public const string Attendance = "attendance";
    public const string Survey = "survey";
    public const string Adoptions = "adoptions";

    private const string DateNote = "Ngày dạng dd/MM/yyyy (31/07/2026) hoặc yyyy-MM-dd (2026-07-31).";
    private const string CountNote = "Số nguyên ≥ 0.";
    private const string BoolNote = "yes/no (cũng nhận có/không, 1/0).";

    public static IReadOnlyList<string> UnitKinds { get; } =
        ["province", "upper_committee", "grassroots_committee", "grassroots_cell", "partial_committee", "cell", "party_group"];

    public static IReadOnlyList<string> UnitSectors { get; } =
        ["none", "district", "commune", "ward", "township", "agency", "public_service", "enterprise", "armed_forces", "hamlet", "bloc"];

    public static IReadOnlyList<string> UnitActions { get; } = ["new", "rename", "move", "merge", "split", "dissolve"];

    public static IReadOnlyList<string> MeetingKinds { get; } = ["regular", "thematic", "combined"];

    public static IReadOnlyList<string> MeetingModes { get; } = ["in_person", "online", "party_groups", "cluster"];

    public static IReadOnlyList<string> AttendanceStatuses { get; } = ["present", "absent_with_reason", "absent_without_reason"];

    public static IReadOnlyList<string> AdoptionStages { get; } = ["planned", "pilot", "adopted", "replicated", "stopped"];

    private static ImportColumn UnitCode(string note = "Mã đơn vị (chi bộ) như trong hệ thống, ví dụ TC-HH-A3.") =>
        new("unit_code", ColumnType.Code, true, "Mã đơn vị", note) { Example = "TC-HH-A3" };

    private static ImportColumn Count(string name, string label, string note = CountNote, bool required = true) =>
        new(name, ColumnType.WholeNumber, required, label, note) { Example = "0" };

    public static ImportKind UnitsKind { get; } = new(
        Units,
        "Thay đổi tổ chức",
        "Một dòng cho mỗi thay đổi của cây tổ chức, theo thứ tự ngày hiệu lực: thành lập, đổi tên, chuyển trực thuộc, hợp nhất, chia tách, giải thể. Đủ để dựng cả tỉnh từ cơ sở dữ liệu trống (thành lập đơn vị cha trước đơn vị con).",
        [
            new("effective_date", ColumnType.Date, true, "Ngày hiệu lực", DateNote) { Example = "01/07/2025" },
            new("action", ColumnType.Choice, true, "Thay đổi",
                "new = thành lập; rename = đổi tên; move = chuyển trực thuộc (parent_code mới); merge = hợp nhất vào successor_code; split = chia tách (một dòng cho mỗi đơn vị kế thừa successor_code); dissolve = giải thể.",
                UnitActions) { Example = "new" },
            new("code", ColumnType.Code, true, "Mã đơn vị", "Mã ổn định, không trùng, tối đa 32 ký tự (chữ, số, - và _).") { Example = "TC-HH-A3" },
            new("name", ColumnType.Text, false, "Tên đầy đủ", "Bắt buộc với new và rename, ví dụ “Chi bộ ấp 3”.") { Example = "Chi bộ ấp 3" },
            new("short_name", ColumnType.Text, false, "Tên ngắn", "Tên dùng trên biểu đồ; để trống thì dùng tên đầy đủ (new) hoặc giữ tên ngắn cũ (rename).") { Example = "Ấp 3" },
            new("kind", ColumnType.Choice, false, "Loại tổ chức",
                "Bắt buộc với new: province = Đảng bộ tỉnh; upper_committee = đảng bộ trực thuộc Tỉnh ủy; grassroots_committee = đảng bộ cơ sở; grassroots_cell = chi bộ cơ sở; partial_committee = đảng bộ bộ phận; cell = chi bộ trực thuộc; party_group = tổ đảng.",
                UnitKinds) { Example = "cell" },
            new("sector", ColumnType.Choice, false, "Lĩnh vực",
                "Với new (để trống = none): district = cấp huyện; commune = xã; ward = phường; township = thị trấn; agency = cơ quan; public_service = đơn vị sự nghiệp; enterprise = doanh nghiệp; armed_forces = lực lượng vũ trang; hamlet = ấp, khóm; bloc = khối.",
                UnitSectors) { Example = "hamlet" },
            new("parent_code", ColumnType.Code, false, "Mã đơn vị cấp trên", "Bắt buộc với new (trừ đảng bộ tỉnh) và move: đơn vị trực thuộc từ ngày hiệu lực.") { Example = "TC-HH" },
            new("successor_code", ColumnType.Code, false, "Mã đơn vị kế thừa", "Bắt buộc với merge và split: đơn vị nhận lại (phải tồn tại vào ngày hiệu lực, có thể được thành lập ở dòng trước).") { Example = string.Empty },
            new("note", ColumnType.Text, false, "Ghi chú", "Căn cứ (số quyết định…), tối đa 500 ký tự.") { Example = "QĐ 123-QĐ/TU" },
        ]);

    public static ImportKind MembershipKind { get; } = new(
        Membership,
        "Số lượng đảng viên",
        "Số đảng viên của mỗi chi bộ vào cuối quý. Một dòng cho mỗi chi bộ và quý; một dòng khác số đã lưu sẽ thay số cũ.",
        [
            UnitCode(),
            new("quarter", ColumnType.Quarter, true, "Quý", "Quý dạng YYYY-Qn, ví dụ 2026-Q3.") { Example = "2026-Q3" },
            Count("members", "Tổng số đảng viên", "Số nguyên ≥ 0: tổng số đảng viên cuối quý.") with { Example = "24" },
            Count("exempt", "Miễn sinh hoạt", "Số đảng viên được miễn công tác và sinh hoạt đảng (≤ members).") with { Example = "2" },
            Count("probationary", "Dự bị", "Số đảng viên dự bị (≤ members).") with { Example = "1" },
            Count("women", "Nữ", "Số đảng viên nữ (≤ members).") with { Example = "9" },
            Count("ethnic_minority", "Dân tộc thiểu số", "Số đảng viên dân tộc thiểu số (≤ members).") with { Example = "5" },
        ]);

    public static ImportKind MeetingsKind { get; } = new(
        Meetings,
        "Sinh hoạt chi bộ",
        "Một dòng cho mỗi buổi sinh hoạt chi bộ, với số dự họp theo Hướng dẫn 12-HD/BTCTW. Khóa: đơn vị + ngày + loại.",
        [
            UnitCode("Mã chi bộ (chi bộ trực thuộc hoặc chi bộ cơ sở) đã sinh hoạt."),
            new("date", ColumnType.Date, true, "Ngày họp", DateNote + " Không được sau hôm nay, phải trong thời gian tồn tại của chi bộ.") { Example = "10/07/2026" },
            new("kind", ColumnType.Choice, true, "Loại sinh hoạt", "regular = thường kỳ; thematic = chuyên đề; combined = thường kỳ kết hợp chuyên đề.", MeetingKinds) { Example = "regular" },
            new("mode", ColumnType.Choice, true, "Hình thức", "in_person = trực tiếp; online = trực tuyến; party_groups = theo tổ đảng; cluster = theo nhóm, cụm.", MeetingModes) { Example = "in_person" },
            new("duration_minutes", ColumnType.WholeNumber, true, "Thời lượng (phút)", "Số phút, > 0 và ≤ 1440.") { Example = "95" },
            new("documents_ahead", ColumnType.Boolean, true, "Gửi tài liệu trước", "Thời gian, địa điểm, tài liệu gửi trước ít nhất 1 ngày: " + BoolNote) { Example = "yes" },
            new("upper_level_attended", ColumnType.Boolean, true, "Cấp ủy cấp trên dự", "Có cấp ủy viên cấp trên dự: " + BoolNote) { Example = "no" },
            Count("expected", "Phải có mặt", "Đảng viên phải dự (không tính người được miễn), cộng người được miễn có dự; > 0. expected = present + absent_with_reason + absent_without_reason.") with { Example = "20" },
            Count("present", "Có mặt", "Số có mặt, kể cả người được miễn có dự; ≤ expected.") with { Example = "18" },
            Count("absent_with_reason", "Vắng có lý do") with { Example = "2" },
            Count("absent_without_reason", "Vắng không lý do") with { Example = "0" },
            Count("exempt_attended", "Miễn nhưng có dự", "Người được miễn sinh hoạt mà vẫn dự (tính trong expected và present); ≤ present.") with { Example = "0" },
            Count("speakers", "Số người phát biểu", "≤ present.") with { Example = "6" },
            new("score", ColumnType.Number, false, "Điểm đánh giá", "Điểm chấm theo thang 100 (0–100), dấu thập phân là phẩy hoặc chấm, làm tròn đến số nguyên; để trống nếu không chấm.") { Example = "85" },
        ]);

    public static ImportKind AttendanceKind { get; } = new(
        Attendance,
        "Điểm danh từng đảng viên",
        "Không bắt buộc: một dòng cho mỗi đảng viên ở một buổi sinh hoạt đã có trong hệ thống, bằng mã đảng viên ẩn danh (không ghi họ tên). Khóa: buổi họp + mã đảng viên.",
        [
            UnitCode("Mã chi bộ của buổi họp."),
            new("date", ColumnType.Date, true, "Ngày họp", DateNote) { Example = "10/07/2026" },
            new("kind", ColumnType.Choice, true, "Loại sinh hoạt", "regular, thematic hoặc combined (như tệp sinh hoạt chi bộ).", MeetingKinds) { Example = "regular" },
            new("member_code", ColumnType.Code, true, "Mã đảng viên", "Mã ẩn danh, tối đa 32 ký tự; không ghi họ tên.") { Example = "DV-0012" },
            new("status", ColumnType.Choice, true, "Tình trạng", "present = có mặt; absent_with_reason = vắng có lý do; absent_without_reason = vắng không lý do.", AttendanceStatuses) { Example = "present" },
        ]);

    public static ImportKind SurveyKind { get; } = new(
        Survey,
        "Phiếu khảo sát",
        "Một dòng cho mỗi phiếu trả lời (ẩn danh) của đảng viên trong đợt khảo sát quý. Câu 1, 3, 5: 1 = có, 2 = không; câu 10: 1 = có, 2 = không, 3 = không tổ chức; các câu còn lại 1 (rất không đồng ý) … 5 (rất đồng ý); 0 = không rõ; để trống = không trả lời. Cùng một tệp nhập hai lần không được thêm lần thứ hai.",
        [
            UnitCode("Mã chi bộ của đảng viên trả lời."),
            new("quarter", ColumnType.Quarter, true, "Quý khảo sát", "Quý dạng YYYY-Qn; đợt khảo sát của quý được tạo nếu chưa có.") { Example = "2026-Q3" },
            .. Enumerable.Range(1, 11).Select(q => new ImportColumn(
                $"q{q}", ColumnType.WholeNumber, false, $"Câu {q}",
                Surveys.Questionnaire.Questions[q - 1].TextVi + ". " + Surveys.Questionnaire.Questions[q - 1].Scale switch
                {
                    Surveys.AnswerScale.Agreement => "0 = không rõ, 1–5 = rất không đồng ý … rất đồng ý.",
                    Surveys.AnswerScale.YesNo => "0 = không rõ, 1 = có, 2 = không.",
                    _ => "0 = không rõ, 1 = có, 2 = không, 3 = không tổ chức.",
                }) { Example = Surveys.Questionnaire.Questions[q - 1].Scale == Surveys.AnswerScale.Agreement ? "4" : "1" }),
            new("suggestion", ColumnType.Text, false, "Câu 12: góp ý", "Góp ý tự do, tối đa 2000 ký tự.") { Example = string.Empty },
        ]);

    public static ImportKind AdoptionsKind { get; } = new(
        Adoptions,
        "Nhân rộng mô hình, cách làm",
        "Một dòng cho mỗi lần một đơn vị áp dụng một mô hình, cách làm của danh mục. Khóa: mô hình + đơn vị + ngày bắt đầu.",
        [
            new("practice_code", ColumnType.Code, true, "Mã mô hình", "Mã trong danh mục mô hình, cách làm (ví dụ M04).") { Example = "M04" },
            UnitCode("Mã đơn vị áp dụng."),
            new("stage", ColumnType.Choice, true, "Giai đoạn", "planned = dự kiến; pilot = thí điểm; adopted = đã áp dụng; replicated = đã nhân rộng xuống cấp dưới; stopped = đã dừng.", AdoptionStages) { Example = "adopted" },
            new("started_on", ColumnType.Date, true, "Ngày bắt đầu", DateNote + " Không được sau hôm nay.") { Example = "01/03/2026" },
            new("ended_on", ColumnType.Date, false, "Ngày kết thúc", DateNote + " Để trống nếu còn áp dụng; sau ngày bắt đầu.") { Example = string.Empty },
            new("notes", ColumnType.Text, false, "Ghi chú", "Tối đa 1000 ký tự.") { Example = string.Empty },
        ]);

    public static IReadOnlyList<ImportKind> All { get; } = [UnitsKind, MembershipKind, MeetingsKind, AttendanceKind, SurveyKind, AdoptionsKind];

    public static ImportKind? Find(string? name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
