using AfterSales.Domain.WorkOrders;

namespace AfterSales.Features.Dispatch;

/// <summary>A job as the board draws it. Times are minutes from local midnight of the board's day.</summary>
public sealed record BoardJobDto(int Id, string Number, WorkOrderKind Kind, string KindText, string CustomerName, string Address, double? Latitude,
    double? Longitude, int WindowStart, int WindowEnd, int Duration, IReadOnlyList<string> RequiredSkills, int MinimumLevel, int? TechnicianId,
    string? TechnicianName, int? OwnTechnicianId, string? OwnTechnicianName, bool Locked);

/// <summary>A job in a technician's planned day: the travel before it, arrival, start (after waiting for the window) and end.</summary>
public sealed record BoardStopDto(BoardJobDto Job, int Sequence, int TravelMinutes, double TravelKm, int Arrival, int Start, int End, bool Late);

public sealed record BoardTechnicianDto(int Id, string Name, string StaffNumber, int SkillLevel, IReadOnlyList<string> Skills, double Latitude,
    double Longitude, bool HomeKnown, int? ShiftStart, int? ShiftEnd, string? Away, IReadOnlyList<BoardStopDto> Stops, double TravelKm, int? BackHome,
    IReadOnlyList<ConflictDto> Conflicts);

public sealed record ProposalLineDto(int Id, int WorkOrderId, string Number, string CustomerName, int? TechnicianId, string? TechnicianName,
    int? Sequence, int? PlannedStart, string? Reason, string? ReasonText, bool Accepted, bool OwnTechnician);

public sealed record ProposalDto(int Id, DateOnly Day, DateTimeOffset CreatedAt, string CreatedBy, bool Overnight, IReadOnlyList<ProposalLineDto> Lines);

/// <summary>One dispatch board: a region's day.</summary>
public sealed record BoardDto(int RegionId, string RegionCode, string RegionName, DateOnly Day, IReadOnlyList<BoardTechnicianDto> Technicians,
    IReadOnlyList<BoardJobDto> Unplanned, ProposalDto? Proposal, double OriginLatitude, double OriginLongitude);

/// <summary>What is wrong with a placement (SCH-4), shown to the dispatcher before it is saved.</summary>
public sealed record ConflictDto(string Kind, int? WorkOrderId, string Message);

/// <summary>Place a job in a technician's day at a position (1 = first; none = last), or take it off the plan (no technician).</summary>
public sealed record MoveInput(int WorkOrderId, int? TechnicianId, int? Position = null, bool Force = false);

/// <summary>Saved, or not saved because of the conflicts (send again with force to save anyway).</summary>
public sealed record MoveResult(bool Saved, IReadOnlyList<ConflictDto> Conflicts);

public sealed record LockInput(int WorkOrderId, bool Locked);

public sealed record OptimizeInput(string? Region, DateOnly? Day);

/// <summary>Accept a proposal: all placed lines, or only those listed.</summary>
public sealed record AcceptInput(int ProposalId, IReadOnlyList<int>? LineIds = null);

public sealed record AcceptResult(int Accepted, int Skipped);

public sealed record BoardQuery
{
    public string? Region { get; init; }
    public DateOnly? Day { get; init; }
}
