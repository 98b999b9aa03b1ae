namespace AfterSales.Domain.Reports;

/// <summary>How a report reached the system (RPT-2).</summary>
public enum ReportSource
{
    /// <summary>The SMS gateway's webhook.</summary>
    Gateway,
    /// <summary>Typed or pasted by the technician's manager.</summary>
    Paste,
}

/// <summary>What the system could make of a stored message.</summary>
public enum DailyReportStatus
{
    /// <summary>Stored raw, not yet read (a failure while reading leaves it here; a redelivery reads it again).</summary>
    Received,
    /// <summary>The sender's number belongs to no technician: kept for a person to look at.</summary>
    UnknownSender,
    /// <summary>Read without a problem.</summary>
    WellFormed,
    /// <summary>Read with problems (no entries, missing phone …).</summary>
    Malformed,
}

/// <summary>
/// One daily work report message (RPT-1, RPT-2) as received: stored raw first, whoever sent it and whatever it
/// says, then read by <see cref="DailyReportParser"/> and matched to the technician's jobs of the day.
/// </summary>
public class DailyReport : Entity
{
    public const int MaxTextLength = 4000;
    public const int MaxGatewayIdLength = 100;
    public const int MaxSenderLength = 40;
    private readonly List<DailyReportEntry> _entries = [];

    private DailyReport() { }

    private DailyReport(ReportSource source, string? gatewayId, string senderPhone, DateTimeOffset receivedAt, string text)
    {
        if (text.Length > MaxTextLength) throw new DomainException("TextTooLong", MaxTextLength) { Field = nameof(Text) };
        Source = source;
        GatewayId = gatewayId;
        // Kept as given (it is evidence), cut to the column's size: a number is far shorter.
        SenderPhone = senderPhone.Trim() is var sender && sender.Length > MaxSenderLength ? sender[..MaxSenderLength] : sender;
        ReceivedAt = receivedAt;
        Text = text;
        Status = DailyReportStatus.Received;
    }

    /// <summary>A message delivered by the SMS gateway, under the gateway's own id (unique: a redelivery is the same message).</summary>
    public static DailyReport FromGateway(string gatewayId, string senderPhone, DateTimeOffset receivedAt, string text)
    {
        if (string.IsNullOrWhiteSpace(gatewayId)) throw new DomainException("Required") { Field = nameof(GatewayId) };
        if (gatewayId.Length > MaxGatewayIdLength) throw new DomainException("TextTooLong", MaxGatewayIdLength) { Field = nameof(GatewayId) };
        return new DailyReport(ReportSource.Gateway, gatewayId.Trim(), senderPhone ?? "", receivedAt, text ?? "");
    }

    /// <summary>A message a manager pasted for one of their technicians, for a given day; the sender is the technician.</summary>
    public static DailyReport Pasted(int technicianId, string technicianPhone, DateOnly day, DateTimeOffset receivedAt, string? text, int enteredById)
    {
        var report = new DailyReport(ReportSource.Paste, null, technicianPhone, receivedAt, Guard.Required(text, nameof(Text)))
        {
            EnteredById = enteredById,
        };
        report.AssignTo(technicianId, day);
        return report;
    }

    public ReportSource Source { get; private set; }
    /// <summary>The gateway's message id; null for a pasted message.</summary>
    public string? GatewayId { get; private set; }
    /// <summary>The sender's number as the gateway gave it.</summary>
    public string SenderPhone { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public string Text { get; private set; } = "";
    public int? EnteredById { get; private set; }

    /// <summary>The technician the sender's number belongs to; null while unknown.</summary>
    public int? TechnicianId { get; private set; }
    /// <summary>The local working day the report is about.</summary>
    public DateOnly? Day { get; private set; }
    public DailyReportStatus Status { get; private set; }
    public int ProblemCount { get; private set; }

    public IReadOnlyCollection<DailyReportEntry> Entries => _entries.AsReadOnly();

    public void AssignTo(int technicianId, DateOnly day)
    {
        TechnicianId = technicianId;
        Day = day;
    }

    public void MarkUnknownSender() => Status = DailyReportStatus.UnknownSender;

    /// <summary>Keeps what the parser read, with the job each entry matched (null when none); reading again replaces it.</summary>
    public void Read(ParsedReport parsed, IReadOnlyList<int?> matches)
    {
        if (matches.Count != parsed.Entries.Count) throw new ArgumentException("One match per entry.", nameof(matches));
        _entries.Clear();
        for (var i = 0; i < parsed.Entries.Count; i++) _entries.Add(new DailyReportEntry(this, i + 1, parsed.Entries[i], matches[i]));
        ProblemCount = parsed.Problems.Count;
        Status = parsed.IsWellFormed && parsed.Entries.Count > 0 ? DailyReportStatus.WellFormed : DailyReportStatus.Malformed;
    }
}

/// <summary>One job of a report as the technician wrote it, and the work order it was matched to.</summary>
public class DailyReportEntry : Entity
{
    public const int MaxFieldLength = 500;

    private DailyReportEntry() { }

    internal DailyReportEntry(DailyReport report, int position, ReportEntry entry, int? workOrderId)
    {
        Report = report;
        Position = position;
        Label = entry.Label?.ToString();
        Subject = Cut(entry.Subject);
        Place = entry.Place is null ? null : Cut(entry.Place);
        Equipment = entry.Equipment is null ? null : Cut(entry.Equipment);
        Phone = entry.PhoneDigits is null ? null : Cut(entry.PhoneDigits);
        Work = Cut(entry.Work);
        WorkOrderId = workOrderId;
    }

    public int DailyReportId { get; private set; }
    public DailyReport Report { get; private set; } = null!;
    public int Position { get; private set; }
    public string? Label { get; private set; }
    public string Subject { get; private set; } = "";
    public string? Place { get; private set; }
    public string? Equipment { get; private set; }
    /// <summary>The phone's digits, <c>*</c> for masked ones.</summary>
    public string? Phone { get; private set; }
    public string Work { get; private set; } = "";
    public int? WorkOrderId { get; private set; }

    private static string Cut(string value) => value.Length <= MaxFieldLength ? value : value[..MaxFieldLength];
}

/// <summary>How a technician's report of a day was judged at the window's end (RPT-3, ASM-13).</summary>
public enum ReportVerdict
{
    OnTime,
    Missing,
    Late,
    Early,
    Malformed,
}

/// <summary>
/// The one judgement of a technician's day (RPT-3): unique per technician and local date, so a second run, or a
/// second instance running at the same moment, judges nothing twice and raises no incident twice.
/// </summary>
public class DailyReportJudgement : Entity
{
    private DailyReportJudgement() { }

    public DailyReportJudgement(int technicianId, DateOnly day, ReportVerdict verdict, int? reportId, DateTimeOffset judgedAt)
    {
        TechnicianId = technicianId;
        Day = day;
        Verdict = verdict;
        DailyReportId = reportId;
        JudgedAt = judgedAt;
    }

    public int TechnicianId { get; private set; }
    public DateOnly Day { get; private set; }
    public ReportVerdict Verdict { get; private set; }
    /// <summary>The report judged (the best of the day); null when missing.</summary>
    public int? DailyReportId { get; private set; }
    public DateTimeOffset JudgedAt { get; private set; }
    public int? IncidentId { get; private set; }
    public Assessment.Incident? Incident { get; private set; }

    public bool RaisesIncident => Verdict != ReportVerdict.OnTime;

    /// <summary>The incident kind of the policy (ASM-13) for the verdict; null when on time.</summary>
    public string? IncidentKind => Verdict switch
    {
        ReportVerdict.Missing => "daily_report_missing",
        ReportVerdict.Late => "daily_report_late",
        ReportVerdict.Early or ReportVerdict.Malformed => "daily_report_wrong",
        _ => null,
    };

    public void Raised(Assessment.Incident incident) => Incident = incident;
}
