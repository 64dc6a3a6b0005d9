using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>
/// One survey round per quarter (model 4) and anonymous answers from 40–90 % of each cell's eligible
/// members; the favourable share follows the cell's meeting quality.
/// </summary>
internal static class DemoSurveyGenerator
{
    private static readonly string[] Suggestions =
    [
        "Nên gửi tài liệu sớm hơn để đảng viên nghiên cứu trước.",
        "Nội dung sinh hoạt cần gắn với tình hình thực tế của ấp, khóm.",
        "Đề nghị tăng thời gian thảo luận, giảm đọc văn bản.",
        "Cần phân công nhiệm vụ cụ thể hơn cho từng đảng viên.",
        "Sinh hoạt chuyên đề nên chọn chủ đề thiết thực hơn.",
        "Đề nghị cấp ủy cấp trên dự sinh hoạt thường xuyên hơn.",
        "Nên tổ chức sinh hoạt vào buổi tối để đảng viên đi làm dự được.",
        "Cần kiểm tra kết quả thực hiện nghị quyết tháng trước.",
        "Phát huy hơn nữa tinh thần tự phê bình và phê bình.",
        "Đảng viên lớn tuổi cần được hỗ trợ tài liệu in chữ lớn.",
    ];

    public static (List<SurveyRound> Rounds, List<SurveyResponse> Responses) Generate(
        DemoTree tree, IReadOnlyList<Quarter> quarters, MembershipSnapshot[][] rolls, bool[][] thematicHeld, int sourceId)
    {
        var random = DemoRandom.For(4);
        var rounds = new List<SurveyRound>(quarters.Count);
        var responses = new List<SurveyResponse>(tree.Holders.Count * quarters.Count * 12);
        for (var qi = 0; qi < quarters.Count; qi++)
        {
            var quarter = quarters[qi];
            var round = new SurveyRound
            {
                Id = qi + 1,
                QuarterKey = quarter.Key,
                QuestionnaireVersion = Questionnaire.CurrentVersion,
                OpensOn = quarter.End.AddDays(-20),
                ClosesOn = quarter.End,
                SourceId = sourceId,
            };
            rounds.Add(round);
            var years = qi / 4.0;
            for (var h = 0; h < tree.Holders.Count; h++)
            {
                var unit = tree.Holders[h];
                var q = DemoQuality.At(unit, quarter.End);
                var eligible = rolls[h][qi].Members - rolls[h][qi].Exempt;
                var rate = Math.Clamp(0.42 + 0.4 * q + (unit.District?.QualityBias ?? 0) + 0.015 * years + random.Noise(0.05), 0.40, 0.90);
                var count = (int)Math.Round(eligible * rate);
                var favourable = Math.Clamp(0.42 + 0.55 * q + random.Noise(0.03), 0.15, 0.97);
                for (var i = 0; i < count; i++)
                {
                    responses.Add(Answer(random, round.Id, unit.Id, favourable, thematicHeld[h][qi], responses.Count + 1, sourceId));
                }
            }
        }

        return (rounds, responses);
    }

    private static SurveyResponse Answer(Random random, int roundId, int unitId, double p, bool thematicHeld, long id, int sourceId)
    {
        byte? Agreement(double shift)
        {
            var r = random.NextDouble();
            if (r < 0.015)
            {
                return null;
            }

            if (r < 0.035)
            {
                return Questionnaire.Unknown;
            }

            if (random.Chance(Math.Clamp(p + shift, 0.05, 0.99)))
            {
                return random.Chance(0.55) ? (byte)4 : (byte)5;
            }

            return random.NextDouble() switch { < 0.55 => 3, < 0.85 => 2, _ => 1 };
        }

        byte? YesNo(double shift)
        {
            var r = random.NextDouble();
            if (r < 0.01)
            {
                return null;
            }

            if (r < 0.025)
            {
                return Questionnaire.Unknown;
            }

            return random.Chance(Math.Clamp(p + shift, 0.05, 0.99)) ? Questionnaire.Yes : Questionnaire.No;
        }

        byte? Thematic() =>
            thematicHeld
                ? random.Chance(0.03) ? Questionnaire.NotHeld : YesNo(0.03)
                : random.Chance(0.85) ? Questionnaire.NotHeld : YesNo(-0.2);

        return new SurveyResponse
        {
            Id = id,
            RoundId = roundId,
            UnitId = unitId,
            Q1 = YesNo(0.08),
            Q2 = Agreement(0.02),
            Q3 = YesNo(0.05),
            Q4 = Agreement(0.0),
            Q5 = YesNo(-0.12),
            Q6 = Agreement(-0.1),
            Q7 = Agreement(0.04),
            Q8 = Agreement(-0.04),
            Q9 = Agreement(-0.06),
            Q10 = Thematic(),
            Q11 = Agreement(0.0),
            Suggestion = random.Chance(0.03) ? random.Pick(Suggestions) : null,
            SourceId = sourceId,
        };
    }
}
