using AfterSales.Domain.People;
using AfterSales.Domain.Scheduling;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Features.Schedule;

/// <summary>A person on the roster, and whether the caller may change their schedule.</summary>
public sealed record PersonDto(int Id, string Name, string StaffNumber, StaffRole Role, int? RegionId, string? RegionName, int SkillLevel,
    IReadOnlyList<string> Skills, bool MayManage);

/// <summary>A scheduled visit as the calendar shows it; times are instants (the pages show them in local time).</summary>
public sealed record AppointmentDto(int WorkOrderId, string Number, WorkOrderKind Kind, WorkOrderState State, int? TechnicianId,
    string CustomerName, string SiteAddress, DateTimeOffset Start, DateTimeOffset End, bool NeedsDayBeforeConfirmation, bool Released);

/// <summary>One person's local day: working hours (null on a rest day), the time-off block covering it, and the visits.</summary>
public sealed record DayDto(DateOnly Date, bool Working, TimeOnly? Start, TimeOnly? End, bool OwnPattern, TimeOffKind? TimeOff,
    int? TimeOffId, IReadOnlyList<AppointmentDto> Appointments);

public sealed record RosterRowDto(PersonDto Person, IReadOnlyList<DayDto> Days);

public sealed record RegionChoiceDto(int Id, string Code, string Name);

/// <summary>The week calendar (SCH-1): Monday to Sunday, one row per technician.</summary>
public sealed record WeekDto(DateOnly From, DateOnly To, int? RegionId, IReadOnlyList<RegionChoiceDto> Regions, IReadOnlyList<RosterRowDto> Rows);

public sealed record DayViewDto(DateOnly Date, PersonDto Person, DayDto Day, IReadOnlyList<PersonDto> Technicians);

public sealed record TimeOffDto(int Id, int StaffId, string StaffName, TimeOffKind Kind, DateOnly FirstDay, DateOnly LastDay, string? Note,
    int CreatedById, string CreatedByName, DateTimeOffset CreatedAt, int Version);

public sealed record TimeOffInput(int StaffId, TimeOffKind Kind, DateOnly FirstDay, DateOnly LastDay, string? Note = null, int Version = 0);

public sealed record TimeOffFilter(int? StaffId = null, int? RegionId = null, DateOnly? From = null, DateOnly? To = null, TimeOffKind? Kind = null);

/// <summary>A weekday of a person's pattern: <see cref="Own"/> when it is theirs, else the company's.</summary>
public sealed record WorkingDayDto(DayOfWeek Day, bool Off, TimeOnly? Start, TimeOnly? End, bool Own, int Version);

public sealed record WorkingHoursDto(int StaffId, string StaffName, bool OwnPattern, IReadOnlyList<WorkingDayDto> Days);

public sealed record WorkingDayInput(DayOfWeek Day, bool Off, TimeOnly? Start, TimeOnly? End, int Version = 0);

public sealed record WorkingHoursInput(IReadOnlyList<WorkingDayInput> Days);

/// <summary>An installation of the day and whether it is released for loading (SCH-3).</summary>
public sealed record ConfirmationDto(int WorkOrderId, string Number, WorkOrderKind Kind, WorkOrderState State, string CustomerName,
    string CustomerPhone, string SiteAddress, int? TechnicianId, string? TechnicianName, DateTimeOffset Start, DateTimeOffset End,
    DateTimeOffset? ConfirmedAt, string? ConfirmedBy, bool Released, bool MayConfirm, int Version);

public sealed record ConfirmationsDto(DateOnly Date, int NotReleased, IReadOnlyList<ConfirmationDto> Jobs);

/// <summary>A person's skill tags, replaced as a whole.</summary>
public sealed record SkillsInput(IReadOnlyList<string> Skills);
