namespace AfterSales.Infrastructure;

/// <summary>Marker for the messages of <see cref="Domain.DomainException"/> codes (ErrorText.resx, ErrorText.zh-CN.resx).</summary>
public sealed class ErrorText;
