namespace AfterSales.Domain.People;

public enum ResignationState
{
    Submitted,
    Approved,
    Rejected,
    Completed,
}

/// <summary>What kind of thing a leaving person held and handed over (HR-3).</summary>
public enum HeldKind
{
    WorkOrder,
    Customer,
    Tool,
    Stock,
    PartReturn,
    Cash,
    Trip,
    Claim,
}

/// <summary>
/// A written resignation (HR-2, 离职申请): the reason and the requested last day, at least the policy's notice ahead;
/// approved or rejected by the person's manager; then the handover (HR-3, 交接): everything the person holds goes to
/// named colleagues, the record is signed by the leaver, each receiving colleague and the manager, and only then is
/// the exit completed.
/// </summary>
public class Resignation : Entity
{
    public const int MaxReasonLength = 1000;
    public const int MaxNoteLength = 1000;
    public const int MaxSignatureLength = 100;

    private readonly List<HandoverItem> _items = [];

    private Resignation() { }

    public Resignation(int staffId, string? reason, DateOnly lastDay, DateOnly today, int noticeDays, DateTimeOffset at)
    {
        Reason = Guard.Required(reason, nameof(Reason));
        if (Reason.Length > MaxReasonLength) throw new DomainException("TextTooLong", MaxReasonLength) { Field = nameof(Reason) };
        var earliest = today.AddDays(noticeDays);
        if (lastDay < earliest)
            throw new DomainException("ResignationNoticeTooShort", noticeDays, earliest.ToString("yyyy-MM-dd")) { Field = nameof(LastDay) };
        StaffId = staffId;
        LastDay = lastDay;
        SubmittedAt = at;
        State = ResignationState.Submitted;
    }

    public string Number => $"LZ{Id:000000}";
    public int StaffId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly LastDay { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public ResignationState State { get; private set; }
    public int? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    public string? LeaverSignature { get; private set; }
    public DateTimeOffset? LeaverSignedAt { get; private set; }
    public int? ManagerSignedById { get; private set; }
    public string? ManagerSignature { get; private set; }
    public DateTimeOffset? ManagerSignedAt { get; private set; }
    public int? CompletedById { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public IReadOnlyCollection<HandoverItem> Items => _items.AsReadOnly();

    public bool IsOpen => State is ResignationState.Submitted or ResignationState.Approved;

    public void Decide(bool approve, string? note, int byId, DateTimeOffset at)
    {
        if (State != ResignationState.Submitted) throw new ConflictException("ResignationState", new LocalizedArgument($"ResignationState.{State}"));
        DecisionNote = Guard.Optional(note);
        if (DecisionNote?.Length > MaxNoteLength) throw new DomainException("TextTooLong", MaxNoteLength) { Field = nameof(DecisionNote) };
        if (!approve && DecisionNote is null) throw new DomainException("ResignationRejectNeedsNote") { Field = nameof(DecisionNote) };
        State = approve ? ResignationState.Approved : ResignationState.Rejected;
        DecidedById = byId;
        DecidedAt = at;
    }

    /// <summary>One held thing moved to a colleague: a new handover entry; the record's signatures start over.</summary>
    public HandoverItem RecordTransfer(HeldKind kind, int referenceId, string description, int quantity, int toStaffId, int byId, DateTimeOffset at)
    {
        RequireApproved();
        if (toStaffId == StaffId) throw new DomainException("HandoverToSelf") { Field = "ToStaffId" };
        var item = new HandoverItem(this, kind, referenceId, description, quantity, toStaffId, byId, at);
        _items.Add(item);
        LeaverSignature = null;
        LeaverSignedAt = null;
        ManagerSignature = null;
        ManagerSignedAt = null;
        ManagerSignedById = null;
        return item;
    }

    public void SignAsLeaver(string name, DateTimeOffset at)
    {
        RequireApproved();
        LeaverSignature = name;
        LeaverSignedAt = at;
    }

    public void SignAsReceiver(int staffId, string name, DateTimeOffset at)
    {
        RequireApproved();
        var mine = _items.Where(i => i.ToStaffId == staffId).ToList();
        if (mine.Count == 0) throw new ForbiddenException("HandoverNotYours");
        foreach (var item in mine) item.Sign(name, at);
    }

    public void SignAsManager(int byId, string name, DateTimeOffset at)
    {
        RequireApproved();
        ManagerSignedById = byId;
        ManagerSignature = name;
        ManagerSignedAt = at;
    }

    /// <summary>Signed by the leaver, every receiving colleague and the manager (nothing handed over: the leaver and the manager).</summary>
    public bool IsSigned => LeaverSignedAt is not null && ManagerSignedAt is not null && _items.All(i => i.ReceiverSignedAt is not null);

    /// <summary>HR-3: only with nothing held (the caller checks) and the record signed.</summary>
    public void Complete(int byId, DateTimeOffset at)
    {
        RequireApproved();
        if (!IsSigned) throw new ConflictException("HandoverNotSigned");
        State = ResignationState.Completed;
        CompletedById = byId;
        CompletedAt = at;
    }

    private void RequireApproved()
    {
        if (State != ResignationState.Approved) throw new ConflictException("ResignationState", new LocalizedArgument($"ResignationState.{State}"));
    }
}

/// <summary>One thing handed over on leaving (HR-3): what, how many, to whom, and the receiving colleague's signature.</summary>
public class HandoverItem : Entity
{
    public const int MaxDescriptionLength = 300;

    private HandoverItem() { }

    internal HandoverItem(Resignation resignation, HeldKind kind, int referenceId, string description, int quantity, int toStaffId, int byId, DateTimeOffset at)
    {
        Resignation = resignation;
        Kind = kind;
        ReferenceId = referenceId;
        Description = description.Length > MaxDescriptionLength ? description[..MaxDescriptionLength] : description;
        Quantity = quantity;
        ToStaffId = toStaffId;
        ById = byId;
        At = at;
    }

    public int ResignationId { get; private set; }
    public Resignation Resignation { get; private set; } = null!;
    public HeldKind Kind { get; private set; }
    /// <summary>The work order, customer or stock item moved.</summary>
    public int ReferenceId { get; private set; }
    public string Description { get; private set; } = "";
    public int Quantity { get; private set; }
    public int ToStaffId { get; private set; }
    public int ById { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ReceiverSignature { get; private set; }
    public DateTimeOffset? ReceiverSignedAt { get; private set; }

    internal void Sign(string name, DateTimeOffset at)
    {
        ReceiverSignature = name;
        ReceiverSignedAt = at;
    }
}
