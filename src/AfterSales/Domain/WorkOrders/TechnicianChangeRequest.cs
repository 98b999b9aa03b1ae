namespace AfterSales.Domain.WorkOrders;

public enum ChangeRequestState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// WO-4: one customer, one technician to the end. Handing a job to another technician mid-way is asked for with a
/// reason and takes effect only when a manager approves it.
/// </summary>
public class TechnicianChangeRequest : Entity
{
    private TechnicianChangeRequest() { }

    internal TechnicianChangeRequest(WorkOrder workOrder, int fromTechnicianId, int toTechnicianId, string reason, bool forCustomer,
        int requestedById, DateTimeOffset requestedAt)
    {
        if (fromTechnicianId == toTechnicianId) throw new DomainException("SameTechnician") { Field = "TechnicianId" };
        WorkOrder = workOrder;
        FromTechnicianId = fromTechnicianId;
        ToTechnicianId = toTechnicianId;
        Reason = Guard.Required(reason, nameof(Reason));
        if (Reason.Length > 500) throw new DomainException("TextTooLong", 500) { Field = nameof(Reason) };
        ForCustomer = forCustomer;
        RequestedById = requestedById;
        RequestedAt = requestedAt;
        State = ChangeRequestState.Pending;
    }

    public int WorkOrderId { get; private set; }
    public WorkOrder WorkOrder { get; private set; } = null!;
    public int FromTechnicianId { get; private set; }
    public int ToTechnicianId { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>The customer's later jobs go to the new technician too (the customer changes hands, not just this job).</summary>
    public bool ForCustomer { get; private set; }
    public int RequestedById { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public ChangeRequestState State { get; private set; }
    public int? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }

    internal void Decide(bool approve, int managerId, DateTimeOffset at, string? note)
    {
        if (State != ChangeRequestState.Pending) throw new ConflictException("ChangeRequestDecided");
        if (!approve && string.IsNullOrWhiteSpace(note)) throw new DomainException("Required") { Field = "Note" };
        State = approve ? ChangeRequestState.Approved : ChangeRequestState.Rejected;
        DecidedById = managerId;
        DecidedAt = at;
        DecisionNote = Guard.Optional(note);
    }
}
