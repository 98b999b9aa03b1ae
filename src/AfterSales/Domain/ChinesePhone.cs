using PhoneNumbers;

namespace AfterSales.Domain;

/// <summary>Phone numbers as people type them: spaces, dashes, +86, landlines with area codes.</summary>
public static class ChinesePhone
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>A valid Chinese mobile number in national form, or a <see cref="DomainException"/> on <paramref name="field"/>.</summary>
    public static string NormalizeMobile(string input, string field)
    {
        var number = Parse(input, field);
        if (Util.GetNumberType(number) is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
            throw new DomainException("NotAMobileNumber", input) { Field = field };
        return number.NationalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Any valid Chinese number (mobile or landline), formatted as it is dialled inside China.</summary>
    public static string Normalize(string input, string field)
    {
        var number = Parse(input, field);
        return Util.Format(number, PhoneNumberFormat.NATIONAL).Replace(" ", "");
    }

    /// <summary>Digits only, for matching what someone typed at log-in against stored numbers.</summary>
    public static string? TryNormalizeMobile(string input)
    {
        try { return NormalizeMobile(input, ""); }
        catch (DomainException) { return null; }
    }

    private static PhoneNumber Parse(string input, string field)
    {
        if (string.IsNullOrWhiteSpace(input))
            throw new DomainException("Required") { Field = field };
        try
        {
            var number = Util.Parse(input, "CN");
            if (!Util.IsValidNumber(number))
                throw new DomainException("InvalidPhoneNumber", input) { Field = field };
            return number;
        }
        catch (NumberParseException)
        {
            throw new DomainException("InvalidPhoneNumber", input) { Field = field };
        }
    }
}
