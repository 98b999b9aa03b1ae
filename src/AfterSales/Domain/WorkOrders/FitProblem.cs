namespace AfterSales.Domain.WorkOrders;

/// <summary>
/// WO-6: the product chosen does not fit the site. The technician says what is wrong and recommends an
/// alternative; the store that sold it is told.
/// </summary>
public class FitProblem : Entity
{
    private FitProblem() { }

    internal FitProblem(WorkOrder workOrder, int? itemId, string problem, string alternative, int reportedById, DateTimeOffset reportedAt)
    {
        WorkOrder = workOrder;
        WorkOrderItemId = itemId;
        Problem = Guard.Required(problem, nameof(Problem));
        Alternative = Guard.Required(alternative, nameof(Alternative));
        if (Problem.Length > 1000) throw new DomainException("TextTooLong", 1000) { Field = nameof(Problem) };
        if (Alternative.Length > 1000) throw new DomainException("TextTooLong", 1000) { Field = nameof(Alternative) };
        ReportedById = reportedById;
        ReportedAt = reportedAt;
    }

    public int WorkOrderId { get; private set; }
    public WorkOrder WorkOrder { get; private set; } = null!;
    public int? WorkOrderItemId { get; private set; }
    public string Problem { get; private set; } = "";
    public string Alternative { get; private set; } = "";
    public int ReportedById { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
}

/// <summary>WO-4: another specialist who joins the job's visits; they see and work on the job with its technician.</summary>
public class WorkOrderHelper : Entity
{
    private WorkOrderHelper() { }

    internal WorkOrderHelper(WorkOrder workOrder, int staffId, DateTimeOffset addedAt)
    {
        WorkOrder = workOrder;
        StaffId = staffId;
        AddedAt = addedAt;
    }

    public int WorkOrderId { get; private set; }
    public WorkOrder WorkOrder { get; private set; } = null!;
    public int StaffId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}
