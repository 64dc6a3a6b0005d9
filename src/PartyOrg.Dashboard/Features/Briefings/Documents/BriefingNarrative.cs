using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// Sentences written from the numbers: "Tỷ lệ đảng viên dự sinh hoạt đạt 94,2 %, tăng 1,3 điểm % so với
/// quý II/2026 và giảm 0,4 điểm % so với cùng kỳ năm trước (quý III/2025)." A change that rounds to zero
/// at the shown precision reads as unchanged; a missing figure says so rather than inventing one.
/// </summary>
public sealed class BriefingNarrative(BriefingTexts texts)
{
    /// <summary>One figure with its changes from the previous quarter and the same quarter last year.</summary>
    public string Figure(BriefingFigure figure, Quarter quarter)
    {
        if (figure.Suppressed)
        {
            return texts.Format("SuppressedSentence", figure.Label);
        }

        if (figure.Current is not { } current)
        {
            return texts.Format("NoValue", figure.Label);
        }

        var opening = texts.Format(figure.Kind == MetricKind.Rate ? "VerbRate" : "VerbCount", figure.Label, texts.Value(current, figure.Kind));
        var previous = Comparison(figure.DeltaPrevious, figure.Kind, texts.QuarterInSentence(quarter.Previous));
        var lastYear = Comparison(figure.DeltaLastYear, figure.Kind, texts.Format("SameQuarterLastYear", texts.QuarterInSentence(quarter.SameQuarterLastYear)));
        return $"{opening}, {previous} {texts["And"]} {lastYear}.";
    }

    private string Comparison(double? delta, MetricKind kind, string other)
    {
        if (delta is not { } d)
        {
            return texts.Format("NoCompare", other);
        }

        var shown = Math.Round(d, kind == MetricKind.Rate ? 1 : 0, MidpointRounding.AwayFromZero);
        return shown switch
        {
            > 0 => texts.Format("Up", texts.Amount(shown, kind), other),
            < 0 => texts.Format("Down", texts.Amount(shown, kind), other),
            _ => texts.Format("Same", other),
        };
    }
}
