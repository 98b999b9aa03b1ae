using AfterSales.Domain.People;

namespace AfterSales.Features.Resignations;

public sealed record ResignationDto(int Id, string Number, int StaffId, string StaffName, string StaffNumber, int? RegionId, string? RegionName,
    string Reason, DateOnly LastDay, DateTimeOffset SubmittedAt, ResignationState State, string? DecidedByName, DateTimeOffset? DecidedAt,
    string? DecisionNote, string? LeaverSignature, DateTimeOffset? LeaverSignedAt, string? ManagerSignature, DateTimeOffset? ManagerSignedAt,
    DateTimeOffset? CompletedAt, int Version);

public sealed record HandoverItemDto(int Id, HeldKind Kind, int ReferenceId, string Description, int Quantity, int ToStaffId, string ToStaffName,
    DateTimeOffset At, string? ReceiverSignature, DateTimeOffset? ReceiverSignedAt);

/// <summary>
/// One thing the person still holds (HR-3). <see cref="Key"/> names it in a handover (e.g. "WorkOrder:12", "Tool:3");
/// what cannot be handed over (cash, a trip, a part to ship back, a job under way) has <see cref="Transferable"/> false
/// and <see cref="Link"/> points to where it is dealt with.
/// </summary>
public sealed record HeldItemDto(string Key, HeldKind Kind, int ReferenceId, string Title, string? Detail, int Quantity, bool Transferable, string Link);

public sealed record ResignationDetailsDto(ResignationDto Resignation, IReadOnlyList<HeldItemDto> Held, IReadOnlyList<HandoverItemDto> Handover,
    bool IsSigned, bool MayDecide, bool MayHandOver, bool MaySignAsLeaver, bool MaySignAsReceiver, bool MaySignAsManager);

public sealed record ResignationInput(string? Reason, DateOnly? LastDay);

public sealed record ResignationDecision(bool Approve, string? Note, int Version);

/// <summary>A handover: every transferable held item goes to <see cref="ToStaffId"/> unless <see cref="Items"/> names another colleague for its key.</summary>
public sealed record HandoverInput(int? ToStaffId, Dictionary<string, int>? Items, int Version);

/// <summary>A signature of the handover record: the signer types their name while logged in as themselves.</summary>
public sealed record HandoverSignature(string? Name, int Version);

public sealed record ResignationVersion(int Version);

public sealed record ColleagueDto(int Id, string Name, string StaffNumber);

public sealed record ResignationFilter
{
    public string? Q { get; init; }
    public ResignationState? State { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}
