namespace AfterSales.Features.People;

/// <summary>Marker for the Staff area's strings (StaffText.resx, StaffText.zh-CN.resx).</summary>
public sealed class StaffText;
