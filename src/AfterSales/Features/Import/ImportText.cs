namespace AfterSales.Features.Import;

/// <summary>Marker for the Import area's strings (ImportText.resx, ImportText.zh-CN.resx).</summary>
public sealed class ImportText;
