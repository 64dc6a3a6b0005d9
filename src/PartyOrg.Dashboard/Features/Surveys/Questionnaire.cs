namespace PartyOrg.Dashboard.Features.Surveys;

public enum AnswerScale
{
    /// <summary>1 Rất không đồng ý … 5 Rất đồng ý.</summary>
    Agreement = 1,

    /// <summary>Có / Không.</summary>
    YesNo = 2,

    /// <summary>Có / Không / Không tổ chức (question 10).</summary>
    YesNoNotHeld = 3,
}

public sealed record SurveyQuestion(int Number, AnswerScale Scale, string TextVi, string TextEn);

/// <summary>
/// The quarterly questionnaire of DOMAIN.md (version 2021.1). Answer codes: agreement 1–5;
/// yes = 1, no = 2, not held = 3; <see cref="Unknown"/> (0) is "Không rõ" and is never counted.
/// </summary>
public static class Questionnaire
{
    public const string CurrentVersion = "2021.1";

    public const byte Unknown = 0;
    public const byte Yes = 1;
    public const byte No = 2;
    public const byte NotHeld = 3;

    public static IReadOnlyList<SurveyQuestion> Questions { get; } =
    [
        new(1, AnswerScale.YesNo, "Tôi nhận được thời gian, địa điểm và tài liệu trước ít nhất một ngày", "I received the time, place and documents at least one day ahead"),
        new(2, AnswerScale.Agreement, "Nội dung sinh hoạt sát với tình hình thực tế của ấp, khóm, đơn vị", "The content fitted the real situation of the hamlet or unit"),
        new(3, AnswerScale.YesNo, "Buổi sinh hoạt kéo dài ít nhất 90 phút", "The meeting lasted at least 90 minutes"),
        new(4, AnswerScale.Agreement, "Bí thư khuyến khích thảo luận dân chủ, cởi mở", "The secretary encouraged open, democratic discussion"),
        new(5, AnswerScale.YesNo, "Tôi đã phát biểu ít nhất một lần trong quý", "I spoke at least once this quarter"),
        new(6, AnswerScale.Agreement, "Tự phê bình và phê bình thẳng thắn, không nể nang", "Criticism and self-criticism were frank, not out of deference"),
        new(7, AnswerScale.Agreement, "Buổi sinh hoạt kiểm điểm tư tưởng đảng viên, gắn Nghị quyết TW4 (khóa XII) và Chỉ thị 05-CT/TW", "The meeting reviewed members' ideology and applied Resolution TW4 (XII) and Directive 05-CT/TW"),
        new(8, AnswerScale.Agreement, "Nhiệm vụ được phân công cho từng đảng viên (như hộ gia đình phụ trách)", "Tasks were assigned to named members (e.g. households they look after)"),
        new(9, AnswerScale.Agreement, "Nghị quyết tháng trước được kiểm tra kết quả thực hiện", "Last month's resolution was checked against results"),
        new(10, AnswerScale.YesNoNotHeld, "Buổi sinh hoạt chuyên đề trong quý có ích", "The quarterly thematic meeting was useful"),
        new(11, AnswerScale.Agreement, "Hài lòng chung về sinh hoạt chi bộ", "Overall satisfaction"),
    ];

    /// <summary>Whether an answer counts at all (answered and not "Không rõ"; "not held" is not an opinion).</summary>
    public static bool Counts(int question, byte? answer) =>
        answer is { } a && a != Unknown && !(Questions[question - 1].Scale == AnswerScale.YesNoNotHeld && a == NotHeld);

    /// <summary>Favourable: 4–5 on the agreement scale, or "yes".</summary>
    public static bool IsFavourable(int question, byte? answer) =>
        Counts(question, answer) && (Questions[question - 1].Scale == AnswerScale.Agreement ? answer >= 4 : answer == Yes);

    /// <summary>Whether a code is valid for the question's scale.</summary>
    public static bool IsValid(int question, byte answer) => Questions[question - 1].Scale switch
    {
        AnswerScale.Agreement => answer <= 5,
        AnswerScale.YesNo => answer is Unknown or Yes or No,
        _ => answer is Unknown or Yes or No or NotHeld,
    };
}
