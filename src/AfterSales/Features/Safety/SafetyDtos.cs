using AfterSales.Domain.Safety;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Features.Safety;

/// <summary><paramref name="Needed"/>: false for the isolation steps left undone when the work was interrupted.</summary>
public sealed record PermitStepDto(int Id, int Position, string Title, PermitPhase Phase, DateTimeOffset? DoneAt, string? DoneBy, int? PhotoId, string? Note,
    bool Needed);

public sealed record PermitDto(int Id, int Version, int WorkOrderId, string WorkOrderNumber, WorkOrderState JobState, string CustomerName, string SiteName,
    string SiteAddress, string TechnicianName, string TemplateName, PermitState State, DateTimeOffset OpenedAt, DateTimeOffset? ProtectiveEquipmentAt,
    DateTimeOffset? WorkStartedAt, DateTimeOffset? ClosedOutAt, WasteOil? WasteOil, string? WasteOilNote, DateTimeOffset? FinishedAt,
    int? NextStepId, bool WorkMayStart, bool MayWork, IReadOnlyList<PermitStepDto> Steps, string? InterruptedReason = null, int EarlierPermits = 0);

public sealed record PermitSummaryDto(int Id, int WorkOrderId, string WorkOrderNumber, string CustomerName, string SiteName, string TechnicianName,
    PermitState State, string? NextStep, int StepsDone, int StepsTotal, DateTimeOffset OpenedAt, bool Interrupted = false);

/// <summary>What a job at a base shows on the phone: whether it needs a permit, and the permit once opened.</summary>
public sealed record JobSafetyDto(bool AtBase, bool NeedsPermit, int? PermitId, PermitState? State);

public sealed record AgreementDto(int Id, int SiteId, string FileName, DateOnly SignedOn, DateOnly ValidUntil, string? Note, string RecordedBy,
    DateTimeOffset RecordedAt, bool ValidToday);

public sealed record BaseDto(int SiteId, string CustomerName, string SiteName, string Address, int RegionId, DateOnly? ValidUntil, bool ValidToday);

public sealed record TemplateStepInput(string? Title, PermitPhase Phase);

public sealed record TemplateInput(string? Name, string? EquipmentKinds, bool IsActive, IReadOnlyList<TemplateStepInput>? Steps, int? Version);

public sealed record TemplateDto(int Id, int Version, string Name, string EquipmentKinds, bool IsActive, IReadOnlyList<TemplateStepInput> Steps);

public sealed record CloseOutInput(bool WorkDone, bool MaterialsCleared, bool SiteClean, WasteOil? WasteOil, string? WasteOilNote);

/// <summary>The work stopped before the job is done: why, and the site cleared as at a close-out.</summary>
public sealed record InterruptInput(string? Reason, bool MaterialsCleared, bool SiteClean, WasteOil? WasteOil, string? WasteOilNote);

public sealed record BaseFlagInput(bool IsMaintenanceBase);

public sealed record ViolationInput(int SiteId, int TechnicianId, int? WorkOrderId, DateTimeOffset? At, string? Description, string? ReportedBy,
    Domain.Assessment.Severity Severity = Domain.Assessment.Severity.Normal);

public sealed record ViolationDto(int Id, int SiteId, string SiteName, int TechnicianId, string TechnicianName, int? WorkOrderId, DateTimeOffset At,
    string Description, string ReportedBy, string? ReportFileName, int? IncidentId);

/// <summary>An uploaded file: its name, type and bytes.</summary>
public sealed record Upload(string FileName, string ContentType, byte[] Content)
{
    public static async Task<Upload?> FromAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0) return null;
        if (file.Length > SafetyAgreement.MaxBytes)
            throw new Domain.DomainException("SafetyAgreementFileTooLarge", SafetyAgreement.MaxBytes / 1024 / 1024) { Field = "File" };
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        return new Upload(file.FileName, file.ContentType, buffer.ToArray());
    }
}
