namespace AfterSales.Features.Audit;

/// <summary>Marker for the Audit area's strings (AuditText.resx, AuditText.zh-CN.resx).</summary>
public sealed class AuditText;
