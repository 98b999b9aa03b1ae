using AfterSales.Domain.Travel;

namespace AfterSales.Features.Trips;

public sealed record TripInput(string? Destination, string? Purpose, string? HomeStation, DateTimeOffset? PlannedDepartAt,
    DateTimeOffset? PlannedReturnAt, List<int>? WorkOrderIds, int Version = 0);

public sealed record DepartInput(DateTimeOffset? DepartedAt, int Version);

public sealed record CloseInput(DateTimeOffset? DepartedAt, DateTimeOffset? ReturnedAt, ReturnContact? ReturnContact, DateTimeOffset? ReturnContactAt, int Version);

public sealed record VersionInput(int Version);

public sealed record RejectInput(string? Reason, int Version);

/// <summary>A claim marked false: the incident it raised and the trip as it now stands.</summary>
public sealed record FalseClaimResult(int IncidentId, TripDto Trip);

public sealed record FalseClaimInput(decimal? FalseAmount, string? Note);

// Properties, not a positional record: the compile-time request delegate generator cannot bind
// [AsParameters] constructors with nullable reference types.
public sealed record TripFilter
{
    public string? Q { get; init; }
    public TripState? State { get; init; }
    public int? TravellerId { get; init; }
    public bool? Awaiting { get; init; }
}

public sealed record TripSummaryDto(int Id, string Number, int TravellerId, string TravellerName, string RegionName, string Destination,
    DateTimeOffset PlannedDepartAt, DateTimeOffset PlannedReturnAt, DateTimeOffset? DepartedAt, DateTimeOffset? ReturnedAt, TripState State);

public sealed record TicketDto(int Id, TicketKind Kind, decimal Amount, DateOnly TravelOn, string? BoardingPlace, string? ArrivalPlace, bool HasPhoto);

public sealed record ExpenseDto(int Id, string Description, decimal Amount, DateOnly SpentOn, decimal? FalseAmount, string? FalseNote,
    int? IncidentId, decimal Reimbursed);

public sealed record PerDiemDayDto(DateOnly Date, decimal Amount, PerDiemReason Kind, string Reason);

/// <summary>TRV-3: a day away and whether the traveller's daily report to the manager came in that local day.</summary>
public sealed record ContactDayDto(DateOnly Date, bool Reported, DateTimeOffset? ReportAt);

public sealed record LinkedWorkOrderDto(int Id, string Number, string Customer);

public sealed record TripDto(int Id, string Number, int Version, int TravellerId, string TravellerName, int RegionId, string RegionName,
    string Destination, string Purpose, string HomeStation, DateTimeOffset PlannedDepartAt, DateTimeOffset PlannedReturnAt,
    DateTimeOffset? DepartedAt, DateTimeOffset? ReturnedAt, TripState State, ReturnContact? ReturnContact, DateTimeOffset? ReturnContactAt,
    bool? ReturnContactAsRequired, string PolicyVersion, bool PerDiemFixed, decimal PerDiem, IReadOnlyList<PerDiemDayDto> PerDiemDays,
    IReadOnlyList<ContactDayDto> ContactDays, IReadOnlyList<TicketDto> Tickets, IReadOnlyList<ExpenseDto> Expenses,
    IReadOnlyList<LinkedWorkOrderDto> WorkOrders, decimal TicketsTotal, decimal ExpensesTotal, decimal Total,
    DateTimeOffset? SubmittedAt, string? ManagerApprovedBy, DateTimeOffset? ManagerApprovedAt, string? FinanceApprovedBy,
    DateTimeOffset? FinanceApprovedAt, string? RejectedBy, DateTimeOffset? RejectedAt, string? RejectReason,
    bool MayEdit, bool MayApproveAsManager, bool MayApproveAsFinance, bool MayMarkFalse);

/// <summary>One line of the month's reimbursement list: a person's finance-approved trips returned in the month.</summary>
public sealed record ReimbursementRow(string RegionName, int TravellerId, string StaffNumber, string TravellerName, int Trips,
    decimal Tickets, decimal PerDiem, decimal Expenses, decimal Total);

public sealed record ReimbursementList(string Month, IReadOnlyList<ReimbursementRow> Rows, decimal Tickets, decimal PerDiem, decimal Expenses, decimal Total);

public sealed record AllowanceDto(decimal PerDiem, string PolicyVersion, IReadOnlyList<PerDiemDayDto> Days);
