namespace AfterSales.Domain;

/// <summary>
/// A broken business rule. <see cref="Code"/> names a message in the Errors resources so the user
/// reads it in their own language; <see cref="Arguments"/> fill its placeholders.
/// </summary>
public class DomainException(string code, params object[] arguments) : Exception(code)
{
    public string Code { get; } = code;

    public object[] Arguments { get; } = arguments;

    /// <summary>The input field the rule is about, when there is one, so a page can show the message beside it.</summary>
    public string? Field { get; init; }
}

/// <summary>The record does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string code = "NotFound") : DomainException(code);

/// <summary>The record changed since the caller read it, or its state does not allow what was asked.</summary>
public class ConflictException(string code = "ConcurrentEdit", params object[] arguments) : DomainException(code, arguments);

/// <summary>An argument of a message that is itself a text to translate (a state, a verb): its key in ErrorText.</summary>
public sealed record LocalizedArgument(string Key);

/// <summary>The caller may see the record but not do this to it.</summary>
public sealed class ForbiddenException(string code = "Forbidden", params object[] arguments) : DomainException(code, arguments);
