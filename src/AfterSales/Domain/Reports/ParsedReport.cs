namespace AfterSales.Domain.Reports;

/// <summary>A stretch of the message: <see cref="Start"/> is a UTF-16 offset into the text as received.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    public bool Contains(int index) => index >= Start && index < End;
}

/// <summary>The date a technician wrote before the entries (<c>11月27日</c>, <c>2026-11-27</c>, <c>11.27</c>).</summary>
public sealed record ReportDate(int? Year, int Month, int Day);

/// <summary>
/// One job of the day as the technician typed it (RPT-1): <c>A漳州民主路卷压设备,1383838***,更换油管</c>.
/// Text values are as written, with line breaks of a wrapped line removed; spans point into the original text.
/// </summary>
public sealed record ReportEntry
{
    /// <summary>Upper-case letter (A, B, …), or null when the entry had none.</summary>
    public char? Label { get; init; }

    /// <summary>The letter and the punctuation after it (<c>A、</c>), empty when there is no label.</summary>
    public TextSpan LabelSpan { get; init; }

    /// <summary>Place and equipment as written, before the phone: <c>漳州民主路卷压设备</c>.</summary>
    public string Subject { get; init; } = "";
    public TextSpan SubjectSpan { get; init; }

    /// <summary>The subject without the equipment kind, when the kind is one the catalog knows.</summary>
    public string? Place { get; init; }

    /// <summary>The longest known equipment kind the subject ends with (<c>卷压设备</c>), else null.</summary>
    public string? Equipment { get; init; }

    /// <summary>The contact phone as written (<c>138-3838-1234</c>, <c>1383838***</c>), or null when missing.</summary>
    public string? Phone { get; init; }

    /// <summary>The phone's digits only (no country code), <c>*</c> kept for masked digits: <c>1383838***</c>, <c>05962345678</c>.</summary>
    public string? PhoneDigits { get; init; }
    public TextSpan PhoneSpan { get; init; }

    /// <summary>The work done, the rest of the entry: <c>定检(培训)、维护</c>.</summary>
    public string Work { get; init; } = "";
    public TextSpan WorkSpan { get; init; }

    /// <summary>The whole entry, label included, trailing punctuation excluded.</summary>
    public TextSpan Span { get; init; }
}

/// <summary>What can be wrong with a report. The message for each is ReportsText <c>Sms.{Code}</c>.</summary>
public enum ReportProblemCode
{
    /// <summary>Nothing that looks like an entry.</summary>
    NoEntries,
    /// <summary>Text that is neither an entry, nor the date, nor the signature.</summary>
    UnknownFormat,
    MissingLabel,
    DuplicateLabel,
    LabelOutOfOrder,
    EmptyEntry,
    MissingSubject,
    MissingPhone,
    EmptyWork,
}

/// <summary>A problem at a place in the message. Line and column are 1-based; the column counts characters (code points).</summary>
public sealed record ReportProblem(ReportProblemCode Code, TextSpan Span, string Excerpt, IReadOnlyList<string> Arguments)
{
    public int Line { get; init; } = 1;
    public int Column { get; init; } = 1;

    /// <summary>The resource key of the message.</summary>
    public string MessageKey => "Sms." + Code;
}

/// <summary>The result of <see cref="DailyReportParser.Parse"/>: never null, never throws.</summary>
public sealed record ParsedReport(
    IReadOnlyList<ReportEntry> Entries,
    IReadOnlyList<ReportProblem> Problems,
    ReportDate? Date,
    TextSpan? Heading,
    string? Signature,
    TextSpan? SignatureSpan)
{
    public bool IsWellFormed => Problems.Count == 0;
}
