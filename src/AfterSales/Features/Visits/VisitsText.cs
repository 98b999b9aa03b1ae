namespace AfterSales.Features.Visits;

/// <summary>Marker for the Visits area's strings (VisitsText.resx, VisitsText.zh-CN.resx).</summary>
public sealed class VisitsText;
