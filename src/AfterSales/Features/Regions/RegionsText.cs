namespace AfterSales.Features.Regions;

/// <summary>Marker for the Regions area's strings (RegionsText.resx, RegionsText.zh-CN.resx).</summary>
public sealed class RegionsText;
