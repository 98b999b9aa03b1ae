using AfterSales.Domain.Records;

namespace AfterSales.Features.Records;

/// <summary>What the customer fills in to sign, on the technician's phone or through the link (REC-2).</summary>
public sealed class SignInputModel
{
    public string? Signature { get; set; }
    public string? SignerName { get; set; }
    public SignerRole SignerRole { get; set; }
    public int? Score { get; set; }
    public string? Comments { get; set; }

    public SignInput ToInput() => new(Signature, SignerName, SignerRole, Score, Comments);
}

public sealed record SignFormModel(SignInputModel Input, bool WithSurvey);
