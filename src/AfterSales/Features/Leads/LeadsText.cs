namespace AfterSales.Features.Leads;

/// <summary>Marker for the sales leads' strings (LeadsText.resx, LeadsText.zh-CN.resx).</summary>
public sealed class LeadsText;
