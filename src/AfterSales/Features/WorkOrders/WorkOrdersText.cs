namespace AfterSales.Features.WorkOrders;

/// <summary>Marker for the WorkOrders area's strings (WorkOrdersText.resx, WorkOrdersText.zh-CN.resx).</summary>
public sealed class WorkOrdersText;
