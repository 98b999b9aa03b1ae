namespace AfterSales.Domain.People;

public enum SalesLeadState
{
    New,
    Forwarded,
    Contacted,
    Won,
    Lost,
}

/// <summary>
/// A customer's wish to buy, heard and recorded by a technician (HR-4, 销售线索). It goes to the regional manager of
/// the customer's region, who passes it on or contacts the customer and records how it ended. Technicians do not
/// quote prices: the estimate is what the customer said, not an offer. A won lead may earn its technician a reward,
/// once, within the policy's range; the amount lands on the month's statement naming HR-4 and the policy version.
/// </summary>
public class SalesLead : Entity
{
    public const int MaxWantsLength = 500;
    public const int MaxNoteLength = 1000;

    private SalesLead() { }

    public SalesLead(int customerId, int regionId, int? siteId, string? wants, decimal? estimatedValue, int recordedById, DateTimeOffset at)
    {
        if (customerId <= 0) throw new DomainException("Required") { Field = nameof(CustomerId) };
        Wants = Guard.Required(wants, nameof(Wants));
        if (Wants.Length > MaxWantsLength) throw new DomainException("SalesLeadTooLong", MaxWantsLength) { Field = nameof(Wants) };
        if (estimatedValue is < 0) throw new DomainException("AmountNegative") { Field = nameof(EstimatedValue) };
        CustomerId = customerId;
        RegionId = regionId;
        SiteId = siteId;
        EstimatedValue = estimatedValue;
        RecordedById = recordedById;
        RecordedAt = at;
        State = SalesLeadState.New;
    }

    public string Number => $"XS{Id:000000}";
    public int CustomerId { get; private set; }
    public int RegionId { get; private set; }
    public int? SiteId { get; private set; }
    public string Wants { get; private set; } = "";
    public decimal? EstimatedValue { get; private set; }
    public int RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public SalesLeadState State { get; private set; }
    public int? HandledById { get; private set; }
    public DateTimeOffset? HandledAt { get; private set; }
    public string? OutcomeNote { get; private set; }
    public decimal? OrderValue { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public decimal? Reward { get; private set; }
    public string? RewardPolicyVersion { get; private set; }
    public int? RewardGrantedById { get; private set; }
    public DateTimeOffset? RewardGrantedAt { get; private set; }

    public bool IsOpen => State is SalesLeadState.New or SalesLeadState.Forwarded or SalesLeadState.Contacted;

    /// <summary>The manager passed it on to the sales side.</summary>
    public void Forward(int byId, DateTimeOffset at)
    {
        if (State != SalesLeadState.New) throw new ConflictException("SalesLeadState", new LocalizedArgument($"SalesLeadState.{State}"));
        Handle(SalesLeadState.Forwarded, byId, at);
    }

    /// <summary>The manager (or sales) spoke to the customer.</summary>
    public void MarkContacted(int byId, DateTimeOffset at)
    {
        if (State is not (SalesLeadState.New or SalesLeadState.Forwarded))
            throw new ConflictException("SalesLeadState", new LocalizedArgument($"SalesLeadState.{State}"));
        Handle(SalesLeadState.Contacted, byId, at);
    }

    /// <summary>The customer bought: the order's value is required (it is what a reward is weighed against).</summary>
    public void Win(decimal? orderValue, string? note, int byId, DateTimeOffset at)
    {
        RequireOpen();
        if (orderValue is null) throw new DomainException("Required") { Field = nameof(OrderValue) };
        if (orderValue <= 0) throw new DomainException("SalesLeadOrderValueNotPositive") { Field = nameof(OrderValue) };
        OrderValue = orderValue;
        Close(SalesLeadState.Won, note, byId, at);
    }

    public void Lose(string? note, int byId, DateTimeOffset at)
    {
        RequireOpen();
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException("Required") { Field = nameof(OutcomeNote) };
        Close(SalesLeadState.Lost, note, byId, at);
    }

    /// <summary>HR-4: once, for a won lead, by someone other than its technician, within the policy's range.</summary>
    public void GrantReward(decimal? amount, decimal min, decimal max, string policyVersion, int byId, DateTimeOffset at)
    {
        if (State != SalesLeadState.Won) throw new ConflictException("SalesLeadNotWon");
        if (Reward is not null) throw new ConflictException("SalesLeadRewarded");
        if (byId == RecordedById) throw new ForbiddenException("SalesLeadOwnReward");
        if (amount is null) throw new DomainException("Required") { Field = nameof(Reward) };
        if (amount < min || amount > max) throw new DomainException("AmountOutsideRange", min, max) { Field = nameof(Reward) };
        Reward = amount;
        RewardPolicyVersion = policyVersion;
        RewardGrantedById = byId;
        RewardGrantedAt = at;
    }

    private void RequireOpen()
    {
        if (!IsOpen) throw new ConflictException("SalesLeadState", new LocalizedArgument($"SalesLeadState.{State}"));
    }

    private void Handle(SalesLeadState state, int byId, DateTimeOffset at)
    {
        State = state;
        HandledById = byId;
        HandledAt = at;
    }

    private void Close(SalesLeadState state, string? note, int byId, DateTimeOffset at)
    {
        OutcomeNote = Guard.Optional(note);
        if (OutcomeNote?.Length > MaxNoteLength) throw new DomainException("SalesLeadTooLong", MaxNoteLength) { Field = nameof(OutcomeNote) };
        ClosedAt = at;
        Handle(state, byId, at);
    }
}

/// <summary>
/// A person's acknowledgement that they have read the policy version in force and will follow it, conduct rules
/// included (HR-5, POL-1): once per person and version. The version is named by its label ("0" is the shipped one).
/// </summary>
public class PolicyAcknowledgement
{
    private PolicyAcknowledgement() { }

    public PolicyAcknowledgement(int staffId, string policyVersion, DateTimeOffset at)
    {
        StaffId = staffId;
        PolicyVersion = policyVersion;
        AcknowledgedAt = at;
    }

    public int Id { get; private set; }
    public int StaffId { get; private set; }
    public string PolicyVersion { get; private set; } = "";
    public DateTimeOffset AcknowledgedAt { get; private set; }
}
