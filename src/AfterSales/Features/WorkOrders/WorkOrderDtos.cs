using AfterSales.Domain.WorkOrders;

namespace AfterSales.Features.WorkOrders;

public sealed record WorkOrderDto(int Id, WorkOrderKind Kind, WorkOrderState State, int CustomerId, string CustomerName,
    int SiteId, string SiteAddress, int RegionId, int? TechnicianId, string? TechnicianName, string Description,
    DateTimeOffset ReceivedAt, DateTimeOffset FirstContactDueAt, DateTimeOffset? FirstContactAt, bool FirstContactOverdue,
    DateTimeOffset? AppointmentStart, DateTimeOffset? AppointmentEnd, RequiredPresence Required, bool ArrivedLate,
    string? WaitingForDepartment, string? WaitingQuestion, string? DepartmentAnswer, string? DepartmentConfirmedBy,
    string? CancelReason, bool NeedsDayBeforeConfirmation, DateTimeOffset? DayBeforeConfirmedAt, string? DayBeforeConfirmedBy,
    string? Cause, RepairClass? RepairClass, string? RepairClassOverrideReason, int? ReworkOfId, int Version)
{
    public string Number => $"WO{Id:000000}";
}

public sealed record ContactDto(int Id, DateTimeOffset At, int StaffId, string StaffName, ContactOutcome Outcome, string? ConstructionProgress,
    DateTimeOffset? AgreedStart, DateTimeOffset? AgreedEnd, RequiredPresence Required, string? Notes);

public sealed record ItemDto(int Id, int? ProductId, string? ProductName, int? EquipmentId, string? SerialNumber, int Quantity);

public sealed record ChecklistItemDto(int Id, ChecklistPhase Phase, string Code, DateTimeOffset? DoneAt, string? DoneBy);

public sealed record WorkOrderDetailsDto(WorkOrderDto WorkOrder, IReadOnlyList<ContactDto> Contacts, IReadOnlyList<ItemDto> Items,
    IReadOnlyList<ChecklistItemDto> Checklist);

public sealed record ChecklistInput(bool Done, int Version = 0);

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

public sealed record VersionInput(int Version = 0);

public sealed record WorkOrderFilter(string? Q = null, WorkOrderState? State = null, WorkOrderKind? Kind = null, int? RegionId = null,
    int? TechnicianId = null, bool? Overdue = null, bool? Open = null);

public sealed record RepairAssessmentInput(string? Cause, bool CauseUnclear = false, decimal? EstimatedHours = null, int? EstimatedPeople = null,
    decimal? ActualHours = null, int? ActualPeople = null, int Version = 0);

public sealed record RepairClassInput(RepairClass RepairClass, string Reason, int Version = 0);
