namespace AfterSales.Domain.WorkOrders;

/// <summary>The kinds of job of WO-1.</summary>
public enum WorkOrderKind
{
    Measurement,
    Guidance,
    Installation,
    Maintenance,
    Repair,
    Rework,
    Rectification,
    Inspection,
    Training,
    FollowUp,
}

/// <summary>The states of WO-1. Stored by name.</summary>
public enum WorkOrderState
{
    New,
    Contacted,
    Scheduled,
    EnRoute,
    OnSite,
    Completed,
    Signed,
    Closed,
    WaitingForDepartment,
    Cancelled,
}

/// <summary>How a call to the customer ended.</summary>
public enum ContactOutcome
{
    Reached,
    NoAnswer,
    Busy,
    WrongNumber,
    CallBackLater,
}

/// <summary>Who must be on site for the visit (WO-3), as flags so one job can need several.</summary>
[Flags]
public enum RequiredPresence
{
    None = 0,
    Owner = 1,
    SiteSupervisor = 2,
    Plumber = 4,
    Tiler = 8,
    Electrician = 16,
    Carpenter = 32,
}
