namespace AfterSales.Domain.WorkOrders;

/// <summary>
/// A photo taken on site (VIS-3), already made smaller on the phone. Stored in the database with the job so a
/// backup holds everything; the size limit keeps that reasonable.
/// </summary>
public class VisitPhoto : Entity
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxCaptionLength = 200;
    public static readonly string[] ContentTypes = ["image/jpeg", "image/png", "image/webp"];

    private VisitPhoto() { }

    public VisitPhoto(WorkOrder workOrder, byte[] content, string contentType, string? caption, DateTimeOffset takenAt, int staffId)
    {
        var visit = workOrder.CurrentVisit;
        if (visit is null || workOrder.State is not (WorkOrderState.OnSite or WorkOrderState.Completed) || visit.IsOver)
            throw new IllegalTransitionException("AttachPhoto", workOrder.State);
        if (content.Length == 0) throw new DomainException("Required") { Field = "Photo" };
        if (content.Length > MaxBytes) throw new DomainException("PhotoTooLarge", MaxBytes / 1024 / 1024) { Field = "Photo" };
        if (!ContentTypes.Contains(contentType) || !LooksLike(content, contentType))
            throw new DomainException("PhotoTypeNotAllowed") { Field = "Photo" };
        caption = Guard.Optional(caption);
        if (caption?.Length > MaxCaptionLength) throw new DomainException("TextTooLong", MaxCaptionLength) { Field = "Caption" };
        WorkOrderId = workOrder.Id;
        VisitId = visit.Id;
        Content = content;
        ContentType = contentType;
        Caption = caption;
        TakenAt = takenAt;
        StaffId = staffId;
    }

    public int WorkOrderId { get; private set; }
    public int VisitId { get; private set; }
    public byte[] Content { get; private set; } = [];
    public string ContentType { get; private set; } = "";
    public string? Caption { get; private set; }
    public DateTimeOffset TakenAt { get; private set; }
    public int StaffId { get; private set; }

    /// <summary>The bytes must be the image the type claims: a renamed file of another kind is refused.</summary>
    private static bool LooksLike(byte[] c, string type) => type switch
    {
        "image/jpeg" => c.Length > 3 && c[0] == 0xFF && c[1] == 0xD8 && c[2] == 0xFF,
        "image/png" => c.Length > 8 && c[0] == 0x89 && c[1] == 0x50 && c[2] == 0x4E && c[3] == 0x47,
        "image/webp" => c.Length > 12 && c[0] == 'R' && c[1] == 'I' && c[2] == 'F' && c[3] == 'F' && c[8] == 'W' && c[9] == 'E' && c[10] == 'B' && c[11] == 'P',
        _ => false,
    };
}
