namespace AfterSales.Features.Shared;

/// <summary>Marker for the strings every page uses (UiText.resx, UiText.zh-CN.resx).</summary>
public sealed class UiText;
