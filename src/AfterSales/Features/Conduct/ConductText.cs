namespace AfterSales.Features.Conduct;

/// <summary>Marker for the policy acknowledgement's strings (ConductText.resx, ConductText.zh-CN.resx).</summary>
public sealed class ConductText;
