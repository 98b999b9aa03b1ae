namespace AfterSales.Features.Fees;

/// <summary>Marker for the receipts and cash pages' strings (FeesText.resx, FeesText.zh-CN.resx).</summary>
public sealed class FeesText;
