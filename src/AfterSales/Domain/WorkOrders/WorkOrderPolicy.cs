namespace AfterSales.Domain.WorkOrders;

/// <summary>
/// The work-order values of the policy (WO-2, WO-8). Until the versioned policy document exists they come from
/// configuration (<c>Policy:WorkOrders</c>), with the defaults of REQUIREMENTS.md.
/// </summary>
public sealed record WorkOrderPolicy
{
    /// <summary>WO-2: the customer must be called within this time after the job arrives.</summary>
    public double FirstContactHours { get; init; } = 2;

    public TimeSpan FirstContactWindow => TimeSpan.FromHours(FirstContactHours);
}
