namespace AfterSales.Domain.People;

/// <summary>The roles of SEC-1. Stored by name, so the order here carries no meaning.</summary>
public enum StaffRole
{
    Technician,
    Supervisor,
    RegionalManager,
    DeputyManager,
    SupervisionDepartment,
    GeneralManager,
    Finance,
    Store,
    TechnicalSupport,
    Administrator,
}
