namespace AfterSales.Features.Support;

/// <summary>Marker for the Support area's strings (SupportText.resx, SupportText.zh-CN.resx).</summary>
public sealed class SupportText;
