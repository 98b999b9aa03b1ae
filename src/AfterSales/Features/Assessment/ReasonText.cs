using AfterSales.Domain.Assessment;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment;

/// <summary>
/// A statement line's reason in the reader's language: its parts joined, with kinds, periods, classes and flags named.
/// A fixed amount needs no words beyond the kind and the occurrence.
/// </summary>
public static class ReasonText
{
    public static string Of(AssessmentLine line, IStringLocalizer<AssessmentText> text) =>
        string.Join("，", line.Reason.Where(part => part.Code != "Reason.Fixed").Select(part => Part(part, line, text)));

    public static string Kind(string kind, IStringLocalizer<AssessmentText> text) => Named(text, $"Kind.{kind}", kind);

    public static string Flag(string flag, IStringLocalizer<AssessmentText> text) => Named(text, $"Flag.{flag}", flag);

    private static string Part(ReasonPart part, AssessmentLine line, IStringLocalizer<AssessmentText> text)
    {
        var args = part.Arguments;
        return part.Code switch
        {
            "Reason.Kind" => Kind((string)args[0], text),
            "Reason.Occurrence" => text[part.Code, Kind((string)args[0], text), args[1], Named(text, $"Period.{args[2]}", (string)args[2])],
            "Reason.RepairClassExempt" => text[part.Code, Named(text, $"RepairClass.{args[0]}", (string)args[0])],
            "Reason.Flags" => string.Join("、", line.Flags.Select(f => Flag(f, text))),
            _ => text[part.Code, args],
        };
    }

    private static string Named(IStringLocalizer<AssessmentText> text, string key, string fallback)
    {
        var named = text[key];
        return named.ResourceNotFound ? fallback : named.Value;
    }
}
