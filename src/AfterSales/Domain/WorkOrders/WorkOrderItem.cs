namespace AfterSales.Domain.WorkOrders;

/// <summary>A product (to measure, install …) or an installed unit (to maintain, repair …) the job is about.</summary>
public class WorkOrderItem : Entity
{
    private WorkOrderItem() { }

    internal WorkOrderItem(WorkOrder workOrder, int? productId, int? equipmentId, int quantity)
    {
        WorkOrder = workOrder;
        ProductId = productId;
        EquipmentId = equipmentId;
        Quantity = quantity;
    }

    public int WorkOrderId { get; private set; }
    public WorkOrder WorkOrder { get; private set; } = null!;
    public int? ProductId { get; private set; }
    public int? EquipmentId { get; private set; }
    public int Quantity { get; private set; }
}
