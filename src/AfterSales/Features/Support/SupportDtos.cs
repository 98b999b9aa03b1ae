using AfterSales.Domain.WorkOrders;

namespace AfterSales.Features.Support;

public sealed record SupportRequestDto(int Id, int WorkOrderId, int RegionId, string RegionName, string CustomerName,
    SupportKind Kind, SupportState State, string Question, int RaisedById, string RaisedByName, DateTimeOffset RaisedAt,
    int? AssignedToId, string? AssignedToName, string? Answer, int? AnsweredById, string? AnsweredByName, DateTimeOffset? AnsweredAt,
    DateTimeOffset? SupportVisitAt, DateTimeOffset? ClosedAt, string? CancelReason, int Version)
{
    public string WorkOrderNumber => $"WO{WorkOrderId:000000}";
}

public sealed record SupportFilter(SupportState? State = null, SupportKind? Kind = null, int? RegionId = null, int? WorkOrderId = null);

public sealed record RaiseSupportInput(SupportKind Kind, string? Question, int? AssignedToId);

public sealed record AnswerSupportInput(string? Answer, DateTimeOffset? SupportVisitAt, int Version);

public sealed record SupportActionInput(int Version, string? Reason = null);
