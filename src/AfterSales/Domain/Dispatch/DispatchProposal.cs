namespace AfterSales.Domain.Dispatch;

/// <summary>
/// A plan the optimizer proposed for one region and one local day (SCH-4): per job the technician, the place in the
/// day and the planned start, or why it was left out. The dispatcher accepts it as a whole or line by line; nothing
/// changes on the jobs until then. The overnight run marks its proposal with <see cref="OvernightDay"/>, unique per
/// region, so a second instance's insert fails and it does nothing.
/// </summary>
public class DispatchProposal : Entity
{
    private readonly List<DispatchProposalLine> _lines = [];

    private DispatchProposal() { }

    public DispatchProposal(int regionId, DateOnly day, DateTimeOffset createdAt, string createdBy, bool overnight)
    {
        RegionId = regionId;
        Day = day;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
        OvernightDay = overnight ? day : null;
    }

    public int RegionId { get; private set; }
    public DateOnly Day { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    /// <summary>Set only on the overnight run's proposal: (region, overnight day) is unique.</summary>
    public DateOnly? OvernightDay { get; private set; }

    public IReadOnlyCollection<DispatchProposalLine> Lines => _lines.AsReadOnly();

    public DispatchProposalLine AddLine(int workOrderId, int? technicianId, int? sequence, DateTimeOffset? plannedStart, UnassignedReason? reason)
    {
        var line = new DispatchProposalLine(this, workOrderId, technicianId, sequence, plannedStart, reason);
        _lines.Add(line);
        return line;
    }
}

public class DispatchProposalLine : Entity
{
    private DispatchProposalLine() { }

    internal DispatchProposalLine(DispatchProposal proposal, int workOrderId, int? technicianId, int? sequence, DateTimeOffset? plannedStart,
        UnassignedReason? reason)
    {
        Proposal = proposal;
        WorkOrderId = workOrderId;
        TechnicianId = technicianId;
        Sequence = sequence;
        PlannedStart = plannedStart;
        Reason = reason;
    }

    public int ProposalId { get; private set; }
    public DispatchProposal Proposal { get; private set; } = null!;
    public int WorkOrderId { get; private set; }
    /// <summary>Null when the job could not be placed (<see cref="Reason"/> says why).</summary>
    public int? TechnicianId { get; private set; }
    public int? Sequence { get; private set; }
    public DateTimeOffset? PlannedStart { get; private set; }
    public UnassignedReason? Reason { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }

    public void Accept(DateTimeOffset at)
    {
        if (TechnicianId is null) throw new DomainException("DispatchLineNotPlaced");
        if (AcceptedAt is not null) throw new ConflictException("DispatchLineAccepted");
        AcceptedAt = at;
    }
}
