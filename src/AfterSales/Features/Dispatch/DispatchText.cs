namespace AfterSales.Features.Dispatch;

/// <summary>Marker for the Dispatch area's strings (DispatchText.resx, DispatchText.zh-CN.resx).</summary>
public sealed class DispatchText;
