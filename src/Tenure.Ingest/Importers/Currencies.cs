namespace Tenure.Ingest.Importers;

/// <summary>
/// The ISO 4217 currency codes an export's amounts may be in. Tenure sums amounts as given and never
/// converts, so a currency it cannot name (a typo, a code that is no currency) is refused rather than
/// added to the others.
/// </summary>
internal static class Currencies
{
    // ISO 4217 active codes (list one, 2024), plus the fund and precious-metal codes banks export.
    private static readonly HashSet<string> Codes = new(
        """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN
        BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
        FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
        KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV
        MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG
        SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN
        UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG ZWL
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The code in upper case ("usd" -> "USD"), or null when it is not an ISO 4217 currency.</summary>
    public static string? Normalise(ReadOnlySpan<char> code)
    {
        var text = code.Trim().ToString();
        return Codes.Contains(text) ? text.ToUpperInvariant() : null;
    }

    /// <summary>The message for a code that is not a currency.</summary>
    public static string Unmapped(string shown) =>
        $"unmapped currency '{shown}': not an ISO 4217 currency code (e.g. usd, EUR); Tenure never converts amounts, so it only takes codes it can name";
}
