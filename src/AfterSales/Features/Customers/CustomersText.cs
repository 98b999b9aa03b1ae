namespace AfterSales.Features.Customers;

/// <summary>Marker for the Customers area's strings (CustomersText.resx, CustomersText.zh-CN.resx).</summary>
public sealed class CustomersText;
