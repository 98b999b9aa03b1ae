namespace AfterSales.Domain.WorkOrders;

public enum ContactPurpose
{
    /// <summary>First contact and later calls to agree the job (WO-2, WO-3).</summary>
    Arrangement,
    /// <summary>The call before leaving for the address (SCH-2).</summary>
    CallAhead,
    /// <summary>An agreed time moved, with the customer's consent (SCH-2).</summary>
    Reschedule,
}

/// <summary>One call with the customer about a job (WO-2, WO-3): what was said and agreed.</summary>
public class WorkOrderContact : Entity
{
    private WorkOrderContact() { }

    internal WorkOrderContact(WorkOrder workOrder, DateTimeOffset at, int staffId, ContactOutcome outcome, string? constructionProgress,
        DateTimeOffset? agreedStart, DateTimeOffset? agreedEnd, RequiredPresence required, string? notes, ContactPurpose purpose)
    {
        Purpose = purpose;
        WorkOrder = workOrder;
        At = at;
        StaffId = staffId;
        Outcome = outcome;
        ConstructionProgress = Guard.Optional(constructionProgress);
        AgreedStart = agreedStart;
        AgreedEnd = agreedEnd;
        Required = required;
        Notes = Guard.Optional(notes);
    }

    public int WorkOrderId { get; private set; }
    public WorkOrder WorkOrder { get; private set; } = null!;
    public ContactPurpose Purpose { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int StaffId { get; private set; }
    public ContactOutcome Outcome { get; private set; }
    /// <summary>Construction progress or site state as the customer described it.</summary>
    public string? ConstructionProgress { get; private set; }
    public DateTimeOffset? AgreedStart { get; private set; }
    public DateTimeOffset? AgreedEnd { get; private set; }
    /// <summary>Who the customer was told must be present.</summary>
    public RequiredPresence Required { get; private set; }
    public string? Notes { get; private set; }
}
