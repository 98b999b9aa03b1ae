using AfterSales.Domain.Fees;

namespace AfterSales.Features.Fees;

public sealed record ReceiptLineInput(ReceiptLineKind? Kind, int? ProductId, string? Description, decimal Quantity, decimal? UnitPrice);

/// <summary>An accessory used on a job and billed to the customer (FEE-1), not yet on a receipt.</summary>
internal sealed record StockBillLine(int StockItemId, string Name, decimal Quantity, decimal UnitPrice);

public sealed record ReceiptInput(int WorkOrderId, PaymentMethod PaymentMethod, List<ReceiptLineInput>? Lines);

public sealed record SignInput(string? Name, string? Signature, int Version);

public sealed record VoidInput(string? Reason, int Version);

public sealed record PaymentMethodInput(PaymentMethod PaymentMethod, int Version);

// Properties, not a positional record: the compile-time request delegate generator cannot bind
// [AsParameters] constructors with nullable reference types.
public sealed record ReceiptFilter
{
    public string? Q { get; init; }
    public ReceiptState? State { get; init; }
    public PaymentMethod? PaymentMethod { get; init; }
    public int? TechnicianId { get; init; }
    public int? WorkOrderId { get; init; }
}

public sealed record ReceiptLineDto(int Id, int Position, ReceiptLineKind Kind, int? ProductId, string Description, decimal Quantity, decimal UnitPrice, decimal LineTotal);

public sealed record ReceiptSummaryDto(int Id, string Number, int WorkOrderId, string CustomerName, int TechnicianId, string TechnicianName,
    PaymentMethod PaymentMethod, ReceiptState State, decimal Total, DateTimeOffset CreatedAt, DateTimeOffset? SignedAt);

public sealed record ReceiptDto(int Id, string Number, int WorkOrderId, string CustomerName, string SiteAddress, int RegionId, string RegionName,
    int TechnicianId, string TechnicianName, PaymentMethod PaymentMethod, ReceiptState State, decimal Total, DateTimeOffset CreatedAt,
    string? SignedByName, DateTimeOffset? SignedAt, bool HasSignature, string? VoidReason, DateTimeOffset? VoidedAt, int? HandInId,
    int Version, IReadOnlyList<ReceiptLineDto> Lines);

public sealed record HandInInput(int? TechnicianId, DateOnly Day, decimal Amount, List<int>? ReceiptIds, string? Note);

public sealed record ConfirmInput(decimal ReceivedAmount, int Version);

public sealed record CashFilter(int? TechnicianId, DateOnly? From, DateOnly? To);

public sealed record HandInReceiptDto(int ReceiptId, string Number, decimal Amount);

public sealed record HandInDto(int Id, int TechnicianId, string TechnicianName, DateOnly Day, decimal Amount, decimal Billed, string? Note,
    DateTimeOffset HandedInAt, decimal? ReceivedAmount, string? ReceivedByName, DateTimeOffset? ReceivedAt, int Version,
    IReadOnlyList<HandInReceiptDto> Receipts);

public sealed record CashDayDto(int TechnicianId, string TechnicianName, DateOnly Day, decimal Collected, int ReceiptCount, int ReceiptsNotHandedIn,
    decimal Declared, decimal Received, decimal Difference, CashDifference Status, int UnconfirmedHandIns);

public sealed record OpenCashReceiptDto(int Id, string Number, int TechnicianId, string TechnicianName, DateOnly Day, decimal Total, string CustomerName);
