using AfterSales.Domain.WorkOrders;

namespace AfterSales.Features.WorkOrders;

public sealed record WorkOrderDto(int Id, WorkOrderKind Kind, WorkOrderState State, int CustomerId, string CustomerName,
    int SiteId, string SiteAddress, int RegionId, int? TechnicianId, string? TechnicianName, string Description,
    DateTimeOffset ReceivedAt, DateTimeOffset FirstContactDueAt, DateTimeOffset? FirstContactAt, bool FirstContactOverdue,
    DateTimeOffset? AppointmentStart, DateTimeOffset? AppointmentEnd, RequiredPresence Required, bool ArrivedLate,
    string? WaitingForDepartment, string? WaitingQuestion, string? DepartmentAnswer, string? DepartmentConfirmedBy,
    string? CancelReason, bool NeedsDayBeforeConfirmation, DateTimeOffset? DayBeforeConfirmedAt, string? DayBeforeConfirmedBy,
    string? Cause, RepairClass? RepairClass, string? RepairClassOverrideReason, int? ReworkOfId, DateTimeOffset? CalledAheadAt,
    DateTimeOffset? GoodsOnTheWayAt, int Version)
{
    public string Number => $"WO{Id:000000}";
}

public sealed record ContactDto(int Id, DateTimeOffset At, int StaffId, string StaffName, ContactPurpose Purpose, ContactOutcome Outcome, string? ConstructionProgress,
    DateTimeOffset? AgreedStart, DateTimeOffset? AgreedEnd, RequiredPresence Required, string? Notes);

public sealed record ItemDto(int Id, int? ProductId, string? ProductName, int? EquipmentId, string? SerialNumber, int Quantity);

public sealed record ChecklistItemDto(int Id, ChecklistPhase Phase, string Code, DateTimeOffset? DoneAt, string? DoneBy);

/// <summary>A job with its whole story; <c>MayWork</c>: whether the caller may act on it (its technician, a helper, a manager of its region), not only read it.</summary>
public sealed record WorkOrderDetailsDto(WorkOrderDto WorkOrder, IReadOnlyList<ContactDto> Contacts, IReadOnlyList<ItemDto> Items,
    IReadOnlyList<ChecklistItemDto> Checklist, IReadOnlyList<VisitDto> Visits, IReadOnlyList<PhotoDto> Photos, IReadOnlyList<HelperDto> Helpers,
    IReadOnlyList<ChangeRequestDto> ChangeRequests, IReadOnlyList<FitProblemDto> FitProblems, bool MayWork)
{
    public VisitDto? CurrentVisit => Visits.LastOrDefault(v => v.CheckedOutAt is null);

    /// <summary>VIS-5: the latest attempt per product of the job.</summary>
    public CommissioningTestDto? LatestTest(int itemId) =>
        Visits.SelectMany(v => v.Tests).Where(t => t.ItemId == itemId).MaxBy(t => t.Attempt);
}

public sealed record VisitDto(int Id, int Number, int TechnicianId, string TechnicianName, DateTimeOffset DepartedAt, DateTimeOffset? CheckedInAt,
    double? CheckInLatitude, double? CheckInLongitude, double? CheckInAccuracyMeters, double? CheckInMetersFromSite, DateTimeOffset? CheckedOutAt,
    double? CheckOutLatitude, double? CheckOutLongitude, double? CheckOutAccuracyMeters, RequiredPresence Present, string? PresentOthers,
    DateTimeOffset? ContactDetailsSentAt, string? LeftUnfinishedReason, IReadOnlyList<MeasurementDto> Measurements,
    IReadOnlyList<CommissioningTestDto> Tests);

public sealed record MeasurementDto(int Id, string Name, decimal Value, MeasurementUnit Unit, int? ItemId, string? Note, DateTimeOffset At);

public sealed record CommissioningTestDto(int Id, int ItemId, int Attempt, bool LeakTestPassed, bool ConnectionTestPassed, bool Passed,
    string? Notes, DateTimeOffset At);

public sealed record PhotoDto(int Id, int VisitId, string? Caption, DateTimeOffset TakenAt, int Bytes);

public sealed record HelperDto(int StaffId, string Name, string Phone, DateTimeOffset AddedAt);

public sealed record ChangeRequestDto(int Id, int FromTechnicianId, string FromName, int ToTechnicianId, string ToName, string Reason,
    bool ForCustomer, string RequestedBy, DateTimeOffset RequestedAt, ChangeRequestState State, string? DecidedBy, DateTimeOffset? DecidedAt,
    string? DecisionNote);

public sealed record FitProblemDto(int Id, int? ItemId, string? ProductName, string Problem, string Alternative, string ReportedBy,
    DateTimeOffset ReportedAt);

public sealed record ChecklistInput(bool Done, int? Version = null);

public sealed record IntakeItem(int? ProductId, int? EquipmentId, int Quantity = 1);

public sealed record IntakeInput(WorkOrderKind Kind, int CustomerId, int SiteId, string Description, int? TechnicianId = null,
    IReadOnlyList<IntakeItem>? Items = null);

public sealed record ContactInput(ContactOutcome Outcome, string? ConstructionProgress = null, DateTimeOffset? AgreedStart = null,
    DateTimeOffset? AgreedEnd = null, RequiredPresence Required = RequiredPresence.None, string? Notes = null, int Version = 0);

public sealed record ScheduleInput(DateTimeOffset Start, DateTimeOffset End, bool CustomerConsented, int Version = 0);

public sealed record DepartmentInput(string Department, string Question, int Version = 0);

public sealed record ConfirmationInput(string ConfirmedBy, string Answer, int Version = 0);

public sealed record ReasonInput(string Reason, int Version = 0);

public sealed record AssignInput(int TechnicianId, int Version = 0);

public sealed record VersionInput(int? Version = null);

// Properties, not a positional record: the compile-time request delegate generator cannot bind
// [AsParameters] constructors with nullable reference types.
public sealed record WorkOrderFilter
{
    public string? Q { get; init; }
    public WorkOrderState? State { get; init; }
    public WorkOrderKind? Kind { get; init; }
    public int? RegionId { get; init; }
    public int? TechnicianId { get; init; }
    public bool? Overdue { get; init; }
    public bool? Open { get; init; }
}

public sealed record RepairAssessmentInput(string? Cause, bool CauseUnclear = false, decimal? EstimatedHours = null, int? EstimatedPeople = null,
    decimal? ActualHours = null, int? ActualPeople = null, int Version = 0);

public sealed record RepairClassInput(RepairClass RepairClass, string Reason, int Version = 0);

public sealed record CallAheadInput(ContactOutcome Outcome, string? Notes = null, int? Version = null);

/// <summary>The phone's position as the browser reports it; all three or none.</summary>
public sealed record PositionInput(double? Latitude = null, double? Longitude = null, double? Accuracy = null, int? Version = null)
{
    public GeoPosition? ToPosition() =>
        Latitude is { } lat && Longitude is { } lng ? new GeoPosition(lat, lng, Accuracy ?? 0) : null;
}

public sealed record PresentInput(RequiredPresence Present, string? Others = null, int? Version = null);

public sealed record MeasurementInput(string? Name, decimal? Value, MeasurementUnit Unit, int? ItemId = null, string? Note = null, int? Version = null);

public sealed record CommissioningInput(int ItemId, bool LeakTestPassed, bool ConnectionTestPassed, string? Notes = null, int? Version = null);

public sealed record LeaveInput(string? Reason, PositionInput? Position = null, int? Version = null);

public sealed record HelperInput(int StaffId, int? Version = null);

public sealed record TechnicianChangeInput(int ToTechnicianId, string? Reason, bool ForCustomer = true, int? Version = null);

public sealed record DecisionInput(bool Approve, string? Note = null, int? Version = null);

public sealed record FitProblemInput(int? ItemId, string? Problem, string? Alternative, int? Version = null);
public sealed record PhotoCreated(int Id);
