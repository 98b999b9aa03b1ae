using AfterSales.Domain;

namespace AfterSales.Data;

public static class ConcurrencyExtensions
{
    /// <summary>
    /// Saves only if the record is still at the version the user read; otherwise the save fails with a conflict
    /// instead of silently overwriting someone else's change.
    /// </summary>
    public static void ExpectVersion(this AppDbContext db, Entity entity, int version) =>
        db.Entry(entity).Property(e => e.Version).OriginalValue = version;
}
