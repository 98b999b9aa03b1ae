namespace AfterSales.Features.Resignations;

/// <summary>Marker for the resignation and handover strings (ResignationsText.resx).</summary>
public sealed class ResignationsText;
