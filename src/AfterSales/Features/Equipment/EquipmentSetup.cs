namespace AfterSales.Features.Equipment;

public static class EquipmentSetup
{
    public static IServiceCollection AddEquipment(this IServiceCollection services) => services.AddScoped<EquipmentService>();
}
