namespace AfterSales.Features.Equipment;

/// <summary>Marker for the Equipment area's strings (EquipmentText.resx, EquipmentText.zh-CN.resx).</summary>
public sealed class EquipmentText;
