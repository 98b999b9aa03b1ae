namespace AfterSales.Features.Admin;

/// <summary>Marker for the Admin area's strings (AdminText.resx, AdminText.zh-CN.resx).</summary>
public sealed class AdminText;
