namespace AfterSales.Domain.WorkOrders;

public enum ChecklistPhase
{
    /// <summary>VIS-1: what to bring and check before leaving; departure waits for it.</summary>
    PreDeparture,
    /// <summary>VIS-6: the site as it is left; completion waits for it.</summary>
    Completion,
}

/// <summary>One line of a job's checklist, named by a code of the policy (e.g. "ShoeCovers").</summary>
public class ChecklistItem : Entity
{
    private ChecklistItem() { }

    internal ChecklistItem(WorkOrder workOrder, ChecklistPhase phase, string code, int position)
    {
        WorkOrder = workOrder;
        Phase = phase;
        Code = code;
        Position = position;
    }

    public int WorkOrderId { get; private set; }
    public WorkOrder WorkOrder { get; private set; } = null!;
    public ChecklistPhase Phase { get; private set; }
    public string Code { get; private set; } = "";
    public int Position { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public int? DoneById { get; private set; }

    public bool IsDone => DoneAt is not null;

    internal void Tick(DateTimeOffset at, int staffId)
    {
        DoneAt ??= at;
        DoneById ??= staffId;
    }

    internal void Untick()
    {
        DoneAt = null;
        DoneById = null;
    }
}
