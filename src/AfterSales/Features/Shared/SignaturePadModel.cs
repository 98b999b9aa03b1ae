namespace AfterSales.Features.Shared;

/// <summary>
/// What the _SignaturePad partial needs: the form field that receives the PNG data URL, an id for the canvas, and
/// the texts of its label and its clear button. The drawing is done by wwwroot/js/signature.js (signature_pad 5.1.4).
/// </summary>
public sealed record SignaturePadModel(string FieldName, string Id, string Label, string ClearText);
