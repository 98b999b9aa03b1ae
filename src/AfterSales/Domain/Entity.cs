namespace AfterSales.Domain;

/// <summary>
/// Base of every editable record. Changes to any <see cref="Entity"/> are written to the audit trail,
/// and <see cref="Version"/> guards against lost updates when two people save the same record.
/// </summary>
public abstract class Entity
{
    public int Id { get; protected set; }

    public int Version { get; private set; }

    internal void BumpVersion() => Version++;
}
