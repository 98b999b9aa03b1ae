namespace AfterSales.Features.Callbacks;

/// <summary>Marker for the Callbacks area's strings (CallbacksText.resx, CallbacksText.zh-CN.resx).</summary>
public sealed class CallbacksText;
