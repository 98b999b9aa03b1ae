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

    /// <summary>VIS-1: the pre-departure checklist per kind; kinds not named use <see cref="DefaultPreDeparture"/>.</summary>
    public Dictionary<WorkOrderKind, string[]> PreDeparture { get; init; } = new()
    {
        [WorkOrderKind.Measurement] = ["ProductList", "Drawings", "MeasuringTools", "Notebook", "RecordForm", "ShoeCovers"],
        [WorkOrderKind.Guidance] = ["ProductList", "Drawings", "MeasuringTools", "Notebook", "RecordForm", "ShoeCovers"],
        [WorkOrderKind.Installation] = ["GoodsUnboxedChecked", "Tools", "Accessories", "RecordForm"],
    };

    public string[] DefaultPreDeparture { get; init; } = ["Tools", "RecordForm", "ShoeCovers"];

    /// <summary>VIS-6: the completion checklist of every visit.</summary>
    public string[] Completion { get; init; } = ["RubbishRemoved", "FurnitureRestored", "ProductsCleaned"];

    /// <summary>SCH-3: kinds whose job is released for loading only after the customer's day-before confirmation.</summary>
    public WorkOrderKind[] NeedDayBeforeConfirmation { get; init; } = [WorkOrderKind.Installation];

    /// <summary>WO-7: limits of the repair classes.</summary>
    public decimal MinorRepairMaxHours { get; init; } = 4;
    public decimal MediumRepairMaxPersonDays { get; init; } = 2;
    public int MajorRepairMinPeople { get; init; } = 3;
    public decimal WorkdayHours { get; init; } = 8;

    /// <summary>WO-8: a repair redone for the same cause on the same equipment within this many days is a rework.</summary>
    public int ReworkWindowDays { get; init; } = 90;

    /// <summary>SCH-2: the call ahead must be at most this long before departure.</summary>
    public double CallAheadValidHours { get; init; } = 12;

    public TimeSpan CallAheadValidity => TimeSpan.FromHours(CallAheadValidHours);

    /// <summary>VIS-3: a check-in farther than this from the site's coordinates (beyond the phone's accuracy) is flagged.</summary>
    public double CheckInToleranceMeters { get; init; } = 500;

    public string[] PreDepartureFor(WorkOrderKind kind) => PreDeparture.TryGetValue(kind, out var items) ? items : DefaultPreDeparture;
}
