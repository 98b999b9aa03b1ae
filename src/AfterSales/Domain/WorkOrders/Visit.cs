namespace AfterSales.Domain.WorkOrders;

/// <summary>Where the phone was, and how sure it was (VIS-3). Accuracy is the radius in metres the phone reports.</summary>
public sealed record GeoPosition
{
    public GeoPosition(double latitude, double longitude, double accuracyMeters)
    {
        if (latitude is < -90 or > 90 || double.IsNaN(latitude)) throw new DomainException("LatitudeOutOfRange") { Field = "Latitude" };
        if (longitude is < -180 or > 180 || double.IsNaN(longitude)) throw new DomainException("LongitudeOutOfRange") { Field = "Longitude" };
        if (accuracyMeters < 0 || double.IsNaN(accuracyMeters)) throw new DomainException("AccuracyInvalid") { Field = "Accuracy" };
        Latitude = latitude;
        Longitude = longitude;
        AccuracyMeters = accuracyMeters;
    }

    public double Latitude { get; }
    public double Longitude { get; }
    public double AccuracyMeters { get; }

    /// <summary>Great-circle distance in metres.</summary>
    public double MetersTo(double latitude, double longitude)
    {
        const double earthRadius = 6_371_000;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(latitude - Latitude);
        var dLon = Rad(longitude - Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Rad(Latitude)) * Math.Cos(Rad(latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

/// <summary>
/// One trip of the technician to the site: from departure to check-out (VIS-3). A job may need several visits;
/// each keeps its own times, positions, who was present and what was measured and tested.
/// </summary>
public class Visit : Entity
{
    private readonly List<Measurement> _measurements = [];
    private readonly List<CommissioningTest> _tests = [];

    private Visit() { }

    internal Visit(WorkOrder workOrder, int number, int technicianId, DateTimeOffset departedAt)
    {
        WorkOrder = workOrder;
        Number = number;
        TechnicianId = technicianId;
        DepartedAt = departedAt;
    }

    public int WorkOrderId { get; private set; }
    public WorkOrder WorkOrder { get; private set; } = null!;
    /// <summary>1 for the first visit of the job, 2 for the next …</summary>
    public int Number { get; private set; }
    public int TechnicianId { get; private set; }
    public DateTimeOffset DepartedAt { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }
    public double? CheckInLatitude { get; private set; }
    public double? CheckInLongitude { get; private set; }
    public double? CheckInAccuracyMeters { get; private set; }
    /// <summary>How far the check-in position was from the site's coordinates, when both are known.</summary>
    public double? CheckInMetersFromSite { get; private set; }

    public DateTimeOffset? CheckedOutAt { get; private set; }
    public double? CheckOutLatitude { get; private set; }
    public double? CheckOutLongitude { get; private set; }
    public double? CheckOutAccuracyMeters { get; private set; }

    /// <summary>WO-3: who was on site, as the technician saw it (flags), and anyone else by name.</summary>
    public RequiredPresence Present { get; private set; }
    public string? PresentOthers { get; private set; }

    /// <summary>REC-5: when the technician's contact details were sent to the customer.</summary>
    public DateTimeOffset? ContactDetailsSentAt { get; private set; }

    /// <summary>Set when the technician left without finishing the job, with why.</summary>
    public string? LeftUnfinishedReason { get; private set; }

    public IReadOnlyCollection<Measurement> Measurements => _measurements.AsReadOnly();
    public IReadOnlyCollection<CommissioningTest> Tests => _tests.AsReadOnly();

    public bool IsOver => CheckedOutAt is not null;

    internal void CheckIn(DateTimeOffset at, GeoPosition? position, (double Latitude, double Longitude)? site)
    {
        CheckedInAt = at;
        CheckInLatitude = position?.Latitude;
        CheckInLongitude = position?.Longitude;
        CheckInAccuracyMeters = position?.AccuracyMeters;
        CheckInMetersFromSite = position is not null && site is { } s ? Math.Round(position.MetersTo(s.Latitude, s.Longitude)) : null;
    }

    internal void CheckOut(DateTimeOffset at, GeoPosition? position, string? unfinishedReason)
    {
        CheckedOutAt = at;
        CheckOutLatitude = position?.Latitude;
        CheckOutLongitude = position?.Longitude;
        CheckOutAccuracyMeters = position?.AccuracyMeters;
        LeftUnfinishedReason = unfinishedReason;
    }

    internal void RecordPresent(RequiredPresence present, string? others)
    {
        Present = present;
        PresentOthers = Guard.Optional(others);
    }

    internal void MarkContactDetailsSent(DateTimeOffset at) => ContactDetailsSentAt = at;

    internal Measurement AddMeasurement(string name, decimal value, MeasurementUnit unit, int? itemId, string? note, DateTimeOffset at, int staffId)
    {
        var measurement = new Measurement(this, name, value, unit, itemId, note, at, staffId);
        _measurements.Add(measurement);
        return measurement;
    }

    internal void RemoveMeasurement(int measurementId)
    {
        var measurement = _measurements.SingleOrDefault(m => m.Id == measurementId) ?? throw new NotFoundException();
        _measurements.Remove(measurement);
    }

    internal CommissioningTest AddTest(WorkOrderItem item, int attempt, bool leakTestPassed, bool connectionTestPassed, string? notes,
        DateTimeOffset at, int staffId)
    {
        var test = new CommissioningTest(this, item.Id, attempt, leakTestPassed, connectionTestPassed, notes, at, staffId);
        _tests.Add(test);
        return test;
    }
}

/// <summary>Units a measurement may be given in (VIS-4): a number and one of these, never "about".</summary>
public enum MeasurementUnit
{
    Millimetre,
    Centimetre,
    Metre,
    SquareMetre,
    Litre,
    Bar,
    Celsius,
    Volt,
    Kilogram,
}

/// <summary>One named dimension taken on site, e.g. "水槽柜内宽" 780 mm (VIS-4).</summary>
public class Measurement : Entity
{
    public const int MaxNameLength = 100;

    private Measurement() { }

    internal Measurement(Visit visit, string name, decimal value, MeasurementUnit unit, int? itemId, string? note, DateTimeOffset at, int staffId)
    {
        Name = Guard.Required(name, nameof(Name));
        if (Name.Length > MaxNameLength) throw new DomainException("TextTooLong", MaxNameLength) { Field = nameof(Name) };
        if (value <= 0) throw new DomainException("MeasurementMustBePositive") { Field = nameof(Value) };
        Visit = visit;
        Value = value;
        Unit = unit;
        WorkOrderItemId = itemId;
        Note = Guard.Optional(note);
        At = at;
        StaffId = staffId;
    }

    public int VisitId { get; private set; }
    public Visit Visit { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public decimal Value { get; private set; }
    public MeasurementUnit Unit { get; private set; }
    /// <summary>The product of the job the dimension is for, if any.</summary>
    public int? WorkOrderItemId { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int StaffId { get; private set; }
}

/// <summary>
/// One commissioning attempt of an installed product in front of the customer (VIS-5): leak test and connection
/// test. A failed attempt stays on record; the product passes when its latest attempt passed.
/// </summary>
public class CommissioningTest : Entity
{
    private CommissioningTest() { }

    internal CommissioningTest(Visit visit, int itemId, int attempt, bool leakTestPassed, bool connectionTestPassed, string? notes,
        DateTimeOffset at, int staffId)
    {
        if (!(leakTestPassed && connectionTestPassed) && string.IsNullOrWhiteSpace(notes))
            throw new DomainException("FailedTestNeedsNotes") { Field = nameof(Notes) };
        Visit = visit;
        WorkOrderItemId = itemId;
        Attempt = attempt;
        LeakTestPassed = leakTestPassed;
        ConnectionTestPassed = connectionTestPassed;
        Notes = Guard.Optional(notes);
        At = at;
        StaffId = staffId;
    }

    public int VisitId { get; private set; }
    public Visit Visit { get; private set; } = null!;
    public int WorkOrderItemId { get; private set; }
    /// <summary>1 for the first test of the product on this job, 2 for the retest …</summary>
    public int Attempt { get; private set; }
    public bool LeakTestPassed { get; private set; }
    public bool ConnectionTestPassed { get; private set; }
    public bool Passed => LeakTestPassed && ConnectionTestPassed;
    /// <summary>What failed and what was fixed before the retest.</summary>
    public string? Notes { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int StaffId { get; private set; }
}
