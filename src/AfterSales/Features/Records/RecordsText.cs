namespace AfterSales.Features.Records;

/// <summary>Marker for the texts of the service records (RecordsText.resx).</summary>
public sealed class RecordsText;
