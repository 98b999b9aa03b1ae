namespace AfterSales.Features.Outbox;

/// <summary>Marker for the Outbox area's strings (OutboxText.resx, OutboxText.zh-CN.resx).</summary>
public sealed class OutboxText;
