using AfterSales.Domain.Inventory;

namespace AfterSales.Features.Stock;

public sealed record StockItemDto(int Id, string Code, string Name, StockItemKind Kind, string Unit, decimal UnitPrice, bool IsActive, int Version);

public sealed record StockItemInput(string? Code, string? Name, StockItemKind Kind, string? Unit, decimal UnitPrice, bool IsActive = true, int Version = 0);

public sealed record LocationDto(int Id, string Name, StockLocationKind Kind, int RegionId, string RegionName, int? TechnicianId, int Items, int Units);

public sealed record OnHandDto(int ItemId, string Code, string Name, StockItemKind Kind, string Unit, decimal UnitPrice, int Quantity);

public sealed record LocationStockDto(LocationDto Location, IReadOnlyList<OnHandDto> OnHand);

public sealed record MovementDto(int Id, DateTimeOffset At, MovementType Type, int ItemId, string ItemName, string Unit, int? FromLocationId, string? From,
    int? ToLocationId, string? To, int Quantity, string By, string? Note, int? WorkOrderId, bool Billable, ToolCondition? Condition, int? IncidentId);

/// <summary>A movement asked for by a form or the API. Which locations it needs follows from the type.</summary>
public sealed record MovementInput(MovementType Type, int ItemId, int? FromLocationId, int? ToLocationId, int Quantity, string? Note, int? WorkOrderId = null);

public sealed record ToolHoldingDto(int LocationId, int TechnicianId, string Technician, int ItemId, string Code, string Name, int Quantity, decimal UnitPrice,
    DateTimeOffset? IssuedAt);

public sealed record ToolIssueInput(int ItemId, int TechnicianId, int? FromLocationId, int Quantity = 1, string? Note = null);

/// <summary>A tool back from its holder (INV-1): good, damaged (with the charge for the damage) or lost (charged at its price, ASM-10).</summary>
public sealed record ToolReturnInput(int ItemId, int TechnicianId, int? ToLocationId, ToolCondition Condition, int Quantity = 1, decimal? Charge = null,
    string? Note = null);

public sealed record JobLineInput(int ItemId, int Quantity, bool Billable = false);

public sealed record ConsumeInput(List<JobLineInput>? Lines, string? Note);

public sealed record CountBackInput(List<JobLineInput>? Lines);

/// <summary>One accessory on a job; <see cref="OnReceipts"/>: how much of what is billable is already on the job's receipts (FEE-1).</summary>
public sealed record JobMaterialDto(int ItemId, string Code, string Name, StockItemKind Kind, string Unit, decimal UnitPrice, int Issued, int Consumed,
    int Returned, int Outstanding, int Billable)
{
    public decimal OnReceipts { get; init; }
}

public sealed record JobStockDto(int WorkOrderId, string Number, string Kind, int? TechnicianId, string? Technician, int? LocationId,
    IReadOnlyList<OnHandDto> MyStock, IReadOnlyList<JobMaterialDto> Materials, IReadOnlyList<MovementDto> Movements, GoodsCheckDto? GoodsCheck,
    IReadOnlyList<GoodsLineInput> ExpectedGoods, IReadOnlyList<PartReturnDto> PartReturns, bool MayWork);

public sealed record GoodsLineInput(int? ProductId, string? Description, int Expected, int Missing, int Damaged, string? Note);

public sealed record GoodsCheckInput(List<GoodsLineInput>? Lines);

public sealed record GoodsResolveInput(int Position, string? Resolution);

public sealed record GoodsLineDto(int Position, int? ProductId, string Description, int Expected, int Missing, int Damaged, string? Note, string? Resolution,
    DateTimeOffset? ResolvedAt, bool Open);

public sealed record GoodsCheckDto(int Id, int WorkOrderId, GoodsCheckState State, DateTimeOffset CheckedAt, string CheckedBy, DateTimeOffset? LoadedAt,
    IReadOnlyList<GoodsLineDto> Lines, int Version);

public sealed record PartReturnDto(int Id, int ItemId, string Code, string ItemName, int Quantity, decimal Value, int TechnicianId, string Technician,
    int? WorkOrderId, DateOnly ReplacedOn, DateOnly DueOn, PartReturnState State, bool Overdue, string? Carrier, string? TrackingNumber, DateOnly? ShippedOn,
    DateTimeOffset? ReceivedAt, bool? ReceivedIntact, string? ReceivedNote, string? PoliceStation, string? PoliceOfficerNumber, string? PoliceReportName,
    int? IncidentId, string? Note, int Version)
{
    public string Number => $"RP{Id:000000}";
}

public sealed record PartReturnFilter(PartReturnState? State = null, int? TechnicianId = null, bool? Overdue = null);

public sealed record ShipInput(string? Carrier, string? TrackingNumber, DateOnly? ShippedOn);

public sealed record ReceiveInput(bool Intact, string? Note);

public sealed record SoldInput(string? Note);

public sealed record StolenInput(string? PoliceStation, string? PoliceOfficerNumber, string? FileName, string? ContentType, byte[]? Report);

public sealed record StocktakeInput(int LocationId);

public sealed record CountLineInput(int ItemId, int Counted);

public sealed record CountInput(List<CountLineInput>? Lines);

public sealed record StocktakeLineDto(int ItemId, string Code, string Name, string Unit, int OnHand, int? Counted, int? Expected, int? Difference);

public sealed record StocktakeDto(int Id, int LocationId, string Location, StocktakeState State, DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? ApprovedAt,
    string? ApprovedBy, IReadOnlyList<StocktakeLineDto> Lines, int Version);

public sealed record StocktakeSummaryDto(int Id, int LocationId, string Location, StocktakeState State, DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? ApprovedAt);

public sealed record OverdueResult(DateOnly Day, int Charged, int AlreadyCharged);
